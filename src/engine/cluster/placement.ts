import type { ExecutionGraph } from '../graph/execution-graph.ts';
import type { SubtaskRef } from './protocol.ts';

/** One channel of the job: which producer output feeds which consumer input, and on which workers. */
export interface ChannelPlan {
  readonly producer: SubtaskRef & { output: number; channel: number };
  readonly consumer: SubtaskRef & { channel: number };
  readonly producerWorker: number;
  readonly consumerWorker: number;
  /** For messages: "Map (1/2) -> Window (2/2)". */
  readonly name: string;
}

/** Where every subtask runs and which channels connect them. */
export interface Placement {
  readonly numWorkers: number;
  /** perWorker[w] = subtasks placed on worker w. */
  readonly perWorker: SubtaskRef[][];
  readonly channels: ChannelPlan[];
  workerOf(vertex: number, subtask: number): number;
}

/** "Name (i/p)" as Flink names subtasks. */
export function subtaskName(graph: ExecutionGraph, ref: SubtaskRef): string {
  const v = graph.jobGraph.vertices[ref.vertex];
  return `${v.name} (${ref.subtask + 1}/${v.parallelism})`;
}

/**
 * Places subtasks into workers round-robin by subtask index, as Flink's default slot sharing puts
 * subtask i of every vertex into slot i: a pipeline's i-th subtasks share a worker, so forward edges
 * between vertices stay local and shuffles spread evenly. Channels are listed deterministically.
 *
 * @example
 * const p = placeSubtasks(executionGraph, 2);
 * p.perWorker[1]; // [{ vertex: 0, subtask: 1 }, { vertex: 1, subtask: 1 }, …]
 */
export function placeSubtasks(graph: ExecutionGraph, numWorkers: number): Placement {
  if (!(Number.isInteger(numWorkers) && numWorkers >= 1)) {
    throw new RangeError(`placeSubtasks: numWorkers must be an integer >= 1, got ${numWorkers}`);
  }
  const workerOf = (_vertex: number, subtask: number) => subtask % numWorkers;
  const perWorker: SubtaskRef[][] = Array.from({ length: numWorkers }, () => []);
  const channels: ChannelPlan[] = [];
  for (const subtasks of graph.subtasks) {
    for (const ev of subtasks) {
      const vertex = ev.vertex.index;
      perWorker[workerOf(vertex, ev.subtaskIndex)].push({ vertex, subtask: ev.subtaskIndex });
      ev.outputs.forEach((out, output) => {
        const target = out.edge.target.index;
        out.channels.forEach((c, channel) => {
          const producer = { vertex, subtask: ev.subtaskIndex, output, channel };
          const consumer = { vertex: target, subtask: c.consumerSubtask, channel: c.consumerChannelIndex };
          channels.push({
            producer,
            consumer,
            producerWorker: workerOf(vertex, ev.subtaskIndex),
            consumerWorker: workerOf(target, c.consumerSubtask),
            name: `${subtaskName(graph, producer)} -> ${subtaskName(graph, consumer)}`,
          });
        });
      });
    }
  }
  return { numWorkers, perWorker, channels, workerOf };
}
