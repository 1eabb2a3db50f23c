import { describe, expect, it } from 'vitest';
import {
  AbstractStreamOperator,
  BoundedOutOfOrdernessWatermarks,
  StreamExecutionEnvironment,
  Watermark,
  WatermarkStrategy,
  WatermarksWithIdleness,
  type OneInputStreamOperator,
  type SourceContext,
  type WatermarkOutput,
} from '../../../../src/engine/index.ts';
import { WatermarkValve } from '../../../../src/engine/runtime/watermark-valve.ts';

/** Emits every record as its string and every watermark it receives as "wm:<t>", in order. */
class Probe extends AbstractStreamOperator<string> implements OneInputStreamOperator<unknown, string> {
  constructor(private readonly onRecord: (v: unknown) => void = () => {}) {
    super();
  }
  processElement(v: unknown): void {
    this.onRecord(v);
    this.output.collect(String(v), Number.NaN);
  }
  override processWatermark(wm: number): void {
    this.output.collect(`wm:${wm}`, Number.NaN);
    super.processWatermark(wm);
  }
}

const source = <T>(run: (ctx: SourceContext<T>) => void | Promise<void>) => ({ run, cancel() {} });

function valve(channels: number) {
  const out: string[] = [];
  const v = new WatermarkValve(channels, {
    onWatermark: (w) => out.push(`wm:${w}`),
    onStatus: (idle) => out.push(idle ? 'idle' : 'active'),
  });
  return { v, out };
}

// Semantics from Flink's StatusWatermarkValve and TimestampsAndWatermarksOperator; expected outputs
// are hand computations.
describe('watermark valve (input of a task)', () => {
  it('forwards the minimum over channels, only when it advances', () => {
    const { v, out } = valve(2);
    v.inputWatermark(5, 0); // other channel still at -Infinity
    v.inputWatermark(3, 1); // min 3
    v.inputWatermark(4, 1); // min 4
    v.inputWatermark(4, 1); // not advancing on the channel
    v.inputWatermark(2, 0); // going back on a channel is ignored
    v.inputWatermark(9, 1); // min(5, 9) = 5
    expect(out).toEqual(['wm:3', 'wm:4', 'wm:5']);
  });

  it('excludes idle channels; a channel rejoins once it catches up (alignment)', () => {
    const { v, out } = valve(2);
    v.inputWatermark(1, 0);
    v.inputWatermark(1, 1); // wm:1
    v.inputStatus(true, 0); // channel 0 idle
    v.inputWatermark(10, 1); // min over channel 1 only: wm:10
    v.inputStatus(false, 0); // active again at 1 < 10: not aligned, does not hold the minimum back
    v.inputWatermark(15, 1); // wm:15 (channel 0 still behind)
    v.inputWatermark(20, 0); // channel 0 catches up (20 >= 15): aligned again; min(20, 15) = 15, no change
    v.inputWatermark(30, 1); // min(20, 30) = 20
    expect(out).toEqual(['wm:1', 'wm:10', 'wm:15', 'wm:20']);
  });

  it('all channels idle: the task becomes idle (after flushing the max watermark); active again on activity', () => {
    const { v, out } = valve(2);
    v.inputWatermark(3, 0);
    v.inputWatermark(7, 1); // wm:3
    v.inputStatus(true, 1); // channel 0 still active → nothing
    v.inputStatus(true, 0); // last active channel idle, its wm is the current output → flush max (7), idle
    v.inputStatus(false, 1);
    expect(out).toEqual(['wm:3', 'wm:7', 'idle', 'active']);
  });

  it('an ended channel leaves the minimum', () => {
    const { v, out } = valve(2);
    v.inputWatermark(4, 0);
    v.inputWatermark(2, 1); // wm:2
    v.endOfInput(1); // min over channel 0: 4
    v.inputWatermark(Number.POSITIVE_INFINITY, 0);
    expect(out).toEqual(['wm:2', 'wm:4', 'wm:Infinity']);
  });
});

