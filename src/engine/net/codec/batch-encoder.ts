import { ByteWriter } from './byte-writer.ts';
import { compileEncoder, type Columns, type CompiledEncoder } from './codegen.ts';
import { align, countColumns, fixedLayout, H, HEADER_WORDS, MAGIC, type ColumnCounts } from './layout.ts';
import { findUnsupported, UnsupportedValue, writeRow } from './row-codec.ts';
import { buildChecker, inferBatchShape, shapeToCode, type Shape } from './shape.ts';
import { StringTable } from './string-table.ts';

type Writer = (v: any, i: number) => void;

/** What an encoder keeps per shape. */
interface Plan {
  shape: Shape;
  signature: string;
  counts: ColumnCounts;
  compiled: CompiledEncoder | null;
}

const hasAny = (s: Shape): boolean =>
  s.kind === 'any' ||
  (s.kind === 'tuple' && s.items.some(hasAny)) ||
  (s.kind === 'obj' && s.fields.some(hasAny));

/**
 * Encodes batches of records into one transferable ArrayBuffer (see src/engine/net/README.md):
 * per-batch shape inference, then numbers as Float64 columns, strings as int32 dictionary codes,
 * booleans as bytes, and anything irregular in a tagged row encoding. One encoder per channel:
 * it reuses its scratch buffers between batches.
 *
 * @example
 * const enc = new BatchEncoder('Map (1/2) -> Sink (2/2)');
 * const buf = enc.encode([['a', 1], ['b', 2]], new Float64Array([10, 20]), 2);
 * port.postMessage(buf, [buf]);
 */
export class BatchEncoder {
  private scratch = new ArrayBuffer(1 << 16);
  private fixedEnd = 0;
  /** Key groups of the batch being encoded (null: none). */
  private keyGroups: Int32Array | null = null;
  private last: Plan | null = null;
  private readonly plans = new Map<string, Plan>();
  private readonly strings = new StringTable();
  /** Buffers the receiver sent back with its credits (see recycle), reused instead of allocating. */
  private readonly pool: ArrayBuffer[] = [];
  private readonly rows = new ByteWriter();

  /** `channel` names the edge in error messages, e.g. 'Map (1/2) -> Window (2/2)'. */
  constructor(readonly channel: string) {}

  /**
   * Encodes the first `count` records and their timestamps (NaN = no timestamp), and their key groups
   * when given (RecordBatch.keyGroups).
   */
  encode(
    values: readonly unknown[],
    timestamps: Float64Array,
    count = values.length,
    keyGroups: Int32Array | null = null,
  ): ArrayBuffer {
    this.keyGroups = keyGroups;
    // Most channels carry one shape: try the previous batch's compiled loop first (one pass, no inference).
    const last = this.last;
    if (last && count > 0 && this.tryEncode(last, values, timestamps, count) === -1) {
      return this.assemble(count, last.counts, last.signature);
    }
    const shape = inferBatchShape(values, count);
    const signature = JSON.stringify(shapeToCode(shape));
    let plan = this.plans.get(signature);
    if (!plan) {
      if (this.plans.size >= 64) this.plans.clear(); // bound the cache for ever-changing shapes
      plan = { shape, signature, counts: countColumns(shape), compiled: compileEncoder(shape) };
      this.plans.set(signature, plan);
    }
    let failedAt = this.tryEncode(plan, values, timestamps, count);
    if (failedAt >= 0 && plan.compiled) {
      // The compiled check is stricter than inference only if Object.prototype has enumerable
      // properties (for-in sees them): use the closure walkers for this shape from now on.
      plan.compiled = null;
      failedAt = this.tryEncode(plan, values, timestamps, count);
    }
    if (failedAt >= 0) throw this.unsupported(values[failedAt], failedAt);
    this.last = hasAny(shape) ? null : plan;
    return this.assemble(count, plan.counts, signature);
  }

  /** Writes the columns into the scratch buffer; -1 on success, else the index of a misfit record. */
  private tryEncode(plan: Plan, values: readonly unknown[], timestamps: Float64Array, count: number): number {
    const { counts } = plan;
    const kgs = this.keyGroups;
    const fixed = fixedLayout(count, counts, kgs !== null);
    if (this.scratch.byteLength < fixed.end) this.scratch = new ArrayBuffer(align(fixed.end * 2, 8));
    const buf = this.scratch;
    const cols: Columns = { f64: [], i32: [], u8: [] };
    for (let c = 0; c <= counts.f64; c++)
      cols.f64.push(new Float64Array(buf, fixed.f64 + c * count * 8, count));
    for (let c = 0; c < counts.i32; c++) cols.i32.push(new Int32Array(buf, fixed.i32 + c * count * 4, count));
    for (let c = 0; c < counts.u8; c++) cols.u8.push(new Uint8Array(buf, fixed.u8 + c * count, count));
    cols.f64[0].set(timestamps.subarray(0, count));
    if (kgs !== null) new Int32Array(buf, fixed.kg, count).set(kgs.subarray(0, count));
    const { strings, rows } = this;
    strings.clear();
    rows.reset();
    this.fixedEnd = fixed.end;
    try {
      if (plan.compiled) return plan.compiled(values, count, cols, strings, rows);
      const write = this.buildWriter(plan.shape, cols, { f64: 1, i32: 0, u8: 0 });
      const fits = buildChecker(plan.shape);
      for (let i = 0; i < count; i++) {
        if (!fits(values[i])) return i;
        write(values[i], i);
      }
      return -1;
    } catch (e) {
      if (!(e instanceof UnsupportedValue)) throw e;
      // Locate the record for the message (rare path: a second pass is fine).
      const bad = values.findIndex((v, i) => i < count && findUnsupported(v) !== null);
      throw this.unsupported(values[bad], bad);
    }
  }

