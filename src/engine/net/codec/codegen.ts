import type { ByteReader, ByteWriter } from './byte-writer.ts';
import { readRow, writeRow } from './row-codec.ts';
import type { Shape } from './shape.ts';
import type { StringTable } from './string-table.ts';

/**
 * Per-shape compiled loops (as Apache Arrow JS and avsc do): straight-line code with monomorphic
 * property access and object literals runs 2–4× faster than walking closures per record. Where
 * `new Function` is forbidden (a Content-Security-Policy without 'unsafe-eval'), these return null
 * and the codec falls back to its closure walkers.
 */

export interface Columns {
  f64: Float64Array[];
  i32: Int32Array[];
  u8: Uint8Array[];
}

/**
 * Encodes records [0, count) into the columns; returns -1, or the index of the first record that
 * does not have the shape (then the caller re-infers the shape and encodes again).
 */
export type CompiledEncoder = (
  values: readonly unknown[],
  count: number,
  cols: Columns,
  table: StringTable,
  rows: ByteWriter,
) => number;

export type CompiledDecoder = (
  count: number,
  cols: Columns,
  strings: readonly string[],
  rows: ByteReader,
) => unknown[];

let evalAllowed = true;

/**
 * Turns compiled loops off (or back on): for tests of the fallback walkers, and for hosts that want
 * to avoid `new Function` up front. Affects encoders/decoders created afterwards.
 *
 * @example setCodegenEnabled(false);
 */
export function setCodegenEnabled(enabled: boolean): void {
  evalAllowed = enabled;
}

/**
 * `new Function(...params, body)`, or null where eval is forbidden (callers keep a fallback).
 * @example const add = compileFunction<(a: number, b: number) => number>(['a', 'b'], 'return a + b;');
 */
export function compileFunction<F>(params: string[], body: string): F | null {
  if (!evalAllowed) return null;
  try {
    return new Function(...params, body) as F;
  } catch (e) {
    if (e instanceof EvalError) {
      evalAllowed = false; // CSP: use the closure walkers from now on
      return null;
    }
    throw e;
  }
}

const OP = Object.prototype;
const isArray = Array.isArray;
const getProto = Object.getPrototypeOf;

export function compileEncoder(shape: Shape): CompiledEncoder | null {
  const lines: string[] = [];
  const decl: string[] = [];
  const next = { f64: 1, i32: 0, u8: 0, v: 0 };
  const emit = (s: Shape, e: string): void => {
    switch (s.kind) {
      case 'num':
        decl.push(`const F${next.f64} = cols.f64[${next.f64}];`);
        lines.push(`if (typeof ${e} !== 'number') return i; F${next.f64++}[i] = ${e};`);
        return;
      case 'str':
        decl.push(`const I${next.i32} = cols.i32[${next.i32}];`);
        lines.push(`if (typeof ${e} !== 'string') return i; I${next.i32++}[i] = table.code(${e});`);
        return;
      case 'bool':
        decl.push(`const U${next.u8} = cols.u8[${next.u8}];`);
        lines.push(`if (typeof ${e} !== 'boolean') return i; U${next.u8++}[i] = ${e} ? 1 : 0;`);
        return;
      case 'null':
        lines.push(`if (${e} !== null) return i;`);
        return;
      case 'undef':
        lines.push(`if (${e} !== undefined) return i;`);
        return;
      case 'any':
        lines.push(`writeRow(rows, table, ${e});`);
        return;
      case 'tuple': {
        const t = `t${next.v++}`;
        lines.push(`const ${t} = ${e}; if (!isArray(${t}) || ${t}.length !== ${s.items.length}) return i;`);
        s.items.forEach((item, j) => emit(item, `${t}[${j}]`));
        return;
      }
      case 'obj': {
        const o = `o${next.v++}`;
        const j = `j${next.v++}`;
        const keys = `K${next.v++}`;
        decl.push(`const ${keys} = ${JSON.stringify(s.keys)};`);
        // Same own keys in the same order; for-in walks them without allocating (Object.keys would).
        lines.push(
          `const ${o} = ${e};`,
          `if (typeof ${o} !== 'object' || ${o} === null || isArray(${o})) return i;`,
          // Object.getPrototypeOf is a runtime call (~6 ns); reading __proto__ is an inline-cached
          // load. An own '__proto__' key would shadow it, so such shapes ask getPrototypeOf.
          s.keys.includes('__proto__')
            ? `{ const p = getProto(${o}); if (p !== OP && p !== null) return i; }`
            : `if (${o}.__proto__ !== OP && getProto(${o}) !== null) return i;`,
          `let ${j} = 0; for (const k in ${o}) if (k !== ${keys}[${j}++]) return i;`,
          `if (${j} !== ${s.keys.length}) return i;`,
        );
        s.fields.forEach((f, j) => emit(f, `${o}[${JSON.stringify(s.keys[j])}]`));
        return;
      }
    }
  };
  emit(shape, 'values[i]');
  const body = `${decl.join('\n')}\nfor (let i = 0; i < count; i++) {\n${lines.join('\n')}\n}\nreturn -1;`;
  const factory = compileFunction<(...deps: unknown[]) => CompiledEncoder>(
    ['writeRow', 'isArray', 'getProto', 'OP'],
    `return function encode(values, count, cols, table, rows) {\n${body}\n};`,
  );
  return factory ? factory(writeRow, isArray, getProto, OP) : null;
}

