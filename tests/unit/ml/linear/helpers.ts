/** Helpers shared by the ML tests; the seeded PRNG and normal draws are the library's own. */
export { mulberry32 } from '../../../../src/ml/data/mulberry32.ts';
export { gaussian } from '../../../../src/ml/data/synthetic.ts';

/** AUC by the Mann–Whitney rank statistic (ties count one half), computed plainly. */
export function auc(scores: number[], labels: number[]): number {
  let pos = 0;
  let neg = 0;
  let wins = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    pos++;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] === 1) continue;
      if (scores[i] > scores[j]) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  for (const l of labels) if (l !== 1) neg++;
  return wins / (pos * neg);
}

/**
 * Reference logistic regression: unregularised Newton/IRLS in float64 with an intercept, written plainly
 * (x·w, gradient Xᵀ(p−y), Hessian XᵀWX, Gaussian elimination), 25 iterations.
 */
export function irlsLogistic(x: number[][], y: number[]): number[] {
  const d = x[0].length + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < 25; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const xi = [...x[i], 1];
      const z = xi.reduce((s, v, j) => s + v * w[j], 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let a = 0; a < d; a++) {
        g[a] += (p - y[i]) * xi[a];
        for (let b = 0; b < d; b++) h[a][b] += p * (1 - p) * xi[a] * xi[b];
      }
    }
    const step = solve(h, g);
    for (let a = 0; a < d; a++) w[a] -= step[a];
  }
  return w;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}
