import type { Finding } from '../../engine/result.js';
import type { ResourceIndex } from '../../index/resource-index.js';
import type { GroupKind } from '../../model/group-kinds.js';
import type { Resource } from '../../model/types.js';
import type { GraphBuilder } from '../model.js';

/**
 * What a source knows beyond the index: the findings of the same run. A wire is broken exactly when a
 * rule reported it, so `kubewire graph` and `kubewire lint` never disagree about which wire is broken.
 */
export interface EdgeContext {
  /** Findings of rule `ruleId` on this resource, at `under` or below it (a resource-relative pointer; all when absent). */
  findings(resource: Resource, ruleId: string, under?: string): Finding[];
}

/** One family of edges: the objects of `kinds` and the wires they draw. */
export interface EdgeSource {
  /** Short name, recorded on each edge (`edge.source`). */
  name: string;
  /** Kinds whose objects start the edges of this family. */
  kinds: readonly GroupKind[];
  build(index: ResourceIndex, g: GraphBuilder, ctx: EdgeContext): void;
}

/** A broken wire, with a short text for the edge label, exactly when a rule reported it (the findings); nothing otherwise. */
export function brokenBy(findings: readonly Finding[], text: string): { broken: string } | Record<string, never> {
  return findings.length > 0 ? { broken: text } : {};
}