describe('watermarks through a job', () => {
  it('combines two sources as the minimum and ends with +Infinity', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const a = env.addSource(
      source<string>((ctx) => {
        ctx.collectWithTimestamp('a1', 1);
        ctx.emitWatermark(new Watermark(5));
        ctx.emitWatermark(new Watermark(10));
      }),
    );
    const b = env.addSource(
      source<string>((ctx) => {
        ctx.emitWatermark(new Watermark(3));
        ctx.emitWatermark(new Watermark(7));
        ctx.emitWatermark(new Watermark(20));
      }),
    );
    const out = await a
      .union(b)
      .transform('Probe', () => new Probe())
      .executeAndCollect();
    // Rounds: A emits a1 and wm 5, B wm 3 → min 3; A wm 10 and ends, B wm 7 → 7; B wm 20 → 20; B ends → +Inf.
    expect(out).toEqual(['a1', 'wm:3', 'wm:7', 'wm:20', 'wm:Infinity']);
  });

  it('an idle source does not hold the watermark back', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = env.addSource(
      source<string>(async (ctx) => {
        ctx.collectWithTimestamp('x', 1);
        ctx.emitWatermark(new Watermark(2));
        ctx.markAsTemporarilyIdle();
        await gate; // stays idle until the probe has seen B's last record
      }),
    );
    const b = env.addSource(
      source<string>((ctx) => {
        ctx.emitWatermark(new Watermark(10));
        ctx.emitWatermark(new Watermark(20));
        ctx.collectWithTimestamp('b-done', 20);
      }),
    );
    const out = await a
      .union(b)
      .transform('Probe', () => new Probe((v) => v === 'b-done' && release()))
      .executeAndCollect();
    // Without idleness the minimum would stay at 2 until A ends: ['x', 'wm:2', 'b-done', 'wm:Infinity'].
    expect(out).toEqual(['x', 'wm:2', 'wm:10', 'wm:20', 'b-done', 'wm:Infinity']);
  });

  it('does not forward watermarks that do not advance; records precede their watermark', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const strategy = WatermarkStrategy.forGenerator<number>(() => ({
      onEvent: (e, _ts, o) => o.emitWatermark(new Watermark(e)),
      onPeriodicEmit: () => {},
    })).withTimestampAssigner((e) => e);
    const out = await env
      .fromElements(5, 3, 5, 6)
      .assignTimestampsAndWatermarks(strategy)
      .transform('Probe', () => new Probe())
      .executeAndCollect();
    expect(out).toEqual(['5', 'wm:5', '3', '5', '6', 'wm:6', 'wm:Infinity']);
  });

  it('periodic watermarks follow the processing-time clock', async () => {
    // Advancing the manual clock from inside the pipeline makes periodic emission happen at a known
    // point; as in Flink's mailbox, the timer runs after the current batch, never inside it.
    const { ManualProcessingTimeService } = await import('../../../../src/engine/index.ts');
    const clock = new ManualProcessingTimeService(0);
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ processingTimeService: clock });
    env.getConfig().setAutoWatermarkInterval(100).setBatchSize(1); // timers run between batches
    const out = await env
      .fromElements(1000, 4000, 2000, 9000)
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forBoundedOutOfOrderness<number>(1000).withTimestampAssigner((e) => e),
      )
      .map((e) => {
        if (e === 2000) clock.advanceTo(100); // periodic emit after the 3rd record: max 4000 - 1000 - 1
        return e;
      })
      .transform('Probe', () => new Probe())
      .executeAndCollect();
    expect(out).toEqual(['1000', '4000', '2000', 'wm:2999', '9000', 'wm:Infinity']);
  });
});

describe('watermark generators', () => {
  const recorder = () => {
    const seen: string[] = [];
    const out: WatermarkOutput = {
      emitWatermark: (w) => seen.push(`wm:${w.timestamp}`),
      markIdle: () => seen.push('idle'),
      markActive: () => seen.push('active'),
    };
    return { seen, out };
  };

  it('BoundedOutOfOrderness emits max timestamp - bound - 1 (Flink)', () => {
    const { seen, out } = recorder();
    const g = new BoundedOutOfOrdernessWatermarks<number>(3);
    g.onPeriodicEmit(out); // nothing before the first event
    g.onEvent(0, 10, out);
    g.onEvent(0, 7, out);
    g.onPeriodicEmit(out);
    expect(seen).toEqual(['wm:6']);
  });

  it('withIdleness marks idle after the timeout without events, active on the next event', () => {
    const { seen, out } = recorder();
    let now = 0;
    const g = new WatermarksWithIdleness(new BoundedOutOfOrdernessWatermarks<number>(0), 1000, {
      currentProcessingTime: () => now,
    });
    g.onEvent(0, 5, out);
    g.onPeriodicEmit(out); // activity since last check → emits 4
    now = 500;
    g.onPeriodicEmit(out); // first check without activity: starts the idle clock, still emits
    now = 1600;
    g.onPeriodicEmit(out); // 1100 ms without events > 1000 → idle
    g.onEvent(0, 9, out); // active again
    expect(seen).toEqual(['wm:4', 'wm:4', 'idle', 'active']);
  });

  it('strategies validate their arguments at graph-building time', () => {
    expect(() => WatermarkStrategy.forBoundedOutOfOrderness(-1)).toThrow(/>= 0/);
    expect(() => WatermarkStrategy.forMonotonousTimestamps().withIdleness(0)).toThrow(/> 0/);
    expect(() => WatermarkStrategy.forGenerator(null as never)).toThrow(/function/);
  });
});
