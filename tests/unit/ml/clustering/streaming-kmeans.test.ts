import { describe, expect, it } from 'vitest';
import { StreamExecutionEnvironment } from '../../../../src/engine/index.ts';
import { KMeansModel } from '../../../../src/ml/clustering/kmeans.ts';
import { streamingKMeans, streamingKMeansUpdate } from '../../../../src/ml/clustering/streaming-kmeans.ts';
import type { Row } from '../../../../src/ml/pipeline/data.ts';
import { gaussian, mulberry32 } from '../linear/helpers.ts';

const initial = new KMeansModel(
  { featureCols: ['x'], k: 2 },
  { featureCols: ['x'], centers: [[0], [10]], weights: [2, 2] },
);

describe('StreamingKMeans', () => {
  it('one decayed update as by hand', () => {
    // points 1, 3 → center 0 (m = 2, sum 4); 12 → center 10 (m = 1). discount 0.5: old weight 2·0.5 = 1
    // center 0: (0·1 + 4)/(1 + 2) = 4/3, weight 3; center 10: (10·1 + 12)/(1 + 1) = 11, weight 2
    const next = streamingKMeansUpdate(initial.data, [[1], [3], [12]], 0.5);
    expect(next.centers[0][0]).toBeCloseTo(4 / 3, 12);
    expect(next.centers[1][0]).toBe(11);
    expect(next.weights).toEqual([3, 2]);
  });

  it('tracks centers that drift on a stream, emitting one version per batch', async () => {
    const g = gaussian(mulberry32(8));
    const rows: Row[] = Array.from({ length: 4000 }, (_, i) => {
      const shift = i < 2000 ? 0 : 5; // both true centers move by +5 halfway
      return { x: (i % 2 === 0 ? 2 : 20) + shift + 0.3 * g() };
    });
    const env = new StreamExecutionEnvironment();
    const versions = await streamingKMeans(env.fromCollection(rows), {
      initialModel: initial,
      batchSize: 200,
      halfLife: 1,
    }).executeAndCollect();
    expect(versions.map((v) => v.modelVersion)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const mid = (versions[9].model as KMeansModel).data.centers.map((c) => c[0]);
    const end = (versions[19].model as KMeansModel).data.centers.map((c) => c[0]);
    expect(Math.abs(mid[0] - 2)).toBeLessThan(0.1);
    expect(Math.abs(mid[1] - 20)).toBeLessThan(0.1);
    expect(Math.abs(end[0] - 7)).toBeLessThan(0.1);
    expect(Math.abs(end[1] - 25)).toBeLessThan(0.1);
  });
});
