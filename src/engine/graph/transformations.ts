import type { OutputTag } from '../api/output-tag.ts';
import type { OperatorFactory, StreamOperator } from '../runtime/operator.ts';
import type { StreamPartitioner } from '../runtime/partitioners.ts';
import type { Source } from '../connectors/source.ts';

/** A key selector as the runtime uses it: a plain function of the record. */
export type KeySelectorFn = (value: any) => unknown;

/** Whether an operator may be chained to its predecessor (Flink's ChainingStrategy). */
export type ChainingStrategy = 'ALWAYS' | 'NEVER' | 'HEAD';

/** Hands out ids in creation order; one per environment so every worker builds identical graphs. */
export interface IdSource {
  nextTransformationId(): number;
}

/**
 * One step of the user's program, as the API records it (Flink's Transformation). Physical kinds
 * become operators; 'partition', 'union' and 'side-output' are virtual and become edge properties.
 */
export abstract class Transformation<T = unknown> {
  declare readonly _type?: T;
  readonly id: number;
  uid: string | null = null;
  /** -1 = the environment's default parallelism. */
  parallelism = -1;
  /** -1 = the environment's max parallelism. */
  maxParallelism = -1;
  chainingStrategy: ChainingStrategy = 'ALWAYS';
  /** True for non-parallel operators (fromElements, windowAll): parallelism stays 1. */
  nonParallel = false;
  abstract readonly kind: 'source' | 'one-input' | 'two-input' | 'partition' | 'union' | 'side-output';
  constructor(
    ids: IdSource,
    public name: string,
    readonly inputs: Transformation[],
  ) {
    this.id = ids.nextTransformationId();
  }
  /** A readable identity for error messages: the name and, when set, the uid. */
  describe(): string {
    return this.uid ? `"${this.name}" (uid "${this.uid}")` : `"${this.name}"`;
  }
}

/** A source: creates one reader per parallel subtask. */
export class SourceTransformation<T> extends Transformation<T> {
  readonly kind = 'source' as const;
  constructor(
    ids: IdSource,
    name: string,
    readonly source: Source<T>,
  ) {
    super(ids, name, []);
  }
}

/** An operator with one input; keyed when `stateKeySelector` is set (after keyBy). */
export class OneInputTransformation<IN, OUT> extends Transformation<OUT> {
  readonly kind = 'one-input' as const;
  stateKeySelector: KeySelectorFn | null = null;
  /**
   * Set on the timestamps/watermarks operator that fromSource adds after a source: Flink generates
   * watermarks inside the source, so uid, parallelism and max parallelism set on the returned stream
   * belong to the source as well.
   */
  ownerSource: SourceTransformation<IN> | null = null;
  constructor(
    ids: IdSource,
    name: string,
    input: Transformation<IN>,
    readonly operatorFactory: OperatorFactory<StreamOperator<OUT>>,
  ) {
    super(ids, name, [input]);
  }
}

/**
 * The parallelism `t` runs at: 1 when non-parallel, its own when set, else `defaultParallelism`; the
 * watermark step of fromSource runs at its source's (Flink generates those watermarks inside it).
 *
 * @example effectiveParallelism(stream.getTransformation(), env.getParallelism())
 */
export function effectiveParallelism(t: Transformation, defaultParallelism: number): number {
  const runsAs = (t instanceof OneInputTransformation ? t.ownerSource : null) ?? t;
  return runsAs.nonParallel ? 1 : runsAs.parallelism > 0 ? runsAs.parallelism : defaultParallelism;
}

/** An operator with two inputs (connect); keyed per input when the selectors are set. */
export class TwoInputTransformation<IN1, IN2, OUT> extends Transformation<OUT> {
  readonly kind = 'two-input' as const;
  stateKeySelector1: KeySelectorFn | null = null;
  stateKeySelector2: KeySelectorFn | null = null;
  constructor(
    ids: IdSource,
    name: string,
    input1: Transformation<IN1>,
    input2: Transformation<IN2>,
    readonly operatorFactory: OperatorFactory<StreamOperator<OUT>>,
  ) {
    super(ids, name, [input1, input2]);
  }
}

/** Virtual: changes how records travel to the next operator (keyBy, rebalance, broadcast, ...). */
export class PartitionTransformation<T> extends Transformation<T> {
  readonly kind = 'partition' as const;
  constructor(
    ids: IdSource,
    input: Transformation<T>,
    readonly partitioner: StreamPartitioner,
  ) {
    super(ids, `Partition(${partitioner.kind})`, [input]);
  }
}

/** Virtual: merges streams of the same type. */
export class UnionTransformation<T> extends Transformation<T> {
  readonly kind = 'union' as const;
  constructor(ids: IdSource, inputs: Transformation<T>[]) {
    super(ids, 'Union', inputs);
  }
}

/** Virtual: selects the side output `tag` of its input operator. */
export class SideOutputTransformation<T> extends Transformation<T> {
  readonly kind = 'side-output' as const;
  constructor(
    ids: IdSource,
    input: Transformation,
    readonly tag: OutputTag<T>,
  ) {
    super(ids, `SideOutput(${tag.id})`, [input]);
  }
}

/** Every transformation reachable upstream of `sinks`, each once, inputs before their consumers. */
export function collectTransformations(sinks: Transformation[]): Transformation[] {
  const seen = new Set<number>();
  const out: Transformation[] = [];
  const visit = (t: Transformation): void => {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    for (const i of t.inputs) visit(i);
    out.push(t);
  };
  for (const s of sinks) visit(s);
  return out;
}
