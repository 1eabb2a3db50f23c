import type { OutputTag } from '../api/output-tag.ts';
import type { OperatorFactory, StreamOperator } from '../runtime/operator.ts';
import { forwardPartitioner, rebalancePartitioner, type StreamPartitioner } from '../runtime/partitioners.ts';
import type { Source } from '../connectors/source.ts';
import {
  collectTransformations,
  effectiveParallelism,
  type ChainingStrategy,
  type KeySelectorFn,
  type OneInputTransformation,
  type PartitionTransformation,
  type SideOutputTransformation,
  type Transformation,
} from './transformations.ts';

/** Settings a job graph carries to every subtask (resolved from the environment at execute time). */
export interface JobConfig {
  parallelism: number;
  maxParallelism: number;
  runtimeMode: 'STREAMING' | 'BATCH';
  autoWatermarkInterval: number;
  batchSize: number;
  chainingEnabled: boolean;
  /** ExecutionConfig.enableObjectReuse(): consumers of one output share record objects (no copies). */
  objectReuse: boolean;
}

/** A physical operator of the job (Flink's StreamNode). */
export interface StreamNode {
  readonly id: number;
  readonly name: string;
  readonly uid: string | null;
  readonly kind: 'source' | 'one-input' | 'two-input';
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly chainingStrategy: ChainingStrategy;
  /**
   * Set on the timestamps/watermarks step of fromSource: its source's id. Flink generates these
   * watermarks inside the source, so the step runs at the source's parallelism and always chains to it.
   */
  readonly ownerSourceId: number | null;
  /** Set for sources. */
  readonly source: Source<unknown> | null;
  /** Set for operators. */
  readonly operatorFactory: OperatorFactory<StreamOperator<unknown>> | null;
  /** Key selectors of keyed operators, per input (index 0 = input 1). */
  readonly keySelectors: [KeySelectorFn | null, KeySelectorFn | null];
  readonly inEdges: StreamEdge[];
  readonly outEdges: StreamEdge[];
}

/** A connection between two operators (Flink's StreamEdge); typeNumber 0 = one-input, 1/2 = connect inputs. */
export interface StreamEdge {
  readonly sourceId: number;
  readonly targetId: number;
  readonly typeNumber: 0 | 1 | 2;
  readonly partitioner: StreamPartitioner;
  /** Only the records of this side output travel on the edge; null = the main output. */
  readonly sideOutputTag: OutputTag<unknown> | null;
}

/** The operators and edges of a job, virtual transformations resolved into edge properties. */
export interface StreamGraph {
  readonly jobName: string;
  readonly config: JobConfig;
  /** In topological order (inputs first). */
  readonly nodes: StreamNode[];
}

interface Upstream {
  nodeId: number;
  partitioner: StreamPartitioner | null;
  tag: OutputTag<unknown> | null;
}

/**
 * Translates transformations into a StreamGraph: resolves default parallelism, turns partition /
 * union / side-output transformations into edges, and validates what Flink validates at this point.
 *
 * @example const graph = generateStreamGraph('job', env.getTransformations(), config);
 */
export function generateStreamGraph(
  jobName: string,
  roots: Transformation[],
  config: JobConfig,
): StreamGraph {
  if (roots.length === 0) {
    throw new Error(
      'No operators defined in the streaming topology: add a sink (print, addSink, executeAndCollect) before execute()',
    );
  }
  const all = collectTransformations(roots);
  const nodes = new Map<number, StreamNode>();
  const resolve = (t: Transformation): Upstream[] => {
    switch (t.kind) {
      case 'partition': {
        const part = (t as PartitionTransformation<unknown>).partitioner;
        // The partitioning applied last wins (Flink: rebalance().keyBy(k) is hash-partitioned).
        return resolve(t.inputs[0]).map((u) => ({ ...u, partitioner: part }));
      }
      case 'union':
        return t.inputs.flatMap(resolve);
      case 'side-output': {
        const tag = (t as SideOutputTransformation<unknown>).tag;
        return resolve(t.inputs[0]).map((u) => ({ ...u, tag }));
      }
      default:
        return [{ nodeId: t.id, partitioner: null, tag: null }];
    }
  };
  for (const t of all) {
    if (t.kind === 'partition' || t.kind === 'union' || t.kind === 'side-output') continue;
    const owner = t.kind === 'one-input' ? (t as OneInputTransformation<unknown, unknown>).ownerSource : null;
    const parallelism = effectiveParallelism(t, config.parallelism);
    const maxParallelism = t.maxParallelism > 0 ? t.maxParallelism : config.maxParallelism;
    if (parallelism > maxParallelism) {
      throw new RangeError(
        `Operator ${t.describe()}: parallelism ${parallelism} exceeds its max parallelism ${maxParallelism}; raise setMaxParallelism or lower the parallelism`,
      );
    }
    const any = t as any;
    const node: StreamNode = {
      id: t.id,
      name: t.name,
      uid: t.uid,
      kind: t.kind,
      parallelism,
      maxParallelism,
      chainingStrategy: t.chainingStrategy,
      ownerSourceId: owner?.id ?? null,
      source: any.source ?? null,
      operatorFactory: any.operatorFactory ?? null,
      keySelectors:
        t.kind === 'one-input'
          ? [any.stateKeySelector, null]
          : t.kind === 'two-input'
            ? [any.stateKeySelector1, any.stateKeySelector2]
            : [null, null],
      inEdges: [],
      outEdges: [],
    };
    nodes.set(t.id, node);
    t.inputs.forEach((input, i) => {
      const typeNumber = t.kind === 'two-input' ? ((i + 1) as 1 | 2) : 0;
      for (const u of resolve(input)) addEdge(nodes, nodes.get(u.nodeId)!, node, u, typeNumber);
    });
  }
  return { jobName, config, nodes: [...nodes.values()] };
}

function addEdge(
  nodes: Map<number, StreamNode>,
  up: StreamNode,
  down: StreamNode,
  u: Upstream,
  typeNumber: 0 | 1 | 2,
): void {
  let partitioner = u.partitioner;
  if (partitioner === null) {
    partitioner = up.parallelism === down.parallelism ? forwardPartitioner() : rebalancePartitioner();
  } else if (partitioner.kind === 'FORWARD' && up.parallelism !== down.parallelism) {
    throw new Error(
      `Forward partitioning does not allow a change of parallelism: "${up.name}" has ${up.parallelism}, ` +
        `"${down.name}" has ${down.parallelism}; use rebalance(), rescale() or keyBy() instead of forward()`,
    );
  }
  const edge: StreamEdge = {
    sourceId: up.id,
    targetId: down.id,
    typeNumber,
    partitioner,
    sideOutputTag: u.tag,
  };
  nodes.get(up.id)!.outEdges.push(edge);
  down.inEdges.push(edge);
}
