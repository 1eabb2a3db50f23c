import { MIN_WATERMARK } from '../time/watermark.ts';

/** Receives what the valve decides to forward. */
export interface ValveOutput {
  onWatermark(watermark: number): void;
  onStatus(idle: boolean): void;
}

/**
 * Combines the watermarks of a task's input channels (Flink's StatusWatermarkValve): the output
 * watermark is the minimum over active, aligned channels and is forwarded only when it advances;
 * idle and ended channels are excluded; a channel that becomes active again rejoins once it catches
 * up ("aligned"); when every remaining channel is idle the task becomes idle.
 *
 * @example
 * const valve = new WatermarkValve(2, { onWatermark: (w) => op.processWatermark(w), onStatus: () => {} });
 * valve.inputWatermark(5, 0); valve.inputWatermark(3, 1); // forwards 3
 */
export class WatermarkValve {
  private readonly watermarks: Float64Array;
  private readonly idle: Uint8Array;
  private readonly aligned: Uint8Array;
  private readonly ended: Uint8Array;
  private lastOutput = MIN_WATERMARK;
  private outputIdle = false;
  constructor(
    private readonly numChannels: number,
    private readonly out: ValveOutput,
  ) {
    this.watermarks = new Float64Array(numChannels).fill(MIN_WATERMARK);
    this.idle = new Uint8Array(numChannels);
    this.aligned = new Uint8Array(numChannels).fill(1);
    this.ended = new Uint8Array(numChannels);
  }

  get currentWatermark(): number {
    return this.lastOutput;
  }

  inputWatermark(watermark: number, channel: number): void {
    if (this.idle[channel] || !(watermark > this.watermarks[channel])) return;
    this.watermarks[channel] = watermark;
    if (!this.aligned[channel] && watermark >= this.lastOutput) this.aligned[channel] = 1;
    this.emitMinOfAligned();
  }

  inputStatus(idle: boolean, channel: number): void {
    if (this.ended[channel]) return;
    if (idle && !this.idle[channel]) {
      this.idle[channel] = 1;
      this.aligned[channel] = 0;
      if (!this.hasActiveChannel()) {
        // Nothing will advance the minimum any more: flush to the max over all channels (Flink).
        if (this.watermarks[channel] === this.lastOutput) this.emitMaxOfAll();
        this.setOutputIdle(true);
      } else if (this.watermarks[channel] === this.lastOutput) {
        this.emitMinOfAligned();
      }
    } else if (!idle && this.idle[channel]) {
      this.idle[channel] = 0;
      if (this.watermarks[channel] >= this.lastOutput) this.aligned[channel] = 1;
      this.setOutputIdle(false);
    }
  }

  /**
   * The channel ended: it leaves the minimum for good (its last watermark, normally +Infinity from a
   * bounded source, has been seen already). If only idle channels remain, the task becomes idle.
   */
  endOfInput(channel: number): void {
    if (this.ended[channel]) return;
    this.ended[channel] = 1;
    this.idle[channel] = 1;
    this.aligned[channel] = 0;
    if (this.hasActiveChannel()) this.emitMinOfAligned();
    else if (this.ended.includes(0)) this.setOutputIdle(true);
  }

  private hasActiveChannel(): boolean {
    for (let c = 0; c < this.numChannels; c++) if (!this.idle[c]) return true;
    return false;
  }

  private emitMinOfAligned(): void {
    let min = Number.POSITIVE_INFINITY;
    let any = false;
    for (let c = 0; c < this.numChannels; c++) {
      if (this.aligned[c] && !this.idle[c]) {
        any = true;
        if (this.watermarks[c] < min) min = this.watermarks[c];
      }
    }
    if (any && min > this.lastOutput) {
      this.lastOutput = min;
      this.out.onWatermark(min);
    }
  }

  private emitMaxOfAll(): void {
    let max = MIN_WATERMARK;
    for (let c = 0; c < this.numChannels; c++) if (this.watermarks[c] > max) max = this.watermarks[c];
    if (max > this.lastOutput) {
      this.lastOutput = max;
      this.out.onWatermark(max);
    }
  }

  private setOutputIdle(idle: boolean): void {
    if (this.outputIdle === idle) return;
    this.outputIdle = idle;
    this.out.onStatus(idle);
  }
}
