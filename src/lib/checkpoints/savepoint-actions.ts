import { importSavepointFile, savepointFile, type SavepointInfo } from '../../client/index.ts';

/**
 * Downloads a stored savepoint as `<name>.savepoint.json` (checksummed; import it again anywhere).
 *
 * @example
 * await downloadSavepoint('nightly');
 */
export async function downloadSavepoint(name: string): Promise<void> {
  const url = URL.createObjectURL(await savepointFile(name));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name.replace(/[^\w.-]+/g, '_')}.savepoint.json`;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The click has started the download; the URL is no longer needed once this task ends.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/**
 * Imports the file chosen in a file input into the savepoint store; the error (e.g. a
 * SavepointFileError for a corrupted or foreign file) is returned as text naming it.
 *
 * @example
 * const outcome = await importChosenFile(input.files?.[0]); // { info } or { error: 'SavepointFileError: …' }
 */
export async function importChosenFile(
  file: File | undefined,
): Promise<{ info: SavepointInfo } | { error: string }> {
  if (!file) return { error: 'Choose a savepoint file (.savepoint.json) first' };
  try {
    return { info: await importSavepointFile(file) };
  } catch (e) {
    return { error: errorText(e) };
  }
}

/**
 * An error as `Name: message` (the name tells a SavepointFileError from a storage failure).
 *
 * @example
 * errorText(new TypeError('x')); // 'TypeError: x'
 */
export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * A default savepoint name: the job's example id (or "job") and the time.
 *
 * @example
 * defaultSavepointName('checkpointed-count'); // 'checkpointed-count-2026-11-21T03-25-07'
 */
export function defaultSavepointName(prefix: string): string {
  return `${prefix || 'job'}-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}`;
}
