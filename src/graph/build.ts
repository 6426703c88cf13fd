import { ResourceIndex } from '../index/resource-index.js';
import { resourcesOf, type LoadedFile } from '../model/resources.js';
import { ingressEdges } from './edges/ingress.js';
import { networkPolicyEdges } from './edges/networkpolicy.js';
import { serviceEdges } from './edges/service.js';
import type { EdgeContext, EdgeSource } from './edges/source.js';
import { GraphBuilder, type WiringGraph } from './model.js';

/** Every family of edges the graph draws. Gateway API routes and Istio VirtualServices are added here as sources. */
export const EDGE_SOURCES: readonly EdgeSource[] = [ingressEdges, serviceEdges, networkPolicyEdges];

interface GraphOptions {
  /** `complete` (config `completeness`): references to absent kinds are broken wires too. */
  completeness?: 'auto' | 'complete';
  sources?: readonly EdgeSource[];
}

/** The wiring graph of an index (the same index the rules saw). */
function buildGraph(index: ResourceIndex, opts: GraphOptions = {}): WiringGraph {
  const g = new GraphBuilder();
  const ctx: EdgeContext = {
    isComplete: (...kinds) => opts.completeness === 'complete' || kinds.some((k) => index.has(k)),
  };
  for (const s of opts.sources ?? EDGE_SOURCES) s.build(index, g, ctx);
  return g.build();
}

/** The wiring graph of loaded files: what `kubewire graph` and the Action's job summary draw. */
export function graphOfFiles(files: readonly LoadedFile[], defaultNamespace: string, opts: GraphOptions = {}): WiringGraph {
  return buildGraph(new ResourceIndex(files.flatMap((f) => resourcesOf(f, defaultNamespace))), opts);
}

export type { EdgeContext, EdgeSource };
