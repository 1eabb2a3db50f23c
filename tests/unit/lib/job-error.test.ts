import { describe, expect, it } from 'vitest';
import { locateJobError } from '../../../src/lib/job-error.ts';

const URL_ = 'blob:http://127.0.0.1:4317/5f0c1e9a-0000-4000-8000-000000000000';

describe('locateJobError', () => {
  it('finds the first stack frame in the job module, also on a cause', () => {
    const cause = new Error('bad record 1');
    cause.stack = `Error: bad record 1\n    at map (${URL_}:3:11)\n    at StreamMap.processElement (http://x/assets/index.js:9:100)`;
    const failure = new Error('Operator "Map" failed in map() on record 1: Error: bad record 1', { cause });
    failure.name = 'OperatorFailure';
    failure.stack = 'OperatorFailure: …\n    at http://x/assets/index.js:1:1';
    expect(locateJobError(failure, URL_, '')).toEqual({
      message: 'OperatorFailure: Operator "Map" failed in map() on record 1: Error: bad record 1',
      line: 3,
      column: 11,
    });
  });

  it('locates a SyntaxError (browsers give no position for module parse errors) with the parser', () => {
    const code = 'export default (env) =>\n  env.fromElements(1, 2)\n    .map((x) => x * );\n';
    const e = new SyntaxError("Unexpected token ')'");
    e.stack = "SyntaxError: Unexpected token ')'";
    // By hand: the parser's first error node is at the ')' after 'x * ' on line 3, column 21.
    expect(locateJobError(e, URL_, code)).toEqual({
      message: "SyntaxError: Unexpected token ')'",
      line: 3,
      column: 21,
    });
  });

  it('keeps a plain message and no line when nothing points into the module', () => {
    expect(locateJobError(new Error('Stopped'), URL_, 'x')).toEqual({
      message: 'Stopped',
      line: null,
      column: null,
    });
    expect(locateJobError('just a string', null, 'x')).toEqual({
      message: 'just a string',
      line: null,
      column: null,
    });
  });

  it('names the code in the editor and the rivulet module instead of their Blob URLs', () => {
    const engineUrl = 'blob:http://127.0.0.1:4317/0a1b2c3d-0000-4000-8000-00000000abcd';
    expect(
      locateJobError(
        new TypeError(
          `Job module ${URL_} has no default export function; write: export default (env) => { ... }`,
        ),
        URL_,
        'export default 42;',
      ).message,
    ).toBe(
      'TypeError: Job module (the code in the editor) has no default export function; write: export default (env) => { ... }',
    );
    const e = new SyntaxError(`The requested module '${engineUrl}' does not provide an export named 'Nope'`);
    e.stack = e.message;
    expect(
      locateJobError(e, URL_, "import { Nope } from 'rivulet';\nexport default (env) => env;").message,
    ).toBe("SyntaxError: The requested module 'rivulet' does not provide an export named 'Nope'");
  });
});
