/**
 * What a trigger decides for a window (Flink's TriggerResult): keep collecting, evaluate the
 * window function, drop the window's contents, or both. The four values are shared singletons.
 *
 * @example
 * return count >= 3 ? TriggerResult.FIRE_AND_PURGE : TriggerResult.CONTINUE;
 */
export class TriggerResult {
  /** Do nothing. */
  static readonly CONTINUE = new TriggerResult(false, false, 'CONTINUE');
  /** Evaluate the window function and emit its result; keep the contents. */
  static readonly FIRE = new TriggerResult(true, false, 'FIRE');
  /** Drop the window's contents without emitting. */
  static readonly PURGE = new TriggerResult(false, true, 'PURGE');
  /** Emit, then drop the contents. */
  static readonly FIRE_AND_PURGE = new TriggerResult(true, true, 'FIRE_AND_PURGE');

  private constructor(
    readonly fire: boolean,
    readonly purge: boolean,
    readonly name: string,
  ) {}

  isFire(): boolean {
    return this.fire;
  }
  isPurge(): boolean {
    return this.purge;
  }
  toString(): string {
    return this.name;
  }
}
