import { describe, expect, it } from 'vitest';
import {
  deserializeError,
  serializeError,
  withCauseStacks,
} from '../../../../src/engine/cluster/protocol.ts';

describe('errors crossing threads', () => {
  it('keep name, message, stack and the cause chain', () => {
    const inner = new TypeError('x.foo is not a function');
    const outer = new Error('Map (1/2) failed in processElement', { cause: inner });
    // What a worker posts is plain data: a structured clone must keep it whole.
    const back = deserializeError(structuredClone(serializeError(outer)), 'Job failed: ');
    expect(back.message).toBe('Job failed: Map (1/2) failed in processElement');
    const cause = back.cause as Error;
    expect(cause).toBeInstanceOf(Error);
    expect(cause.name).toBe('TypeError');
    expect(cause.message).toBe('x.foo is not a function');
    // The cause's frames (where the user function threw) survive: the first frame is this file.
    expect(cause.stack).toContain('serialized-error.test.ts');
  });

  it('turns a thrown non-error into a message and stops at a cyclic cause', () => {
    expect(serializeError('boom')).toEqual({ name: 'Error', message: 'boom' });
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    let depth = 0;
    for (let s = serializeError(a); s.cause; s = s.cause) depth++;
    expect(depth).toBe(8);
  });
});

describe('withCauseStacks', () => {
  it('appends each cause as a "Caused by:" section of the stack', () => {
    const e = withCauseStacks(new Error('outer', { cause: new RangeError('inner') }));
    const lines = e.stack!.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Caused by: RangeError: inner'));
    expect(at).toBeGreaterThan(0);
    // The cause's own frames follow it.
    expect(lines[at + 1]).toContain('serialized-error.test.ts');
  });
});
