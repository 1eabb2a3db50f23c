import type { JobGraph } from '../../graph/job-graph.ts';
import { AUTO_UID_PREFIX } from '../../runtime/errors.ts';
import { computeOperatorIndexForKeyGroup } from '../../state/key-groups.ts';
import type { CheckpointStorage, CompletedCheckpoint, Savepoint } from '../storage/checkpoint-storage.ts';
import { validateSavepoint } from '../storage/validate-savepoint.ts';
import {
  SOURCE_POSITION_STATE,
  type KeyGroupChunk,
  type OperatorRestoreState,
  type OperatorStateList,
  type TaskRestoreState,
} from '../task/task-snapshot.ts';

/** An operator of the job being started: its uid and how it runs now. */
export interface RestoreTarget {
  readonly uid: string;
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
}

/** Every operator's share of a checkpoint or savepoint, per new subtask. */
export interface RestoreAssignment {
  /** The checkpoint restored from (null for a savepoint). */
  readonly checkpoint: CompletedCheckpoint | null;
  /** uid → per subtask index → its state. */
  readonly byUid: Readonly<Record<string, OperatorRestoreState[]>>;
}

/**
 * The operators of a job graph as restore targets (uid as the runtime gives it: the user's uid(),
 * else an automatic one that is stable for the same program).
 *
 * @example restoreAssignment(checkpoint, restoreTargets(jobGraph), { storage });
 */
export function restoreTargets(jobGraph: JobGraph): RestoreTarget[] {
  return jobGraph.vertices.flatMap((v) =>
    v.nodes.map((n) => ({
      uid: n.uid ?? `${AUTO_UID_PREFIX}${n.id}`,
      name: n.name,
      parallelism: n.parallelism,
      maxParallelism: n.maxParallelism,
    })),
  );
}

const isCheckpoint = (x: CompletedCheckpoint | Savepoint): x is CompletedCheckpoint =>
  typeof x === 'object' && x !== null && (x as CompletedCheckpoint).checkpointId !== undefined;

const describe = (x: CompletedCheckpoint | Savepoint): string =>
  isCheckpoint(x)
    ? `checkpoint ${x.checkpointId}`
    : `savepoint "${typeof (x as Savepoint | null)?.name === 'string' ? x.name : '(unnamed)'}"`;

/**
 * Builds every subtask's TaskRestoreState from a completed checkpoint (chunks read from `storage`)
 * or a savepoint (self-contained), as Flink's StateAssignmentOperation: operators are matched by
 * uid; key groups go to the subtask whose range holds them at the new parallelism; split
 * operator-state lists are kept per subtask at the same parallelism and dealt round-robin
 * otherwise; union lists go whole to every subtask. State of a uid the job no longer has fails the
 * restore unless `allowNonRestoredState`.
 *
 * @example
 * const assignment = await restoreAssignment(savepoint, restoreTargets(jobGraph), {});
 * const state = taskRestoreState(assignment, ['count'], 0);
 */
