import type { SinkContext, SinkFunction } from '../api/functions/functions.ts';
import { copyUserFunction, toCallable } from '../api/functions/user-function.ts';
import type {
  CheckpointedFunction,
  CheckpointListener,
  FunctionSnapshotContext,
} from '../checkpoint/checkpointed-function.ts';
import type { OneInputStreamOperator, OperatorContext, Output } from '../runtime/operator.ts';
import { hasTimestamp, NO_TIMESTAMP } from '../time/watermark.ts';
import { AbstractStreamOperator, AbstractUdfStreamOperator } from './abstract-stream-operator.ts';

/**
 * Calls a SinkFunction for every record (Flink's StreamSink).
 *
 * @example const factory = () => new StreamSink((v: string) => console.log(v));
 */
export class StreamSink<T>
  extends AbstractUdfStreamOperator<never, SinkFunction<T>>
  implements OneInputStreamOperator<T, never>
{
  private readonly fn: (value: T, context: SinkContext) => void;
  private currentTs = NO_TIMESTAMP;
  private sinkContext!: SinkContext;
  constructor(fn: SinkFunction<T>) {
    const copy = copyUserFunction(fn);
    super(copy);
    this.fn = toCallable(copy, 'invoke', 'addSink()');
  }
  override setup(context: OperatorContext, output: Output<never>): void {
    super.setup(context, output);
    this.sinkContext = {
      timestamp: () => (hasTimestamp(this.currentTs) ? this.currentTs : null),
      currentWatermark: () => this.currentWatermark,
      currentProcessingTime: () => context.processingTimeService.getCurrentProcessingTime(),
    };
  }
  processElement(value: T, timestamp: number): void {
    this.currentTs = timestamp;
    try {
      this.fn(value, this.sinkContext);
    } catch (e) {
      throw this.fail('the sink', e, { value });
    }
  }
}

/** Renders a record as print() shows it: arrays as Flink tuples "(a,1)", objects as JSON. */
export function formatForPrint(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `(${value.map(formatForPrint).join(',')})`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if (value.toString !== Object.prototype.toString) return String(value);
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/**
 * Writes every record as a line, prefixed as Flink's PrintSinkFunction: "id:2> " (identifier and
 * 1-based subtask when parallel), "id> ", "2> " or nothing.
 *
 * @example const factory = () => new PrintSinkOperator('out', console.log);
 */
export class PrintSinkOperator<T>
  extends AbstractStreamOperator<never>
  implements OneInputStreamOperator<T, never>
{
  private prefix = '';
  constructor(
    private readonly identifier: string | undefined,
    private readonly write: (line: string) => void,
  ) {
    super();
  }
  override setup(context: OperatorContext, output: Output<never>): void {
    super.setup(context, output);
    let p = this.identifier ?? '';
    if (context.parallelism > 1) p += (p ? ':' : '') + (context.subtaskIndex + 1);
    this.prefix = p ? `${p}> ` : '';
  }
  processElement(value: T): void {
    this.write(this.prefix + formatForPrint(value));
  }
}

/**
 * Hands every record to a target bound by the runtime (executeAndCollect). Runs with parallelism 1.
 * With checkpointing (the runtime calls initializeState) it is exactly-once, like Flink's collect
 * sink: records are held until the checkpoint whose barrier follows them completes, so the records
 * of a failed attempt after its last completed checkpoint are dropped, never delivered twice.
 *
 * @example const op = new CollectSinkOperator(1); op.bind((v) => results.push(v));
 */
export class CollectSinkOperator<T>
  extends AbstractStreamOperator<never>
  implements OneInputStreamOperator<T, never>, CheckpointedFunction, CheckpointListener
{
  private target: ((value: T) => void) | null = null;
  private exactlyOnce = false;
  private hold = true;
  /** Records since the last barrier. */
  private current: T[] = [];
  /** Records sealed by a checkpoint's barrier, released when it (or a later one) completes. */
  private readonly sealed: { checkpointId: number; values: T[] }[] = [];
  constructor(readonly collectId: number) {
    super();
  }
  initializeState(): void {
    // Records are re-emitted by the replay after a restore: nothing of the failed attempt is kept.
    this.exactlyOnce = this.hold;
  }
  snapshotState(context: FunctionSnapshotContext): void {
    if (this.current.length === 0) return;
    this.sealed.push({ checkpointId: context.checkpointId, values: this.current });
    this.current = [];
  }
  notifyCheckpointComplete(checkpointId: number): void {
    while (this.sealed.length > 0 && this.sealed[0].checkpointId <= checkpointId) {
      const values = this.sealed.shift()!.values;
      for (const v of values) this.target!(v);
    }
  }
  /**
   * Where records go. `holdUntilCheckpoint: false` hands every record over at once even with
   * checkpointing: for hosts that commit results themselves (the worker runtime's JobManager).
   */
  bind(target: (value: T) => void, options: { holdUntilCheckpoint?: boolean } = {}): void {
    this.target = target;
    this.hold = options.holdUntilCheckpoint ?? true;
  }
  override open(): void {
    if (this.target === null) {
      throw new Error(
        `Collect sink ${this.collectId} has no target: the runtime must bind() it before open()`,
      );
    }
  }
  processElement(value: T): void {
    if (this.exactlyOnce) this.current.push(value);
    else this.target!(value);
  }
}
