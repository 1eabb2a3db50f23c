/**
 * The seeded data sets of the scikit-learn reference test. sklearn_reference.py (beside this file) builds the same
 * rows with a port of mulberry32: only uint32 arithmetic, sums, products and floor, so both languages get the
 * identical doubles (no log/exp/cos, whose last bit may differ between V8 and libm).
 */
import { mulberry32 } from '../../../../src/ml/data/mulberry32.ts';

type Row = Record<string, number>;

/** Sum of 12 uniforms − 6: approximately N(0, 1). */
function irwinHall(rnd: () => number): number {
  let s = 0;
  for (let i = 0; i < 12; i++) s += rnd();
  return s - 6;
}

/** 60 rows: f0, f1, f2 at scales 1, 10, 0.1; y = 3 + 1.5·f0 − 0.2·f1 + 4·f2 + noise (seed 21). */
export function regressionRows(): Row[] {
  const r = mulberry32(21);
  return Array.from({ length: 60 }, () => {
    const f0 = irwinHall(r);
    const f1 = 10 * irwinHall(r);
    const f2 = 0.1 * irwinHall(r);
    return { f0, f1, f2, y: 3 + 1.5 * f0 - 0.2 * f1 + 4 * f2 + 0.5 * irwinHall(r) };
  });
}

/** 80 rows: f0, f1, f2 (scale 2); label 1 when 2·f0 − f1 + 0.5·f2 + noise > 0.3 (seed 31). */
export function binaryRows(): Row[] {
  const r = mulberry32(31);
  return Array.from({ length: 80 }, () => {
    const f0 = irwinHall(r);
    const f1 = irwinHall(r);
    const f2 = 2 * irwinHall(r);
    return { f0, f1, f2, label: 2 * f0 - f1 + 0.5 * f2 + 1.5 * irwinHall(r) > 0.3 ? 1 : 0 };
  });
}

/**
 * Labels and scores for the metrics (seed 51): binary with tied scores, 4-class, regression, and per-row
 * probabilities of the 4 classes (integer weights over their sum, some 0; drawn last so the others keep
 * their values).
 */
export function metricData(): {
  yb: number[];
  scores: number[];
  actual: number[];
  predicted: number[];
  y: number[];
  pred: number[];
  probs: number[][];
} {
  const r = mulberry32(51);
  const yb = Array.from({ length: 50 }, () => (r() < 0.4 ? 1 : 0));
  const scores = yb.map((y) => Math.floor((r() * 0.7 + 0.3 * y) * 20) / 20);
  const actual = Array.from({ length: 50 }, () => Math.floor(r() * 4));
  const predicted = actual.map((a) => (r() < 0.6 ? a : Math.floor(r() * 4)));
  const y = Array.from({ length: 50 }, () => Math.floor(r() * 1000) / 100);
  const pred = y.map((v) => v + Math.floor((r() - 0.4) * 200) / 100);
  const probs = actual.map((a) => {
    const w = [0, 1, 2, 3].map(() => Math.floor(r() * 20));
    w[a] += 1 + Math.floor(r() * 30);
    const sum = w[0] + w[1] + w[2] + w[3];
    return w.map((v) => v / sum);
  });
  return { yb, scores, actual, predicted, y, pred, probs };
}

/** Column sums of rows (the data fingerprint the script prints, to catch a generator drifting). */
export function columnSums(rows: Row[], cols: string[]): number[] {
  return cols.map((c) => rows.reduce((s, row) => s + row[c], 0));
}