  /**
   * Gives back a buffer this encoder produced, once the receiver is done with it. Allocating a fresh
   * transferable buffer per batch costs more than the copy into it, and its external memory drives GC.
   */
  recycle(buf: ArrayBuffer): void {
    if (buf.byteLength > 0 && this.pool.length < 16) this.pool.push(buf);
  }

  private takeBuffer(size: number): ArrayBuffer {
    const pool = this.pool;
    for (let i = pool.length - 1; i >= 0; i--) {
      if (pool[i].byteLength >= size) {
        const buf = pool[i];
        pool[i] = pool[pool.length - 1];
        pool.pop();
        return buf;
      }
    }
    // Room to grow a little, so a slightly larger next batch can reuse this buffer.
    return new ArrayBuffer(align(size + (size >> 3), 8));
  }

  private assemble(count: number, counts: ColumnCounts, signature: string): ArrayBuffer {
    const { strings, rows, fixedEnd } = this;
    strings.code(signature); // the shape travels as the last dictionary string
    const strOffsets = align(fixedEnd, 4);
    const units = align(strOffsets + (strings.size + 1) * 4, 2);
    const rowsAt = units + strings.chars * 2;
    const total = align(rowsAt + rows.length, 8);
    const out = this.takeBuffer(total);
    new Uint8Array(out).set(new Uint8Array(this.scratch, 0, fixedEnd));
    strings.writeTo(
      new Int32Array(out, strOffsets, strings.size + 1),
      new Uint16Array(out, units, strings.chars),
    );
    new Uint8Array(out, rowsAt, rows.length).set(rows.view());
    const h = new Int32Array(out, 0, HEADER_WORDS);
    h[H.magic] = MAGIC;
    h[H.count] = count;
    h[H.f64Cols] = counts.f64 + 1;
    h[H.i32Cols] = counts.i32;
    h[H.u8Cols] = counts.u8;
    h[H.strCount] = strings.size;
    h[H.strOffsets] = strOffsets;
    h[H.units] = units;
    h[H.unitCount] = strings.chars;
    h[H.rows] = rowsAt;
    h[H.rowBytes] = rows.length;
    h[H.total] = total;
    h[H.keyGroups] = this.keyGroups !== null ? 1 : 0;
    return out;
  }

  private buildWriter(shape: Shape, cols: Columns, next: { f64: number; i32: number; u8: number }): Writer {
    switch (shape.kind) {
      case 'num': {
        const col = cols.f64[next.f64++];
        return (v, i) => {
          col[i] = v;
        };
      }
      case 'str': {
        const col = cols.i32[next.i32++];
        const table = this.strings;
        return (v, i) => {
          col[i] = table.code(v);
        };
      }
      case 'bool': {
        const col = cols.u8[next.u8++];
        return (v, i) => {
          col[i] = v ? 1 : 0;
        };
      }
      case 'null':
      case 'undef':
        return () => {};
      case 'any': {
        const { rows, strings } = this;
        return (v) => writeRow(rows, strings, v);
      }
      case 'tuple': {
        const ws = shape.items.map((s) => this.buildWriter(s, cols, next));
        const n = ws.length;
        return (v, i) => {
          for (let j = 0; j < n; j++) ws[j](v[j], i);
        };
      }
      case 'obj': {
        const ws = shape.fields.map((s) => this.buildWriter(s, cols, next));
        const { keys } = shape;
        const n = ws.length;
        return (v, i) => {
          for (let j = 0; j < n; j++) ws[j](v[keys[j]], i);
        };
      }
    }
  }

  private unsupported(value: unknown, index: number): Error {
    const bad = findUnsupported(value) ?? { path: 'record', type: typeof value };
    return new TypeError(
      `Channel '${this.channel}' cannot send record #${index}: ${bad.path} is a ${bad.type}. Records that ` +
        'cross workers must be numbers, strings, booleans, null, undefined, BigInts, Dates, typed arrays, ' +
        'or arrays, plain objects, Maps, Sets and instances of classes registered with env.registerType(Class) ' +
        'of these. Register the class in the job module, or convert the value in the producing operator (e.g. ' +
        'map it to a plain object) before the shuffle.',
    );
  }
}
