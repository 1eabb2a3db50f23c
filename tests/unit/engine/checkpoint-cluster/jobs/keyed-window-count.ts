// Job module for the exactly-once tests (issue 6): a keyed tumbling event-time window count over a
// replayable source of N records (fromSequence: its position is the next number), checkpoints every
// INTERVAL ms, and Flink's failing mapper: on attempt k, mapper subtask FAIL_SUBTASK fails after it
// has mapped FAIL_AT[k] records in that attempt (so every planned attempt fails, wherever the restored
// checkpoint left the source), either by throwing (FAULT=throw), by ending its worker (FAULT=exit:
// the worker thread exits in Node, the Web Worker closes itself in a browser) or by hanging in an
// endless loop (FAULT=hang); TOLERABLE: consecutive checkpoint failures tolerated (default Flink's 0).
// Settings come from the module URL's query (browsers) or RIVULET_CKPT_* environment variables (Node:
// worker threads inherit them).
import {
  RestartStrategies,
  RichMapFunction,
  type StreamExecutionEnvironment,
} from '../../../../../src/engine/index.ts';
import { countPerKeyAndWindow } from '../../checkpoint/keyed-window-count-stage.ts';

const query = new URL(import.meta.url).searchParams;
const setting = (name: string, fallback: string): string =>
  query.get(name) ?? globalThis.process?.env?.[`RIVULET_CKPT_${name.toUpperCase()}`] ?? fallback;

/** Read when the graph is built, not at import: a thread imports the module once, tests change them. */
const settings = () => {
  const failAt = setting('failAt', '')
    .split(',')
    .filter((s) => s !== '')
    .map(Number);
  return {
    n: Number(setting('n', '200000')),
    mode: setting('mode', 'EXACTLY_ONCE') as 'EXACTLY_ONCE' | 'AT_LEAST_ONCE',
    interval: Number(setting('interval', '50')),
    failAt,
    fault: setting('fault', 'throw'),
    failSubtask: Number(setting('failSubtask', '0')),
    /** Restarts allowed (fixedDelayRestart); default one more than the planned failures. */
    restarts: Number(setting('restarts', String(failAt.length + 1))),
    /** Consecutive checkpoint failures tolerated ('Infinity' allowed); default Flink's 0. */
    tolerable: setting('tolerable', ''),
  };
};
type Settings = ReturnType<typeof settings>;

class FailingMapper extends RichMapFunction<number, number> {
  private seen = 0;
  constructor(private readonly s: Settings) {
    super();
  }
  map(i: number): number {
    const ctx = this.getRuntimeContext();
    const attempt = ctx.getAttemptNumber();
    const { failAt, failSubtask, fault } = this.s;
    if (
      ctx.getIndexOfThisSubtask() === failSubtask &&
      attempt < failAt.length &&
      ++this.seen === failAt[attempt]
    ) {
      if (fault === 'exit') {
        if (typeof process !== 'undefined' && process.exit) process.exit(3);
        (globalThis as unknown as { close(): void }).close();
      }
      if (fault === 'hang') for (;;); // only the missed heartbeats tell the JobManager
      throw new Error(`failing mapper: planned failure at record ${i} on attempt ${attempt}`);
    }
    return i;
  }
}

export default (env: StreamExecutionEnvironment) => {
  const s = settings();
  env.enableCheckpointing(s.interval, s.mode);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(s.restarts, 0));
  if (s.tolerable !== '') env.getCheckpointConfig().setTolerableCheckpointFailureNumber(Number(s.tolerable));
  const numbers = env
    .fromSequence(0, s.n - 1)
    .uid('numbers')
    .map(new FailingMapper(s))
    .uid('failing-mapper')
    .name('FailingMapper');
  // Keys k0..k96 and 1 s windows over ts = i ms: every window holds 1000 records.
  return countPerKeyAndWindow(numbers, (key, start, n) => [key, start, n] as [string, number, number]).uid(
    'window-count',
  );
};
