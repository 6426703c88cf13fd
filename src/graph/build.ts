import { ResourceIndex } from '../index/resource-index.js';
import { resourcesOf, type LoadedFile } from '../model/resources.js';
import { ingressEdges } from './edges/ingress.js';
import { networkPolicyEdges } from './edges/networkpolicy.js';
import { serviceEdges } from './edges/service.js';
import type { EdgeSource } from './edges/source.js';
import { GraphBuilder, type WiringGraph } from './model.js';

/** Every family of edges the graph draws. Gateway API routes and Istio VirtualServices are added here as sources. */
export const EDGE_SOURCES: readonly EdgeSource[] = [ingressEdges, serviceEdges, networkPolicyEdges];

/** The wiring graph of an index (the same index the rules saw). */
export function buildGraph(index: ResourceIndex, sources: readonly EdgeSource[] = EDGE_SOURCES): WiringGraph {
  const g = new GraphBuilder();
  for (const s of sources) s.build(index, g);
  return g.build();
}

/** The wiring graph of loaded files: what `kubewire graph` and the Action's job summary draw. */
export function graphOfFiles(files: readonly LoadedFile[], defaultNamespace: string, sources?: readonly EdgeSource[]): WiringGraph {
  return buildGraph(new ResourceIndex(files.flatMap((f) => resourcesOf(f, defaultNamespace))), sources);
}

export type { EdgeSource };
