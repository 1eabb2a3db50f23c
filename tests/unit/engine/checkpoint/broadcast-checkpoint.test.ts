import { describe, expect, it } from 'vitest';
import {
  InlineExecutor,
  ManualProcessingTimeService,
  MapStateDescriptor,
  MemoryCheckpointStorage,
  RestartStrategies,
  RichMapFunction,
  StreamExecutionEnvironment,
  BroadcastProcessFunction,
  type BroadcastContext,
  type BroadcastReadOnlyContext,
  type Collector,
} from '../../../../src/engine/index.ts';

const rules = new MapStateDescriptor<string, number>('rules');

/** Emits `value*factor` for every rule present when the value arrives. */
class ApplyRules extends BroadcastProcessFunction<number, [string, number], string> {
  processElement(v: number, ctx: BroadcastReadOnlyContext, out: Collector<string>): void {
    for (const [name, factor] of ctx.getBroadcastState(rules).immutableEntries())
      out.collect(`${name}:${v * factor}`);
  }
  processBroadcastElement(rule: [string, number], ctx: BroadcastContext): void {
    ctx.getBroadcastState(rules).put(rule[0], rule[1]);
  }
}

/** Throws at value `at` on attempt 0; every 100 values moves the clock 50 ms (a checkpoint). */
class FailOnce extends RichMapFunction<number, number> {
  constructor(
    private readonly at: number,
    private readonly clock: ManualProcessingTimeService,
  ) {
    super();
  }
  map(v: number): number {
    if (this.getRuntimeContext().getAttemptNumber() === 0 && v === this.at)
      throw new Error('planned failure');
    if (v % 100 === 0) this.clock.advanceTo(this.clock.getCurrentProcessingTime() + 50);
    return v;
  }
}

describe('broadcast state in checkpoints', () => {
  it('is restored after a restart although the rule source does not replay it', async () => {
    const clock = new ManualProcessingTimeService();
    const env = StreamExecutionEnvironment.getExecutionEnvironment({
      parallelism: 2,
      processingTimeService: clock,
      executor: new InlineExecutor({ processingTimeService: clock, yieldIntervalMs: 0 }),
    });
    env.enableCheckpointing(50);
    env.getCheckpointConfig().setCheckpointStorage(new MemoryCheckpointStorage());
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 0));
    // The rule source is created first, so its single record comes before any value (inline runtime).
    const ruleStream = env.fromElements<[string, number]>(['double', 2]).broadcast(rules);
    const out = await env
      .fromSequence(1, 3000)
      .setParallelism(1)
      .map(new FailOnce(2500, clock))
      .setParallelism(1)
      .connect(ruleStream)
      .process(new ApplyRules())
      .executeAndCollect();
    // Hand computation: every value 1..3000 doubled exactly once; after the restart the rule came
    // from the restored broadcast state (its source had ended and resumed at its end position).
    expect(out.sort()).toEqual(Array.from({ length: 3000 }, (_, i) => `double:${(i + 1) * 2}`).sort());
  });
});
