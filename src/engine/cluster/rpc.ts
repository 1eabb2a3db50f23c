/** A control call that got no answer within its limit (the worker may be stuck or gone). */
export class RpcTimeoutError extends Error {
  override name = 'RpcTimeoutError';
}

/**
 * Bounds a control-plane call: rejects after `timeoutMs` (an RpcTimeoutError), or as soon as `died`
 * rejects (Comlink never rejects by itself when the worker on the other end is gone).
 *
 * @example
 * await withTimeout(tm.deploy(d), 10_000, 'deploy to TaskManager 1', worker.died);
 */
export function withTimeout<T>(
  call: Promise<T>,
  timeoutMs: number,
  what: string,
  died?: Promise<never>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RpcTimeoutError(`${what} timed out after ${timeoutMs} ms (is the worker stuck in a loop?)`),
        ),
      timeoutMs,
    );
  });
  return Promise.race(died ? [call, timeout, died] : [call, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Lets the event loop run (port messages, timers) between slices of work. setImmediate in Node; a
 * MessageChannel ping in browsers, where setTimeout(0) is clamped to 4 ms once nested.
 *
 * @example await yieldToEventLoop();
 */
export const yieldToEventLoop: () => Promise<void> = (() => {
  if (typeof setImmediate === 'function') return () => new Promise<void>((r) => setImmediate(r));
  const { port1, port2 } = new MessageChannel();
  const queue: (() => void)[] = [];
  port1.onmessage = () => queue.shift()?.();
  return () =>
    new Promise<void>((r) => {
      queue.push(r);
      port2.postMessage(0);
    });
})();
