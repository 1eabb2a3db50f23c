import { describe, expect, it } from 'vitest';
import {
  CheckpointCoordinator,
  MemoryCheckpointStorage,
  RestartBackoff,
  RestartStrategies,
  RichSourceFunction,
  StreamExecutionEnvironment,
  type SourceContext,
} from '../../../../src/engine/index.ts';
import { referenceCounts, startWindowedCount } from './windowed-count-job.ts';

describe('RestartStrategies (Flink semantics)', () => {
  it('fixedDelayRestart grants n restarts with the delay, then gives up', () => {
    const b = new RestartBackoff(RestartStrategies.fixedDelayRestart(2, 250));
    expect([b.onFailure(0), b.onFailure(1), b.onFailure(2)]).toEqual([
      { restart: true, delayMs: 250 },
      { restart: true, delayMs: 250 },
      { restart: false, delayMs: 0 },
    ]);
    expect(new RestartBackoff(RestartStrategies.noRestart()).onFailure(0).restart).toBe(false);
  });

  it('exponentialDelayRestart grows the delay by the multiplier up to the max and resets after quiet time', () => {
    // No jitter: 100, 200, 400, 800, 1000 (capped), then after 10 s without failure 100 again.
    const b = new RestartBackoff(RestartStrategies.exponentialDelayRestart(100, 1000, 2, 10_000, 0));
    const delays = [0, 1, 2, 3, 4].map((t) => b.onFailure(t).delayMs);
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
    expect(b.onFailure(20_000).delayMs).toBe(100);
  });

  it('rejects bad settings with the fix', () => {
    expect(() => RestartStrategies.fixedDelayRestart(-1, 0)).toThrow(/attempts must be an integer >= 0/);
    expect(() => RestartStrategies.exponentialDelayRestart(100, 10, 2)).toThrow(
      /max backoff must be >= the initial/,
    );
  });
});

describe('CheckpointCoordinator failures', () => {
  it('a checkpoint that is not acknowledged in time expires; a decline names the task', async () => {
    let fire: (() => void) | null = null;
    const aborted: number[] = [];
    const c = new CheckpointCoordinator({
      jobId: 'j',
      jobName: 'j',
      storage: new MemoryCheckpointStorage(),
      config: {
        intervalMs: 100,
        mode: 'EXACTLY_ONCE',
        timeoutMs: 500,
        minPauseMs: 0,
        maxConcurrent: 1,
        retained: 1,
      },
      taskKeys: ['a', 'b'],
      clock: { now: () => 0, schedule: (_ms, fn) => ((fire = fn), () => (fire = null)) },
      hooks: { triggerTasks: () => {}, notifyComplete: () => {}, notifyAborted: (id) => aborted.push(id) },
    });
    const first = c.triggerCheckpoint();
    (fire as unknown as () => void)(); // the timeout timer
    await expect(first).rejects.toThrow('Checkpoint 1 expired before completing (timeout 500 ms)');
    const second = c.triggerCheckpoint();
    c.decline('b', 2, new Error('state is not cloneable'));
    await expect(second).rejects.toThrow('Checkpoint 2 was declined by b: state is not cloneable');
    expect(aborted).toEqual([1, 2]);
    expect(c.history.map((h) => [h.checkpointId, h.status])).toEqual([
      [1, 'FAILED'],
      [2, 'FAILED'],
    ]);
  });
});

describe('resuming a job from its latest checkpoint (jobId)', () => {
  it("a job that stopped mid-run resumes with restoreFrom: 'latest' and delivers the rest exactly once", async () => {
    const N = 30_000;
    const storage = new MemoryCheckpointStorage();
    const first = startWindowedCount({
      n: N,
      parallelism: 2,
      storage,
      run: { jobId: 'resumable' },
      hook: (i) => {
        // Like a tab that crashes: the job dies, no restart.
        if (i === 17_777) throw new Error('the tab went away');
      },
    });
    await expect(first.job.result).rejects.toThrow(/the tab went away/);
    const latest = await storage.latest('resumable');
    expect(latest).not.toBeNull();
    const second = startWindowedCount({
      n: N,
      parallelism: 2,
      storage,
      run: { jobId: 'resumable', restoreFrom: 'latest' },
    });
    await second.job.result;
    expect([...first.rows, ...second.rows].sort()).toEqual(referenceCounts(N));
    // Ids go on after the restored checkpoint.
    expect((await storage.latest('resumable'))!.checkpointId).toBeGreaterThan(latest!.checkpointId);
  }, 60_000);
});

