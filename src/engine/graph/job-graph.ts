import type { JobConfig, StreamEdge, StreamGraph, StreamNode } from './stream-graph.ts';

/** A chain of operators that runs as one task per subtask (Flink's JobVertex). */
export interface JobVertex {
  /** Index in JobGraph.vertices (topological order). */
  readonly index: number;
  /** Flink-style name: the chained operator names joined by " -> ". */
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** Chained operators, head first, each after its chain predecessor. */
  readonly nodes: StreamNode[];
  /** Edges between operators of this chain (direct calls at run time). */
  readonly chainedEdges: StreamEdge[];
  readonly inEdges: JobEdge[];
  readonly outEdges: JobEdge[];
}

/** A connection between two tasks: records travel in batches over channels (Flink's JobEdge). */
export interface JobEdge {
  /** Index in JobGraph.edges. */
  readonly index: number;
  readonly source: JobVertex;
  readonly target: JobVertex;
  /** The operator-level edge: producing operator inside `source`, head operator of `target`. */
  readonly edge: StreamEdge;
}

/** The job after operator chaining. */
export interface JobGraph {
  readonly jobName: string;
  readonly config: JobConfig;
  readonly vertices: JobVertex[];
  readonly edges: JobEdge[];
}

/**
 * Flink's chaining rule: the target has exactly one input, the edge is forward, both sides have the
 * same parallelism, and neither side disabled chaining. The watermark step of fromSource is part of
 * its source in Flink (SourceOperator), so it always chains to it; disableChaining() or
 * startNewChain() on a fromSource stream then act on the chain after the source, as in Flink.
 */
export function isChainable(edge: StreamEdge, up: StreamNode, down: StreamNode, config: JobConfig): boolean {
  if (down.ownerSourceId === up.id && edge.partitioner.kind === 'FORWARD') return true;
  return (
    config.chainingEnabled &&
    down.kind === 'one-input' &&
    down.inEdges.length === 1 &&
    edge.partitioner.kind === 'FORWARD' &&
    up.parallelism === down.parallelism &&
    down.chainingStrategy === 'ALWAYS' &&
    up.chainingStrategy !== 'NEVER'
  );
}

/**
 * Builds the JobGraph: chains operators (see isChainable) into vertices and turns the remaining
 * edges into job edges. Deterministic, so every worker derives the same graph.
 *
 * @example const jobGraph = createJobGraph(generateStreamGraph('job', roots, config));
 */
export function createJobGraph(graph: StreamGraph): JobGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const chainOf = new Map<number, { nodes: StreamNode[]; chained: StreamEdge[] }>();
  const heads: StreamNode[] = [];
  for (const node of graph.nodes) {
    const e = node.inEdges.length === 1 ? node.inEdges[0] : null;
    if (e && isChainable(e, byId.get(e.sourceId)!, node, graph.config)) {
      const chain = chainOf.get(e.sourceId)!;
      chain.nodes.push(node);
      chain.chained.push(e);
      chainOf.set(node.id, chain);
    } else {
      heads.push(node);
      chainOf.set(node.id, { nodes: [node], chained: [] });
    }
  }
  const vertices: JobVertex[] = [];
  const vertexOf = new Map<number, JobVertex>();
  for (const head of heads) {
    const chain = chainOf.get(head.id)!;
    const vertex: JobVertex = {
      index: vertices.length,
      name: chain.nodes.map((n) => n.name).join(' -> '),
      parallelism: head.parallelism,
      maxParallelism: head.maxParallelism,
      nodes: chain.nodes,
      chainedEdges: chain.chained,
      inEdges: [],
      outEdges: [],
    };
    vertices.push(vertex);
    for (const n of chain.nodes) vertexOf.set(n.id, vertex);
  }
  const edges: JobEdge[] = [];
  for (const node of graph.nodes) {
    for (const e of node.outEdges) {
      const source = vertexOf.get(e.sourceId)!;
      const target = vertexOf.get(e.targetId)!;
      if (source === target) continue; // chained edge
      const jobEdge: JobEdge = { index: edges.length, source, target, edge: e };
      edges.push(jobEdge);
      source.outEdges.push(jobEdge);
      target.inEdges.push(jobEdge);
    }
  }
  return { jobName: graph.jobName, config: graph.config, vertices, edges };
}
