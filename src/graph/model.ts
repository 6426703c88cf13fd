import type { Resource } from '../model/types.js';

/**
 * The wiring graph: who sends traffic to whom (Ingress → Service → workload), who guards whom
 * (NetworkPolicy → workload), and which references lead nowhere. Edge families live in
 * src/graph/edges/, one module per kind of object that points somewhere; adding Gateway API or Istio
 * edges means adding a module there and listing it in EDGE_SOURCES.
 */
export interface GraphNode {
  /** Stable: the object's identity (`group/kind/namespace/name`), `missing:` + the reference for objects not in the input. */
  id: string;
  kind: string;
  namespace: string | null;
  name: string;
  /** Referenced by something, but not in the input (a broken reference's far end). */
  missing: boolean;
  /** A short qualifier shown with the name: `LoadBalancer`, `headless`, `all pods`. */
  detail?: string;
  /** Where it is defined (relative path), absent for missing nodes. */
  file?: string;
}

/** `routes`: traffic forwarded (Ingress → Service, Service → pods); `covers`: a policy applying to pods. */
export type EdgeRelation = 'routes' | 'covers';

export interface GraphEdge {
  from: string;
  to: string;
  relation: EdgeRelation;
  /** Ports and paths, e.g. `shop.example.com/api → :80`, `80 → http (8080)`. */
  label: string;
  /** Why the wire is broken, when it is. */
  broken?: string;
  /** The source family that drew it (`ingress`, `service`, `networkpolicy`, …). */
  source: string;
}

export interface WiringGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Collects nodes and edges; nodes are added once however often they are referenced. */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();

  /** The node of an object of the input. */
  node(r: Resource, detail?: string): string {
    const id = r.key;
    const existing = this.nodes.get(id);
    if (!existing) {
      this.nodes.set(id, {
        id,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        missing: false,
        ...(detail ? { detail } : {}),
        file: r.source.file,
      });
    } else if (detail && !existing.detail) {
      existing.detail = detail;
    }
    return id;
  }

  /** A placeholder for something referenced but absent: a Service name, or the pods a selector wants. */
  missing(kind: string, namespace: string | null, name: string, detail?: string): string {
    const id = `missing:${kind}/${namespace ?? ''}/${name}`;
    if (!this.nodes.has(id)) this.nodes.set(id, { id, kind, namespace, name, missing: true, ...(detail ? { detail } : {}) });
    return id;
  }

  edge(e: GraphEdge): void {
    // The same wire drawn twice (two paths to one Service port) is one edge with both labels.
    const key = `${e.from}\u0000${e.to}\u0000${e.relation}\u0000${e.broken ?? ''}`;
    const prev = this.edges.get(key);
    if (!prev) {
      this.edges.set(key, { ...e });
      return;
    }
    if (e.label && !prev.label.split(', ').includes(e.label)) prev.label = prev.label ? `${prev.label}, ${e.label}` : e.label;
  }

  build(): WiringGraph {
    const nodes = [...this.nodes.values()].sort(compareNodes);
    const order = new Map(nodes.map((n, i) => [n.id, i]));
    const edges = [...this.edges.values()].sort(
      (a, b) => order.get(a.from)! - order.get(b.from)! || order.get(a.to)! - order.get(b.to)! || cmp(a.label, b.label),
    );
    return { nodes, edges };
  }
}

/** Left to right as traffic flows: entry points, Services, workloads, policies. */
const KIND_RANK: Record<string, number> = {
  Gateway: 0,
  Ingress: 1,
  IngressRoute: 1,
  IngressRouteTCP: 1,
  IngressRouteUDP: 1,
  HTTPRoute: 2,
  GRPCRoute: 2,
  TLSRoute: 2,
  TCPRoute: 2,
  UDPRoute: 2,
  VirtualService: 2,
  Service: 3,
  Pods: 5,
  NetworkPolicy: 6,
  ServiceMonitor: 6,
  PodMonitor: 6,
};

function rank(kind: string): number {
  return KIND_RANK[kind] ?? 4; // workloads and anything else between Services and policies
}

function compareNodes(a: GraphNode, b: GraphNode): number {
  return cmp(a.namespace ?? '', b.namespace ?? '') || rank(a.kind) - rank(b.kind) || cmp(a.kind, b.kind) || cmp(a.name, b.name) || cmp(a.id, b.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Namespaces of the graph in order (null, cluster-scoped, last). */
export function graphNamespaces(g: WiringGraph): (string | null)[] {
  const seen: (string | null)[] = [];
  for (const n of g.nodes) if (!seen.includes(n.namespace)) seen.push(n.namespace);
  return seen.sort((a, b) => (a === null ? 1 : b === null ? -1 : cmp(a, b)));
}

export function brokenEdges(g: WiringGraph): GraphEdge[] {
  return g.edges.filter((e) => e.broken);
}
