import * as Comlink from 'comlink';
import { isLifecycleMessage, type LifecycleMessage } from './protocol.ts';

/** Why a worker is unusable: it failed to start, crashed, stopped answering, or an RPC timed out. */
export class WorkerError extends Error {
  override name = 'WorkerError';
  constructor(
    /** The worker's name, e.g. `taskmanager-1`. */
    readonly worker: string,
    message: string,
  ) {
    super(`Worker “${worker}” ${message}`);
  }
}

export interface WorkerHandleOptions {
  /** How long the worker may take to load and say it is ready. Default 30 s. */
  startTimeoutMs?: number;
  /** How long without a heartbeat before the worker counts as dead. Default 15 s. */
  heartbeatTimeoutMs?: number;
  /** Default time limit of one RPC. Default 15 s. */
  callTimeoutMs?: number;
}

/**
 * A started worker with a Comlink proxy whose every call has a time limit and rejects if the
 * worker dies. Comlink never rejects on its own, and browsers fire no event when a worker goes
 * away, so the handle watches the worker's `error` events, its ready message and its heartbeats.
 *
 * @example
 * ```ts
 * const tm = new WorkerHandle<TaskManagerApi>('taskmanager-0', createWorker('taskmanager'));
 * await tm.ready;
 * await tm.call('connect', (api) => api.connect(Comlink.transfer(port, [port]), 0));
 * ```
 */
export class WorkerHandle<T> {
  readonly remote: Comlink.Remote<T>;
  /** Resolves when the worker has loaded; rejects with a WorkerError if it fails to start. */
  readonly ready: Promise<void>;
  private readonly died: Promise<never>;
  private rejectDied!: (error: WorkerError) => void;
  private resolveReady!: () => void;
  private failure: WorkerError | null = null;
  private started = false;
  private lastBeat = Date.now();
  private readonly watchdog: ReturnType<typeof setInterval>;
  private readonly listeners = new Set<(error: WorkerError) => void>();
  private readonly callTimeoutMs: number;

  constructor(
    readonly name: string,
    private readonly worker: Worker,
    options: WorkerHandleOptions = {},
  ) {
    const { startTimeoutMs = 30_000, heartbeatTimeoutMs = 15_000, callTimeoutMs = 15_000 } = options;
    this.callTimeoutMs = callTimeoutMs;
    this.died = new Promise<never>((_, reject) => (this.rejectDied = reject));
    this.died.catch(() => {}); // observed through call()/ready/onFail; avoids an unhandled rejection
    this.ready = Promise.race([new Promise<void>((resolve) => (this.resolveReady = resolve)), this.died]);
    this.ready.catch(() => {}); // same: the failure reaches callers through call() and onFail()
    worker.addEventListener('message', (event) => {
      if (isLifecycleMessage(event.data)) this.onLifecycle(event.data);
    });
    worker.addEventListener('error', (event) => this.fail(describeErrorEvent(event, this.started)));
    worker.addEventListener('messageerror', () => this.fail('sent a message that could not be deserialised'));
    const startedAt = Date.now();
    const checkEveryMs = Math.min(1000, startTimeoutMs / 4, heartbeatTimeoutMs / 4);
    this.watchdog = setInterval(() => {
      const now = Date.now();
      if (!this.started && now - startedAt > startTimeoutMs) {
        this.fail(`failed to start: not ready after ${startTimeoutMs / 1000} s`);
      } else if (this.started && now - this.lastBeat > heartbeatTimeoutMs) {
        this.fail(`stopped answering: no heartbeat for ${Math.round((now - this.lastBeat) / 1000)} s`);
      }
    }, checkEveryMs);
    this.remote = Comlink.wrap<T>(worker);
  }

  /** The error that ended this worker, or null while it is healthy. */
  get error(): WorkerError | null {
    return this.failure;
  }

  /** Calls `listener` once if the worker fails; returns an unsubscribe function. */
  onFail(listener: (error: WorkerError) => void): () => void {
    if (this.failure) listener(this.failure);
    else this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs one RPC after the worker is ready. Rejects with a WorkerError when it takes longer than
   * `timeoutMs` or when the worker dies meanwhile.
   */
  async call<R>(
    what: string,
    invoke: (remote: Comlink.Remote<T>) => Promise<R>,
    timeoutMs = this.callTimeoutMs,
  ): Promise<R> {
    await this.ready;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new WorkerError(this.name, `did not answer ${what}() within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([invoke(this.remote), this.died, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the worker; pending and later calls reject. */
  terminate(reason = 'was terminated'): void {
    if (!this.failure) this.fail(reason);
  }

  private onLifecycle(message: LifecycleMessage): void {
    switch (message.type) {
      case 'rivulet:ready':
        this.started = true;
        this.lastBeat = Date.now();
        this.resolveReady();
        break;
      case 'rivulet:heartbeat':
        this.lastBeat = Date.now();
        break;
      case 'rivulet:fatal':
        this.fail(`crashed: ${message.message}`);
        break;
    }
  }

  private fail(message: string): void {
    if (this.failure) return;
    this.failure = new WorkerError(this.name, message);
    clearInterval(this.watchdog);
    this.worker.terminate();
    this.remote[Comlink.releaseProxy]();
    this.rejectDied(this.failure);
    for (const listener of this.listeners) listener(this.failure);
    this.listeners.clear();
  }
}

function describeErrorEvent(event: Event, started: boolean): string {
  const prefix = started ? 'crashed' : 'failed to start';
  const { message, filename, lineno } = event as Partial<ErrorEvent>;
  if (message) {
    const where = filename ? ` (${filename}:${lineno})` : '';
    return `${prefix}: ${message}${where}`;
  }
  return started
    ? `${prefix}: an uncaught error (see the browser console)`
    : `${prefix}: its script could not be loaded or evaluated (missing file, wrong MIME type or syntax error; see the browser console)`;
}
