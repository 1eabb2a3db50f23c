import 'fake-indexeddb/auto';
import { from } from 'arquero';
import { describe, expect, it } from 'vitest';
import { Pipeline, PipelineModel } from '../../../../src/ml/pipeline/pipeline.ts';
import { Imputer } from '../../../../src/ml/feature/imputer.ts';
import { LogisticRegression } from '../../../../src/ml/linear/logistic-regression.ts';
import { ModelRegistry } from '../../../../src/ml/registry/model-registry.ts';
import { gaussian, mulberry32 } from '../linear/helpers.ts';

const g = gaussian(mulberry32(41));
const rows: Record<string, unknown>[] = Array.from({ length: 100 }, (_, i) => {
  const y = i % 2 ? 'pos' : 'neg';
  return { a: i % 10 === 0 ? null : g() + (y === 'pos' ? 2 : 0), b: g(), y };
});

describe('Pipeline with LogisticRegression, saved in the registry', () => {
  it('fits Imputer → LogisticRegression on rows and on an arquero table, and round-trips through the registry', async () => {
    const pipeline = new Pipeline([
      new Imputer({ selectedCols: ['a'] }),
      new LogisticRegression({ featureCols: ['a', 'b'], labelCol: 'y' }),
    ]);
    const model = await pipeline.fit(rows);
    const out = await model.transform(rows);
    expect(out.filter((r) => r.prediction === r.y).length).toBeGreaterThan(75);
    const table = await model.transform(from(rows));
    expect(table.array('prediction')).toEqual(out.map((r) => r.prediction));
    const reg = await ModelRegistry.open('pipeline-registry-test');
    await reg.save('pipe', model, { metrics: { accuracy: 0.8 } });
    const back = await reg.load('pipe');
    expect(back).toBeInstanceOf(PipelineModel);
    expect(await back.transform(rows)).toEqual(out);
    reg.close();
  });

  it('without an Imputer, a missing feature fails naming the column and row', async () => {
    await expect(
      new LogisticRegression({ featureCols: ['a', 'b'], labelCol: 'y' }).fit(rows),
    ).rejects.toThrow(/'a'|"a"/);
  });
});
