/**
 * Publishes this thread's engine as `globalThis.__rivuletEngine`, where the `rivulet` module of a
 * job written in the browser (src/client/job-module.ts) finds it: a Blob module cannot resolve
 * bare or relative imports, and every thread must hand the job its own copy of the engine.
 */
import * as engine from '../src/engine/index.ts';

(globalThis as { __rivuletEngine?: unknown }).__rivuletEngine = engine;
