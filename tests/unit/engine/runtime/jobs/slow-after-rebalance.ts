// Job module: one source feeding, through a rebalance (so the two are not chained), the slow
// operator of slow-sink.ts.
import type { StreamExecutionEnvironment } from '../../../../../src/engine/index.ts';
import { slowOperator } from './slow-sink.ts';

export default (env: StreamExecutionEnvironment) =>
  slowOperator(env.fromSequence(1, 40_000).setParallelism(1).rebalance());
