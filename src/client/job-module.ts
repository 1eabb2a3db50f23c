import * as engine from '../engine/index.ts';

/** Where each thread publishes its engine for job modules (workers/engine-global.ts does it in workers). */
const GLOBAL = '__rivuletEngine';

/** Publishes the main thread's engine (the inline runtime builds job modules here). */
export function publishEngine(): void {
  (globalThis as Record<string, unknown>)[GLOBAL] = engine;
}

let engineModuleUrl: string | undefined;

/**
 * A Blob module that re-exports the engine of the thread importing it: every thread (page,
 * JobManager worker, TaskManager workers) gets its own engine, so classes the job uses are the ones
 * the runtime of that thread checks with instanceof.
 */
function engineModule(): string {
  if (!engineModuleUrl) {
    const names = Object.keys(engine).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    const source =
      `const e = globalThis.${GLOBAL};\n` +
      `if (!e) throw new Error("The 'rivulet' module of a job is only available inside Rivulet's runtimes (runJob)");\n` +
      `export const { ${names.join(', ')} } = e;\n`;
    engineModuleUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  }
  return engineModuleUrl;
}

/**
 * Turns JavaScript typed in the editor into a job module URL (a Blob URL) for {@link runJob}. The
 * code imports the engine from the bare specifier `'rivulet'`, which is rewritten to a module
 * re-exporting the engine of whichever thread loads the job. Revoke the URL when done.
 *
 * @example
 * ```ts
 * const url = jobModuleUrlFromSource(`
 *   import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'rivulet';
 *   export default (env) => env.fromElements(1, 2, 3).map((x) => x * 2);
 * `);
 * const doubled = await runJob(url, { parallelism: 2 });
 * URL.revokeObjectURL(url);
 * ```
 */
export function jobModuleUrlFromSource(code: string): string {
  const rewritten = code.replace(
    /(\bfrom\s*|\bimport\s*\(?\s*)(['"])rivulet\2/g,
    (_m, head: string, quote: string) => `${head}${quote}${engineModule()}${quote}`,
  );
  return URL.createObjectURL(new Blob([rewritten], { type: 'text/javascript' }));
}
