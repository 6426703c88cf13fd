import { brokenEdges, graphNamespaces, type GraphEdge, type GraphNode, type WiringGraph } from './model.js';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function renderGraph(g: WiringGraph, format: GraphFormat): string {
  switch (format) {
    case 'mermaid':
      return renderMermaid(g);
    case 'dot':
      return renderDot(g);
    case 'json':
      return renderJson(g);
  }
}

const ENTRY_KINDS = new Set(['Ingress', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'VirtualService']);
const POLICY_KINDS = new Set(['NetworkPolicy', 'AuthorizationPolicy']);

function nodeText(n: GraphNode): string[] {
  if (n.missing) return n.kind === 'Pods' ? [`✗ no pods`, n.name] : [`✗ ${n.kind} ${n.name}`, 'not found'];
  return [`${n.kind} ${n.name}`, ...(n.detail ? [n.detail] : [])];
}

function edgeText(e: GraphEdge): string {
  return e.broken ? `✗ ${e.broken}${e.label ? ` · ${e.label}` : ''}` : e.label;
}

// ---- Mermaid (GitHub renders ```mermaid blocks) ----

function mermaidText(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\|/g, '#124;');
}

function mermaidNode(id: string, n: GraphNode): string {
  const text = `"${nodeText(n).map(mermaidText).join('<br/>')}"`;
  if (n.missing) return `${id}[${text}]:::missing`;
  if (ENTRY_KINDS.has(n.kind)) return `${id}([${text}])`;
  if (n.kind === 'Service') return `${id}[${text}]`;
  if (POLICY_KINDS.has(n.kind)) return `${id}{{${text}}}`;
  return `${id}[[${text}]]`;
}

/** A flowchart, left to right as traffic flows, one subgraph per namespace; broken wires end in ✗ and are red. */
export function renderMermaid(g: WiringGraph): string {
  const ids = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  graphNamespaces(g).forEach((ns, i) => {
    const nodes = g.nodes.filter((n) => n.namespace === ns);
    const indent = ns === null ? '  ' : '    ';
    if (ns !== null) lines.push(`  subgraph ns${i}["namespace ${mermaidText(ns)}"]`);
    for (const n of nodes) lines.push(indent + mermaidNode(ids.get(n.id)!, n));
    if (ns !== null) lines.push('  end');
  });
  const red: number[] = [];
  g.edges.forEach((e, i) => {
    const arrow = e.broken ? '--x' : e.relation === 'covers' ? '-.->' : '-->';
    const text = edgeText(e);
    lines.push(`  ${ids.get(e.from)} ${arrow}${text ? `|"${mermaidText(text)}"|` : ''} ${ids.get(e.to)}`);
    if (e.broken) red.push(i);
  });
  lines.push('  classDef missing fill:#fff0f0,stroke:#cf222e,stroke-dasharray:4 3,color:#cf222e');
  if (red.length) lines.push(`  linkStyle ${red.join(',')} stroke:#cf222e,stroke-width:2px,color:#cf222e`);
  return `${lines.join('\n')}\n`;
}

// ---- Graphviz DOT ----

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function dotShape(n: GraphNode): string {
  if (n.missing) return 'shape=box, style="dashed,rounded", color="#cf222e", fontcolor="#cf222e"';
  if (ENTRY_KINDS.has(n.kind)) return 'shape=box, style=rounded';
  if (n.kind === 'Service') return 'shape=box';
  if (POLICY_KINDS.has(n.kind)) return 'shape=hexagon';
  return 'shape=box3d';
}

/** `dot -Tsvg`: one cluster per namespace; broken wires dashed red. */
export function renderDot(g: WiringGraph): string {
  const lines = [
    'digraph kubewire {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  graphNamespaces(g).forEach((ns, i) => {
    const indent = ns === null ? '  ' : '    ';
    if (ns !== null) lines.push(`  subgraph cluster_${i} {`, `    label=${dotString(`namespace ${ns}`)};`);
    for (const n of g.nodes.filter((x) => x.namespace === ns)) {
      lines.push(`${indent}${dotString(n.id)} [label=${dotString(nodeText(n).join('\n'))}, ${dotShape(n)}];`);
    }
    if (ns !== null) lines.push('  }');
  });
  for (const e of g.edges) {
    const attrs = [`label=${dotString(edgeText(e))}`];
    if (e.broken) attrs.push('color="#cf222e"', 'fontcolor="#cf222e"', 'style=dashed', 'arrowhead=tee');
    else if (e.relation === 'covers') attrs.push('style=dotted', 'arrowhead=odot');
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

// ---- JSON ----

function renderJson(g: WiringGraph): string {
  return `${JSON.stringify(
    { version: 1, summary: { nodes: g.nodes.length, edges: g.edges.length, broken: brokenEdges(g).length }, nodes: g.nodes, edges: g.edges },
    null,
    2,
  )}\n`;
}
