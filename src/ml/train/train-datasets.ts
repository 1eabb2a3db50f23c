/**
 * The data sets a training run can use, resolved to rows with their feature and label columns.
 */
import { fromCSV } from 'arquero';
import type { Row } from '../pipeline/data.ts';
import { IRIS_FEATURES, loadIris } from '../data/iris.ts';
import { gaussian, makeBinary } from '../data/synthetic.ts';
import { mulberry32 } from '../data/mulberry32.ts';
import type { TrainDataset } from './train-request.ts';

/** Rows plus the columns to train on. */
export interface ResolvedDataset {
  name: string;
  rows: Row[];
  featureCols: string[];
  labelCol?: string;
}

/** Weights of the synthetic binary set; features 3 and 4 are on wildly different scales (×1000, ×0.001). */
export const SYNTHETIC_BINARY_WEIGHTS = [1.5, -2, 0.75, 0.002, 900];
const BINARY_SCALES = [1, 1, 1, 1000, 0.001];
/** Coefficients and intercept of the synthetic regression set (y = 3 + Σ c·x + N(0, 0.1²)). */
export const SYNTHETIC_REGRESSION_COEFFICIENTS = [2, -1, 0.5, 0];

const checkSamples = (samples: number, kind: string): void => {
  if (!Number.isInteger(samples) || samples < 16 || samples > 1_000_000)
    throw new RangeError(`${kind}: samples must be an integer in 16..1000000, got ${samples}`);
};

/**
 * Resolves a {@link TrainDataset} to rows (seeded sets are generated; the same seed gives the same rows).
 *
 * @example resolveDataset({ kind: 'iris' }).featureCols // ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth']
 */
export function resolveDataset(d: TrainDataset): ResolvedDataset {
  switch (d.kind) {
    case 'iris':
      return {
        name: 'Iris (150 rows)',
        rows: loadIris(),
        featureCols: [...IRIS_FEATURES],
        labelCol: 'species',
      };
    case 'synthetic-binary': {
      checkSamples(d.samples, 'synthetic-binary');
      const rows = makeBinary({
        n: d.samples,
        weights: SYNTHETIC_BINARY_WEIGHTS,
        scales: BINARY_SCALES,
        seed: d.seed,
      });
      const featureCols = SYNTHETIC_BINARY_WEIGHTS.map((_, j) => `f${j}`);
      return {
        name: `synthetic binary (${d.samples} rows, seed ${d.seed})`,
        rows,
        featureCols,
        labelCol: 'label',
      };
    }
    case 'synthetic-regression': {
      checkSamples(d.samples, 'synthetic-regression');
      const rnd = mulberry32(d.seed);
      const z = gaussian(rnd);
      const c = SYNTHETIC_REGRESSION_COEFFICIENTS;
      const rows = Array.from({ length: d.samples }, () => {
        const row: Row = {};
        let y = 3;
        c.forEach((w, j) => {
          const x = z();
          row[`x${j}`] = x;
          y += w * x;
        });
        row.y = y + 0.1 * z();
        return row;
      });
      const featureCols = c.map((_, j) => `x${j}`);
      return {
        name: `synthetic regression (${d.samples} rows, seed ${d.seed})`,
        rows,
        featureCols,
        labelCol: 'y',
      };
    }
    case 'rows':
      if (!Array.isArray(d.rows) || d.rows.length === 0)
        throw new Error('TrainDataset rows: give at least one row (the rows array is empty)');
      if (!Array.isArray(d.featureCols) || d.featureCols.length === 0)
        throw new Error('TrainDataset rows: name the feature columns (featureCols is empty)');
      return {
        name: `${d.rows.length} given rows`,
        rows: d.rows,
        featureCols: [...d.featureCols],
        labelCol: d.labelCol,
      };
    case 'csv':
      return fromCsvText(d.text, d.name ?? 'CSV', d.labelCol, d.featureCols);
    default:
      throw new Error(
        `TrainDataset: unknown kind '${String((d as { kind?: unknown }).kind)}'; use iris, synthetic-binary, synthetic-regression, rows or csv`,
      );
  }
}

/**
 * Rows of CSV text (arquero's parser: numbers become numbers, empty cells null). The label defaults to
 * the last column; the features to every other column whose first value is a number.
 *
 * @example fromCsvText('x,y,label\n1,2,a\n3,4,b', 'mine').featureCols // ['x', 'y']
 */
export function fromCsvText(
  text: string,
  name: string,
  labelCol?: string,
  featureCols?: string[],
): ResolvedDataset {
  const t = fromCSV(text);
  const cols = t.columnNames();
  if (t.numRows() === 0 || cols.length < 2)
    throw new Error(
      `CSV ${name}: found ${t.numRows()} rows and ${cols.length} columns; give a header row, then rows with a label and at least one feature`,
    );
  const label = labelCol ?? cols[cols.length - 1];
  if (!cols.includes(label))
    throw new Error(`CSV ${name}: no label column "${label}"; the columns are ${cols.join(', ')}`);
  const rows = t.objects() as Row[];
  const features = featureCols ?? cols.filter((c) => c !== label && typeof rows[0][c] === 'number');
  if (features.length === 0)
    throw new Error(`CSV ${name}: no numeric feature column besides "${label}"; columns: ${cols.join(', ')}`);
  return { name: `${name} (${rows.length} rows)`, rows, featureCols: features, labelCol: label };
}
