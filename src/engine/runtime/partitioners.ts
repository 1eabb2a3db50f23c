import { assignToKeyGroup, computeOperatorIndexForKeyGroup } from '../state/key-groups.ts';

/** Picks the output channel of a record; built once per producer subtask (holds round-robin state). */
export type ChannelSelector = (value: unknown) => number;

/** Names of Flink's stream partitioners, as shown in the execution plan. */
export type PartitionerKind =
  'FORWARD' | 'HASH' | 'REBALANCE' | 'RESCALE' | 'BROADCAST' | 'SHUFFLE' | 'GLOBAL' | 'CUSTOM';

/**
 * How records of an edge are spread over the consumer's subtasks (Flink's StreamPartitioner).
 * Pointwise partitioners (forward, rescale) connect each producer to a subset of consumers;
 * all others connect every producer to every consumer subtask (channel index = consumer subtask).
 *
 * @example
 * const select = rebalancePartitioner().createSelector(0, 4, 128);
 * select('a'); // 0, then 1, 2, 3, 0, ...
 */
export interface StreamPartitioner {
  readonly kind: PartitionerKind;
  readonly pointwise: boolean;
  /** Broadcast sends every record to every channel; createSelector is not used. */
  readonly broadcast: boolean;
  /**
   * HASH only: the key selector, so a record writer can compute each record's key group once and
   * send it with the batch (the consumer then skips hashing the key again).
   */
  readonly keySelector?: (value: any) => unknown;
  createSelector(subtaskIndex: number, numChannels: number, consumerMaxParallelism: number): ChannelSelector;
}

const simple = (
  kind: PartitionerKind,
  create: StreamPartitioner['createSelector'],
  pointwise = false,
  broadcast = false,
): StreamPartitioner => ({ kind, pointwise, broadcast, createSelector: create });

/** Keeps records on the same subtask index (requires equal parallelism); chains when possible. */
export const forwardPartitioner = (): StreamPartitioner => simple('FORWARD', () => () => 0, true);

/**
 * Round robin over all consumer subtasks, starting at the producer's own index (deterministic, so runs
 * repeat; Flink's RebalancePartitioner starts at a random channel).
 */
export const rebalancePartitioner = (): StreamPartitioner =>
  simple('REBALANCE', (subtask, n) => {
    let next = subtask % n;
    return () => {
      const c = next;
      next = next + 1 === n ? 0 : next + 1;
      return c;
    };
  });

/** Round robin over the pointwise subset of consumers this producer is connected to (Flink's rescale). */
export const rescalePartitioner = (): StreamPartitioner =>
  simple(
    'RESCALE',
    (_subtask, n) => {
      let next = -1;
      return () => (next = next + 1 >= n ? 0 : next + 1);
    },
    true,
  );

/** Every record to every consumer subtask. */
export const broadcastPartitioner = (): StreamPartitioner => simple('BROADCAST', () => () => 0, false, true);

/** Every record to consumer subtask 0 (Flink's global()). */
export const globalPartitioner = (): StreamPartitioner => simple('GLOBAL', () => () => 0);

/** Uniformly random consumer, from a PRNG seeded by the producer's subtask index so runs repeat. */
export const shufflePartitioner = (): StreamPartitioner =>
  simple('SHUFFLE', (subtask, n) => {
    let state = (subtask + 1) * 0x9e3779b9;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (((t ^ (t >>> 14)) >>> 0) % n) | 0;
    };
  });

/**
 * Hash partitioning by key group, exactly as Flink: keyGroup = murmurHash(hashCode(key)) % maxParallelism,
 * subtask = keyGroup · parallelism / maxParallelism.
 *
 * @example keyGroupPartitioner((e: { user: string }) => e.user)
 */
export const keyGroupPartitioner = (keySelector: (value: any) => unknown): StreamPartitioner => ({
  ...simple(
    'HASH',
    (_subtask, n, maxParallelism) => (value) =>
      computeOperatorIndexForKeyGroup(
        maxParallelism,
        n,
        assignToKeyGroup(keySelector(value), maxParallelism),
      ),
  ),
  keySelector,
});

/** A user partitioner, as Flink's partitionCustom: `(key, numPartitions) => index`. */
export type Partitioner<K> =
  ((key: K, numPartitions: number) => number) | { partition(key: K, numPartitions: number): number };

/** Calls a user partitioner on the selected key; an index out of range fails naming partitionCustom. */
export const customPartitioner = <K>(
  partitioner: Partitioner<K>,
  keySelector: (value: any) => K,
): StreamPartitioner => {
  const fn =
    typeof partitioner === 'function' ? partitioner : (k: K, n: number) => partitioner.partition(k, n);
  return simple('CUSTOM', (_subtask, n) => (value) => {
    const c = fn(keySelector(value), n);
    if (!(Number.isInteger(c) && c >= 0 && c < n)) {
      throw new RangeError(
        `partitionCustom: the partitioner returned ${c}; it must return an integer in [0, ${n})`,
      );
    }
    return c;
  });
};
