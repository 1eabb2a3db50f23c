// Job module: map + filter over a parallel sequence (used by the runtime tests and bench/runtime.ts).
import type { StreamExecutionEnvironment } from '../../../../../src/engine/index.ts';

export default (env: StreamExecutionEnvironment) =>
  env
    .fromSequence(1, Number(globalThis.process?.env?.RIVULET_N ?? 10_000))
    .map((n) => n * 3)
    .filter((n) => n % 2 === 0);
