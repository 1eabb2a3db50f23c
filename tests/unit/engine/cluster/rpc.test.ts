import { describe, expect, it } from 'vitest';
import { RpcTimeoutError, withTimeout } from '../../../../src/engine/cluster/rpc.ts';

describe('withTimeout', () => {
  it('resolves with the call when it answers in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000, 'deploy')).resolves.toBe(42);
  });

  it('rejects with an RpcTimeoutError naming the call when it does not answer', async () => {
    const silent = new Promise<never>(() => {});
    const error = await withTimeout(silent, 10, 'cancel on TaskManager 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcTimeoutError);
    expect((error as Error).message).toBe(
      'cancel on TaskManager 1 timed out after 10 ms (is the worker stuck in a loop?)',
    );
  });

  it('rejects with the worker failure, not a timeout, when the worker dies first', async () => {
    const died = Promise.reject(new Error('TaskManager 1 exited'));
    const error = await withTimeout(new Promise(() => {}), 1_000, 'deploy', died).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RpcTimeoutError);
    expect((error as Error).message).toBe('TaskManager 1 exited');
  });
});
