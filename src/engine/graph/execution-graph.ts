import type { JobEdge, JobGraph, JobVertex } from './job-graph.ts';

/** One input channel of a consumer subtask: which producer subtask, over which edge, into which input. */
export interface InputChannelInfo {
  readonly edge: JobEdge;
  readonly producerSubtask: number;
  /** 0 for one-input heads, 1 or 2 for the inputs of a two-input head. */
  readonly typeNumber: 0 | 1 | 2;
}

/** Where a producer subtask's records on one out-edge go: `channels[k]` is output channel k. */
export interface OutputChannels {
  readonly edge: JobEdge;
  readonly channels: { consumerSubtask: number; consumerChannelIndex: number }[];
}

/** One parallel instance of a job vertex (Flink's ExecutionVertex). */
export interface ExecutionVertex {
  readonly vertex: JobVertex;
  readonly subtaskIndex: number;
  readonly inputChannels: InputChannelInfo[];
  /** In vertex.outEdges order. */
  readonly outputs: OutputChannels[];
}

/** Every subtask of the job: `subtasks[vertex.index][subtaskIndex]`. */
export interface ExecutionGraph {
  readonly jobGraph: JobGraph;
  readonly subtasks: ExecutionVertex[][];
}

/**
 * Consumers of producer `i` for P producers and C consumers. All-to-all for most partitioners;
 * pointwise (forward, rescale) as Flink's EdgeManagerBuildUtil.connectPointwise.
 */
export function connectedConsumers(pointwise: boolean, i: number, p: number, c: number): number[] {
  const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k);
  if (!pointwise) return range(0, c);
  if (p === c) return [i];
  if (p > c) {
    for (let j = 0; j < c; j++) {
      if (i >= Math.floor((j * p) / c) && i < Math.floor(((j + 1) * p) / c)) return [j];
    }
    return [];
  }
  return range(Math.floor((i * c + p - 1) / p), Math.floor(((i + 1) * c + p - 1) / p));
}

/**
 * Expands the JobGraph into subtasks and channels. Channel numbering is deterministic: a consumer's
 * input channels are ordered by in-edge, then by producer subtask.
 *
 * @example const eg = createExecutionGraph(jobGraph); eg.subtasks[0][1].outputs[0].channels;
 */
export function createExecutionGraph(jobGraph: JobGraph): ExecutionGraph {
  const subtasks: ExecutionVertex[][] = jobGraph.vertices.map((vertex) =>
    Array.from({ length: vertex.parallelism }, (_, subtaskIndex) => ({
      vertex,
      subtaskIndex,
      inputChannels: [] as InputChannelInfo[],
      outputs: vertex.outEdges.map((edge) => ({ edge, channels: [] as OutputChannels['channels'] })),
    })),
  );
  for (const vertex of jobGraph.vertices) {
    for (const edge of vertex.inEdges) {
      const p = edge.source.parallelism;
      const c = vertex.parallelism;
      const outIndex = edge.source.outEdges.indexOf(edge);
      for (let i = 0; i < p; i++) {
        for (const j of connectedConsumers(edge.edge.partitioner.pointwise, i, p, c)) {
          const consumer = subtasks[vertex.index][j];
          const consumerChannelIndex = consumer.inputChannels.length;
          consumer.inputChannels.push({ edge, producerSubtask: i, typeNumber: edge.edge.typeNumber });
          subtasks[edge.source.index][i].outputs[outIndex].channels.push({
            consumerSubtask: j,
            consumerChannelIndex,
          });
        }
      }
    }
  }
  return { jobGraph, subtasks };
}
