import type { Namespace } from '../../state/keyed-state-backend.ts';
import { GlobalWindow } from '../global-window.ts';
import { NeverTrigger } from '../triggers/never-trigger.ts';
import type { Trigger } from '../triggers/trigger.ts';
import { WindowAssigner } from '../window-assigner.ts';

const ONE_GLOBAL_WINDOW: readonly GlobalWindow[] = [GlobalWindow.get()];

/**
 * Puts all elements of a key into one global window (Flink's GlobalWindows). Its default trigger
 * never fires, so set one: `countWindow(n)` is `GlobalWindows` + `PurgingTrigger.of(CountTrigger.of(n))`.
 *
 * @example
 * keyed.window(GlobalWindows.create()).trigger(CountTrigger.of(5)).reduce((a, b) => a + b);
 */
export class GlobalWindows extends WindowAssigner<unknown, GlobalWindow> {
  private static readonly INSTANCE = new GlobalWindows();

  /** @example GlobalWindows.create() */
  static create(): GlobalWindows {
    return GlobalWindows.INSTANCE;
  }

  assignWindows(): readonly GlobalWindow[] {
    return ONE_GLOBAL_WINDOW;
  }

  getDefaultTrigger(): Trigger<unknown, GlobalWindow> {
    return NeverTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  windowFromNamespace(namespace: Namespace): GlobalWindow {
    if (namespace !== GlobalWindow.get().namespace) {
      throw new Error(`GlobalWindows: "${String(namespace)}" is not the global window's namespace`);
    }
    return GlobalWindow.get();
  }

  override toString(): string {
    return 'GlobalWindows()';
  }
}
