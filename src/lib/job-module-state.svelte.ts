import { jobModuleUrlFromSource, runJob } from '../client/index.ts';

/** The job module the panel starts with: a keyed 10 s tumbling event-time window count. */
export const DEFAULT_JOB_MODULE = `import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'rivulet';

// [key, event time in ms]
const events = [
  ['a', 1000], ['b', 2000], ['a', 3000], ['a', 9999], ['b', 10000], ['a', 12000],
  ['c', 15000], ['b', 19999], ['a', 20000], ['c', 25000], ['a', 29000], ['b', 31000],
];

// Counts events per key in 10 s tumbling event-time windows: emits [key, windowStart, count].
export default (env) =>
  env
    .fromElements(...events)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e) => e[1]),
    )
    .keyBy((e) => e[0])
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .process((key, ctx, elements, out) => {
      let n = 0;
      for (const _ of elements) n++;
      out.collect([key, ctx.window.start, n]);
    });
`;

/** Rows of the results table shown at most. */
export const MAX_ROWS = 200;

/** What the panel needs of each subtask's metrics. */
interface Counted {
  recordsIn: number;
  recordsOut: number;
}

/** State of the Workbench's job module panel: the code, its run, and its outcome. */
export class JobModuleState {
  code = $state(DEFAULT_JOB_MODULE);
  parallelism = $state(2);
  runtime = $state<'workers' | 'inline'>('workers');
  running = $state(false);
  /** Summed over subtasks, from the latest metrics (null before the first). */
  metrics = $state<{ recordsIn: number; recordsOut: number; subtasks: number } | null>(null);
  results = $state<unknown[] | null>(null);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.error = null;
    this.results = null;
    this.metrics = null;
    const controller = new AbortController();
    this.#controller = controller;
    let url: string | undefined;
    try {
      const parallelism = Math.trunc(Number(this.parallelism));
      if (!(parallelism >= 1 && parallelism <= 4))
        throw new Error('Parallelism must be a whole number from 1 to 4');
      url = jobModuleUrlFromSource(this.code);
      const results = await runJob(url, {
        parallelism,
        runtime: this.runtime,
        signal: controller.signal,
        onMetrics: (all: Counted[]) => {
          if (controller.signal.aborted) return;
          let recordsIn = 0;
          let recordsOut = 0;
          for (const m of all) {
            recordsIn += m.recordsIn;
            recordsOut += m.recordsOut;
          }
          this.metrics = { recordsIn, recordsOut, subtasks: all.length };
        },
      });
      this.results = results;
    } catch (e) {
      this.error = e instanceof Error ? e.message || String(e) : String(e);
      console.error('Job module failed', e);
    } finally {
      if (url) URL.revokeObjectURL(url);
      this.#controller = null;
      this.running = false;
    }
  }

  stop(): void {
    this.#controller?.abort(new Error('Stopped'));
  }

  reset(): void {
    this.code = DEFAULT_JOB_MODULE;
  }
}

export const jobModule = new JobModuleState();
