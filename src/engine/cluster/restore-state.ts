import {
  restoreAssignment,
  restoreTargets,
  taskRestoreState,
} from '../checkpoint/coordinator/restore-assignment.ts';
import type { CheckpointStorage } from '../checkpoint/storage/checkpoint-storage.ts';
import { AUTO_UID_PREFIX } from '../runtime/errors.ts';
import type { AssignRestore } from './job-checkpoints.ts';
import type { SubtaskRestore } from './protocol.ts';

/**
 * The worker runtime's restore assignment: CKPT-CORE's restoreAssignment (operators matched by uid,
 * key groups by the new ranges, operator state split or union) cut into one TaskRestoreState per
 * subtask, each holding the shares of the operators chained in it.
 *
 * @example
 * const assign = assignRestoreState(storage, false);
 * const perSubtask = await assign(latestCheckpoint, executionGraph);
 */
export function assignRestoreState(
  storage: CheckpointStorage,
  allowNonRestoredState: boolean,
): AssignRestore {
  return async (from, graph) => {
    const assignment = await restoreAssignment(from, restoreTargets(graph.jobGraph), {
      storage,
      allowNonRestoredState,
    });
    const out: SubtaskRestore[] = [];
    for (const subtasks of graph.subtasks) {
      for (const ev of subtasks) {
        const uids = ev.vertex.nodes.map((n) => n.uid ?? `${AUTO_UID_PREFIX}${n.id}`);
        const state = taskRestoreState(assignment, uids, ev.subtaskIndex);
        if (Object.keys(state).length > 0)
          out.push({ vertex: ev.vertex.index, subtask: ev.subtaskIndex, state });
      }
    }
    return out;
  };
}
