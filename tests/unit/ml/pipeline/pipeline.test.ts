import { describe, expect, it } from 'vitest';
import { from } from 'arquero';
import { StreamExecutionEnvironment } from '../../../../src/engine/index.ts';
import {
  Estimator,
  Model,
  Pipeline,
  PipelineModel,
  outputRow,
  streamFromTable,
  tableFromStream,
  toFeatureMatrix,
  type MlData,
  type Row,
} from '../../../../src/ml/index.ts';

// A tiny estimator: learns the mean of one column and subtracts it.
class CenterModel extends Model<{ col: string }> {
  readonly kind = 'TestCenterModel';
  constructor(
    params: { col: string },
    readonly mean: number,
  ) {
    super(params);
  }
  predictRow(row: Row): Row {
    return outputRow(row, { [this.params.col]: (row[this.params.col] as number) - this.mean });
  }
  protected modelData(): unknown {
    return { mean: this.mean };
  }
}
Model.register('TestCenterModel', (j) => new CenterModel(j.params as { col: string }, (j.data as any).mean));
class Center extends Estimator<{ col: string }, CenterModel> {
  async fit(data: MlData): Promise<CenterModel> {
    const m = toFeatureMatrix(data, [this.params.col], 'Center.fit');
    return new CenterModel(this.params, m.values.reduce((a, b) => a + b, 0) / m.rows);
  }
}

const rows: Row[] = [{ x: 1 }, { x: 2 }, { x: 6 }];

describe('Pipeline', () => {
  it('fits stages in order on the output of the previous ones', async () => {
    // mean 3 → [-2,-1,3]; second mean (0) → same values
    const model = await new Pipeline([new Center({ col: 'x' }), new Center({ col: 'x' })]).fit(rows);
    expect(model.stages.map((s) => (s as CenterModel).mean)).toEqual([3, 0]);
    expect(await model.transform(rows)).toEqual([{ x: -2 }, { x: -1 }, { x: 3 }]);
    const t = await model.transform(from(rows));
    expect(t.array('x')).toEqual([-2, -1, 3]);
  });
  it('round-trips through JSON and rejects bad files', async () => {
    const model = await new Pipeline([new Center({ col: 'x' })]).fit(rows);
    const again = Model.fromJSON(JSON.stringify(model.toJSON()));
    expect(again).toBeInstanceOf(PipelineModel);
    expect(again.predictRow({ x: 5 })).toEqual({ x: 2 });
    expect(() => Model.fromJSON('{')).toThrow(/not JSON/);
    expect(() => Model.fromJSON({ ...model.toJSON(), version: 99 })).toThrow(/version 99 is not supported/);
    expect(() => Model.fromJSON({ ...model.toJSON(), kind: 'Nope' })).toThrow(/unknown model kind 'Nope'/);
  });
  it('transforms a stream and converts streams and tables', async () => {
    const model = await new Center({ col: 'x' }).fit(rows);
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await tableFromStream(model.transformStream(streamFromTable(env, from(rows))));
    expect(out.array('x')).toEqual([-2, -1, 3]);
  });
});
