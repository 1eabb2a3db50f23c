import { describe, expect, it } from 'vitest';
import { JobRun } from '../../../workers/support/JobRun.ts';
import { TaskSubtask } from '../../../workers/support/TaskSubtask.ts';
import type { FromTaskManager, JobEvent, JobSettings } from '../../../src/client/protocol.ts';
import { DEFAULT_JOB_SETTINGS } from '../../../src/client/job-settings.ts';
import { applyUpdate, emptySnapshot, type JobSnapshot } from '../../../src/client/snapshot.ts';
import { runTumblingCountInline, sourceOf, totalsByKey } from '../../../src/jobs/tumbling-count.ts';

/**
 * The worker-side logic of the fixed job, without workers: a JobRun (JobManager) and two
 * TaskSubtasks (TaskManagers) connected by MessageChannels, exactly the messages the workers send.
 */
function startRun(
  settings: JobSettings,
  from: number,
  snapshot: JobSnapshot,
  runId = 1,
  onEvent: (event: JobEvent, run: JobRun) => void = () => {},
) {
  const events: JobEvent[] = [];
  const channels = [new MessageChannel(), new MessageChannel()];
  channels.forEach((c, i) => new TaskSubtask(c.port2, i));
  const ports = channels.map((c) => c.port1);
  let state = snapshot;
  const run = new JobRun(runId, settings, from, ports, (event) => {
    events.push(event);
    if (event.type === 'results') state = applyUpdate(state, event);
    onEvent(event, run);
  });
  ports.forEach((port) => (port.onmessage = (e: MessageEvent<FromTaskManager>) => run.receive(e.data)));
  const done = run.run().then(() => {
    channels.forEach((c) => (c.port1.close(), c.port2.close()));
    return { events, snapshot: state };
  });
  return { run, done };
}

const settings: JobSettings = { ...DEFAULT_JOB_SETTINGS, events: 40_000, maxRate: 0, batchSize: 1024 };

describe('JobRun with two TaskSubtasks', () => {
  it('produces the same windows as the inline job and finishes', async () => {
    const { done } = startRun(settings, 0, emptySnapshot(settings));
    const { events, snapshot } = await done;
    const expected = runTumblingCountInline(sourceOf(settings), { windowMs: settings.windowMs });
    expect(snapshot.windows).toEqual(expected);
    expect(snapshot.totals).toEqual(totalsByKey(expected, settings.keys));
    expect(snapshot.processed).toBe(40_000);
    expect(events.at(-1)).toEqual({ type: 'finished', processed: 40_000 });
    // Results arrive in updates that each cover many records, never one call per record.
    expect(events.filter((e) => e.type === 'results').length).toBeLessThan(40);
  });

  it('stops, then continues from the resume offset to the same totals', async () => {
    // Updates go out at most every 100 ms: pace the source so the run lasts long enough to stop.
    const paced = { ...settings, maxRate: 100_000 };
    const first = startRun(paced, 0, emptySnapshot(paced), 1, (event, run) => {
      if (event.type === 'results' && event.processed >= 5000) run.stop();
    });
    const stopped = await first.done;
    const last = stopped.events.at(-1)!;
    expect(last.type).toBe('stopped');
    const { resumeOffset } = last as Extract<JobEvent, { type: 'stopped' }>;
    expect(resumeOffset).toBeGreaterThan(0);
    expect(resumeOffset).toBeLessThan(40_000);
    expect(stopped.snapshot.resumeOffset).toBe(resumeOffset);

    const second = startRun(paced, resumeOffset, stopped.snapshot, 2);
    const { snapshot } = await second.done;
    const expected = runTumblingCountInline(sourceOf(paced), { windowMs: paced.windowMs });
    expect(snapshot.windows).toEqual(expected);
    expect(snapshot.totals.reduce((a, b) => a + b, 0)).toBe(40_000);
  });

  it('reports a subtask failure as a failed event naming the subtask', async () => {
    const bad = { ...settings, windowMs: -5 }; // rejected by the subtask's state
    const { events } = await startRun(bad, 0, emptySnapshot(bad)).done;
    expect(events.at(-1)).toEqual({
      type: 'failed',
      message: 'taskmanager-0: tumbling count: windowMs must be a number > 0, got -5',
    });
  });
});
