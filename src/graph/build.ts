import type { Finding, LintResult } from '../engine/result.js';
import { splitApiVersion } from '../model/kinds.js';
import { monitorEdges, rolloutEdges, traefikEdges } from './edges/crd.js';
import { ingressEdges } from './edges/ingress.js';
import { networkPolicyEdges } from './edges/networkpolicy.js';
import { serviceEdges } from './edges/service.js';
import type { EdgeContext, EdgeSource } from './edges/source.js';
import { GraphBuilder, type WiringGraph } from './model.js';

/** Every family of edges the graph draws. Gateway API routes and Istio VirtualServices are added here as sources. */
export const EDGE_SOURCES: readonly EdgeSource[] = [ingressEdges, serviceEdges, networkPolicyEdges, traefikEdges, rolloutEdges, monitorEdges];

/**
 * The wiring graph of a lint result: the wires from the index the rules saw, broken exactly where a
 * rule reported them (what `kubewire graph` and the Action's job summary draw).
 */
export function buildGraph(result: Pick<LintResult, 'index' | 'findings'>, sources: readonly EdgeSource[] = EDGE_SOURCES): WiringGraph {
  const byResource = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (!f.resource) continue;
    const key = `${splitApiVersion(f.resource.apiVersion).group}/${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`;
    const list = byResource.get(key);
    if (list) list.push(f);
    else byResource.set(key, [f]);
  }
  const ctx: EdgeContext = {
    findings: (resource, ruleId, under) =>
      (byResource.get(resource.key) ?? []).filter(
        (f) => f.ruleId === ruleId && (under === undefined || f.path === under || (f.path ?? '').startsWith(`${under}/`)),
      ),
  };
  const g = new GraphBuilder();
  for (const s of sources) s.build(result.index, g, ctx);
  return g.build();
}

export type { EdgeContext, EdgeSource };
