import { MAX_WATERMARK } from '../time/watermark.ts';
import { Window } from './window.ts';

/**
 * The single window that holds all elements of a key (Flink's GlobalWindow), used by
 * `GlobalWindows.create()` and count windows. Its max timestamp is the end of time (+Infinity,
 * Flink's Long.MAX_VALUE), so it is never cleaned up by time.
 *
 * @example
 * GlobalWindow.get().maxTimestamp(); // Infinity
 */
export class GlobalWindow extends Window {
  private static readonly INSTANCE = new GlobalWindow();
  readonly namespace = 'global';

  private constructor() {
    super();
  }

  /** The one instance. @example const w = GlobalWindow.get(); */
  static get(): GlobalWindow {
    return GlobalWindow.INSTANCE;
  }

  maxTimestamp(): number {
    return MAX_WATERMARK;
  }

  override toString(): string {
    return 'GlobalWindow';
  }
}
