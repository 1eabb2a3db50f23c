import dagre, { type EdgeLabel, type Point } from '@dagrejs/dagre';
import type { JobPlan, PlanEdge, PlanVertex } from '../../client/index.ts';

/** Size of a vertex box, in CSS pixels (fixed, so the layout needs no text measuring). @example style:width="{NODE_WIDTH}px" */
export const NODE_WIDTH = 210;
/** @see NODE_WIDTH @example style:height="{NODE_HEIGHT}px" */
export const NODE_HEIGHT = 186;

export interface PlacedVertex {
  readonly vertex: PlanVertex;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
}
export interface PlacedEdge {
  readonly edge: PlanEdge;
  /** Job edges drawn as this one: same ends, partitioning and side output (e.g. a union's inputs). */
  readonly count: number;
  /** The label Flink's web UI puts on the edge, e.g. 'HASH' or 'FORWARD (side output late)'. */
  readonly label: string;
  /** SVG path data through dagre's bend points. */
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}
export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly vertices: PlacedVertex[];
  readonly edges: PlacedEdge[];
}

/** The label of a plan edge: its partitioning, and the side output it carries if any. */
export function edgeLabel(edge: PlanEdge): string {
  return edge.sideOutput ? `${edge.partitioning} (side output ${edge.sideOutput})` : edge.partitioning;
}

const drawnLabel = (edge: PlanEdge, count: number) =>
  count > 1 ? `${edgeLabel(edge)} ×${count}` : edgeLabel(edge);

/** Width of an edge label's box: 11 px monospace is ~7 px per character, plus padding. @example labelBoxWidth('HASH') // 40 */
export function labelBoxWidth(label: string): number {
  return label.length * 7 + 12;
}

/** Plan edges grouped by what a drawing shows (ends and label), in plan order. */
function drawnEdges(plan: JobPlan): { edge: PlanEdge; count: number }[] {
  const groups = new Map<string, { edge: PlanEdge; count: number }>();
  for (const edge of plan.edges) {
    const key = `${edge.source}>${edge.target}:${edgeLabel(edge)}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { edge, count: 1 });
  }
  return [...groups.values()];
}

/**
 * Lays a job plan out with dagre, sources first: left to right ('LR', as Flink's web UI) or top to
 * bottom ('TB', for narrow screens).
 *
 * @example const { width, height, vertices, edges } = layoutPlan(plan, 'LR');
 */
export function layoutPlan(plan: JobPlan, direction: 'LR' | 'TB'): GraphLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: direction, nodesep: 28, ranksep: 28, edgesep: 20, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const v of plan.vertices) g.setNode(String(v.id), { width: NODE_WIDTH, height: NODE_HEIGHT });
  const drawn = drawnEdges(plan);
  drawn.forEach(({ edge, count }, i) => {
    const label = { width: labelBoxWidth(drawnLabel(edge, count)), height: 22, labelpos: 'c' as const };
    g.setEdge(String(edge.source), String(edge.target), label, String(i));
  });
  dagre.layout(g);
  const vertices = plan.vertices.map((vertex) => {
    const n = g.node(String(vertex.id));
    return { vertex, x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 };
  });
  const edges = drawn.map(({ edge, count }, i) => {
    const e = g.edge(String(edge.source), String(edge.target), String(i)) as EdgeLabel;
    const points: Point[] = e.points ?? [];
    const path = points.map((p, j) => `${j === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    const label = drawnLabel(edge, count);
    return { edge, count, label, path, labelX: e.x ?? mid.x, labelY: e.y ?? mid.y };
  });
  const graph = g.graph();
  return { width: graph.width ?? 0, height: graph.height ?? 0, vertices, edges };
}