export async function restoreAssignment(
  from: CompletedCheckpoint | Savepoint,
  targets: readonly RestoreTarget[],
  options: { storage?: CheckpointStorage; allowNonRestoredState?: boolean } = {},
): Promise<RestoreAssignment> {
  const what = describe(from);
  if (!isCheckpoint(from)) {
    try {
      validateSavepoint(from);
    } catch (e) {
      const why = `${(e as Error).message}; it is damaged or not a savepoint`;
      throw new Error(`Cannot restore from ${what}: ${why}`, { cause: e });
    }
  }
  const stored = await loadParts(from, options.storage);
  const byUid: Record<string, OperatorRestoreState[]> = {};
  for (const [uid, op] of Object.entries(stored)) {
    for (const [part, data] of Object.entries(op.parts)) {
      const problem = damage(part, data, op.maxParallelism);
      if (problem !== null) {
        throw new Error(
          `Cannot restore from ${what}: the state of operator uid "${uid}" (part ${part}) is damaged: ${problem}; ` +
            'it was truncated or corrupted, restore from another checkpoint or savepoint',
        );
      }
    }
    const target = targets.find((t) => t.uid === uid);
    if (target === undefined) {
      if (options.allowNonRestoredState) continue;
      throw new Error(
        `Cannot restore from ${what}: it holds state of operator uid "${uid}", which this job does not have. ` +
          'Give the operator its old uid(...) again, or start with allowNonRestoredState: true to drop that state',
      );
    }
    const shares: OperatorRestoreState[] = Array.from({ length: target.parallelism }, () => ({
      keyGroups: {} as Record<number, KeyGroupChunk>,
      operatorState: {} as Record<string, OperatorStateList>,
    }));
    const keyParts = Object.keys(op.parts).filter((p) => p.startsWith('kg:'));
    if (keyParts.length > 0 && op.maxParallelism !== target.maxParallelism) {
      throw new Error(
        `Cannot restore from ${what}: operator "${target.name}" (uid "${uid}") has keyed state for max parallelism ` +
          `${op.maxParallelism} but runs with ${target.maxParallelism}; the max parallelism must stay the same`,
      );
    }
    for (const part of keyParts) {
      const g = Number(part.slice(3));
      const s = computeOperatorIndexForKeyGroup(target.maxParallelism, target.parallelism, g);
      shares[s].keyGroups[g] = op.parts[part] as KeyGroupChunk;
    }
    assignOperatorState(op, target, shares, what);
    byUid[uid] = shares;
  }
  return { checkpoint: isCheckpoint(from) ? from : null, byUid };
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Why a column set is not parallel arrays of one length, or null. */
function columnsDamage(cols: unknown, names: readonly string[]): string | null {
  if (!isRecord(cols)) return 'not an object';
  const arrays = names.map((n) => cols[n]);
  const bad = names.find((_, i) => !Array.isArray(arrays[i]));
  if (bad !== undefined) return `"${bad}" is not a list`;
  const lengths = arrays.map((a) => (a as unknown[]).length);
  if (lengths.some((l) => l !== lengths[0]))
    return `its columns ${names.join('/')} have different lengths (${lengths.join('/')})`;
  return null;
}

/**
 * What is wrong with a stored part (the shape restore relies on: KeyGroupChunk for `kg:<n>`,
 * operator-state lists for `op:<n>`), or null. A damaged part must fail the restore with its name,
 * not fail each attempt's tasks with a TypeError (a restart loop) or restore partial state.
 */
function damage(part: string, data: unknown, maxParallelism: number): string | null {
  const n = Number(part.slice(3));
  if (!/^(kg|op):\d+$/.test(part)) return 'unknown part name';
  if (!isRecord(data)) return `its content is ${data === null ? 'null' : typeof data}, not an object`;
  if (part.startsWith('op:')) {
    for (const [name, list] of Object.entries(data)) {
      if (!isRecord(list) || (list.mode !== 'split' && list.mode !== 'union') || !Array.isArray(list.items))
        return `operator state "${name}" is not a { mode: 'split' | 'union', items: [...] } list`;
    }
    return null;
  }
  if (n >= maxParallelism) return `key group ${n} is beyond max parallelism ${maxParallelism}`;
  const { states, entries, timers } = data;
  if (!isRecord(states) || !isRecord(entries) || !isRecord(timers))
    return 'a key-group chunk needs the objects states, entries and timers';
  for (const [name, cols] of Object.entries(entries)) {
    const meta = states[name];
    if (!isRecord(meta) || typeof meta.kind !== 'string') return `keyed state "${name}" has no kind`;
    const d = columnsDamage(cols, ['keys', 'namespaces', 'values']);
    if (d !== null) return `keyed state "${name}": ${d}`;
  }
  for (const [service, t] of Object.entries(timers)) {
    if (!isRecord(t)) return `timers of "${service}" are not an object`;
    for (const domain of ['eventTime', 'processingTime']) {
      const d = columnsDamage(t[domain], ['keys', 'namespaces', 'timestamps']);
      if (d !== null) return `${domain} timers of "${service}": ${d}`;
    }
  }
  return null;
}

interface StoredOperator {
  parallelism: number;
  maxParallelism: number;
  parts: Record<string, unknown>;
}

async function loadParts(
  from: CompletedCheckpoint | Savepoint,
  storage: CheckpointStorage | undefined,
): Promise<Record<string, StoredOperator>> {
  if (!isCheckpoint(from)) return from.operators as Record<string, StoredOperator>;
  if (storage === undefined) throw new Error(`Restoring checkpoint ${from.checkpointId} needs its storage`);
  const out: Record<string, StoredOperator> = {};
  const reads: Promise<void>[] = [];
  for (const [uid, op] of Object.entries(from.operators)) {
    const o: StoredOperator = { parallelism: op.parallelism, maxParallelism: op.maxParallelism, parts: {} };
    out[uid] = o;
    for (const [part, ref] of Object.entries(op.chunks)) {
      reads.push(storage.readChunk(from.jobId, uid, part, ref).then((data) => void (o.parts[part] = data)));
    }
  }
  await Promise.all(reads);
  return out;
}

function assignOperatorState(
  op: StoredOperator,
  target: RestoreTarget,
  shares: OperatorRestoreState[],
  what: string,
): void {
  const bySubtask: [number, Record<string, OperatorStateList>][] = Object.keys(op.parts)
    .filter((p) => p.startsWith('op:'))
    .map((p) => [Number(p.slice(3)), op.parts[p] as Record<string, OperatorStateList>]);
  bySubtask.sort((a, b) => a[0] - b[0]);
  const same = op.parallelism === target.parallelism;
  const names = new Set(bySubtask.flatMap(([, lists]) => Object.keys(lists)));
  for (const name of names) {
    const lists = bySubtask.filter(([, l]) => l[name] !== undefined);
    const mode = lists[0][1][name].mode;
    if (name === SOURCE_POSITION_STATE && !same) {
      throw new Error(
        `Cannot restore from ${what}: source "${target.name}" (uid "${target.uid}") ran with parallelism ` +
          `${op.parallelism} and now has ${target.parallelism}; its reader positions are per subtask (it is not ` +
          "rescalable), so keep the source's parallelism (setParallelism on the source) and rescale the operators after it",
      );
    }
    if (mode === 'union') {
      const all = lists.flatMap(([, l]) => l[name].items);
      for (const share of shares) share.operatorState[name] = { mode, items: [...all] };
    } else if (same) {
      for (const [s, l] of lists) shares[s].operatorState[name] = { mode, items: l[name].items };
    } else {
      const all = lists.flatMap(([, l]) => l[name].items);
      shares.forEach((share, s) => {
        share.operatorState[name] = { mode, items: all.filter((_, i) => i % shares.length === s) };
      });
    }
  }
}

/**
 * One subtask's TaskRestoreState: the shares of the given operators (a task's chain).
 *
 * @example new StreamTask({ ..., restoredState: taskRestoreState(assignment, uidsOfChain, subtaskIndex) });
 */
export function taskRestoreState(
  assignment: RestoreAssignment,
  uids: readonly string[],
  subtaskIndex: number,
): TaskRestoreState {
  const out: TaskRestoreState = {};
  for (const uid of uids) {
    const share = assignment.byUid[uid]?.[subtaskIndex];
    if (share !== undefined) out[uid] = share;
  }
  return out;
}
