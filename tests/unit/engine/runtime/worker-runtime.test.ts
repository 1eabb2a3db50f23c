/**
 * The worker runtime in Node worker_threads: the same job module gives the same multiset of results
 * across workers at parallelism 1, 2 and 4 as on the inline runtime; failures name the subtask;
 * nothing hangs and no worker is left running.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runJob, submitJob, type RunJobOptions } from '../../../../src/engine/cluster/run-job.ts';
import type { WorkerFactory } from '../../../../src/engine/cluster/worker-handle.ts';
import type { SubtaskMetrics } from '../../../../src/engine/cluster/protocol.ts';
import { JobCancelledError } from '../../../../src/engine/runtime/errors.ts';
import { running, trackingFactory } from '../fixtures/tracking-workers.ts';

const job = (name: string) => new URL(`./jobs/${name}.ts`, import.meta.url).href;
const canonical = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

afterEach(() => {
  delete process.env.RIVULET_FAULT;
});

describe('worker runtime: same results as inline', () => {
  // Expected results: the inline runtime's, computed in the same test (the engine's reference semantics).
  it.each(['window-count', 'process-timers', 'union-connect', 'map-filter'])(
    '%s at parallelism 1, 2 and 4',
    async (name) => {
      const inline = canonical(await runJob(job(name), { parallelism: 2 }));
      expect(inline.length).toBeGreaterThan(0);
      for (const parallelism of [1, 2, 4]) {
        const { spawn, threads } = trackingFactory();
        const out = await runJob(job(name), {
          parallelism,
          runtime: 'workers',
          workers: parallelism,
          spawnWorker: spawn,
          cluster: { maxWorkers: 4 },
        });
        expect(canonical(out), `parallelism ${parallelism}`).toEqual(inline);
        expect(threads.length).toBe(parallelism);
        expect(running(threads)).toBe(0);
      }
    },
  );

  it('keyed window counts are the hand-computed ones', async () => {
    // window-count: 20 000 events at ts = i·10 ms → 200 windows of 10 s with 1000 events each, keys
    // k((i·7919) mod 13). Every window's counts add up to 1000, and there are 13 keys per window.
    const out = (await runJob(job('window-count'), { parallelism: 2, runtime: 'workers', workers: 2 })) as [
      string,
      number,
      number,
    ][];
    const perWindow = new Map<number, number>();
    for (const [, start, n] of out) perWindow.set(start, (perWindow.get(start) ?? 0) + n);
    expect(perWindow.size).toBe(20);
    expect([...perWindow.values()].every((n) => n === 1000)).toBe(true);
    expect(out.length).toBe(20 * 13);
  });
});

describe('worker runtime: flow control and metrics', () => {
  it('a slow operator keeps batches in flight within the credits on every channel', async () => {
    const snapshots: SubtaskMetrics[][] = [];
    const out = await runJob(job('slow-sink'), {
      parallelism: 2,
      runtime: 'workers',
      workers: 2,
      onMetrics: (m) => snapshots.push(m),
      cluster: { credits: 2, metricsIntervalMs: 50 },
    });
    expect(out.length).toBe(40_000);
    const all = snapshots.flat();
    const source = all.filter((m) => m.name.startsWith('Source'));
    expect(source.length).toBeGreaterThan(0);
    // 2 credits per channel: a producer never had more than 2 batches posted and unacknowledged.
    for (const m of all) expect(m.maxBatchesInFlight).toBeLessThanOrEqual(2);
    // And the slow operator really held its producers back: they filled their credit window.
    expect(Math.max(...source.map((m) => m.maxBatchesInFlight))).toBe(2);
    const last = new Map(all.map((m) => [m.name, m]));
    const slow = [...last.values()].find((m) => m.name.startsWith('SlowSink'))!;
    expect(slow.name).toBe('SlowSink -> Sink: Collect (1/1)');
    expect(slow.recordsIn).toBe(40_000);
    expect([...last.values()].every((m) => m.finished)).toBe(true);
  });
});

describe('worker runtime: lifecycle and failures', () => {
  it('cancel stops an unbounded job and leaves no worker running', async () => {
    const { spawn, threads } = trackingFactory();
    let sawRecords!: () => void;
    const flowing = new Promise<void>((r) => (sawRecords = r));
    const client = await submitJob(job('unbounded'), {
      parallelism: 2,
      runtime: 'workers',
      workers: 2,
      spawnWorker: spawn,
      cluster: { metricsIntervalMs: 50 },
      onMetrics: (m) => m.some((s) => s.recordsIn > 0) && sawRecords(),
    });
    await flowing;
    await client.cancel();
    await expect(client.result).rejects.toBeInstanceOf(JobCancelledError);
    expect(threads.length).toBe(2);
    expect(running(threads)).toBe(0);
  });

  /** The faults job on two tracked workers, its second map subtask misbehaving as `fault` says. */
  const runFaulty = (fault: string, spawn: WorkerFactory, cluster?: RunJobOptions['cluster']) => {
    process.env.RIVULET_FAULT = fault;
    return runJob(job('faults'), {
      parallelism: 2,
      runtime: 'workers',
      workers: 2,
      spawnWorker: spawn,
      cluster,
    });
  };

  it('a worker that exits mid-job fails the job naming its subtasks', async () => {
    const { spawn, threads } = trackingFactory();
    await expect(runFaulty('exit', spawn)).rejects.toThrow(
      /^TaskManager 1 \(subtasks .*Faulty -> Filter \(2\/2\).*\) failed: worker 'rivulet-taskmanager-1' exited with code 7$/,
    );
    expect(running(threads)).toBe(0);
  });

  it('a worker that stops answering fails the job through the heartbeat timeout', async () => {
    const { spawn, threads } = trackingFactory();
    await expect(runFaulty('hang', spawn, { heartbeatTimeoutMs: 1000 })).rejects.toThrow(
      // Node workers report their heap with each heartbeat; a busy loop leaves it far from the limit.
      /^TaskManager 1 \(subtasks .*Faulty -> Filter \(2\/2\).*\) missed heartbeats for \d+ ms \(timeout 1000 ms\) with its heap at \d+ MB of \d+ MB \(\d+%\): the worker died or is stuck$/,
    );
    expect(running(threads)).toBe(0);
  });

  it('a worker that runs out of its heap limit fails the job naming memory and the limit', async () => {
    const { spawn, threads } = trackingFactory({ heapMb: 64 });
    // Heartbeats may wait a minute: only Node's limit may stop it, however slow the machine.
    await expect(runFaulty('hoard', spawn, { heartbeatTimeoutMs: 60_000 })).rejects.toThrow(
      /^TaskManager 1 \(subtasks .*Faulty -> Filter \(2\/2\).*\) failed: worker 'rivulet-taskmanager-1' ran out of memory and was stopped at its heap limit of 64 MB \(workerHeapMb\): keep less state per worker/,
    );
    expect(running(threads)).toBe(0);
  });

  it('rejects a heap limit that is not usable, or one it cannot apply', async () => {
    const opts = { parallelism: 2, runtime: 'workers' as const };
    await expect(runJob(job('map-filter'), { ...opts, workerHeapMb: 8 })).rejects.toThrow(
      'workerHeapMb must be a whole number of MB, at least 16; got 8',
    );
    await expect(
      runJob(job('map-filter'), { ...opts, workerHeapMb: 256, spawnWorker: trackingFactory().spawn }),
    ).rejects.toThrow('workerHeapMb limits the default Node workers only');
  });

  it('a user function error fails the job naming the subtask, the operator and the record', async () => {
    process.env.RIVULET_FAULT = 'throw';
    await expect(runJob(job('faults'), { parallelism: 2, runtime: 'workers', workers: 2 })).rejects.toThrow(
      /^Subtask Faulty -> Filter \(2\/2\) failed: Operator "Faulty" .*subtask 2\/2.* on record \d+: RangeError: record \d+ is out of range$/,
    );
  });

  it('a user function that throws in open() fails the job naming the subtask, with its stack', async () => {
    for (const parallelism of [1, 2]) {
      const error = await runJob(job('throws-in-open'), {
        parallelism,
        runtime: 'workers',
        workers: parallelism,
      }).catch((e) => e);
      const subtask = `${parallelism}/${parallelism}`;
      expect(error.message).toMatch(
        new RegExp(
          `^Subtask OpensBadly.* \\(${subtask}\\) failed: Operator "OpensBadly" .*failed in open\\(\\): TypeError: no connection to the lookup table$`,
        ),
      );
      expect(error.cause.stack).toContain('throws-in-open.ts');
    }
  });

  it('a job module that throws at import fails with the original error and its location', async () => {
    const error = await runJob(job('throws-at-import'), { runtime: 'workers', parallelism: 2 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error.message).toBe('job module broken at import');
    expect(error.stack).toContain('throws-at-import.ts');
  });

  it('clamps more workers than allowed, with a warning', async () => {
    const warnings: string[] = [];
    const client = await submitJob(job('map-filter'), {
      parallelism: 2,
      runtime: 'workers',
      workers: 8,
      cluster: { maxWorkers: 2, warn: (m) => warnings.push(m) },
    });
    expect(client.numWorkers).toBe(2);
    expect(warnings).toEqual(['runJob: 8 workers requested but at most 2 are allowed here; using 2']);
    expect((await client.result).length).toBe(5_000);
  });
});
