import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ModelRegistry } from '../../../../src/ml/registry/model-registry.ts';
import { dataFingerprint } from '../../../../src/ml/registry/fingerprint.ts';
import { LogisticRegression } from '../../../../src/ml/linear/logistic-regression.ts';
import { KMeans } from '../../../../src/ml/clustering/kmeans.ts';
import { MultilayerPerceptronClassifier } from '../../../../src/ml/classification/multilayer-perceptron.ts';
import { gaussian, mulberry32 } from '../linear/helpers.ts';

const g = gaussian(mulberry32(17));
const rows = Array.from({ length: 120 }, (_, i) => {
  const y = i % 2;
  return { a: g() + 2 * y, b: g() - y, y };
});

describe('ModelRegistry', () => {
  it('saves versions with metrics/params/fingerprint, loads them to identical predictions, compares and deletes', async () => {
    const reg = await ModelRegistry.open('registry-test-1');
    const m1 = await new LogisticRegression({ featureCols: ['a', 'b'], labelCol: 'y' }).fit(rows);
    const m2 = await new LogisticRegression({ featureCols: ['a', 'b'], labelCol: 'y', l2: 1 }).fit(rows);
    const fp = dataFingerprint(rows);
    expect(fp).toMatch(/^rows=120;cols=a,b,y;fnv1a=[0-9a-f]{8}$/);
    expect(dataFingerprint(rows)).toBe(fp);
    const s1 = await reg.save('lr', m1, { metrics: { auc: 0.9 }, fingerprint: fp });
    const s2 = await reg.save('lr', m2, { metrics: { auc: 0.88 }, fingerprint: fp });
    expect([s1.version, s2.version]).toEqual([1, 2]);
    expect((await reg.list('lr')).map((s) => [s.version, s.kind, s.metrics.auc, s.fingerprint])).toEqual([
      [1, 'LogisticRegressionModel', 0.9, fp],
      [2, 'LogisticRegressionModel', 0.88, fp],
    ]);
    expect(await (await reg.load('lr', 1)).transform(rows)).toEqual(await m1.transform(rows));
    expect(await (await reg.load('lr')).transform(rows)).toEqual(await m2.transform(rows));
    expect(await reg.compare('lr', 1, 2)).toEqual({ metrics: { auc: [0.9, 0.88] }, changedParams: ['l2'] });
    await reg.delete('lr', 1);
    expect((await reg.list('lr')).map((s) => s.version)).toEqual([2]);
    await expect(reg.load('lr', 1)).rejects.toThrow(/no model "lr" version 1; saved versions: \[2\]/);
    reg.close();
  });

  it('exports and imports cluster and MLP models (model.json + weights) to identical predictions', async () => {
    const reg = await ModelRegistry.open('registry-test-2');
    const km = await new KMeans({ featureCols: ['a', 'b'], k: 2, randomSeed: 1 }).fit(rows);
    const mlp = await new MultilayerPerceptronClassifier({
      featureCols: ['a', 'b'],
      labelCol: 'y',
      layers: [4],
      maxIter: 3,
      seed: 2,
    }).fit(rows);
    await reg.save('km', km);
    await reg.save('mlp', mlp);
    for (const name of ['km', 'mlp']) {
      const text = await reg.exportModel(name);
      const imported = await reg.importModel(text, `${name}-copy`);
      expect(imported.version).toBe(1);
      const original = await reg.load(name);
      expect(await (await reg.load(`${name}-copy`)).transform(rows)).toEqual(await original.transform(rows));
    }
    expect(JSON.parse(await reg.exportModel('mlp')).entry.model.data.modelTopology).toBeTypeOf('object');
    reg.close();
  });

  it('rejects malformed files and other format versions with a clear message', async () => {
    const reg = await ModelRegistry.open('registry-test-3');
    await expect(reg.importModel('{not json')).rejects.toThrow(/not JSON/);
    await expect(reg.importModel('{"format":"something-else"}')).rejects.toThrow(
      /not a Rivulet model export/,
    );
    const km = await new KMeans({ featureCols: ['a', 'b'], k: 2 }).fit(rows);
    await reg.save('km', km);
    const file = JSON.parse(await reg.exportModel('km'));
    await expect(reg.importModel(JSON.stringify({ ...file, formatVersion: 99 }))).rejects.toThrow(
      /version 99 is not supported/,
    );
    file.entry.model.version = 7;
    await expect(reg.importModel(JSON.stringify(file))).rejects.toThrow(/version 7 is not supported/);
    reg.close();
  });
});
