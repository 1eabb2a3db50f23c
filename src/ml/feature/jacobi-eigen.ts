/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations, in float64 (tfjs has no eig).
 */

/** Eigenvalues (descending) and unit eigenvectors (vectors[i] belongs to values[i]). */
export interface Eigen {
  values: number[];
  vectors: number[][];
}

/**
 * Decomposes a symmetric d×d matrix (row-major). Each eigenvector's sign is normalised so that its entry of
 * largest magnitude is positive.
 *
 * @example symmetricEigen([2, 1, 1, 2], 2).values // [3, 1]
 */
export function symmetricEigen(matrix: ArrayLike<number>, d: number, tol = 1e-14, maxSweeps = 100): Eigen {
  const a = Float64Array.from(matrix);
  if (a.length !== d * d) throw new Error(`symmetricEigen: ${a.length} values for a ${d}×${d} matrix.`);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    if (off < tol * tol) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => a[j * d + j] - a[i * d + i]);
  const vectors = order.map((col) => {
    const vec = Array.from({ length: d }, (_, k) => v[k * d + col]);
    let big = 0;
    for (const x of vec) if (Math.abs(x) > Math.abs(big)) big = x;
    return big < 0 ? vec.map((x) => -x) : vec;
  });
  return { values: order.map((i) => a[i * d + i]), vectors };
}
