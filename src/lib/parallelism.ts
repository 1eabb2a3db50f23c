/** The highest parallelism the Job page offers (its number fields' max). */
export const MAX_PAGE_PARALLELISM = 4;

/**
 * The whole number a parallelism field holds, or an error that names the field and says what to
 * enter. An empty number field (Svelte binds it as null) is the common case: it says so plainly
 * instead of "got null".
 *
 * @example
 * readParallelism(2); // { ok: true, value: 2 }
 * readParallelism(null); // { ok: false, error: 'Parallelism: enter a whole number from 1 to 4.' }
 * readParallelism(9, 'Run at parallelism'); // { ok: false, error: 'Run at parallelism: enter a whole number from 1 to 4 (not 9).' }
 */
export function readParallelism(
  value: unknown,
  field = 'Parallelism',
  max = MAX_PAGE_PARALLELISM,
): { ok: true; value: number } | { ok: false; error: string } {
  const empty = value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  const n = empty ? NaN : Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= max) return { ok: true, value: n };
  const fix = `${field}: enter a whole number from 1 to ${max}`;
  return { ok: false, error: empty ? `${fix}.` : `${fix} (not ${String(value)}).` };
}
