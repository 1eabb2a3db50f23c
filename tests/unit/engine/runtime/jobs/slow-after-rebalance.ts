// Job module: one source feeding, through a rebalance (so the two are not chained), one operator
// that spins 10 µs per record (~100x the source's cost per record).
import type { StreamExecutionEnvironment } from '../../../../../src/engine/index.ts';

const spin = (us: number) => {
  const end = performance.now() + us / 1000;
  while (performance.now() < end);
};

export default (env: StreamExecutionEnvironment) =>
  env
    .fromSequence(1, 40_000)
    .setParallelism(1)
    .rebalance()
    .map((n) => {
      spin(10);
      return n;
    })
    .setParallelism(1)
    .name('SlowSink');
