import type { Savepoint } from './checkpoint-storage.ts';
import { decodeTagged, encodeTagged, type Json } from './tagged-json.ts';
import { validateSavepoint } from './validate-savepoint.ts';

/** The `format` of an exported savepoint file. */
export const SAVEPOINT_FILE_FORMAT = 'rivulet-savepoint-file';
/** The file version this Rivulet writes and reads. */
export const SAVEPOINT_FILE_VERSION = 1;

/**
 * The error for a savepoint file that cannot be imported; the message names what is wrong.
 *
 * @example
 * try { await importSavepoint(text); } catch (e) { if (e instanceof SavepointFileError) show(e.message); }
 */
export class SavepointFileError extends Error {
  override readonly name = 'SavepointFileError';
}

/**
 * Exports a savepoint as the text of a file: one JSON document
 * `{ format, version, sha256, savepoint }` where `savepoint` is tagged JSON (see tagged-json.ts:
 * Map, Set, Date, typed arrays, bigint, NaN/±Infinity/-0 survive) and `sha256` is the hex SHA-256
 * (crypto.subtle) of `JSON.stringify(savepoint)`, so a re-indented file still verifies.
 *
 * @example
 * const text = await exportSavepoint(savepoint);
 * download(new Blob([text], { type: 'application/json' }), `${savepoint.name}.savepoint.json`);
 */
export async function exportSavepoint(savepoint: Savepoint): Promise<string> {
  validateSavepoint(savepoint);
  const payload = encodeTagged(savepoint, 'savepoint');
  const sha256 = await sha256Hex(JSON.stringify(payload));
  return JSON.stringify({
    format: SAVEPOINT_FILE_FORMAT,
    version: SAVEPOINT_FILE_VERSION,
    sha256,
    savepoint: payload,
  });
}

/**
 * Reads a savepoint file written by {@link exportSavepoint}. A file that is not JSON (truncated,
 * corrupted), foreign (another format), of another version, whose checksum does not match, or
 * whose content is not a valid savepoint is rejected with a SavepointFileError naming the
 * problem; nothing is returned in part.
 *
 * @example
 * const savepoint = await importSavepoint(await file.text());
 * await savepoints.save(savepoint);
 */
export async function importSavepoint(file: string | Blob | Uint8Array): Promise<Savepoint> {
  const text =
    typeof file === 'string'
      ? file
      : file instanceof Uint8Array
        ? new TextDecoder().decode(file)
        : await file.text();
  const fail = (what: string) => new SavepointFileError(`Savepoint import: ${what}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const ours = text.trimStart().startsWith(`{"format":"${SAVEPOINT_FILE_FORMAT}"`);
    throw fail(
      ours
        ? `the file is truncated or corrupted (${(e as Error).message}); export the savepoint again`
        : 'the file is not a Rivulet savepoint (it is not JSON); choose a file exported from the Savepoints page',
    );
  }
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  if (d.format !== SAVEPOINT_FILE_FORMAT) {
    throw fail(
      `the file is not a Rivulet savepoint (format is ${JSON.stringify(d.format) ?? 'missing'}, expected '${SAVEPOINT_FILE_FORMAT}')`,
    );
  }
  if (d.version !== SAVEPOINT_FILE_VERSION) {
    throw fail(
      `file version ${JSON.stringify(d.version)} is not supported (this Rivulet reads version ${SAVEPOINT_FILE_VERSION}); export it again with a matching Rivulet`,
    );
  }
  if (typeof d.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(d.sha256))
    throw fail('the file has no valid sha256 checksum; it is corrupted');
  if (d.savepoint === undefined)
    throw fail('the file has no savepoint content; it is truncated or corrupted');
  const actual = await sha256Hex(JSON.stringify(d.savepoint as Json));
  if (actual !== d.sha256) {
    throw fail(
      `checksum mismatch (the file says ${d.sha256.slice(0, 12)}…, its content hashes to ${actual.slice(0, 12)}…): the file is corrupted or was edited`,
    );
  }
  try {
    return validateSavepoint(decodeTagged(d.savepoint, 'savepoint'));
  } catch (e) {
    throw fail(`the content is invalid: ${(e as Error).message}`);
  }
}

async function sha256Hex(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error(
      'Savepoint files: crypto.subtle is unavailable (the page must be served over https or localhost)',
    );
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
