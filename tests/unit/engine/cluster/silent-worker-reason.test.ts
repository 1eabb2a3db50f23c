/** What a failure says about a TaskManager that stopped sending heartbeats, by its last reported heap. */
import { describe, expect, it } from 'vitest';
import { silentWorkerReason } from '../../../../src/engine/cluster/heartbeat-watchdog.ts';

const MB = 2 ** 20;

describe('silentWorkerReason', () => {
  it('without heap figures (browsers) says died or stuck', () => {
    expect(silentWorkerReason(2_140.4, 2_000)).toBe(
      'missed heartbeats for 2140 ms (timeout 2000 ms): the worker died or is stuck',
    );
  });

  it('with the heap well below its limit gives the figures and says died or stuck', () => {
    expect(silentWorkerReason(2_100, 2_000, { usedBytes: 300 * MB, limitBytes: 4_000 * MB })).toBe(
      'missed heartbeats for 2100 ms (timeout 2000 ms) with its heap at 300 MB of 4000 MB (8%): the worker died or is stuck',
    );
  });

  it('with the heap at 80% of its limit or more names memory and what to change', () => {
    const reason = silentWorkerReason(2_100, 2_000, { usedBytes: 410 * MB, limitBytes: 512 * MB });
    expect(reason).toMatch(
      /^missed heartbeats for 2100 ms \(timeout 2000 ms\) with its heap at 410 MB of 512 MB \(80%\): it is most likely out of memory: keep less state per worker /,
    );
    expect(reason).toContain('workerHeapMb');
  });

  it('ignores a limit it cannot divide by', () => {
    expect(silentWorkerReason(2_100, 2_000, { usedBytes: 1, limitBytes: 0 })).toBe(
      'missed heartbeats for 2100 ms (timeout 2000 ms): the worker died or is stuck',
    );
  });
});
