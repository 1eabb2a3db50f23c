import { AbstractRichFunction, type RuntimeContext } from '../api/functions/rich-function.ts';
import { copyUserFunction, isRichFunction } from '../api/functions/user-function.ts';
import type { Watermark } from '../time/watermark.ts';
import { NO_TIMESTAMP } from '../time/watermark.ts';
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from './source.ts';

/** What a SourceFunction emits into (Flink's SourceFunction.SourceContext). */
export interface SourceContext<T> {
  collect(element: T): void;
  collectWithTimestamp(element: T, timestamp: number): void;
  emitWatermark(watermark: Watermark): void;
  markAsTemporarilyIdle(): void;
}

/**
 * The classic source interface (Flink's SourceFunction, used by many examples): `run` emits records,
 * timestamps and watermarks; it may be synchronous (bounded: returns when done) or async (awaits
 * between emissions, e.g. timers). `cancel` asks it to stop.
 *
 * @example
 * env.addSource({
 *   run(ctx) { ctx.collectWithTimestamp('a', 1); ctx.emitWatermark(new Watermark(1)); },
 *   cancel() {},
 * });
 */
export interface SourceFunction<T> {
  run(ctx: SourceContext<T>): void | Promise<void>;
  cancel(): void;
}

/** A SourceFunction with lifecycle and runtime context; parallel if `parallel` is true (RichParallelSourceFunction). @example class Gen extends RichSourceFunction<number> { run(ctx) { ctx.collect(1); } cancel() {} } */
export abstract class RichSourceFunction<T> extends AbstractRichFunction implements SourceFunction<T> {
  abstract run(ctx: SourceContext<T>): void | Promise<void>;
  cancel(): void {}
}
/** A rich SourceFunction that runs with any parallelism (each subtask runs its own copy). @example class Gen extends RichParallelSourceFunction<number> { ... } */
export abstract class RichParallelSourceFunction<T> extends RichSourceFunction<T> {}

type Item<T> = { kind: 0; value: T; ts: number } | { kind: 1; wm: number } | { kind: 2 };

/**
 * Adapts a SourceFunction to the Source API. Items are queued in emission order; one poll hands out
 * records up to the batch size and stops after a watermark, so watermarks interleave with records
 * exactly as emitted. Cannot replay (position null).
 *
 * @example env.fromSource(new SourceFunctionSource(fn, false), WatermarkStrategy.noWatermarks(), 'legacy');
 */
export class SourceFunctionSource<T> implements Source<T, null> {
  readonly boundedness = 'CONTINUOUS_UNBOUNDED' as const;
  constructor(
    readonly fn: SourceFunction<T>,
    readonly parallel: boolean,
    /** Prepares the per-subtask copy (runtime context for rich functions). */
    private readonly prepare: (fn: SourceFunction<T>, context: SourceReaderContext) => SourceFunction<T>,
  ) {}
  createReader(context: SourceReaderContext): SourceReader<T, null> {
    return new SourceFunctionReader(this.prepare(this.fn, context), context.batchSize);
  }
}

class SourceFunctionReader<T> implements SourceReader<T, null> {
  private readonly queue: Item<T>[] = [];
  private head = 0;
  private done = false;
  private error: unknown = null;
  private notify: (() => void) | null = null;
  private started = false;
  private idle = false;
  constructor(
    private readonly fn: SourceFunction<T>,
    private readonly batchSize: number,
  ) {}
  private push(item: Item<T>): void {
    if (this.done) return;
    this.queue.push(item);
    const n = this.notify;
    this.notify = null;
    n?.();
  }
  private start(): void {
    this.started = true;
    const ctx: SourceContext<T> = {
      collect: (value) => this.push({ kind: 0, value, ts: NO_TIMESTAMP }),
      collectWithTimestamp: (value, ts) => this.push({ kind: 0, value, ts }),
      emitWatermark: (wm) => this.push({ kind: 1, wm: wm.timestamp }),
      markAsTemporarilyIdle: () => this.push({ kind: 2 }),
    };
    const finish = (e?: unknown): void => {
      if (e !== undefined) this.error = e;
      this.done = true;
      const n = this.notify;
      this.notify = null;
      n?.();
    };
    let r: void | Promise<void>;
    try {
      r = this.fn.run(ctx);
    } catch (e) {
      return finish(e);
    }
    if (r && typeof (r as Promise<void>).then === 'function')
      (r as Promise<void>).then(
        () => finish(),
        (e) => finish(e ?? new Error('source failed')),
      );
    else finish();
  }
  pollNext(output: ReaderOutput<T>): InputStatus {
    if (!this.started) this.start();
    let records = 0;
    while (this.head < this.queue.length && records < this.batchSize) {
      const item = this.queue[this.head++];
      if (item.kind === 0) {
        records++;
        if (this.idle) {
          this.idle = false;
          output.markActive(); // emitting again ends idleness, as Flink's source contexts do
        }
        output.collect(item.value, item.ts);
      } else if (item.kind === 1) {
        output.emitWatermark(item.wm);
        break;
      } else {
        this.idle = true;
        output.markIdle();
      }
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      if (this.error !== null) throw this.error;
      if (this.done) return 'END_OF_INPUT';
      return 'NOTHING_AVAILABLE';
    }
    return 'MORE_AVAILABLE';
  }
  isAvailable(): Promise<void> {
    if (this.head < this.queue.length || this.done) return Promise.resolve();
    return new Promise((r) => (this.notify = r));
  }
  snapshotState(): null {
    return null;
  }
  close(): void {
    if (!this.done) {
      this.done = true;
      this.fn.cancel();
    }
    if (this.fn instanceof AbstractRichFunction) this.fn.close();
  }
}

/**
 * The source function of one subtask, opened with a (non-keyed) runtime context: a copy per subtask
 * for parallel sources; a non-parallel source runs the very object given (so tests can feed it).
 */
export function prepareSourceFunction<T>(
  fn: SourceFunction<T>,
  ctx: SourceReaderContext,
  name: string,
  parallel: boolean,
): SourceFunction<T> {
  const copy = parallel ? copyUserFunction(fn) : fn;
  if (isRichFunction(copy)) {
    const noState = (): never => {
      throw new Error(`Source "${name}": keyed state is not available in sources`);
    };
    const runtimeContext: RuntimeContext = {
      getTaskName: () => name,
      getIndexOfThisSubtask: () => ctx.subtaskIndex,
      getNumberOfParallelSubtasks: () => ctx.parallelism,
      getMaxNumberOfParallelSubtasks: () => ctx.maxParallelism ?? ctx.parallelism,
      getAttemptNumber: () => ctx.attemptNumber ?? 0,
      getState: noState,
      getListState: noState,
      getMapState: noState,
      getReducingState: noState,
      getAggregatingState: noState,
    };
    copy.setRuntimeContext(runtimeContext);
    copy.open({});
  }
  return copy;
}
