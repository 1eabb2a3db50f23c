import { describe, expect, it } from 'vitest';
import {
  AbstractStreamOperator,
  CollectionSource,
  NumberSequenceSource,
  StreamExecutionEnvironment,
  Watermark,
  WatermarkStrategy,
  type SourceContext,
  type TwoInputStreamOperator,
} from '../../../../src/engine/index.ts';
import { WatermarkValve } from '../../../../src/engine/runtime/watermark-valve.ts';

// Expected outputs are hand traces of Flink: one StatusWatermarkValve per input of a two-input task
// (StreamTwoInputProcessor), combined by AbstractStreamOperator.processWatermark(mark, index) /
// processWatermarkStatus(status, inputId) over an IndexedCombinedWatermarkStatus
// (CombinedWatermarkStatus.updateCombinedWatermark: min over non-idle inputs, max once all are idle).

function valve(channelInputs: number[]) {
  const out: string[] = [];
  const v = new WatermarkValve(
    channelInputs.length,
    {
      onWatermark: (w) => out.push(`wm:${w}`),
      onStatus: (idle) => out.push(idle ? 'idle' : 'active'),
    },
    channelInputs,
  );
  return { v, out };
}

describe('watermark valve of a two-input task (one valve per input, then combined)', () => {
  it('an input that becomes active again holds the combined watermark back at once', () => {
    const { v, out } = valve([1, 2]);
    v.inputWatermark(10, 0); // input 1 at 10, input 2 still at -Infinity
    v.inputStatus(true, 0); // input 1 idle
    v.inputWatermark(20, 1); // only input 2 counts: 20
    v.inputStatus(false, 0); // input 1 active again at 10: min(10, 20) does not advance
    v.inputWatermark(30, 1); // min(10, 30): held back by input 1
    v.inputWatermark(27, 0); // min(27, 30) = 27
    v.inputWatermark(40, 0); // min(40, 30) = 30
    // One valve over both inputs' channels would leave channel 0 unaligned (10 < 20): wm:20, wm:30.
    expect(out).toEqual(['wm:20', 'wm:27', 'wm:30']);
    expect(v.currentWatermark).toBe(30);
  });

  it('idle while both inputs are idle, flushing the max of both; active with the first active input', () => {
    const { v, out } = valve([1, 2]);
    v.inputWatermark(3, 0);
    v.inputWatermark(7, 1); // min(3, 7)
    v.inputStatus(true, 1); // input 2 idle: min over input 1 stays 3
    v.inputStatus(true, 0); // both idle: max(3, 7), then idle
    v.inputStatus(false, 1); // input 2 active at 7: nothing advances, active
    expect(out).toEqual(['wm:3', 'wm:7', 'idle', 'active']);
  });

  it('combines the min over each input first: a union of channels on one input, one channel on the other', () => {
    const { v, out } = valve([1, 1, 2]);
    v.inputWatermark(5, 0);
    v.inputWatermark(8, 1); // input 1 at 5
    v.inputWatermark(4, 2); // min(5, 4)
    v.inputWatermark(Number.POSITIVE_INFINITY, 0); // input 1: min(+Inf, 8) = 8; combined min(8, 4)
    v.endOfInput(0);
    v.inputWatermark(Number.POSITIVE_INFINITY, 1); // input 1 at +Inf
    v.endOfInput(1);
    v.inputWatermark(9, 2); // min(+Inf, 9)
    v.inputStatus(true, 2); // input 2 idle, input 1 (ended at +Inf) is not: +Inf, the task stays active
    expect(out).toEqual(['wm:4', 'wm:9', 'wm:Infinity']);
  });

  it('an input whose channels all ended counts as +Infinity', () => {
    const { v, out } = valve([1, 2]);
    v.inputWatermark(6, 0);
    v.inputWatermark(2, 1); // min(6, 2)
    v.endOfInput(1); // input 2 ended (without a final watermark): min(6, +Inf)
    v.inputWatermark(12, 0);
    expect(out).toEqual(['wm:2', 'wm:6', 'wm:12']);
  });
});

/** Emits every record and every watermark it receives ("wm:<t>"), and reports each to `seen`. */
class CoProbe
  extends AbstractStreamOperator<string>
  implements TwoInputStreamOperator<string, string, string>
{
  constructor(private readonly seen: (s: string) => void) {
    super();
  }
  processElement1(v: string): void {
    this.seen(v);
    this.output.collect(v, Number.NaN);
  }
  processElement2(v: string): void {
    this.seen(v);
    this.output.collect(v, Number.NaN);
  }
  override processWatermark(wm: number): void {
    this.seen(`wm:${wm}`);
    this.output.collect(`wm:${wm}`, Number.NaN);
    super.processWatermark(wm);
  }
}

