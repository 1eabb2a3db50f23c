import {
  Annotation,
  ChangeSet,
  EditorSelection,
  StateField,
  Transaction,
  type Extension,
} from '@codemirror/state';
import type { Command } from '@codemirror/view';

/** One undoable step: the changes that revert it and the selection before it. */
interface Entry {
  readonly changes: ChangeSet;
  readonly selection: EditorSelection;
  readonly at: number;
  /** Typed text (joins with the next keystrokes); any other edit is a step of its own. */
  readonly typing: boolean;
}
interface HistoryState {
  readonly done: readonly Entry[];
  readonly undone: readonly Entry[];
}

/** Typing within this many ms of the previous edit joins its undo step (as CodeMirror's history). */
const JOIN_MS = 500;
const DEPTH = 200;
const empty: HistoryState = { done: [], undone: [] };
/** Marks undo/redo transactions, carrying the history after them. */
const restoring = Annotation.define<HistoryState>();

/**
 * Undo history as a state field. `@codemirror/commands` (whose history this mirrors in miniature)
 * is not among the installed packages; undo must still work in a code editor.
 */
const historyField = StateField.define<HistoryState>({
  create: () => empty,
  update(state, tr) {
    const restored = tr.annotation(restoring);
    if (restored) return restored;
    if (!tr.docChanged || tr.annotation(Transaction.addToHistory) === false) return state;
    const inverse = tr.changes.invert(tr.startState.doc);
    const last = state.done[state.done.length - 1];
    const now = Date.now();
    const typing = tr.isUserEvent('input.type');
    if (last?.typing && typing && now - last.at < JOIN_MS) {
      // The inverse of (last then tr) is (inverse of tr) then (inverse of last).
      const joined = { changes: inverse.compose(last.changes), selection: last.selection, at: now, typing };
      return { done: [...state.done.slice(0, -1), joined], undone: [] };
    }
    const entry = { changes: inverse, selection: tr.startState.selection, at: now, typing };
    return { done: [...state.done, entry].slice(-DEPTH), undone: [] };
  },
});

function step(from: 'done' | 'undone'): Command {
  return (view) => {
    const state = view.state.field(historyField);
    const stack = state[from];
    const entry = stack[stack.length - 1];
    if (!entry) return false;
    const redo = {
      changes: entry.changes.invert(view.state.doc),
      selection: view.state.selection,
      at: 0,
      typing: false,
    };
    const next: HistoryState =
      from === 'done'
        ? { done: stack.slice(0, -1), undone: [...state.undone, redo] }
        : { done: [...state.done, redo], undone: stack.slice(0, -1) };
    view.dispatch({
      changes: entry.changes,
      selection: entry.selection,
      annotations: restoring.of(next),
      scrollIntoView: true,
      userEvent: from === 'done' ? 'undo' : 'redo',
    });
    return true;
  };
}

/** Reverts the last edit. @example keymap.of([{ key: 'Mod-z', run: undo }]) */
export const undo: Command = step('done');
/** Re-applies the last undone edit. @example keymap.of([{ key: 'Mod-y', run: redo }]) */
export const redo: Command = step('undone');

/** The undo history (pair with the undo/redo key bindings). @example extensions: [history()] */
export function history(): Extension {
  return historyField;
}
