/**
 * Reads one row's features for prediction: numeric columns and vector columns (a VectorAssembler's number
 * arrays) expanded in order, checked against the width the model was trained on.
 */
import type { Row } from './data.ts';

/**
 * The feature vector of `row`, failing with the column and the fix when a feature is missing or not a number,
 * or when the total width differs from the model's `width` (e.g. a vector column of another length).
 *
 * @example readRowFeatures({ a: 1, v: [2, 3] }, ['a', 'v'], 3, 'KMeansModel') // [1, 2, 3]
 */
export function readRowFeatures(
  row: Row,
  featureCols: readonly string[],
  width: number,
  who: string,
): number[] {
  const x: number[] = [];
  for (const c of featureCols) {
    const v = row[c];
    if (typeof v === 'number') x.push(v);
    else if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
      for (const e of v as ArrayLike<unknown> & Iterable<unknown>) {
        if (typeof e !== 'number')
          throw new Error(
            `${who}: vector column "${c}" holds a non-number (${String(e)}) in a row to predict`,
          );
        x.push(e);
      }
    } else
      throw new Error(
        `${who}: feature column "${c}" is ${v === undefined ? 'missing' : 'not a number'} in a row to predict; the model expects ${width} numeric features from (${featureCols.join(', ')})`,
      );
  }
  if (x.length !== width)
    throw new Error(
      `${who}: the row has ${x.length} features in (${featureCols.join(', ')}) but the model was trained on ${width}; give vectors of the training width`,
    );
  return x;
}