describe('AT_LEAST_ONCE checkpoints', () => {
  it('take checkpoints without alignment and give exact results when nothing fails', async () => {
    const { job, rows } = startWindowedCount({
      n: 20_000,
      parallelism: 3,
      storage: new MemoryCheckpointStorage(),
      mode: 'AT_LEAST_ONCE',
    });
    await job.result;
    expect(rows.sort()).toEqual(referenceCounts(20_000));
    const completed = job.getCheckpointHistory!().filter((h) => h.status === 'COMPLETED');
    expect(completed.length).toBeGreaterThan(5);
  });
});

describe('CheckpointCoordinator scheduling', () => {
  it('triggers every interval, keeps the min pause after a checkpoint ends, one at a time', async () => {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const triggered: [number, number][] = [];
    const c = new CheckpointCoordinator({
      jobId: 's',
      jobName: 's',
      storage: new MemoryCheckpointStorage(),
      config: {
        intervalMs: 100,
        mode: 'EXACTLY_ONCE',
        timeoutMs: 10_000,
        minPauseMs: 80,
        maxConcurrent: 1,
        retained: 1,
      },
      taskKeys: ['t'],
      clock: {
        now: () => now,
        schedule: (ms, fn) => {
          const t = { at: now + ms, fn };
          timers.push(t);
          return () => timers.splice(timers.indexOf(t), 1);
        },
      },
      hooks: {
        triggerTasks: (b) => triggered.push([b.checkpointId, now]),
        notifyComplete: () => {},
        notifyAborted: () => {},
      },
    });
    /** Moves the clock to the next timer and runs it. */
    const fireNext = () => {
      timers.sort((a, b) => a.at - b.at);
      const t = timers.shift()!;
      now = t.at;
      t.fn();
    };
    const ack = async (id: number) => {
      c.acknowledge('t', { checkpointId: id, alignmentMs: 0, operators: {} });
      await c.whenIdle();
    };
    c.start();
    fireNext(); // first trigger one interval after start
    expect(triggered).toEqual([[1, 100]]);
    now = 170; // checkpoint 1 takes 70 ms: the next may start at max(100 + 100, 170 + 80) = 250
    await ack(1);
    fireNext();
    expect(triggered).toEqual([
      [1, 100],
      [2, 250],
    ]);
    now = 260; // quick one: the interval rules, next at 350
    await ack(2);
    fireNext();
    expect(triggered.at(-1)).toEqual([3, 350]);
    c.stop();
    expect(c.history.map((h) => h.status)).toEqual(['COMPLETED', 'COMPLETED', 'FAILED']);
  });
});

describe('getAttemptNumber() in a source function', () => {
  it('is 0 on the first run and grows with each restart', async () => {
    const attempts: number[] = [];
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(1000);
    env.getCheckpointConfig().setCheckpointStorage(new MemoryCheckpointStorage());
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 0));
    class Numbers extends RichSourceFunction<number> {
      run(ctx: SourceContext<number>): void {
        const attempt = this.getRuntimeContext().getAttemptNumber();
        attempts.push(attempt);
        ctx.collect(attempt);
        if (attempt < 2) throw new Error(`planned failure on attempt ${attempt}`);
      }
    }
    const out = await env.addSource(new Numbers()).executeAndCollect();
    expect(attempts).toEqual([0, 1, 2]);
    expect(out).toEqual([2]); // the failed attempts' records were never committed
  });
});
