import type { KeyedStateBackend } from '../state/keyed-state-backend.ts';
import { InternalTimeServiceManager } from '../state/timer-service-manager.ts';
import type { InternalTimerService, ProcessingTimeService, Triggerable } from '../time/timer-service.ts';
import type { OperatorContext } from './operator.ts';

/**
 * The OperatorContext the runtime gives each operator of a subtask. Keyed operators get their own
 * keyed state backend and a timer service manager (timers by name, snapshot together).
 *
 * @example
 * const ctx = new StreamOperatorContext({ operatorName: 'Map', uid: 'map', subtaskIndex: 0, parallelism: 1,
 *   maxParallelism: 128, attemptNumber: 0, processingTimeService: clock, keyedStateBackend: null });
 */
export class StreamOperatorContext implements OperatorContext {
  readonly operatorName: string;
  readonly uid: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly attemptNumber: number;
  readonly processingTimeService: ProcessingTimeService;
  readonly keyedStateBackend: KeyedStateBackend | null;
  /** Timer services of this operator (null when not keyed). */
  readonly timeServiceManager: InternalTimeServiceManager | null;

  constructor(facts: Omit<OperatorContext, 'getInternalTimerService'>) {
    this.operatorName = facts.operatorName;
    this.uid = facts.uid;
    this.subtaskIndex = facts.subtaskIndex;
    this.parallelism = facts.parallelism;
    this.maxParallelism = facts.maxParallelism;
    this.attemptNumber = facts.attemptNumber;
    this.processingTimeService = facts.processingTimeService;
    this.keyedStateBackend = facts.keyedStateBackend;
    this.timeServiceManager = facts.keyedStateBackend
      ? new InternalTimeServiceManager(facts.keyedStateBackend, facts.processingTimeService)
      : null;
  }

  getInternalTimerService(name: string, target: Triggerable): InternalTimerService {
    if (this.timeServiceManager === null) {
      throw new Error(
        `Operator "${this.operatorName}": timers are only available on a keyed stream; call keyBy(...) before it`,
      );
    }
    return this.timeServiceManager.getInternalTimerService(name, target);
  }
}
