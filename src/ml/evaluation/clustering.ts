/**
 * Clustering metrics: silhouette, SSE (inertia), Calinski-Harabasz, Davies-Bouldin (from the points), and
 * adjusted Rand index, normalized mutual information, purity (against reference labels). Euclidean distance.
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

/** Cluster sizes and centroids (row-major, in first-seen cluster order) after checking the input. */
function centroids(
  name: string,
  points: ArrayLike<number>,
  dim: number,
  assignment: ArrayLike<number>,
): { of: Int32Array; sizes: number[]; centers: Float64Array } {
  const n = assignment.length;
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`${name}: dim is ${dim}; give the number of columns (≥ 1).`);
  if (points.length !== n * dim) {
    throw new Error(
      `${name}: ${points.length} values for ${n} assignments of dim ${dim} (expected ${n * dim}); give one ` +
        'cluster per point and the points row-major.',
    );
  }
  const slot = new Map<number, number>();
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = slot.get(assignment[i]);
    if (s === undefined) slot.set(assignment[i], (s = slot.size));
    of[i] = s;
  }
  const k = slot.size;
  if (k < 2 || k > n - 1) {
    throw new Error(
      `${name}: needs 2..n-1 clusters, got ${k} for ${n} points; assign the points to at least 2 clusters, ` +
        'fewer than the points (as scikit-learn).',
    );
  }
  const sizes = new Array<number>(k).fill(0);
  const centers = new Float64Array(k * dim);
  for (let i = 0; i < n; i++) {
    sizes[of[i]]++;
    for (let j = 0; j < dim; j++) {
      const v = points[i * dim + j];
      if (!Number.isFinite(v)) throw new Error(`${name}: point ${i} column ${j} is ${v}, not finite.`);
      centers[of[i] * dim + j] += v;
    }
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < dim; j++) centers[c * dim + j] /= sizes[c];
  return { of, sizes, centers };
}

/**
 * Calinski-Harabasz index (variance ratio criterion) as scikit-learn's calinski_harabasz_score:
 * [SSB/(k − 1)] / [SSW/(n − k)], SSB = Σ_c n_c‖μ_c − μ‖², SSW = Σᵢ‖xᵢ − μ_{c(i)}‖² (k clusters, n points,
 * μ the overall mean); 1 when SSW = 0 (scikit-learn's convention). Alink's VRC is the same formula. Higher is
 * better. Needs 2..n−1 clusters. `points` is row-major with `dim` columns; cluster ids are any numbers.
 *
 * @example calinskiHarabasz([0, 1, 10, 11], 1, [0, 0, 1, 1]) // SSB 100, SSW 1: 100·2/1 = 200
 */
export function calinskiHarabasz(
  points: ArrayLike<number>,
  dim: number,
  assignment: ArrayLike<number>,
): number {
  const { of, sizes, centers } = centroids('calinskiHarabasz', points, dim, assignment);
  const n = assignment.length;
  const k = sizes.length;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += points[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= n;
  let ssb = 0;
  for (let c = 0; c < k; c++) {
    let d = 0;
    for (let j = 0; j < dim; j++) d += (centers[c * dim + j] - mean[j]) ** 2;
    ssb += sizes[c] * d;
  }
  let ssw = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dim; j++) ssw += (points[i * dim + j] - centers[of[i] * dim + j]) ** 2;
  return ssw === 0 ? 1 : (ssb * (n - k)) / (ssw * (k - 1));
}

/**
 * Davies-Bouldin index as scikit-learn's davies_bouldin_score: (1/k) Σ_c max_{c'≠c} (s_c + s_c')/d(μ_c, μ_c'),
 * s_c the mean Euclidean distance of cluster c's points to its centroid μ_c. Alink's DB is the same formula. A
 * pair of coincident centroids is skipped (scikit-learn sets that distance to ∞), and the index is 0 when all
 * s_c or all centroid distances are within 1e-8 of 0 (scikit-learn's allclose). Lower is better. Needs
 * 2..n−1 clusters.
 *
 * @example daviesBouldin([0, 1, 10, 11], 1, [0, 0, 1, 1]) // s = 0.5, 0.5; d = 10 → 0.1
 */
