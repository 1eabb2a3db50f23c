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

/**
 * Spark MLlib StreamingKMeansModel.update, written independently: assign each point to the nearest current
 * center; discount = a (timeUnit 'batches') or a^m (timeUnit 'points'); every weight n ← n·discount; for
 * each center with m > 0 points: n' = n + m, λ = m / max(n', 1e-16), c ← (1 − λ)c + (λ/m)·Σx; then when
 * the smallest weight < 1e-8 × the largest, both become (max + min)/2 and the centers x ± 1e-14·max(|x|, 1)
 * of the largest one.
 */
function sparkUpdate(
  centers: number[][],
  weights: number[],
  batch: number[][],
  a: number,
  timeUnit: 'batches' | 'points',
): { centers: number[][]; weights: number[] } {
  const k = centers.length;
  const dim = centers[0].length;
  const c = centers.map((v) => [...v]);
  const n = [...weights];
  const sum = Array.from({ length: k }, () => new Array<number>(dim).fill(0));
  const m = new Array<number>(k).fill(0);
  for (const x of batch) {
    let best = -1;
    let bestD = Infinity;
    c.forEach((ci, i) => {
      const d = ci.reduce((s, v, j) => s + (v - x[j]) ** 2, 0);
      if (d < bestD) [best, bestD] = [i, d];
    });
    m[best] += 1;
    x.forEach((v, j) => (sum[best][j] += v));
  }
  const discount = timeUnit === 'batches' ? a : Math.pow(a, batch.length);
  for (let i = 0; i < k; i++) n[i] *= discount;
  for (let i = 0; i < k; i++) {
    if (m[i] === 0) continue;
    const updated = n[i] + m[i];
    const lambda = m[i] / Math.max(updated, 1e-16);
    n[i] = updated;
    c[i] = c[i].map((v, j) => (1 - lambda) * v + (lambda / m[i]) * sum[i][j]);
  }
  let [maxW, largest, minW, smallest] = [n[0], 0, n[0], 0];
  n.forEach((w, i) => {
    if (w > maxW) [maxW, largest] = [w, i];
    if (w < minW) [minW, smallest] = [w, i];
  });
  if (minW < 1e-8 * maxW) {
    n[largest] = n[smallest] = (maxW + minW) / 2;
    const src = [...c[largest]];
    c[largest] = src.map((x) => x + 1e-14 * Math.max(Math.abs(x), 1));
    c[smallest] = src.map((x) => x - 1e-14 * Math.max(Math.abs(x), 1));
  }
  return { centers: c, weights: n };
}

describe('StreamingKMeans against Spark MLlib StreamingKMeansModel.update', () => {
  const start = new KMeansModel(
    { featureCols: ['x', 'y'], k: 3 },
    {
      featureCols: ['x', 'y'],
      centers: [
        [0, 0],
        [5, 5],
        [-4, 6],
      ],
      weights: [10, 30, 5],
    },
  );
  const batches = (seed: number, count: number, size: number): number[][][] => {
    const u = mulberry32(seed);
    const g = gaussian(u);
    const truth = [
      [1, -1],
      [6, 4],
      [-3, 7],
    ];
    return Array.from({ length: count }, (_, b) =>
      Array.from({ length: size + (b % 3) * 7 }, () => {
        const t = truth[Math.floor(u() * 3)];
        return [t[0] + 0.2 * b + g(), t[1] - 0.1 * b + g()];
      }),
    );
  };
  const close = (got: { centers: number[][]; weights: number[] }, want: typeof got): void => {
    got.centers.forEach((c, i) =>
      c.forEach((v, j) => expect(Math.abs(v - want.centers[i][j])).toBeLessThan(1e-9)),
    );
    got.weights.forEach((w, i) =>
      expect(Math.abs(w - want.weights[i])).toBeLessThan(1e-9 * Math.max(1, want.weights[i])),
    );
  };

  it.each([
    ['batches', 0.6],
    ['points', 0.995],
  ] as const)('equal centers and weights after seeded mini-batches (timeUnit %s)', (timeUnit, a) => {
    let ref = { centers: start.data.centers, weights: start.data.weights };
    let data = start.data;
    for (const batch of batches(3, 12, 40)) {
      ref = sparkUpdate(ref.centers, ref.weights, batch, a, timeUnit);
      data = streamingKMeansUpdate(data, batch, timeUnit === 'batches' ? a : a ** batch.length);
      close(data, ref);
    }
  });

  it('the operator (halfLife, timeUnit points) equals the reference batch by batch', async () => {
    const all = batches(9, 1, 600)[0];
    const env = new StreamExecutionEnvironment();
    const versions = await streamingKMeans(env.fromCollection<Row>(all.map(([x, y]) => ({ x, y }))), {
      initialModel: start,
      batchSize: 100,
      halfLife: 250,
      timeUnit: 'points',
    }).executeAndCollect();
    expect(versions).toHaveLength(6);
    let ref = { centers: start.data.centers, weights: start.data.weights };
    const a = Math.exp(Math.log(0.5) / 250);
    for (let b = 0; b < 6; b++) {
      ref = sparkUpdate(ref.centers, ref.weights, all.slice(b * 100, b * 100 + 100), a, 'points');
      close((versions[b].model as KMeansModel).data, ref);
    }
  });

  it('splits a dying cluster off the largest one, as Spark does', () => {
    // center 2 (far away) gets no points; with decay 0.01 per batch its weight falls below 1e-8 × the largest
    const init = { featureCols: ['x'], centers: [[0], [10], [1000]], weights: [5, 5, 1] };
    let ref = { centers: init.centers, weights: init.weights };
    let data = init;
    let split = false;
    for (let b = 0; b < 6; b++) {
      const batch = [[0.5 + b], [9 + b], [11], [0]];
      ref = sparkUpdate(ref.centers, ref.weights, batch, 0.01, 'batches');
      data = streamingKMeansUpdate(data, batch, 0.01);
      close(data, ref);
      split ||= data.centers[2][0] < 100;
    }
    expect(split).toBe(true);
    expect(Math.min(...data.weights)).toBeGreaterThan(1e-8 * Math.max(...data.weights));
  });
});
