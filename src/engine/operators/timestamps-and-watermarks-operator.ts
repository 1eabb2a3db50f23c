import type { OneInputStreamOperator, OperatorContext, Output } from '../runtime/operator.ts';
import { emitWatermarkStatus } from '../runtime/outputs.ts';
import { describeRecord } from '../runtime/errors.ts';
import { MAX_WATERMARK, MIN_WATERMARK, type Watermark } from '../time/watermark.ts';
import type { WatermarkGenerator, WatermarkOutput } from '../time/watermark-generators.ts';
import type { WatermarkStrategy } from '../time/watermark-strategy.ts';
import { AbstractStreamOperator } from './abstract-stream-operator.ts';

/**
 * Assigns timestamps and generates watermarks (Flink's TimestampsAndWatermarksOperator):
 * a record is forwarded before the watermark its arrival produces; watermarks that do not advance are
 * dropped; periodic emission runs on processing time every `autoWatermarkInterval` ms (0 = off);
 * upstream watermarks are ignored except the final +Infinity. With `emitProgressiveWatermarks`
 * false (BATCH mode) only the final watermark is emitted.
 *
 * @example const factory = () => new TimestampsAndWatermarksOperator(strategy, 200, true);
 */
export class TimestampsAndWatermarksOperator<T>
  extends AbstractStreamOperator<T>
  implements OneInputStreamOperator<T, T>
{
  private assigner: ((e: T, ts: number) => number) | null = null;
  private generator!: WatermarkGenerator<T>;
  private wmOutput!: WatermarkOutput;
  private emitted = MIN_WATERMARK;
  private idle = false;
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly strategy: WatermarkStrategy<T>,
    private readonly autoWatermarkInterval: number,
    private readonly emitProgressiveWatermarks: boolean,
  ) {
    super();
  }

  override setup(context: OperatorContext, output: Output<T>): void {
    super.setup(context, output);
    const markActive = (): void => {
      if (!this.idle) return;
      this.idle = false;
      emitWatermarkStatus(output, false);
    };
    this.wmOutput = {
      emitWatermark: (wm: Watermark) => {
        const ts = wm.timestamp;
        if (typeof ts !== 'number' || ts !== ts) {
          throw new TypeError(
            `The watermark generator emitted an invalid watermark (${String(ts)}); emit new Watermark(ms)`,
          );
        }
        if (!this.emitProgressiveWatermarks || !(ts > this.emitted)) return;
        this.emitted = ts;
        markActive();
        output.emitWatermark(ts);
      },
      markIdle: () => {
        if (this.idle || !this.emitProgressiveWatermarks) return;
        this.idle = true;
        emitWatermarkStatus(output, true);
      },
      markActive,
    };
  }

  override open(): void {
    const pts = this.context.processingTimeService;
    try {
      this.assigner = this.strategy.createTimestampAssigner();
      this.generator = this.strategy.createWatermarkGenerator({
        currentProcessingTime: () => pts.getCurrentProcessingTime(),
      });
    } catch (e) {
      throw this.fail('creating the watermark generator', e);
    }
    if (this.autoWatermarkInterval > 0 && this.emitProgressiveWatermarks) this.schedulePeriodic();
  }

  private schedulePeriodic(): void {
    const pts = this.context.processingTimeService;
    this.cancelTimer = pts.registerTimer(pts.getCurrentProcessingTime() + this.autoWatermarkInterval, () => {
      this.cancelTimer = null;
      try {
        this.generator.onPeriodicEmit(this.wmOutput);
      } catch (e) {
        throw this.fail('onPeriodicEmit()', e);
      }
      this.schedulePeriodic();
    });
  }

  processElement(value: T, timestamp: number): void {
    let ts = timestamp;
    if (this.assigner !== null) {
      try {
        ts = this.assigner(value, timestamp);
      } catch (e) {
        throw this.fail('the timestamp assigner', e, { value });
      }
    }
    if (typeof ts !== 'number' || ts !== ts) throw this.badTimestamp(value, ts);
    this.output.collect(value, ts);
    try {
      this.generator.onEvent(value, ts, this.wmOutput);
    } catch (e) {
      throw this.fail('the watermark generator onEvent()', e, { value });
    }
  }

  private badTimestamp(value: T, ts: unknown): Error {
    const why =
      this.assigner === null
        ? 'the record has no timestamp; add .withTimestampAssigner((event) => event.timestamp) to the WatermarkStrategy'
        : `the timestamp assigner returned ${typeof ts === 'number' ? 'NaN' : `a ${typeof ts} (${String(ts)})`}; it must return epoch milliseconds as a number`;
    return this.fail(
      'the timestamp assigner',
      new TypeError(`invalid timestamp for record ${describeRecord(value)}: ${why}`),
      {
        value,
      },
    );
  }

  /** Only the final watermark passes (the strategy owns event time from here on). */
  override processWatermark(watermark: number): void {
    if (watermark === MAX_WATERMARK && this.emitted !== MAX_WATERMARK) {
      this.emitted = MAX_WATERMARK;
      this.wmOutput.markActive();
      this.output.emitWatermark(MAX_WATERMARK);
    }
  }

  override endInput(): void {
    if (this.emitProgressiveWatermarks) this.generator.onPeriodicEmit(this.wmOutput);
  }

  override close(): void {
    if (this.cancelTimer !== null) this.cancelTimer();
    this.cancelTimer = null;
  }
}
