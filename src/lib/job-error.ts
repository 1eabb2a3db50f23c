import { javascriptLanguage } from '@codemirror/lang-javascript';

/** A job's failure as the page shows it: the original message and, when known, the module line. */
export interface JobErrorReport {
  readonly message: string;
  /** 1-based line and column in the editor's code, or null when no frame points into it. */
  readonly line: number | null;
  readonly column: number | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every stack along the error's cause chain (the user function's frame is often on a cause). */
function stacks(e: unknown): string[] {
  const out: string[] = [];
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 8; c = c.cause, depth++) {
    if (c.stack) out.push(c.stack);
  }
  return out;
}

/** Position of the first syntax error, as the editor's own parser (lezer) finds it. */
function syntaxErrorAt(code: string): { line: number; column: number } | null {
  let at = -1;
  javascriptLanguage.parser.parse(code).iterate({
    enter: (node) => {
      if (at >= 0) return false;
      if (node.type.isError) at = node.from;
      return undefined;
    },
  });
  if (at < 0) return null;
  const before = code.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** A Blob URL (`blob:<origin>/<uuid>`), quoted or not. */
const BLOB_URL =
  /(['"]?)(blob:[^\s'"()]*?\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\1/gi;

/**
 * The message without Blob URLs, which mean nothing to the user: the job module's is the code in the
 * editor, any other one is the engine module its `'rivulet'` import was rewritten to.
 */
function withoutBlobUrls(text: string, moduleUrl: string | null): string {
  return text.replace(BLOB_URL, (_all, _quote: string, url: string) =>
    url === moduleUrl ? '(the code in the editor)' : "'rivulet'",
  );
}

/**
 * Finds where in the job module an error happened: the first stack frame in `moduleUrl` (the Blob
 * URL the code ran from), else, for a SyntaxError (browsers give no position for module parse
 * errors), the parser's first error.
 *
 * @example locateJobError(error, url, code) // { message: 'TypeError: …', line: 17, column: 28 }
 */
export function locateJobError(error: unknown, moduleUrl: string | null, code: string): JobErrorReport {
  const message = error instanceof Error ? error.message || error.name || String(error) : String(error);
  const named = error instanceof Error && error.name && !message.startsWith(error.name);
  const text = withoutBlobUrls(
    named && error.name !== 'Error' ? `${error.name}: ${message}` : message,
    moduleUrl,
  );
  if (moduleUrl) {
    const frame = new RegExp(`${escape(moduleUrl)}:(\\d+):(\\d+)`);
    for (const stack of [...stacks(error), message]) {
      const m = frame.exec(stack);
      if (m) return { message: text, line: Number(m[1]), column: Number(m[2]) };
    }
  }
  if (error instanceof Error && error.name === 'SyntaxError') {
    const at = syntaxErrorAt(code);
    if (at) return { message: text, ...at };
  }
  return { message: text, line: null, column: null };
}
