import type { ResourceIndex } from '../../index/resource-index.js';
import type { GraphBuilder } from '../model.js';

/** What a source knows beyond the index. */
export interface EdgeContext {
  /** As for rules: true when the input holds an object of any of these kinds, or the config says `completeness: complete`. A reference to a missing object is a broken wire only then. */
  isComplete(...kinds: string[]): boolean;
}

/** One family of edges: the objects of `kinds` and the wires they draw. */
export interface EdgeSource {
  /** Short name, recorded on each edge (`edge.source`). */
  name: string;
  /** Kinds whose objects start the edges of this family. */
  kinds: string[];
  build(index: ResourceIndex, g: GraphBuilder, ctx: EdgeContext): void;
}
