/**
 * StringIndexer: maps the values of a column to indices 0..k−1.
 */
import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { getColumn, outputRow, requireRows, type MlData, type Row } from '../pipeline/data.ts';
import { requireParam, type HasReservedCols } from '../pipeline/params.ts';
import { isMissing } from './column-stats.ts';

/** How indices are ordered (Alink's stringOrderType); ties in frequency order break alphabetically. */
export type StringOrderType = 'frequency_desc' | 'frequency_asc' | 'alphabet_asc' | 'alphabet_desc';

/**
 * StringIndexer options. handleInvalid for unseen or missing values at prediction time: 'error' (default),
 * 'keep' (index k) or 'skip' (output null; `transform` drops the row).
 */
export interface StringIndexerParams extends HasReservedCols {
  selectedCol: string;
  outputCol?: string;
  stringOrderType?: StringOrderType;
  handleInvalid?: 'error' | 'keep' | 'skip';
}

/**
 * Learns the distinct values (compared as strings) of `selectedCol`, ordered by stringOrderType
 * (default frequency_desc).
 *
 * @example const m = await new StringIndexer({ selectedCol: 'c' }).fit([{ c: 'b' }, { c: 'a' }, { c: 'b' }]);
 * m.predictRow({ c: 'b' }) // { c: 0 }
 */
export class StringIndexer extends Estimator<StringIndexerParams, StringIndexerModel> {
  async fit(data: MlData): Promise<StringIndexerModel> {
    const col = requireParam(this.params, 'selectedCol', 'StringIndexer');
    requireRows(data, 'StringIndexer.fit');
    const counts = new Map<string, number>();
    for (const v of getColumn(data, col, 'StringIndexer.fit')) {
      if (!isMissing(v)) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    }
    const order = this.params.stringOrderType ?? 'frequency_desc';
    const alpha = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const cmp: Record<StringOrderType, (a: string, b: string) => number> = {
      frequency_desc: (a, b) => counts.get(b)! - counts.get(a)! || alpha(a, b),
      frequency_asc: (a, b) => counts.get(a)! - counts.get(b)! || alpha(a, b),
      alphabet_asc: alpha,
      alphabet_desc: (a, b) => alpha(b, a),
    };
    if (!cmp[order]) throw new Error(`StringIndexer: unknown stringOrderType '${order}'.`);
    return new StringIndexerModel(this.params, { labels: [...counts.keys()].sort(cmp[order]) });
  }
}

/** The fitted StringIndexer; `stats.labels[i]` is the value of index i. @example model.stats.labels */
export class StringIndexerModel extends Model<StringIndexerParams> {
  readonly kind = 'StringIndexerModel';
  private readonly index: Map<string, number>;

  constructor(
    params: StringIndexerParams,
    readonly stats: { labels: string[] },
  ) {
    super(params);
    this.index = new Map(stats.labels.map((l, i) => [l, i]));
  }

  predictRow(row: Row): Row {
    const { selectedCol, outputCol = selectedCol, handleInvalid = 'error' } = this.params;
    const v = row[selectedCol];
    let idx: number | null | undefined = isMissing(v) ? undefined : this.index.get(String(v));
    if (idx === undefined) {
      if (handleInvalid === 'error') {
        throw new Error(
          `StringIndexerModel: column '${selectedCol}' value ${String(v)} was not seen in fit; ` +
            `set handleInvalid to 'keep' or 'skip'.`,
        );
      }
      idx = handleInvalid === 'keep' ? this.stats.labels.length : null;
    }
    return outputRow(row, { [outputCol]: idx }, this.params.reservedCols);
  }

  override async transform<D extends MlData>(data: D): Promise<D> {
    const out = await super.transform(data);
    if (this.params.handleInvalid !== 'skip') return out;
    const col = this.params.outputCol ?? this.params.selectedCol;
    if (Array.isArray(out)) return out.filter((r) => r[col] !== null) as D;
    return (out as Exclude<MlData, Row[]>)
      .filter(`d => d['${col.replace(/'/g, "\\'")}'] !== null`)
      .reify() as D;
  }

  protected modelData(): unknown {
    return this.stats;
  }
}

Model.register('StringIndexerModel', (j) => {
  return new StringIndexerModel(j.params as StringIndexerParams, j.data as StringIndexerModel['stats']);
});
