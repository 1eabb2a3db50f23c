/**
 * Bucketizer: maps numbers to bucket indices by split points (Spark's semantics).
 */
import { Model } from '../pipeline/model.ts';
import { outputRow, toNumber, type Row } from '../pipeline/data.ts';
import {
  resolveOutputCols,
  type HasOutputCols,
  type HasReservedCols,
  type HasSelectedCols,
} from '../pipeline/params.ts';

/** Bucketizer options: one increasing splits array per selected column (use ±Infinity for open ends). */
export interface BucketizerParams extends HasSelectedCols, HasOutputCols, HasReservedCols {
  splitsArray: number[][];
}

/**
 * Bucket index of x for splits s: i with s[i] <= x < s[i+1]; the last bucket includes s[last]. -1 outside.
 *
 * @example bucketIndex([0, 10, 20], 10) // 1
 */
export function bucketIndex(splits: readonly number[], x: number): number {
  const last = splits.length - 1;
  if (x < splits[0] || x > splits[last]) return -1;
  if (x === splits[last]) return last - 1;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x >= splits[mid]) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * A transformer (no fit) that replaces (or writes to outputCols) each selected column's bucket index.
 *
 * @example new Bucketizer({ selectedCols: ['x'], splitsArray: [[-Infinity, 0, 10, Infinity]] }).predictRow({ x: 5 })
 */
export class Bucketizer extends Model<BucketizerParams> {
  readonly kind = 'Bucketizer';
  private readonly out: string[];

  constructor(params: BucketizerParams) {
    super(params);
    this.out = resolveOutputCols(params, 'Bucketizer');
    if (!params.splitsArray || params.splitsArray.length !== params.selectedCols.length) {
      throw new Error('Bucketizer: give one splits array per selected column in splitsArray.');
    }
    params.splitsArray.forEach((s, j) => {
      if (s.length < 2 || s.some((v, i) => i > 0 && !(v > s[i - 1]))) {
        throw new Error(
          `Bucketizer: splits for column '${params.selectedCols[j]}' must be >= 2 increasing numbers.`,
        );
      }
    });
  }

  predictRow(row: Row): Row {
    const vals: Row = {};
    this.params.selectedCols.forEach((c, j) => {
      const x = toNumber(row[c], c, -1, 'Bucketizer');
      const b = bucketIndex(this.params.splitsArray[j], x);
      if (b < 0) {
        throw new Error(
          `Bucketizer: column '${c}' value ${x} is outside the splits; add -Infinity/Infinity ends.`,
        );
      }
      vals[this.out[j]] = b;
    });
    return outputRow(row, vals, this.params.reservedCols);
  }

  protected modelData(): unknown {
    return null;
  }
}

Model.register('Bucketizer', (j) => new Bucketizer(j.params as BucketizerParams));
