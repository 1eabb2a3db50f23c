import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { javascript } from '@codemirror/lang-javascript';
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
import { insertNewlineAndIndent } from './commands.ts';
import { history, redo, undo } from './history.ts';

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
 * A JavaScript editor's behaviour: line numbers, highlighting, bracket help, completion, undo, and
 * `run` on Ctrl/Cmd-Enter. Tab is left to move focus out (keyboard users are never trapped).
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
    closeBrackets(),
    autocompletion(),
    javascript(),
    EditorView.lineWrapping,
    keymap.of([
      { key: 'Mod-Enter', run, preventDefault: true },
      { key: 'Enter', run: insertNewlineAndIndent },
      { key: 'Mod-z', run: undo, preventDefault: true },
      { key: 'Mod-y', mac: 'Mod-Shift-z', run: redo, preventDefault: true },
      ...closeBracketsKeymap,
      ...completionKeymap,
    ]),
  ];
}
