import { MAX_WATERMARK, MIN_WATERMARK } from '../time/watermark.ts';

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
 * A two-input task (connect) has one such valve per input, as Flink's StreamTwoInputProcessor, and
 * combines their outputs as Flink's AbstractStreamOperator does (IndexedCombinedWatermarkStatus):
 * the minimum over the inputs that are not idle, the maximum of both once both are idle, forwarded
 * only when it advances; the task is idle while both inputs are. An input whose channels have all
 * ended counts as +Infinity. So an input that becomes active again holds the combined watermark back
 * at once, even below it (its own valve is aligned with itself), where one valve over the channels of
 * both inputs would leave it behind until it caught up.
 *
 * @example
 * const valve = new WatermarkValve(2, { onWatermark: (w) => op.processWatermark(w), onStatus: () => {} });
 * valve.inputWatermark(5, 0); valve.inputWatermark(3, 1); // forwards 3
 * const coValve = new WatermarkValve(2, output, [1, 2]); // channel 0 feeds input 1, channel 1 input 2
 */
export class WatermarkValve {
  private readonly valves: ChannelValve[];
  /** Per channel: its input (0 or 1) and its index among that input's channels. */
  private readonly inputOf: Uint8Array;
  private readonly localIndex: Int32Array;
  /** Two inputs: channels not ended yet per input, and the combined status over both valves. */
  private readonly channelsLeft = [0, 0];
  private readonly partial = [MIN_WATERMARK, MIN_WATERMARK];
  private readonly partialIdle = [false, false];
  private combined = MIN_WATERMARK;
  private combinedIdle = false;

  /**
   * @param channelInputs per channel, the input it feeds (1 or 2, as InputChannelInfo.typeNumber; 0
   *   counts as 1). Omitted, or without a 2: one input.
   */
  constructor(
    numChannels: number,
    private readonly out: ValveOutput,
    channelInputs?: ArrayLike<number>,
  ) {
    this.inputOf = new Uint8Array(numChannels);
    this.localIndex = new Int32Array(numChannels);
    for (let c = 0; c < numChannels; c++) {
      const input = channelInputs !== undefined && channelInputs[c] === 2 ? 1 : 0;
      this.inputOf[c] = input;
      this.localIndex[c] = this.channelsLeft[input]++;
    }
    if (this.channelsLeft[1] === 0) {
      this.valves = [new ChannelValve(numChannels, out)];
      return;
    }
    this.valves = [0, 1].map(
      (i) =>
        new ChannelValve(this.channelsLeft[i], {
          onWatermark: (w) => this.inputWatermarkAdvanced(i, w),
          onStatus: (idle) => this.inputStatusChanged(i, idle),
        }),
    );
    if (this.channelsLeft[0] === 0) this.inputWatermarkAdvanced(0, MAX_WATERMARK);
  }

  get currentWatermark(): number {
    return this.valves.length === 1 ? this.valves[0].currentWatermark : this.combined;
  }

  inputWatermark(watermark: number, channel: number): void {
    this.valves[this.inputOf[channel]].inputWatermark(watermark, this.localIndex[channel]);
  }

  inputStatus(idle: boolean, channel: number): void {
    this.valves[this.inputOf[channel]].inputStatus(idle, this.localIndex[channel]);
  }

  /**
   * The channel ended: it leaves the minimum of its input; an input whose channels all ended counts
   * as +Infinity.
   */
  endOfInput(channel: number): void {
    const input = this.inputOf[channel];
    if (!this.valves[input].endOfInput(this.localIndex[channel]) || this.valves.length === 1) return;
    if (--this.channelsLeft[input] > 0) return;
    const wasIdle = this.combinedIdle;
    this.inputWatermarkAdvanced(input, MAX_WATERMARK);
    if (wasIdle !== this.combinedIdle) this.out.onStatus(this.combinedIdle);
  }

  /** Flink's AbstractStreamOperator.processWatermark(mark, index); a watermark ends the input's idleness. */
  private inputWatermarkAdvanced(input: number, watermark: number): void {
    this.partialIdle[input] = false;
    if (watermark > this.partial[input]) this.partial[input] = watermark;
    if (this.updateCombined()) this.out.onWatermark(this.combined);
  }

  /** Flink's AbstractStreamOperator.processWatermarkStatus(status, inputId). */
  private inputStatusChanged(input: number, idle: boolean): void {
    const wasIdle = this.combinedIdle;
    this.partialIdle[input] = idle;
    if (this.updateCombined()) this.out.onWatermark(this.combined);
    if (wasIdle !== this.combinedIdle) this.out.onStatus(this.combinedIdle);
  }

  /** Flink's CombinedWatermarkStatus.updateCombinedWatermark; true when the combined one advanced. */
  private updateCombined(): boolean {
    let max = MIN_WATERMARK;
    let minActive = MAX_WATERMARK;
    let allIdle = true;
    for (let i = 0; i < 2; i++) {
      if (this.partial[i] > max) max = this.partial[i];
      if (!this.partialIdle[i]) {
        allIdle = false;
        if (this.partial[i] < minActive) minActive = this.partial[i];
      }
    }
    this.combinedIdle = allIdle;
    const combined = allIdle ? max : minActive;
    if (!(combined > this.combined)) return false;
    this.combined = combined;
    return true;
  }
}

/** The channels of one input (Flink's StatusWatermarkValve); see {@link WatermarkValve}. */
class ChannelValve {
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
   * Returns false when the channel had ended already.
   */
  endOfInput(channel: number): boolean {
    if (this.ended[channel]) return false;
    this.ended[channel] = 1;
    this.idle[channel] = 1;
    this.aligned[channel] = 0;
    if (this.hasActiveChannel()) this.emitMinOfAligned();
    else if (this.ended.includes(0)) this.setOutputIdle(true);
    return true;
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