describe('watermarks through a two-input task', () => {
  it('connect: a source that resumes after idleness holds the operator watermark back (Flink)', async () => {
    const seen = new Set<string>();
    const waiting: [string, () => void][] = [];
    const when = (s: string) => new Promise<void>((r) => (seen.has(s) ? r() : waiting.push([s, r])));
    const note = (s: string) => {
      seen.add(s);
      for (const [k, r] of waiting) if (k === s) r();
    };
    const source = (run: (ctx: SourceContext<string>) => Promise<void>) => ({ run, cancel() {} });
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const a = env.addSource(
      source(async (ctx) => {
        ctx.collectWithTimestamp('a1', 10);
        ctx.emitWatermark(new Watermark(10));
        ctx.markAsTemporarilyIdle();
        await when('b20');
        ctx.collectWithTimestamp('a2', 25); // active again, its watermark still 10
        await when('b30');
        ctx.collectWithTimestamp('a3', 27);
        ctx.emitWatermark(new Watermark(27));
      }),
    );
    const b = env.addSource(
      source(async (ctx) => {
        await when('a1');
        ctx.emitWatermark(new Watermark(20));
        ctx.collectWithTimestamp('b20', 20);
        await when('a2');
        ctx.emitWatermark(new Watermark(30));
        ctx.collectWithTimestamp('b30', 30);
      }),
    );
    const out = await a
      .connect(b)
      .transform('CoProbe', () => new CoProbe(note))
      .executeAndCollect();
    // A idle: B alone gives 20. A resumes at 10: B's 30 does not advance the watermark, so a3 (27)
    // is not late; A's 27 gives min(27, 30) = 27 (or min(27, +Inf) once B ended), then +Inf.
    // One valve over both inputs would forward B's 30 before b30 and make a3 late.
    expect(out).toEqual(['a1', 'wm:20', 'b20', 'a2', 'b30', 'a3', 'wm:27', 'wm:Infinity']);
  });
});

describe('fromSource: the watermark step belongs to its source (Flink generates watermarks in SourceOperator)', () => {
  const plan = (env: StreamExecutionEnvironment) => {
    const p = env.getJobPlan();
    return [
      ...p.vertices.map((v) => `${v.name} (${v.parallelism})`),
      ...p.edges.map((e) => `${e.source}->${e.target} ${e.partitioning}`),
    ];
  };
  const strategy = WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((n) => n);

  it('a non-parallel source generates its watermarks at parallelism 1, chained', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const stream = env.fromSource(new CollectionSource([3, 1, 2]), strategy, 'c');
    expect(stream.getParallelism()).toBe(1);
    stream.map((x) => x * 10).print();
    expect(plan(env)).toEqual([
      'Source: c -> c (timestamps/watermarks) (1)',
      'Map -> Sink: Print to Std. Out (2)',
      '0->1 REBALANCE',
    ]);
    const out = await StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 })
      .fromSource(new CollectionSource([3, 1, 2]), strategy, 'c')
      .map((x) => x * 10)
      .executeAndCollect();
    expect(out.sort((x, y) => x - y)).toEqual([10, 20, 30]);
  });

  it('disableChaining, startNewChain and env.disableOperatorChaining keep the source and its watermarks together', () => {
    const build = (how: 'disable' | 'new-chain' | 'env') => {
      const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
      if (how === 'env') env.disableOperatorChaining();
      let s = env.fromSource(new NumberSequenceSource(1, 10), strategy, 'n');
      if (how === 'disable') s = s.disableChaining();
      if (how === 'new-chain') s = s.startNewChain();
      s.map((x) => x).print();
      return plan(env);
    };
    // Flink: [Source: n] [Map -> Sink]; here the source's chain also holds its watermark step.
    expect(build('disable')).toEqual([
      'Source: n -> n (timestamps/watermarks) (2)',
      'Map -> Sink: Print to Std. Out (2)',
      '0->1 FORWARD',
    ]);
    // A source always heads its chain, so startNewChain() on it changes nothing.
    expect(build('new-chain')).toEqual([
      'Source: n -> n (timestamps/watermarks) -> Map -> Sink: Print to Std. Out (2)',
    ]);
    expect(build('env')).toEqual([
      'Source: n -> n (timestamps/watermarks) (2)',
      'Map (2)',
      'Sink: Print to Std. Out (2)',
      '0->1 FORWARD',
      '1->2 FORWARD',
    ]);
  });
});
