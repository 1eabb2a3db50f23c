/**
 * Session clusters in Node worker_threads: TaskManager workers kept between jobs give every job the
 * inline runtime's results, start no more workers than needed, survive a failed job and a dead idle
 * worker, and leave nothing running after close().
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runJob, startSessionCluster, type SessionCluster } from '../../../../src/engine/cluster/run-job.ts';
import { JobCancelledError } from '../../../../src/engine/runtime/errors.ts';
import { running, trackingFactory } from '../fixtures/tracking-workers.ts';

const job = (name: string, query = '') => new URL(`./jobs/${name}.ts${query}`, import.meta.url).href;
const canonical = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
const inline = async (name: string) => canonical(await runJob(job(name), { parallelism: 2 }));

let session: SessionCluster | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

describe('session cluster', () => {
  it('runs jobs one after another on the same workers, each with the inline results', async () => {
    const { spawn, threads } = trackingFactory();
    session = await startSessionCluster({ spawnWorker: spawn });
    const expected = {
      'window-count': await inline('window-count'),
      'map-filter': await inline('map-filter'),
    };
    for (const name of ['window-count', 'map-filter', 'window-count'] as const) {
      const out = await session.runJob(job(name), { parallelism: 2, workers: 2 });
      expect(canonical(out), name).toEqual(expected[name]);
      expect(session.idleWorkers).toBe(2);
    }
    expect(threads.length).toBe(2);
    expect(session.workersStarted).toBe(2);
    expect(running(threads)).toBe(2);
    const client = await session.submitJob(job('map-filter'), { parallelism: 2, workers: 2 });
    expect(canonical(await client.result)).toEqual(expected['map-filter']);
    expect(client.status()).toMatchObject({ workersStarted: 2, workersReused: 2 });
    await session.close();
    expect(running(threads)).toBe(0);
  });

  it('jobs side by side take separate workers; a later job reuses them all', async () => {
    const { spawn, threads } = trackingFactory();
    session = await startSessionCluster({ spawnWorker: spawn });
    const [a, b] = await Promise.all([
      session.runJob(job('window-count'), { parallelism: 2, workers: 2 }),
      session.runJob(job('map-filter'), { parallelism: 2, workers: 2 }),
    ]);
    expect(canonical(a)).toEqual(await inline('window-count'));
    expect(canonical(b)).toEqual(await inline('map-filter'));
    expect(threads.length).toBe(4);
    expect(session.idleWorkers).toBe(4);
    await session.runJob(job('map-filter'), { parallelism: 1, workers: 1 });
    expect(threads.length).toBe(4);
  });

  it('a failed job gives its workers back cancelled; the next job runs on them', async () => {
    const { spawn, threads } = trackingFactory();
    session = await startSessionCluster({ spawnWorker: spawn });
    await expect(
      session.runJob(job('faults', '?fault=throw'), { parallelism: 2, workers: 2 }),
    ).rejects.toThrow(/^Subtask Faulty -> Filter \(2\/2\) failed: .*RangeError: record \d+ is out of range$/);
    const out = await session.runJob(job('window-count'), { parallelism: 2, workers: 2 });
    expect(canonical(out)).toEqual(await inline('window-count'));
    expect(threads.length).toBe(2);
  });

  it('an idle worker that dies is dropped and replaced by the next job', async () => {
    const { spawn, threads } = trackingFactory();
    session = await startSessionCluster({ spawnWorker: spawn });
    await session.runJob(job('map-filter'), { parallelism: 2, workers: 2 });
    const exited = new Promise((r) => threads[0].once('exit', r));
    await threads[0].terminate();
    await exited;
    await expect.poll(() => session!.idleWorkers).toBe(1);
    const out = await session.runJob(job('window-count'), { parallelism: 2, workers: 2 });
    expect(canonical(out)).toEqual(await inline('window-count'));
    expect(threads.length).toBe(3);
    expect(session.workersStarted).toBe(3);
  });

  it('close() cancels a running job and stops every worker; later submits are refused', async () => {
    const { spawn, threads } = trackingFactory();
    const s = (session = await startSessionCluster({
      spawnWorker: spawn,
      cluster: { metricsIntervalMs: 50 },
    }));
    let sawRecords!: () => void;
    const flowing = new Promise<void>((r) => (sawRecords = r));
    const client = await s.submitJob(job('unbounded'), {
      parallelism: 2,
      workers: 2,
      onMetrics: (m) => m.some((x) => x.recordsIn > 0) && sawRecords(),
    });
    await flowing;
    await s.close();
    await expect(client.result).rejects.toBeInstanceOf(JobCancelledError);
    expect(running(threads)).toBe(0);
    await expect(s.runJob(job('map-filter'))).rejects.toThrow(
      'submitJob: this session cluster is closed; start a new one',
    );
  });
});
