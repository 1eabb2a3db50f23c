import * as tf from '@tensorflow/tfjs';

/** A tfjs backend name (same union as the trainer worker's `TrainerBackend`). */
export type MlBackend = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** Options of {@link chooseBackend}. */
export interface ChooseBackendOptions {
  /** Try this backend first, then the usual order. */
  prefer?: MlBackend;
  /** Use exactly this backend; fail if it cannot start. */
  force?: MlBackend;
  /** Where the wasm backend finds its .wasm files (a folder ending in '/'); Node defaults to node_modules. */
  wasmPaths?: string;
}

/** What {@link chooseBackend} picked and why the others were skipped. */
export interface BackendChoice {
  backend: MlBackend;
  /** One line per backend tried before the chosen one. */
  skipped: string[];
  /** 'node' or 'browser'. */
  platform: 'node' | 'browser';
}

const isNode = (): boolean =>
  typeof process !== 'undefined' && typeof process.versions === 'object' && !!process.versions.node;

let wasmConfigured = false;
/**
 * Loads the wasm backend and points it at its files once (Node: the package's dist folder on disk).
 * Loaded on demand: importing it registers wasm as the preferred backend, and tfjs then refuses
 * synchronous ops until it has initialised — importing src/ml must not do that to its users.
 */
async function configureWasm(paths: string | undefined): Promise<void> {
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const dir =
    paths ?? (isNode() ? `${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/` : undefined);
  if (dir && (!wasmConfigured || paths)) setWasmPaths(dir);
  wasmConfigured = true;
}

/** Whether WebGPU offers a hardware (not SwiftShader/fallback) adapter. */
async function hardwareWebGpu(): Promise<string | null> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) return 'webgpu: navigator.gpu is missing';
  const adapter = (await gpu.requestAdapter()) as {
    isFallbackAdapter?: boolean;
    info?: { vendor?: string; architecture?: string; description?: string };
  } | null;
  if (!adapter) return 'webgpu: no adapter';
  const text = [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].join(' ');
  if (adapter.isFallbackAdapter || /swiftshader/i.test(text))
    return 'webgpu: software adapter (slower than wasm)';
  return null;
}

/**
 * The order {@link chooseBackend} tries: webgpu only on a hardware adapter, then wasm, webgl, cpu
 * (Node: wasm, cpu). Compatible with `backendOrder` of the trainer worker.
 *
 * @example
 * ```ts
 * backendCandidates({ node: true, hardwareGpu: false }); // ['wasm', 'cpu']
 * ```
 */
export function backendCandidates(
  env: { node: boolean; hardwareGpu: boolean },
  prefer?: MlBackend,
): MlBackend[] {
  const base: MlBackend[] = env.node
    ? ['wasm', 'cpu']
    : env.hardwareGpu
      ? ['webgpu', 'wasm', 'webgl', 'cpu']
      : ['wasm', 'webgl', 'cpu'];
  return prefer ? [prefer, ...base.filter((b) => b !== prefer)] : base;
}

/** Starts one backend; returns null on success or the reason it failed. */
async function tryBackend(name: MlBackend, options: ChooseBackendOptions): Promise<string | null> {
  try {
    if (name === 'wasm') await configureWasm(options.wasmPaths);
    if (name === 'webgpu' && !tf.findBackendFactory('webgpu'))
      await import('@tensorflow/tfjs-backend-webgpu');
    if (!tf.findBackendFactory(name)) return `${name}: not registered in this build`;
    if (!(await tf.setBackend(name))) return `${name}: the backend failed to initialise`;
    await tf.ready();
    return null;
  } catch (error) {
    return `${name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Picks and activates the fastest tfjs backend available: webgpu only on a hardware adapter, else
 * wasm, then webgl, then cpu (in Node: wasm then cpu). `force` uses one backend or throws.
 *
 * @example
 * ```ts
 * const { backend, skipped } = await chooseBackend();          // 'wasm' in Node
 * await chooseBackend({ force: 'cpu' });                        // exactly cpu
 * ```
 */
export async function chooseBackend(options: ChooseBackendOptions = {}): Promise<BackendChoice> {
  const platform = isNode() ? 'node' : 'browser';
  if (options.force) {
    const why = await tryBackend(options.force, options);
    if (why)
      throw new Error(
        `chooseBackend({ force: '${options.force}' }) failed: ${why}; force another backend or omit force`,
      );
    return { backend: options.force, skipped: [], platform };
  }
  const skipped: string[] = [];
  let hardwareGpu = false;
  if (platform === 'browser') {
    const why = await hardwareWebGpu();
    hardwareGpu = why === null;
    if (why) skipped.push(why);
  }
  for (const name of backendCandidates({ node: platform === 'node', hardwareGpu }, options.prefer)) {
    const why = await tryBackend(name, options);
    if (why === null) return { backend: name, skipped, platform };
    skipped.push(why);
  }
  throw new Error(`chooseBackend(): no tfjs backend could start (${skipped.join('; ')})`);
}

/**
 * The backend tfjs runs on now.
 *
 * @example
 * ```ts
 * currentBackend(); // 'wasm'
 * ```
 */
export function currentBackend(): string {
  return tf.getBackend();
}

let choosing: Promise<BackendChoice> | null = null;
/**
 * Makes sure a tfjs backend runs before training: keeps one that is already active (chooseBackend,
 * tf.setBackend), else chooses the fastest once. Every estimator that trains with tfjs awaits it, so
 * `await new LogisticRegression(...).fit(rows)` works without setting up tfjs first.
 *
 * @example await ensureBackend(); // then tfjs ops run on wasm in Node
 */
export async function ensureBackend(): Promise<void> {
  if (tf.getBackend()) return;
  choosing ??= chooseBackend().finally(() => (choosing = null));
  await choosing;
}
