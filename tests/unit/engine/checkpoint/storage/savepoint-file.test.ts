import { describe, expect, it } from 'vitest';
import {
  exportSavepoint,
  importSavepoint,
  SavepointFileError,
} from '../../../../../src/engine/checkpoint/storage/savepoint-file.ts';
import { encodeTagged } from '../../../../../src/engine/checkpoint/storage/tagged-json.ts';
import { oddSavepoint } from './savepoint-fixture.ts';

describe('savepoint files', () => {
  it('round-trip Map, Set, Date, typed arrays, bigint, NaN, ±Infinity, -0 and escaped $t keys', async () => {
    const sp = oddSavepoint();
    const back = await importSavepoint(await exportSavepoint(sp));
    // toEqual distinguishes -0 from 0 and NaN by Object.is; typed arrays and Maps compare by content.
    expect(back).toEqual(sp);
    const kg = back.operators.count.parts['kg:3'] as Record<string, unknown>;
    expect(Object.is((kg.counts as Map<unknown, unknown>).get(7n), -0)).toBe(true);
    expect(Object.is((kg.vec as Float64Array)[2], -0)).toBe(true);
    expect(kg.ids).toBeInstanceOf(BigInt64Array);
    expect(new Uint8Array(kg.raw as ArrayBuffer)).toEqual(new Uint8Array([0, 255, 128]));
    expect((kg.pattern as RegExp).flags).toBe('giu');
    expect(Object.hasOwn(kg, 'nothing')).toBe(true);
  });

  it('accepts a re-indented file and a Blob', async () => {
    const text = await exportSavepoint(oddSavepoint());
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    expect(await importSavepoint(new Blob([pretty]))).toEqual(oddSavepoint());
  });

  const rejects = async (file: string, message: RegExp) => {
    const err = await importSavepoint(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SavepointFileError);
    expect((err as Error).message).toMatch(message);
  };

  it('rejects a corrupted file by its checksum', async () => {
    const text = await exportSavepoint(oddSavepoint());
    await rejects(text.replace('"keyed count"', '"keyed cound"'), /checksum mismatch/);
  });

  it('rejects a truncated file', async () => {
    const text = await exportSavepoint(oddSavepoint());
    await rejects(text.slice(0, Math.floor(text.length / 2)), /truncated or corrupted/);
  });

  it('rejects a foreign file, JSON or not', async () => {
    await rejects('id,name\n1,a\n', /not a Rivulet savepoint \(it is not JSON\)/);
    await rejects(
      '{"format":"other-tool","data":[]}',
      /format is "other-tool", expected 'rivulet-savepoint-file'/,
    );
    await rejects('[1,2]', /format is missing/);
  });

  it('rejects another file version', async () => {
    const doc = JSON.parse(await exportSavepoint(oddSavepoint()));
    await rejects(JSON.stringify({ ...doc, version: 2 }), /file version 2 is not supported/);
  });

  it('rejects well-checksummed content that is not a valid savepoint, naming the field', async () => {
    const bad = { ...oddSavepoint(), operators: { count: { parallelism: 0, maxParallelism: 8, parts: {} } } };
    const payload = JSON.stringify(encodeTagged(bad));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(payload)));
    const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    const file = `{"format":"rivulet-savepoint-file","version":1,"sha256":"${sha256}","savepoint":${payload}}`;
    await rejects(file, /operators\.count\.parallelism must be a positive integer/);
  });

  it('refuses to export state with a cycle or a function, naming where', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const sp = oddSavepoint();
    const withCycle = {
      ...sp,
      operators: { a: { parallelism: 1, maxParallelism: 1, parts: { 'op:0': cyclic } } },
    };
    await expect(exportSavepoint(withCycle)).rejects.toThrow(
      /savepoint\.operators\.a\.parts\.op:0\.self .*cycle/,
    );
    const withFn = {
      ...sp,
      operators: { a: { parallelism: 1, maxParallelism: 1, parts: { 'op:0': { f: () => 1 } } } },
    };
    await expect(exportSavepoint(withFn)).rejects.toThrow(/op:0\.f is a function/);
  });
});
