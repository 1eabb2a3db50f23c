import { ByteReader } from './byte-writer.ts';
import { compileDecoder, smallInt, type CompiledDecoder, type Columns as BaseColumns } from './codegen.ts';
import { H, HEADER_BYTES, HEADER_WORDS, MAGIC } from './layout.ts';
import { readRow, setOwn } from './row-codec.ts';
import { codeToShape, type Shape } from './shape.ts';
import { readStrings } from './string-table.ts';

/** A decoded batch: `timestamps` is a view on the received buffer (no copy). */
export interface DecodedBatch {
  values: unknown[];
  timestamps: Float64Array;
  /** The records' key groups, when the batch carries them (a view on the buffer, as timestamps). */
  keyGroups: Int32Array | null;
  count: number;
}

type Reader = (i: number) => unknown;

interface Columns extends BaseColumns {
  strings: string[];
  rows: ByteReader;
}

/**
 * Decodes buffers made by BatchEncoder. Keeps parsed shapes, so a channel whose batches share a
 * shape parses it once.
 *
 * @example
 * const dec = new BatchDecoder();
 * port.onmessage = (e) => { const { values, timestamps } = dec.decode(e.data); };
 */
export class BatchDecoder {
  private readonly plans = new Map<string, { shape: Shape; compiled: CompiledDecoder | null }>();

  decode(buf: ArrayBuffer): DecodedBatch {
    if (buf.byteLength < HEADER_BYTES) throw new Error(`Corrupt batch: ${buf.byteLength} bytes is too short`);
    const h = new Int32Array(buf, 0, HEADER_WORDS);
    if (h[H.magic] !== MAGIC) throw new Error('Corrupt batch: bad magic number (not a Rivulet batch buffer)');
    const count = h[H.count];
    const strings = readStrings(
      new Int32Array(buf, h[H.strOffsets], h[H.strCount] + 1),
      new Uint16Array(buf, h[H.units], h[H.unitCount]),
    );
    const code = strings[strings.length - 1];
    let plan = this.plans.get(code);
    if (!plan) {
      const shape = codeToShape(JSON.parse(code));
      if (this.plans.size >= 64) this.plans.clear(); // bound the cache for ever-changing shapes
      plan = { shape, compiled: compileDecoder(shape) };
      this.plans.set(code, plan);
    }
    const { shape } = plan;
    const cols: Columns = {
      f64: [],
      i32: [],
      u8: [],
      strings,
      rows: new ByteReader(new Uint8Array(buf, h[H.rows], h[H.rowBytes])),
    };
    let at = HEADER_BYTES;
    for (let c = 0; c < h[H.f64Cols]; c++, at += count * 8) cols.f64.push(new Float64Array(buf, at, count));
    for (let c = 0; c < h[H.i32Cols]; c++, at += count * 4) cols.i32.push(new Int32Array(buf, at, count));
    let keyGroups: Int32Array | null = null;
    if (h[H.keyGroups] === 1) {
      keyGroups = new Int32Array(buf, at, count);
      at += count * 4;
    }
    for (let c = 0; c < h[H.u8Cols]; c++, at += count) cols.u8.push(new Uint8Array(buf, at, count));

    if (plan.compiled) {
      const values = plan.compiled(count, cols, strings, cols.rows);
      return { values, timestamps: cols.f64[0], keyGroups, count };
    }
    const values = new Array<unknown>(count);
    if (shape.kind === 'num') {
      const col = cols.f64[1];
      for (let i = 0; i < count; i++) values[i] = smallInt(col[i]);
    } else {
      const read = buildReader(shape, cols, { f64: 1, i32: 0, u8: 0 });
      for (let i = 0; i < count; i++) values[i] = read(i);
    }
    return { values, timestamps: cols.f64[0], keyGroups, count };
  }
}

function buildReader(shape: Shape, cols: Columns, next: { f64: number; i32: number; u8: number }): Reader {
  switch (shape.kind) {
    case 'num': {
      const col = cols.f64[next.f64++];
      return (i) => smallInt(col[i]);
    }
    case 'str': {
      const col = cols.i32[next.i32++];
      const { strings } = cols;
      return (i) => strings[col[i]];
    }
    case 'bool': {
      const col = cols.u8[next.u8++];
      return (i) => col[i] === 1;
    }
    case 'null':
      return () => null;
    case 'undef':
      return () => undefined;
    case 'any': {
      const { rows, strings } = cols;
      return () => readRow(rows, strings);
    }
    case 'tuple':
      return tupleReader(shape.items.map((s) => buildReader(s, cols, next)));
    case 'obj': {
      const rs = shape.fields.map((s) => buildReader(s, cols, next));
      const { keys } = shape;
      const n = keys.length;
      if (keys.includes('__proto__')) {
        return (i) => {
          const o: Record<string, unknown> = {};
          for (let j = 0; j < n; j++) setOwn(o, keys[j], rs[j](i));
          return o;
        };
      }
      return (i) => {
        const o: Record<string, unknown> = {};
        for (let j = 0; j < n; j++) o[keys[j]] = rs[j](i);
        return o;
      };
    }
  }
}

/** Small tuples are built as literals so they stay packed arrays (faster for downstream operators). */
function tupleReader(rs: Reader[]): Reader {
  const n = rs.length;
  if (n === 0) return () => [];
  if (n === 2) {
    const [a, b] = rs;
    return (i) => [a(i), b(i)];
  }
  if (n === 3) {
    const [a, b, c] = rs;
    return (i) => [a(i), b(i), c(i)];
  }
  return (i) => {
    const out: unknown[] = [];
    for (let j = 0; j < n; j++) out.push(rs[j](i));
    return out;
  };
}
