/**
 * Clustering metrics: silhouette, SSE (inertia), adjusted Rand index.
 */

function dist(x: ArrayLike<number>, a: number, b: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += (x[a * d + j] - x[b * d + j]) ** 2;
  return Math.sqrt(s);
}

/**
 * Mean silhouette over points, Euclidean distance; a point alone in its cluster scores 0 (as scikit-learn).
 * `points` is row-major with `dim` columns.
 *
 * @example silhouette([0, 1, 10, 11], 1, [0, 0, 1, 1])
 */
export function silhouette(points: ArrayLike<number>, dim: number, assignment: ArrayLike<number>): number {
  const n = assignment.length;
  if (points.length !== n * dim)
    throw new Error(`silhouette: ${points.length} values for ${n} points of dim ${dim}.`);
  const clusters = [...new Set(Array.from(assignment))];
  if (clusters.length < 2 || clusters.length > n - 1) {
    throw new Error(`silhouette: needs 2..n-1 clusters, got ${clusters.length} for ${n} points.`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sum = new Map<number, number>();
    const cnt = new Map<number, number>();
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const c = assignment[j];
      sum.set(c, (sum.get(c) ?? 0) + dist(points, i, j, dim));
      cnt.set(c, (cnt.get(c) ?? 0) + 1);
    }
    const own = assignment[i];
    if (!cnt.get(own)) continue; // singleton: s = 0
    const a = sum.get(own)! / cnt.get(own)!;
    let b = Infinity;
    for (const [c, s] of sum) if (c !== own) b = Math.min(b, s / cnt.get(c)!);
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

/**
 * Sum of squared distances of points to their centers (inertia). `centers` is row-major with `dim` columns.
 *
 * @example sse([0, 2], 1, [0, 0], [1]) // 2
 */
export function sse(
  points: ArrayLike<number>,
  dim: number,
  assignment: ArrayLike<number>,
  centers: ArrayLike<number>,
): number {
  let s = 0;
  for (let i = 0; i < assignment.length; i++) {
    const c = assignment[i];
    for (let j = 0; j < dim; j++) s += (points[i * dim + j] - centers[c * dim + j]) ** 2;
  }
  return s;
}

const pairs = (m: number) => (m * (m - 1)) / 2;

/**
 * Adjusted Rand index of two labelings (1 = identical partitions, ~0 = chance).
 *
 * @example adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]) // 1
 */
export function adjustedRandIndex(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  const n = a.length;
  if (n !== b.length) throw new Error(`adjustedRandIndex: labelings of ${n} and ${b.length} points.`);
  const joint = new Map<string, number>();
  const ca = new Map<unknown, number>();
  const cb = new Map<unknown, number>();
  for (let i = 0; i < n; i++) {
    const key = JSON.stringify([a[i], b[i]]);
    joint.set(key, (joint.get(key) ?? 0) + 1);
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const v of joint.values()) index += pairs(v);
  let sa = 0;
  let sb = 0;
  for (const v of ca.values()) sa += pairs(v);
  for (const v of cb.values()) sb += pairs(v);
  const expected = (sa * sb) / pairs(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