export function compileDecoder(shape: Shape): CompiledDecoder | null {
  const decl: string[] = [];
  const next = { f64: 1, i32: 0, u8: 0 };
  const expr = (s: Shape): string => {
    switch (s.kind) {
      case 'num':
        decl.push(`const F${next.f64} = cols.f64[${next.f64}];`);
        return `smi(F${next.f64++}[i])`;
      case 'str':
        decl.push(`const I${next.i32} = cols.i32[${next.i32}];`);
        return `strings[I${next.i32++}[i]]`;
      case 'bool':
        decl.push(`const U${next.u8} = cols.u8[${next.u8}];`);
        return `U${next.u8++}[i] === 1`;
      case 'null':
        return 'null';
      case 'undef':
        return 'undefined';
      case 'any':
        return 'readRow(rows, strings)';
      case 'tuple':
        // Literal elements evaluate left to right: the same order the encoder wrote row-encoded parts.
        return `[${s.items.map(expr).join(', ')}]`;
      case 'obj':
        // A computed key defines an own '__proto__' property instead of setting the prototype.
        return `{${s.keys.map((k, j) => `${k === '__proto__' ? '["__proto__"]' : JSON.stringify(k)}: ${expr(s.fields[j])}`).join(', ')}}`;
    }
  };
  const e = expr(shape);
  const factory = compileFunction<(readRow: unknown, smi: unknown) => CompiledDecoder>(
    ['readRow', 'smi'],
    // Preallocated: pushing decoded objects one by one measured ~20% slower (array growth copies).
    `return function decode(count, cols, strings, rows) {\n${decl.join('\n')}\nconst out = new Array(count);\nfor (let i = 0; i < count; i++) out[i] = ${e};\nreturn out;\n};`,
  );
  return factory ? factory(readRow, smallInt) : null;
}

/**
 * A decoded number as the producer most likely had it: integers in int32 range as int32 (V8 keeps
 * them as Smis), others (and -0) as doubles. Float64Array reads are doubles, and storing a double
 * into a field that held small integers turns that field into a boxed double in every object of
 * the same hidden class, the producer's own records included (a heap number per field and a map
 * migration); record objects built from decoded batches and by user code share hidden classes.
 */
export const smallInt = (x: number): number => ((x | 0) === x && (x !== 0 || 1 / x > 0) ? x | 0 : x);
