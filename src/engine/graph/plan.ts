import type { JobGraph } from './job-graph.ts';

/** One task of the plan: its chained operators. */
export interface PlanVertex {
  id: number;
  name: string;
  parallelism: number;
  maxParallelism: number;
  operators: { id: number; name: string; uid: string | null; keyed: boolean }[];
}
/** One connection of the plan: how records are partitioned. */
export interface PlanEdge {
  source: number;
  target: number;
  partitioning: string;
  /** The side output carried, if any. */
  sideOutput: string | null;
  /** 1 or 2 for the inputs of two-input operators, 0 otherwise. */
  input: number;
}
/** The job graph as plain JSON data, for pages and getExecutionPlan(). */
export interface JobPlan {
  jobName: string;
  vertices: PlanVertex[];
  edges: PlanEdge[];
}

/**
 * Describes a JobGraph as JSON-able data.
 *
 * @example jobPlan(env.getJobGraph()).vertices[0].operators.map((o) => o.name) // ['Source: Collection Source', 'Map']
 */
export function jobPlan(graph: JobGraph): JobPlan {
  return {
    jobName: graph.jobName,
    vertices: graph.vertices.map((v) => ({
      id: v.index,
      name: v.name,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      operators: v.nodes.map((n) => ({
        id: n.id,
        name: n.name,
        uid: n.uid,
        keyed: n.keySelectors[0] !== null || n.keySelectors[1] !== null,
      })),
    })),
    edges: graph.edges.map((e) => ({
      source: e.source.index,
      target: e.target.index,
      partitioning: e.edge.partitioner.kind,
      sideOutput: e.edge.sideOutputTag?.id ?? null,
      input: e.edge.typeNumber,
    })),
  };
}
