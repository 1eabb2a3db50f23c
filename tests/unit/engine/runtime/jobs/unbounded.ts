// Job module: an unbounded parallel source (a counter that never ends) → rebalance → map; for cancel tests.
import {
  RichParallelSourceFunction,
  type SourceContext,
  type StreamExecutionEnvironment,
} from '../../../../../src/engine/index.ts';

class Forever extends RichParallelSourceFunction<number> {
  private running = true;
  async run(ctx: SourceContext<number>): Promise<void> {
    for (let i = 0; this.running; i++) {
      ctx.collect(i);
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 1));
    }
  }
  override cancel(): void {
    this.running = false;
  }
}

export default (env: StreamExecutionEnvironment) => {
  env
    .addSource(new Forever(), 'forever')
    .rebalance()
    .map((n) => n + 1)
    .addSink(() => {});
};
