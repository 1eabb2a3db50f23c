/**
 * Tells readers that a topic got new records: waiters in this thread directly and, when a
 * BroadcastChannel name is given, waiters in other tabs and workers of the origin (IndexedDB has
 * no change events). Without BroadcastChannel, cross-context waiters poll every 250 ms.
 *
 * @example
 * const signal = new AppendSignal('rivulet-log:db:clicks');
 * const next = signal.next(); // ... elsewhere: signal.announce();
 */
export class AppendSignal {
  private waiters: (() => void)[] = [];

  constructor(private readonly channelName: string | null = null) {}

  /** Resolves at the next announce (here or, with a channel, in any context), or when `abort` fires. */
  next(abort?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let channel: BroadcastChannel | null = null;
      let timer: ReturnType<typeof setInterval> | null = null;
      const done = () => {
        this.waiters = this.waiters.filter((w) => w !== done);
        channel?.close();
        if (timer !== null) clearInterval(timer);
        abort?.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      abort?.addEventListener('abort', done);
      if (this.channelName === null) return;
      if (typeof BroadcastChannel !== 'undefined') {
        channel = new BroadcastChannel(this.channelName);
        channel.onmessage = done;
      } else {
        timer = setInterval(done, 250);
      }
    });
  }

  /** Wakes every waiter (after an append committed). */
  announce(): void {
    for (const w of [...this.waiters]) w();
    if (this.channelName !== null && typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(this.channelName);
      channel.postMessage('append');
      channel.close();
    }
  }
}
