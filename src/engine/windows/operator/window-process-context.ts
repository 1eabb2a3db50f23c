import type { ProcessWindowContext } from '../../api/functions/process-window-function.ts';
import type { OutputTag } from '../../api/output-tag.ts';
import type { Output } from '../../runtime/operator.ts';
import { VOID_NAMESPACE, type KeyedStateBackend } from '../../state/keyed-state-backend.ts';
import { BackendKeyedStateStore } from '../../state/keyed-state-store.ts';
import type { KeyedStateStore } from '../../state/state.ts';
import type { InternalTimerService } from '../../time/timer-service.ts';
import type { Window } from '../window.ts';

const MERGING_WINDOW_STATE =
  'Per-window state is not allowed when using merging windows (e.g. session windows): ' +
  'use context.globalState() or keyed state from getRuntimeContext() instead';

const forbidden = (): never => {
  throw new Error(MERGING_WINDOW_STATE);
};

/** Flink's MergingWindowStateStore: every getter throws. */
const MERGING_STORE: KeyedStateStore = {
  getState: forbidden,
  getListState: forbidden,
  getMapState: forbidden,
  getReducingState: forbidden,
  getAggregatingState: forbidden,
};

/**
 * The context handed to window functions (Flink's WindowOperator.WindowContext); reused for every
 * firing by setting `window`.
 */
export class WindowProcessContext<W extends Window> implements ProcessWindowContext<W> {
  window!: W;
  private readonly global: KeyedStateStore;
  private perWindow: BackendKeyedStateStore | null = null;
  private perWindowNamespace: string | number = '';

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly operatorName: string,
    private readonly timers: InternalTimerService,
    private readonly out: Output<unknown>,
    private readonly merging: boolean,
  ) {
    this.global = new BackendKeyedStateStore(backend, operatorName, VOID_NAMESPACE);
  }

  currentProcessingTime(): number {
    return this.timers.currentProcessingTime();
  }
  currentWatermark(): number {
    return this.timers.currentWatermark();
  }
  windowState(): KeyedStateStore {
    if (this.merging) return MERGING_STORE;
    const ns = this.window.namespace;
    // One store per window namespace; rebuilt only when the window changes.
    if (this.perWindow === null || this.perWindowNamespace !== ns) {
      this.perWindow = new BackendKeyedStateStore(this.backend, this.operatorName, ns);
      this.perWindowNamespace = ns;
    }
    return this.perWindow;
  }
  globalState(): KeyedStateStore {
    return this.global;
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    if (!tag) throw new TypeError('context.output(tag, value): the OutputTag must not be null');
    this.out.collectSide(tag, value, this.window.maxTimestamp());
  }
}
