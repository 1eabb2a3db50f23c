/**
 * FeatureHasher: hashes numeric and categorical columns into a fixed-width vector (Spark's scheme).
 */
import { Model } from '../pipeline/model.ts';
import { outputRow, type Row } from '../pipeline/data.ts';
import {
  requireParam,
  type HasOutputCol,
  type HasReservedCols,
  type HasSelectedCols,
} from '../pipeline/params.ts';
import { isMissing } from './column-stats.ts';

/**
 * MurmurHash3 x86 32-bit of the UTF-8 bytes of `text`, as an unsigned integer.
 *
 * @example murmur3('test', 0) // 0xba6bd213
 */
export function murmur3(text: string, seed = 0): number {
  const bytes = new TextEncoder().encode(text);
  let h = seed >>> 0;
  const n = bytes.length;
  const blocks = n & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const rest = n & 3;
  if (rest === 3) k ^= bytes[blocks + 2] << 16;
  if (rest >= 2) k ^= bytes[blocks + 1] << 8;
  if (rest >= 1) {
    k ^= bytes[blocks];
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FeatureHasher options. numFeatures defaults to 1024 (a dense number[] is written; Alink's 2^18 is sparse). */
export interface FeatureHasherParams extends HasSelectedCols, HasOutputCol, HasReservedCols {
  numFeatures?: number;
  /** Numeric columns to treat as categorical. */
  categoricalCols?: string[];
}

/**
 * A transformer (no fit). Numbers add their value at murmur3(col) mod numFeatures; strings, booleans and
 * categoricalCols add 1 at murmur3(`col=value`) mod numFeatures (signed 32-bit hash, non-negative modulo, seed 42,
 * as Spark's FeatureHasher). Missing values are skipped.
 *
 * @example new FeatureHasher({ selectedCols: ['city', 'age'], numFeatures: 16 }).predictRow(row).vec
 */
export class FeatureHasher extends Model<FeatureHasherParams> {
  readonly kind = 'FeatureHasher';

  constructor(params: FeatureHasherParams) {
    super(params);
    requireParam(params, 'selectedCols', 'FeatureHasher');
    const n = params.numFeatures ?? 1024;
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`FeatureHasher: numFeatures must be a positive integer.`);
  }

  /** The slot of a hashed term. @example hasher.slot('city=Paris') */
  slot(term: string): number {
    const n = this.params.numFeatures ?? 1024;
    const h = murmur3(term, 42) | 0;
    return ((h % n) + n) % n;
  }

  predictRow(row: Row): Row {
    const vec = new Array<number>(this.params.numFeatures ?? 1024).fill(0);
    const categorical = new Set(this.params.categoricalCols ?? []);
    for (const c of this.params.selectedCols) {
      const v = row[c];
      if (isMissing(v)) continue;
      if (typeof v === 'number' && !categorical.has(c)) vec[this.slot(c)] += v;
      else vec[this.slot(`${c}=${String(v)}`)] += 1;
    }
    return outputRow(row, { [this.params.outputCol ?? 'vec']: vec }, this.params.reservedCols);
  }

  protected modelData(): unknown {
    return null;
  }
}

Model.register('FeatureHasher', (j) => new FeatureHasher(j.params as FeatureHasherParams));
