import { CHECKPOINTED_COUNT } from './checkpointed-count.ts';
import { LATE_DATA } from './late-data.ts';
import { PROCESS_TIMERS } from './process-timers.ts';
import { SESSION_WINDOWS } from './session-windows.ts';
import { SLIDING_AVERAGE } from './sliding-average.ts';
import { TOPIC_COUNT } from './topic-count.ts';
import { TUMBLING_COUNT } from './tumbling-count.ts';

/** A ready-made job module for the editor's examples menu. */
export interface JobExample {
  /** Stable id (kebab-case), e.g. for a select's value and test ids. */
  readonly id: string;
  readonly title: string;
  /** JavaScript of the job module; it imports the engine from 'rivulet'. */
  readonly code: string;
}

/**
 * The editor's examples, the first being the default job. Each builds a bounded job whose result
 * is the same under every runtime and parallelism (its watermarks do not depend on timing);
 * 'topic-count' reads the "orders" topic the Data page writes.
 *
 * @example
 * ```ts
 * const url = jobModuleUrlFromSource(JOB_EXAMPLES.find((e) => e.id === 'session-windows')!.code);
 * ```
 */
export const JOB_EXAMPLES: readonly JobExample[] = [
  { id: 'tumbling-count', title: 'Tumbling window count', code: TUMBLING_COUNT },
  { id: 'sliding-average', title: 'Sliding window average', code: SLIDING_AVERAGE },
  { id: 'session-windows', title: 'Session windows (5 s gap)', code: SESSION_WINDOWS },
  { id: 'process-timers', title: 'Keyed process function with timers', code: PROCESS_TIMERS },
  { id: 'late-data', title: 'Late data to a side output', code: LATE_DATA },
  { id: 'checkpointed-count', title: 'Checkpointed window count (exactly-once)', code: CHECKPOINTED_COUNT },
  { id: 'topic-count', title: 'Totals per customer from the "orders" topic', code: TOPIC_COUNT },
];
