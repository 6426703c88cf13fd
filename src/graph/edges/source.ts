import type { ResourceIndex } from '../../index/resource-index.js';
import type { GraphBuilder } from '../model.js';

/** One family of edges: the objects of `kinds` and the wires they draw. */
export interface EdgeSource {
  /** Short name, recorded on each edge (`edge.source`). */
  name: string;
  /** Kinds whose objects start the edges of this family. */
  kinds: string[];
  build(index: ResourceIndex, g: GraphBuilder): void;
}