export function daviesBouldin(points: ArrayLike<number>, dim: number, assignment: ArrayLike<number>): number {
  const { of, sizes, centers } = centroids('daviesBouldin', points, dim, assignment);
  const n = assignment.length;
  const k = sizes.length;
  const spread = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let j = 0; j < dim; j++) d += (points[i * dim + j] - centers[of[i] * dim + j]) ** 2;
    spread[of[i]] += Math.sqrt(d) / sizes[of[i]];
  }
  const between = (a: number, b: number): number => {
    let d = 0;
    for (let j = 0; j < dim; j++) d += (centers[a * dim + j] - centers[b * dim + j]) ** 2;
    return Math.sqrt(d);
  };
  let coincide = true; // every centroid distance within 1e-8 of 0
  for (let a = 0; a < k && coincide; a++)
    for (let b = a + 1; b < k; b++) if (between(a, b) > 1e-8) coincide = false;
  if (coincide || spread.every((s) => s <= 1e-8)) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      const d = b === a ? 0 : between(a, b);
      if (d !== 0) worst = Math.max(worst, (spread[a] + spread[b]) / d);
    }
    total += worst;
  }
  return total / k;
}

/** The contingency table of two labelings (rows: distinct values of a, columns: of b) and its margins. */
function contingency(
  name: string,
  a: ArrayLike<unknown>,
  b: ArrayLike<unknown>,
): { table: number[][]; rows: number[]; cols: number[]; n: number } {
  const n = a.length;
  if (n !== b.length) {
    throw new Error(`${name}: labelings of ${n} and ${b.length} points; give one label of each per point.`);
  }
  if (n === 0) throw new Error(`${name}: no points to evaluate.`);
  const ia = new Map<unknown, number>();
  const ib = new Map<unknown, number>();
  const table: number[][] = [];
  for (let i = 0; i < n; i++) {
    let r = ia.get(a[i]);
    if (r === undefined) {
      ia.set(a[i], (r = ia.size));
      table.push([]);
    }
    let c = ib.get(b[i]);
    if (c === undefined) ib.set(b[i], (c = ib.size));
    table[r][c] = (table[r][c] ?? 0) + 1;
  }
  const dense = table.map((row) => Array.from({ length: ib.size }, (_, c) => row[c] ?? 0));
  const rows = dense.map((row) => row.reduce((s, v) => s + v, 0));
  const cols = Array.from({ length: ib.size }, (_, c) => dense.reduce((s, row) => s + row[c], 0));
  return { table: dense, rows, cols, n };
}

/** Entropy (nats) of counts summing to n. */
const entropy = (counts: number[], n: number): number =>
  -counts.reduce((s, c) => s + (c / n) * (Math.log(c) - Math.log(n)), 0);

/**
 * Normalized mutual information as scikit-learn's normalized_mutual_info_score (average_method='arithmetic'):
 * MI(a, b) / ((H(a) + H(b))/2), natural logs (the base cancels), MI = Σᵢⱼ (nᵢⱼ/n)·ln(n·nᵢⱼ/(aᵢ·bⱼ)). Alink's
 * NMI is the same, 2·I/(H(a) + H(b)). Symmetric, in [0, 1]; 1 when both labelings are a single cluster
 * (scikit-learn's convention; Alink gives NaN, 0/0), 0 when MI = 0.
 *
 * @example normalizedMutualInfo([0, 0, 1, 1], [5, 5, 7, 7]) // 1
 */
export function normalizedMutualInfo(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  const { table, rows, cols, n } = contingency('normalizedMutualInfo', a, b);
  if (rows.length === 1 && cols.length === 1) return 1;
  let mi = 0;
  table.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v) mi += (v / n) * (Math.log(v) + Math.log(n) - Math.log(rows[i] * cols[j]));
    }),
  );
  if (mi <= 0) return 0;
  return mi / ((entropy(rows, n) + entropy(cols, n)) / 2);
}

/**
 * Purity of a clustering against reference labels: (1/n) Σ_clusters max_class n(class, cluster), the share of
 * points whose cluster's most frequent reference label is their own (Alink's PURITY; scikit-learn has no
 * function, it is Σ max over axis 0 of contingency_matrix(labels, clusters) / n). Not symmetric: more
 * clusters never lower it (n singletons give 1). In (0, 1].
 *
 * @example purity(['a', 'a', 'b', 'b'], [0, 0, 0, 1]) // cluster 0: max 2 of 3, cluster 1: 1 → 3/4
 */
export function purity(labels: ArrayLike<unknown>, clusters: ArrayLike<unknown>): number {
  const { table, cols, n } = contingency('purity', labels, clusters);
  const best = new Array<number>(cols.length).fill(0);
  for (const row of table) row.forEach((v, c) => (best[c] = Math.max(best[c], v)));
  return best.reduce((s, v) => s + v, 0) / n;
}
