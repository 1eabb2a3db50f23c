import type { StreamNode } from '../graph/stream-graph.ts';
import { CollectSinkOperator } from '../operators/sink-operators.ts';
import { SourceOperator } from '../operators/source-operator.ts';
import { HeapKeyedStateBackend } from '../state/heap-keyed-state-backend.ts';
import { computeKeyGroupRangeForOperatorIndex } from '../state/key-groups.ts';
import type { ProcessingTimeService } from '../time/timer-service.ts';
import { AUTO_UID_PREFIX } from './errors.ts';
import type { OneInputStreamOperator, Output, StreamOperator } from './operator.ts';
import { ChainingOutput, DISCARDING_OUTPUT, FanOutOutput, RecordWriterOutput } from './outputs.ts';
import type { StreamTaskOptions } from './stream-task.ts';
import { StreamOperatorContext } from './stream-operator-context.ts';

/** The operators of one subtask, wired together. */
export interface OperatorChain {
  /** Head first, in chain order. */
  readonly operators: StreamOperator<unknown>[];
  readonly contexts: StreamOperatorContext[];
  /** Output of each operator by node id. */
  readonly outputs: Map<number, Output<unknown>>;
  /** The network outputs (one per out-edge of the vertex). */
  readonly writers: RecordWriterOutput<unknown>[];
  /** The keyed state backend of the head operator, if keyed. */
  readonly headBackend: HeapKeyedStateBackend | null;
}

/**
 * Instantiates a vertex's operators for one subtask and connects them: chained edges become direct
 * calls (ChainingOutput), job edges record writers; operators with several consumers or consumed
 * side outputs get a FanOutOutput. Keyed operators get their own backend over the subtask's key groups.
 *
 * @example const chain = buildOperatorChain(taskOptions, clock, 'Map -> Filter');
 */
export function buildOperatorChain(
  options: StreamTaskOptions,
  pts: ProcessingTimeService,
  taskName: string,
): OperatorChain {
  const ev = options.executionVertex;
  const vertex = ev.vertex;
  const operators: StreamOperator<unknown>[] = [];
  const contexts: StreamOperatorContext[] = [];
  const writers: RecordWriterOutput<unknown>[] = [];
  let headBackend: HeapKeyedStateBackend | null = null;
  // Operators head → tail; outputs tail → head (an output needs its consumers).
  const ops = new Map<number, StreamOperator<unknown>>();
  for (const node of vertex.nodes) {
    const op =
      node.kind === 'source'
        ? new SourceOperator(node.source!, options.batchSize, options.objectReuse ?? false)
        : node.operatorFactory!();
    ops.set(node.id, op);
    operators.push(op);
  }
  const outputs = new Map<number, Output<unknown>>();
  for (let n = vertex.nodes.length - 1; n >= 0; n--) {
    const node = vertex.nodes[n];
    outputs.set(node.id, buildOutput(options, node, ops, outputs, writers));
  }
  vertex.nodes.forEach((node, n) => {
    const keyed = node.keySelectors[0] !== null || node.keySelectors[1] !== null;
    const backend = keyed
      ? new HeapKeyedStateBackend({
          maxParallelism: node.maxParallelism,
          keyGroupRange: computeKeyGroupRangeForOperatorIndex(
            node.maxParallelism,
            node.parallelism,
            ev.subtaskIndex,
          ),
          processingTimeService: pts,
          operatorName: node.name,
        })
      : null;
    if (n === 0) headBackend = backend;
    const context = new StreamOperatorContext({
      operatorName: node.name,
      uid: node.uid ?? `${AUTO_UID_PREFIX}${node.id}`,
      subtaskIndex: ev.subtaskIndex,
      parallelism: node.parallelism,
      maxParallelism: node.maxParallelism,
      attemptNumber: options.attemptNumber ?? 0,
      processingTimeService: pts,
      keyedStateBackend: backend,
    });
    contexts.push(context);
    const op = operators[n];
    op.setup(context, outputs.get(node.id)!);
    if (op instanceof CollectSinkOperator) {
      if (!options.bindCollectSink)
        throw new Error(`Task "${taskName}": executeAndCollect needs a runtime that collects`);
      options.bindCollectSink(op);
    }
  });
  return { operators, contexts, outputs, writers, headBackend };
}

function buildOutput(
  options: StreamTaskOptions,
  node: StreamNode,
  ops: Map<number, StreamOperator<unknown>>,
  outputs: Map<number, Output<unknown>>,
  writers: RecordWriterOutput<unknown>[],
): Output<unknown> {
  const ev = options.executionVertex;
  const main: Output<unknown>[] = [];
  const side = new Map<string, Output<unknown>[]>();
  const add = (tag: { id: string } | null, o: Output<unknown>): void => {
    if (tag === null) main.push(o);
    else side.set(tag.id, [...(side.get(tag.id) ?? []), o]);
  };
  for (const e of ev.vertex.chainedEdges) {
    if (e.sourceId !== node.id) continue;
    const target = ops.get(e.targetId) as OneInputStreamOperator<unknown, unknown>;
    add(e.sideOutputTag, new ChainingOutput(target, outputs.get(e.targetId)!));
  }
  ev.outputs.forEach((out, k) => {
    if (out.edge.edge.sourceId !== node.id) return;
    const channelWriters = options.outputWriters[k];
    const partitioner = out.edge.edge.partitioner;
    const select = partitioner.createSelector(
      ev.subtaskIndex,
      channelWriters.length,
      out.edge.target.maxParallelism,
    );
    const keySelector = partitioner.kind === 'HASH' ? partitioner.keySelector : undefined;
    const keyed = keySelector ? { keySelector, maxParallelism: out.edge.target.maxParallelism } : null;
    const writer = new RecordWriterOutput(
      channelWriters,
      select,
      partitioner.broadcast,
      options.batchSize,
      keyed,
      options.objectReuse ?? false,
    );
    writers.push(writer);
    add(out.edge.edge.sideOutputTag, writer);
  });
  if (side.size === 0 && main.length === 1) return main[0];
  if (side.size === 0 && main.length === 0) return DISCARDING_OUTPUT;
  return new FanOutOutput(main, side, options.objectReuse ?? false);
}
