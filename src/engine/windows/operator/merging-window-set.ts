import type { Namespace } from '../../state/keyed-state-backend.ts';
import type { ValueState } from '../../state/state.ts';
import type { MergingWindowAssigner } from '../window-assigner.ts';
import type { Window } from '../window.ts';

/** Persisted form: pairs of [window namespace, state window namespace]. */
export type MergingWindowSetState = [Namespace, Namespace][];

/** Called when `mergedWindows` merge into `mergeResult`; state of `mergedStateWindows` goes into `stateWindowResult`. */
export type MergeFunction<W> = (
  mergeResult: W,
  mergedWindows: W[],
  stateWindowResult: W,
  mergedStateWindows: W[],
) => void;

interface Entry<W> {
  window: W;
  stateWindow: W;
}

/**
 * The in-flight windows of one key of a merging assigner (Flink's MergingWindowSet). Each window
 * maps to a "state window": the namespace that really holds its contents, so growing a session
 * never moves state, only merges when two existing windows meet. Persisted in keyed state.
 *
 * @example
 * const set = new MergingWindowSet(assigner, state);
 * const actual = set.addWindow(newWindow, (result, merged, stateResult, mergedState) => { ... });
 * set.persist();
 */
export class MergingWindowSet<W extends Window> {
  private readonly windows = new Map<Namespace, Entry<W>>();
  private changed = false;

  constructor(
    private readonly assigner: MergingWindowAssigner<unknown, W>,
    private readonly state: ValueState<MergingWindowSetState>,
  ) {
    const stored = state.value();
    if (stored !== null) {
      for (const [w, s] of stored) {
        this.windows.set(w, {
          window: assigner.windowFromNamespace(w),
          stateWindow: assigner.windowFromNamespace(s),
        });
      }
    }
  }

  /** Writes the set back to keyed state if it changed. */
  persist(): void {
    if (!this.changed) return;
    const pairs: MergingWindowSetState = [];
    for (const [ns, e] of this.windows) pairs.push([ns, e.stateWindow.namespace]);
    this.state.update(pairs.length === 0 ? null : pairs);
    this.changed = false;
  }

  /** The window holding the state of in-flight `window`, or null if it is not in flight. */
  getStateWindow(window: W): W | null {
    return this.windows.get(window.namespace)?.stateWindow ?? null;
  }

  /** Removes a window from the in-flight set (after cleanup, or when it is late). */
  retireWindow(window: W): void {
    if (!this.windows.delete(window.namespace)) {
      throw new Error(`Window ${String(window)} is not in the in-flight window set`);
    }
    this.changed = true;
  }

  /**
   * Adds a window, merging it with in-flight windows as the assigner says; returns the window the
   * new one ended up in (itself or a merge result). `mergeFunction` runs for every merge that
   * involves existing windows, never for the new window alone (it has no state yet).
   */
  addWindow(newWindow: W, mergeFunction: MergeFunction<W>): W {
    const candidates: W[] = [];
    for (const e of this.windows.values()) candidates.push(e.window);
    candidates.push(newWindow);
    const merges: [W, W[]][] = [];
    this.assigner.mergeWindows(candidates, (toBeMerged, mergeResult) =>
      merges.push([mergeResult, toBeMerged]),
    );

    let resultWindow = newWindow;
    let mergedNewWindow = false;
    for (const [mergeResult, group] of merges) {
      const mergedWindows = group.filter((w) => w.namespace !== newWindow.namespace);
      if (mergedWindows.length !== group.length) {
        mergedNewWindow = true;
        resultWindow = mergeResult;
      }
      // The first merged window's state window becomes the merge result's state window.
      const stateWindowResult = this.windows.get(mergedWindows[0].namespace)!.stateWindow;
      const mergedStateWindows: W[] = [];
      for (const w of mergedWindows) {
        const e = this.windows.get(w.namespace);
        if (e !== undefined) {
          this.windows.delete(w.namespace);
          if (e.stateWindow.namespace !== stateWindowResult.namespace) mergedStateWindows.push(e.stateWindow);
        }
      }
      this.windows.set(mergeResult.namespace, { window: mergeResult, stateWindow: stateWindowResult });
      this.changed = true;
      // Nothing to merge if one existing window merely absorbed the new one without growing.
      const onlyItself = mergedWindows.length === 1 && mergedWindows[0].namespace === mergeResult.namespace;
      if (!onlyItself) mergeFunction(mergeResult, mergedWindows, stateWindowResult, mergedStateWindows);
    }

    // A new, self-contained window. (Unlike Flink, never overwrite an existing equal window's
    // state window mapping, which would orphan its contents.)
    if (
      (merges.length === 0 || (resultWindow === newWindow && !mergedNewWindow)) &&
      !this.windows.has(newWindow.namespace)
    ) {
      this.windows.set(newWindow.namespace, { window: newWindow, stateWindow: newWindow });
      this.changed = true;
    }
    return resultWindow;
  }
}
