import { describe, expect, it } from 'vitest';
import {
  JobCancelledError,
  KeyedProcessFunction,
  OperatorFailure,
  ProcessFunction,
  RichMapFunction,
  StreamExecutionEnvironment,
  ValueStateDescriptor,
  WatermarkStrategy,
  type ProcessContext,
} from '../../../../src/engine/index.ts';

const env = (parallelism = 1) => StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });

async function failure(p: Promise<unknown>): Promise<OperatorFailure> {
  try {
    await p;
  } catch (e) {
    return e as OperatorFailure;
  }
  throw new Error('expected the job to fail');
}

describe('a user function that throws fails the job, naming operator, record and cause', () => {
  it('map', async () => {
    const boom = new Error('bad input');
    const e = await failure(
      env()
        .fromElements({ id: 1 }, { id: 2 })
        .map((r) => {
          if (r.id === 2) throw boom;
          return r;
        })
        .name('parse')
        .uid('parse-v1')
        .executeAndCollect(),
    );
    expect(e).toBeInstanceOf(OperatorFailure);
    expect(e.message).toBe(
      'Operator "parse" (uid "parse-v1") failed in map() on record {"id":2}: Error: bad input',
    );
    expect(e.cause).toBe(boom);
    expect(e.operatorName).toBe('parse');
    expect(e.record).toBe('{"id":2}');
  });

  it('a downstream operator on another subtask, with parallelism 4 (never hangs)', async () => {
    const e = await failure(
      env(4)
        .fromSequence(1, 10_000)
        .keyBy((x) => x % 7)
        .filter((x) => {
          if (x === 5000) throw new TypeError('five thousand');
          return true;
        })
        .executeAndCollect(),
    );
    expect(e.message).toMatch(
      /^Operator "Filter" \(subtask \d\/4\) failed in filter\(\) on record 5000: TypeError: five thousand$/,
    );
  });

  it('long records are truncated in the message', async () => {
    const e = await failure(
      env()
        .fromElements('x'.repeat(1000))
        .map(() => {
          throw new Error('no');
        })
        .executeAndCollect(),
    );
    expect(e.record.length).toBeLessThan(240);
    expect(e.record).toMatch(/… \(1002 chars\)$/);
  });

  it('open() of a rich function', async () => {
    class Broken extends RichMapFunction<number, number> {
      override open(): void {
        throw new Error('cannot connect');
      }
      map(x: number): number {
        return x;
      }
    }
    const e = await failure(env().fromElements(1).map(new Broken()).executeAndCollect());
    expect(e.message).toBe('Operator "Map" failed in open(): Error: cannot connect');
  });

  it('a timestamp assigner returning NaN or a non-number', async () => {
    const nan = await failure(
      env()
        .fromElements({ t: 'oops' })
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forMonotonousTimestamps<{ t: string }>().withTimestampAssigner((e) =>
            Number(e.t),
          ),
        )
        .executeAndCollect(),
    );
    expect(nan.message).toContain(
      'Operator "Timestamps/Watermarks" failed in the timestamp assigner on record {"t":"oops"}',
    );
    expect(nan.message).toContain('returned NaN');
    const str = await failure(
      env()
        .fromElements({ t: '5' })
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forMonotonousTimestamps<{ t: string }>().withTimestampAssigner(
            (e) => e.t as unknown as number,
          ),
        )
        .executeAndCollect(),
    );
    expect(str.message).toContain('returned a string (5)');
    const none = await failure(
      env()
        .fromElements(1)
        .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<number>())
        .executeAndCollect(),
    );
    expect(none.message).toContain('the record has no timestamp; add .withTimestampAssigner');
  });

  it('an onTimer that throws names the timer and key', async () => {
    class T extends KeyedProcessFunction<string, string, string> {
      processElement(_v: string, ctx: ProcessContext): void {
        ctx.timerService().registerEventTimeTimer(100);
      }
      override onTimer(): void {
        throw new Error('timer broke');
      }
    }
    const e = await failure(
      env()
        .fromElements('k')
        .keyBy((s) => s)
        .process(new T())
        .executeAndCollect(),
    );
    expect(e.message).toBe(
      'Operator "KeyedProcess" failed in onTimer() at 100 (EVENT_TIME) for key "k": Error: timer broke',
    );
  });
});

describe('keyed-only features on non-keyed streams', () => {
  it('keyed state on a non-keyed stream fails naming the operator and what to do', async () => {
    class Counter extends RichMapFunction<number, number> {
      override open(): void {
        this.getRuntimeContext().getState(new ValueStateDescriptor<number>('count'));
      }
      map(x: number): number {
        return x;
      }
    }
    const e = await failure(env().fromElements(1).map(new Counter()).name('count').executeAndCollect());
    expect(e.message).toContain(
      'keyed state ("count") is only available on a keyed stream; call keyBy(...) before this operator',
    );
  });

  it('timers on a non-keyed ProcessFunction fail; a KeyedProcessFunction without keyBy fails at build time', async () => {
    class P extends ProcessFunction<number, number> {
      processElement(_v: number, ctx: ProcessContext): void {
        ctx.timerService().registerEventTimeTimer(1);
      }
    }
    const e = await failure(env().fromElements(1).process(new P()).executeAndCollect());
    expect(e.message).toContain('setting timers is only supported on keyed streams');
    class K extends KeyedProcessFunction<string, number, number> {
      processElement(): void {}
    }
    expect(() => env().fromElements(1).process(new K())).toThrow(
      'process(): a KeyedProcessFunction needs a keyed stream; call keyBy(...) before process(...)',
    );
  });
});

