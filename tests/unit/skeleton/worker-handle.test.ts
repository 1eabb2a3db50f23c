import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerHandle } from '../../../src/client/WorkerHandle.ts';
import type { LifecycleMessage } from '../../../src/client/protocol.ts';

/**
 * A stand-in for a browser Worker: the page side is this EventTarget, the "worker" side is the
 * other end of a MessageChannel, where the test exposes an API and sends lifecycle messages.
 */
class FakeWorker extends EventTarget {
  terminated = false;
  readonly inside: MessagePort;
  private readonly outside: MessagePort;

  constructor() {
    super();
    const channel = new MessageChannel();
    this.outside = channel.port1;
    this.inside = channel.port2;
    this.outside.addEventListener('message', (event) => {
      this.dispatchEvent(new MessageEvent('message', { data: (event as MessageEvent).data }));
    });
    this.outside.start();
  }
  postMessage(data: unknown, transfer: Transferable[] = []) {
    if (!this.terminated) this.outside.postMessage(data, transfer);
  }
  terminate() {
    this.terminated = true;
    this.outside.close();
  }
  /** The worker side says something to the page. */
  say(message: LifecycleMessage) {
    this.inside.postMessage(message);
  }
  /** The worker fails to load, as a browser reports it (an ErrorEvent-like event). */
  crash(message?: string) {
    const event = new Event('error');
    if (message) Object.assign(event, { message, filename: 'worker.js', lineno: 3 });
    this.dispatchEvent(event);
  }
}

interface Api {
  add(a: number, b: number): number;
  never(): Promise<never>;
}
const api: Api = { add: (a, b) => a + b, never: () => new Promise<never>(() => {}) };

const timeouts = { startTimeoutMs: 400, heartbeatTimeoutMs: 400, callTimeoutMs: 300 };
const handles: WorkerHandle<Api>[] = [];
function start(fake: FakeWorker): WorkerHandle<Api> {
  Comlink.expose(api, fake.inside);
  const handle = new WorkerHandle<Api>('taskmanager-1', fake as unknown as Worker, timeouts);
  handles.push(handle);
  return handle;
}
afterEach(() => handles.splice(0).forEach((h) => h.terminate()));

describe('WorkerHandle', () => {
  it('calls through Comlink once the worker is ready', async () => {
    const fake = new FakeWorker();
    const handle = start(fake);
    fake.say({ type: 'rivulet:ready', role: 'taskmanager' });
    await expect(handle.call('add', (remote) => remote.add(2, 3))).resolves.toBe(5);
    expect(handle.error).toBeNull();
  });

  it('rejects, naming the worker, when its script fails to load', async () => {
    const fake = new FakeWorker();
    const handle = start(fake);
    const pending = handle.call('add', (remote) => remote.add(1, 1));
    fake.crash();
    await expect(handle.ready).rejects.toThrow(
      /^Worker “taskmanager-1” failed to start: its script could not be loaded/,
    );
    await expect(pending).rejects.toThrow(/taskmanager-1/);
    expect(fake.terminated).toBe(true);
  });

  it('reports the message and place of an error thrown while the worker evaluates', async () => {
    const fake = new FakeWorker();
    const handle = start(fake);
    fake.crash('SyntaxError: Unexpected token');
    await expect(handle.ready).rejects.toThrow(
      'Worker “taskmanager-1” failed to start: SyntaxError: Unexpected token (worker.js:3)',
    );
  });

  it('rejects when the worker never says it is ready', async () => {
    const handle = start(new FakeWorker());
    await expect(handle.ready).rejects.toThrow(/failed to start: not ready after 0.4 s/);
  });

  it('rejects pending calls when heartbeats stop', async () => {
    const fake = new FakeWorker();
    const handle = start(fake);
    fake.say({ type: 'rivulet:ready', role: 'taskmanager' });
    await handle.ready;
    const pending = handle.call('never', (remote) => remote.never(), 5000);
    await expect(pending).rejects.toThrow(/“taskmanager-1” stopped answering: no heartbeat for/);
  });

  it('stays alive while heartbeats arrive', async () => {
    const fake = new FakeWorker();
    const handle = start(fake);
    fake.say({ type: 'rivulet:ready', role: 'taskmanager' });
    const beat = setInterval(() => fake.say({ type: 'rivulet:heartbeat', at: Date.now() }), 100);
    await new Promise((resolve) => setTimeout(resolve, 900));
    clearInterval(beat);
    expect(handle.error).toBeNull();
    await expect(handle.call('add', (remote) => remote.add(1, 2))).resolves.toBe(3);
  });

  it('times out a call that never answers', async () => {
    const fake = new FakeWorker();
    const handle = start(fake);
    fake.say({ type: 'rivulet:ready', role: 'taskmanager' });
    await expect(handle.call('never', (remote) => remote.never(), 100)).rejects.toThrow(
      'Worker “taskmanager-1” did not answer never() within 0.1 s',
    );
  });

  it('fails on a fatal message and tells listeners once', async () => {
    const fake = new FakeWorker();
    const handle = start(fake);
    const seen: string[] = [];
    handle.onFail((error) => seen.push(error.message));
    fake.say({ type: 'rivulet:ready', role: 'taskmanager' });
    fake.say({ type: 'rivulet:fatal', message: 'state exploded' });
    await expect(handle.call('add', (remote) => remote.add(1, 2))).rejects.toThrow(
      'Worker “taskmanager-1” crashed: state exploded',
    );
    handle.terminate();
    expect(seen).toEqual(['Worker “taskmanager-1” crashed: state exploded']);
  });
});
