import { EditorSelection } from '@codemirror/state';
import { getIndentation, indentString } from '@codemirror/language';
import type { Command } from '@codemirror/view';

/**
 * Enter: a new line indented as the language says (CodeMirror's insertNewlineAndIndent, which lives
 * in the uninstalled `@codemirror/commands`).
 *
 * @example keymap.of([{ key: 'Enter', run: insertNewlineAndIndent }])
 */
export const insertNewlineAndIndent: Command = (view) => {
  if (view.state.readOnly) return false;
  const tr = view.state.changeByRange((range) => {
    const line = view.state.doc.lineAt(range.from);
    // Whitespace before the cursor would trail on the old line: drop it.
    let from = range.from;
    while (from > line.from && /[ \t]/.test(view.state.sliceDoc(from - 1, from))) from--;
    const indent = getIndentation(view.state, from) ?? /^\s*/.exec(line.text)![0].length;
    const insert = '\n' + indentString(view.state, indent);
    return {
      changes: { from, to: range.to, insert },
      range: EditorSelection.cursor(from + insert.length),
    };
  });
  view.dispatch(tr, { scrollIntoView: true, userEvent: 'input' });
  return true;
};
