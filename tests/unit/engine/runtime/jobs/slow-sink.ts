// Job module: a fast parallel source feeding a deliberately slow operator with parallelism 1.
import type { DataStream, StreamExecutionEnvironment } from '../../../../../src/engine/index.ts';

const spin = (us: number) => {
  const end = performance.now() + us / 1000;
  while (performance.now() < end);
};

/** An operator that spins 10 µs per record (~100x what the source spends on one). */
export const slowOperator = (input: DataStream<number>) =>
  input
    .map((n) => {
      spin(10);
      return n;
    })
    .setParallelism(1)
    .name('SlowSink');

export default (env: StreamExecutionEnvironment) => slowOperator(env.fromSequence(1, 40_000));
