import { describe, expect, it } from 'vitest';
import {
  BroadcastProcessFunction,
  KeyedBroadcastProcessFunction,
  MapStateDescriptor,
  StreamExecutionEnvironment,
  ValueStateDescriptor,
  type BroadcastContext,
  type BroadcastReadOnlyContext,
  type Collector,
  type KeyedBroadcastContext,
  type KeyedBroadcastReadOnlyContext,
  type ValueState,
} from '../../../../src/engine/index.ts';

// Flink docs, "The Broadcast State Pattern": rules are broadcast to every subtask of a keyed stream
// and stored in broadcast state (a map); the keyed side reads them read-only. A reading is evaluated
// against the rules present when it arrives; the inline runtime runs sources in creation order, so a
// source created first delivers its (single-batch) records first.
type Rule = { name: string; threshold: number };
type Reading = { sensor: string; value: number };
const rulesDescriptor = new MapStateDescriptor<string, Rule>('rules');

class Alerts extends KeyedBroadcastProcessFunction<string, Reading, Rule, string> {
  private count!: ValueState<number>;
  override open(): void {
    this.count = this.getRuntimeContext().getState(new ValueStateDescriptor<number>('count', 0));
  }
  processElement(r: Reading, ctx: KeyedBroadcastReadOnlyContext<string>, out: Collector<string>): void {
    this.count.update(this.count.value()! + 1);
    for (const [name, rule] of ctx.getBroadcastState(rulesDescriptor).immutableEntries()) {
      if (r.value > rule.threshold) out.collect(`${ctx.getCurrentKey()}:${name}:${r.value}`);
    }
  }
  processBroadcastElement(rule: Rule, ctx: KeyedBroadcastContext, out: Collector<string>): void {
    ctx.getBroadcastState(rulesDescriptor).put(rule.name, rule);
    // Visit the keyed state of every key this subtask has seen (Flink's applyToKeyedState).
    ctx.applyToKeyedState(new ValueStateDescriptor<number>('count', 0), (key, state: ValueState<number>) =>
      out.collect(`seen ${key}=${state.value()} when ${rule.name} arrived`),
    );
  }
}

describe('broadcast state pattern', () => {
  it('evaluates keyed readings against broadcast rules, each subtask with its own copy', async () => {
    for (const parallelism of [1, 2, 4]) {
      const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });
      // A rule first, then readings, then a second rule: the rule source runs before the readings
      // because it is created first and the inline runtime schedules sources in creation order.
      const rules = env.fromElements<Rule>({ name: 'hot', threshold: 30 }).broadcast(rulesDescriptor);
      const readings = env.fromElements<Reading>(
        { sensor: 's1', value: 25 },
        { sensor: 's2', value: 35 },
        { sensor: 's1', value: 40 },
      );
      const out = await readings
        .keyBy((r) => r.sensor)
        .connect(rules)
        .process(new Alerts())
        .executeAndCollect();
      expect(out.sort()).toEqual(['s1:hot:40', 's2:hot:35']);
    }
  });

  it('applyToKeyedState visits every key of the subtask', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const readings = env.fromElements<Reading>(
      { sensor: 's1', value: 1 },
      { sensor: 's2', value: 1 },
      { sensor: 's1', value: 1 },
    );
    // Rules created after the readings: the readings' source runs first.
    const rules = env.fromElements<Rule>({ name: 'late', threshold: 0 }).broadcast(rulesDescriptor);
    const out = await readings
      .keyBy((r) => r.sensor)
      .connect(rules)
      .process(new Alerts())
      .executeAndCollect();
    expect(out.sort()).toEqual(['seen s1=2 when late arrived', 'seen s2=1 when late arrived']);
  });

  it('non-keyed BroadcastProcessFunction; broadcast state is read-only on the data side', async () => {
    const blocked = new MapStateDescriptor<string, boolean>('blocked');
    class Filter extends BroadcastProcessFunction<string, string, string> {
      processElement(w: string, ctx: BroadcastReadOnlyContext, out: Collector<string>): void {
        if (!ctx.getBroadcastState(blocked).contains(w)) out.collect(w);
      }
      processBroadcastElement(w: string, ctx: BroadcastContext): void {
        ctx.getBroadcastState(blocked).put(w, true);
      }
    }
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const block = env.fromElements('spam').broadcast(blocked);
    const words = env.fromElements('hello', 'spam', 'world').rebalance();
    const out = await words.connect(block).process(new Filter()).executeAndCollect();
    expect(out.sort()).toEqual(['hello', 'world']);

    class Writer extends BroadcastProcessFunction<string, string, string> {
      processElement(w: string, ctx: BroadcastReadOnlyContext): void {
        (ctx.getBroadcastState(blocked) as unknown as { put(k: string, v: boolean): void }).put(w, true);
      }
      processBroadcastElement(): void {}
    }
    const env2 = StreamExecutionEnvironment.getExecutionEnvironment();
    const job = env2
      .fromElements('x')
      .connect(env2.fromElements('y').broadcast(blocked))
      .process(new Writer())
      .executeAndCollect();
    await expect(job).rejects.toThrow(/put is not a function/);
  });

  it('misuse fails at graph-building time', () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const rules = env.fromElements<Rule>({ name: 'r', threshold: 1 }).broadcast(rulesDescriptor);
    expect(() =>
      env.fromElements<Reading>({ sensor: 's', value: 1 }).connect(rules).process(new Alerts()),
    ).toThrow(/needs a keyed stream/);
    expect(() => env.fromElements(1).broadcast(new ValueStateDescriptor('x') as never)).toThrow(
      /MapStateDescriptors/,
    );
  });
});
