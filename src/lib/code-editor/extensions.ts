import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type Command,
} from '@codemirror/view';

/** Colours of the light theme from the app's CSS variables (the dark one is One Dark). */
const lightTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--code-bg)', color: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted)', border: 'none' },
});

/** The look of one theme: One Dark or the light highlight style. @example theme(true) */
export function editorTheme(dark: boolean): Extension {
  return dark ? oneDark : [lightTheme, syntaxHighlighting(defaultHighlightStyle, { fallback: true })];
}

/**
 * A JavaScript editor's behaviour: line numbers, highlighting, bracket help, completion, undo/redo,
 * search (Ctrl/Cmd-F), CodeMirror's default keys, and `run` on Ctrl/Cmd-Enter. Tab is left to move focus out (keyboard users are never trapped).
 *
 * @example new EditorView({ extensions: [javascriptEditor(() => run()), editorTheme(false)] })
 */
export function javascriptEditor(run: Command): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    drawSelection(),
    history(),
    indentOnInput(),
    bracketMatching(),
    highlightSelectionMatches(),
    closeBrackets(),
    autocompletion(),
    javascript(),
    EditorView.lineWrapping,
    keymap.of([
      // Run first: the default keymap binds Mod-Enter to "insert blank line".
      { key: 'Mod-Enter', run, preventDefault: true },
      ...closeBracketsKeymap,
      ...completionKeymap,
      ...searchKeymap,
      ...historyKeymap,
      // Tab stays with the browser (defaultKeymap does not bind it): focus can leave the editor.
      ...defaultKeymap,
    ]),
  ];
}
