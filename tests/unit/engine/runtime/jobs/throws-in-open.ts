// Job module: the last subtask of a map throws in open(), before any record flows.
import { RichMapFunction, type StreamExecutionEnvironment } from '../../../../../src/engine/index.ts';

class OpensBadly extends RichMapFunction<number, number> {
  override open(): void {
    const ctx = this.getRuntimeContext();
    if (ctx.getIndexOfThisSubtask() === ctx.getNumberOfParallelSubtasks() - 1) {
      throw new TypeError('no connection to the lookup table');
    }
  }
  map(n: number): number {
    return n;
  }
}

export default (env: StreamExecutionEnvironment) =>
  env.fromSequence(1, 1_000).rebalance().map(new OpensBadly()).name('OpensBadly');
