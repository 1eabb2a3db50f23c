// Job module: a fast parallel source feeding a deliberately slow operator with parallelism 1.
import type { StreamExecutionEnvironment } from '../../../../../src/engine/index.ts';

const spin = (us: number) => {
  const end = performance.now() + us / 1000;
  while (performance.now() < end);
};

export default (env: StreamExecutionEnvironment) =>
  env
    .fromSequence(1, 40_000)
    .map((n) => {
      spin(10);
      return n;
    })
    .setParallelism(1)
    .name('SlowSink');
