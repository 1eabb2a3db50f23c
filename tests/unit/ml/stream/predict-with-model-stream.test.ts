import { describe, expect, it } from 'vitest';
import { StreamExecutionEnvironment, type SourceContext } from '../../../../src/engine/index.ts';
import { LinearRegressionModel } from '../../../../src/ml/linear/linear-regression.ts';
import {
  predictWithModelStream,
  type ModelVersion,
} from '../../../../src/ml/stream/predict-with-model-stream.ts';
import type { Row } from '../../../../src/ml/pipeline/data.ts';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));
const linear = (coef: number): LinearRegressionModel =>
  new LinearRegressionModel(
    { featureCols: ['x'], labelCol: 'y' },
    { featureCols: ['x'], coefficients: [coef], intercept: 0 },
  );

describe('predictWithModelStream', () => {
  it('swaps to a new model version mid-stream, drops no rows, and tags each prediction with its version', async () => {
    const env = new StreamExecutionEnvironment();
    let emitted = 0;
    const rows = env.addSource<Row>({
      async run(ctx: SourceContext<Row>) {
        for (let i = 0; i < 2000; i++) {
          ctx.collect({ id: i, x: 1 });
          emitted++;
          if (i % 100 === 99) await tick();
        }
      },
      cancel() {},
    });
    const models = env.addSource<ModelVersion>({
      async run(ctx: SourceContext<ModelVersion>) {
        ctx.collect({ modelVersion: 1, model: linear(2) });
        while (emitted < 800) await tick();
        // the second version crosses as JSON, as it would from a worker
        ctx.collect({ modelVersion: 2, model: linear(3).toJSON() });
      },
      cancel() {},
    });
    const out = await predictWithModelStream(rows, models).executeAndCollect();
    expect(out.map((r) => r.id).sort((a, b) => (a as number) - (b as number))).toEqual(
      Array.from({ length: 2000 }, (_, i) => i),
    );
    // x = 1, so the prediction is the version's coefficient: 2 for version 1, 3 for version 2
    for (const r of out) expect(r.prediction).toBe(r.modelVersion === 1 ? 2 : 3);
    const versions = out.map((r) => r.modelVersion as number);
    expect(versions.some((v) => v === 1) && versions.some((v) => v === 2)).toBe(true);
    const swap = versions.indexOf(2);
    expect(versions.slice(swap).every((v) => v === 2)).toBe(true);
  });

  it('fails naming the fix when rows arrive and no model ever does', async () => {
    const env = new StreamExecutionEnvironment();
    const models = env.fromElements<ModelVersion>({ modelVersion: 0, model: linear(1) }).filter(() => false);
    await expect(
      predictWithModelStream(env.fromElements<Row>({ x: 1 }), models).executeAndCollect(),
    ).rejects.toThrow(/no model ever did/);
  });
});