describe('keyBy misuse', () => {
  it('fails at graph-building time for arguments that are no key selector', () => {
    expect(() =>
      env()
        .fromElements(1)
        .keyBy(undefined as never),
    ).toThrow(/expected a key selector function/);
    expect(() => env().fromElements(1).keyBy(1.5)).toThrow(/tuple position must be an integer/);
    expect(() => env().fromElements(1).keyBy('')).toThrow(/field name is empty/);
  });

  it('fails the job when a record has no such field or the key is not keyable', async () => {
    const missing = await failure(env().fromElements({ a: 1 }).keyBy('user').sum('a').executeAndCollect());
    expect(missing.message).toContain(`keyBy('user'): the record has no field "user"`);
    const notKeyable = await failure(
      env()
        .fromElements({ a: 1 })
        .keyBy(() => undefined)
        .sum('a')
        .executeAndCollect(),
    );
    expect(notKeyable.message).toContain('Keys must be primitives');
    const notTuple = await failure(env().fromElements(5).keyBy(0).sum(0).executeAndCollect());
    expect(notTuple.message).toContain('keyBy(0): the record is not a tuple');
  });

  it('aggregations check their field', async () => {
    expect(() => env().fromElements([1]).keyBy(0).sum(-1)).toThrow(/integer >= 0/);
    expect(() =>
      env()
        .fromElements([1])
        .keyBy(0)
        .sum(((x: number[]) => x[0]) as never),
    ).toThrow(/a function can only read the field/);
    const e = await failure(
      env().fromElements({ k: 'a', v: 'x' }, { k: 'a', v: 'y' }).keyBy('k').sum('v').executeAndCollect(),
    );
    expect(e.message).toBe(
      'Operator "Keyed Aggregation" failed in reduce() on record {"k":"a","v":"y"}: TypeError: sum: cannot add x and y; sum needs a numeric field',
    );
  });
});

describe('parallelism and graph misuse', () => {
  it('invalid parallelism throws at build time', () => {
    const s = env()
      .fromSequence(1, 2)
      .map((x) => x);
    expect(() => s.setParallelism(0)).toThrow(
      'setParallelism(0) on "Map": the parallelism must be an integer >= 1, got 0',
    );
    expect(() => s.setParallelism(1.5)).toThrow(/integer >= 1/);
    expect(() => env().setParallelism(-1)).toThrow(/integer >= 1/);
    expect(() => env().fromElements(1).setParallelism(2)).toThrow(/non-parallel and must keep parallelism 1/);
    expect(() => env().setMaxParallelism(0)).toThrow(/1\.\.32768/);
    const e = env();
    e.fromSequence(1, 2)
      .map((x) => x)
      .setParallelism(200)
      .print();
    expect(() => e.execute()).toThrow(/parallelism 200 exceeds its max parallelism 128/);
  });

  it('forward() between different parallelism throws; no sink throws', () => {
    const e = env(2);
    e.fromElements(1)
      .forward()
      .map((x) => x)
      .print();
    expect(() => e.getJobGraph()).toThrow(/Forward partitioning does not allow a change of parallelism/);
    expect(() => env().execute()).toThrow(/No operators defined/);
  });

  it('bad function arguments throw at build time', () => {
    expect(() =>
      env()
        .fromElements(1)
        .map(42 as never),
    ).toThrow('map(): expected a function or an object with a map(...) method, got number');
    expect(() =>
      env()
        .fromElements(1)
        .filter({} as never),
    ).toThrow(/filter\(\.\.\.\) method/);
    const e = env();
    expect(() =>
      e
        .fromElements(1)
        .connect(e.fromElements(2))
        .map({ map1: (x: number) => x } as never),
    ).toThrow(/lacks map2/);
    expect(() => env().fromElements(1).connect(env().fromElements(2))).toThrow(
      /same StreamExecutionEnvironment/,
    );
  });
});

describe('cancel', () => {
  it('cancels an unbounded job; result rejects with JobCancelledError', async () => {
    const e = env();
    let emitted = 0;
    e.addSource({
      async run(ctx) {
        for (;;) {
          ctx.collect(emitted++);
          await new Promise((r) => setTimeout(r, 0));
        }
      },
      cancel() {},
    }).addSink(() => {});
    const job = e.execute('forever');
    expect(job.status).toBe('RUNNING');
    await job.cancel();
    expect(job.status).toBe('CANCELED');
    await expect(job.result).rejects.toBeInstanceOf(JobCancelledError);
  });
});
