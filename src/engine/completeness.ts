import type { ResourceIndex } from '../index/resource-index.js';
import { groupKindKey, isKind, SERVICE, WORKLOADS } from '../model/group-kinds.js';
import type { Reference, RuleMeta, Settings } from './rule.js';

/**
 * The completeness principle, decided by the engine for every rule alike: a report that an object is
 * missing is only kept when the input could have held it. Repositories are split by team and
 * namespace (a chart installed into its own namespace, Services of another team, Secrets made by
 * hand), so the absence of an object says something only where the input holds its kind:
 *
 * - a reference into a namespace is judged when the input holds an object of one of the referenced
 *   kinds in that namespace, or one of that name in another namespace (the message then names it);
 * - a reference to a cluster-scoped object (namespace null) is judged when the input holds an object
 *   of one of the referenced kinds at all;
 * - `completeness: complete` (config or --complete) judges every reference.
 *
 * Pods are looked for as WORKLOADS: a namespace holds pods when the index holds a template that makes
 * pods there — of any kind with a pod template, or made by an operator from a custom resource.
 *
 * The same rule per namespace for every reference rule, so that rules agree on every input: an
 * Ingress, an HTTPRoute and a VirtualService naming the same absent Service are all reported, or none.
 */
export class Completeness {
  private readonly memo = new Map<string, boolean>();

  constructor(
    private readonly index: ResourceIndex,
    private readonly mode: Settings['completeness'],
  ) {}

  /** Whether the absence of what `ref` looked for is evidence of a broken reference. */
  judges(ref: Reference): boolean {
    // A Service named after a custom resource of its namespace (`<name>-head-svc`) is evidently made by
    // that resource's operator: it exists, whatever the input holds (src/index/unknown-producers.ts).
    if (ref.name !== undefined && ref.namespace !== null && isKind(ref.kinds[0], SERVICE) && this.index.unknownProducerOfService(ref.namespace, ref.name)) {
      return false;
    }
    if (this.mode === 'complete') return true;
    return ref.kinds.some((kind) => {
      const key = `${groupKindKey(kind)}\u0000${ref.namespace ?? '\u0001'}\u0000${ref.name ?? ''}`;
      let v = this.memo.get(key);
      if (v === undefined) {
        v = isKind(kind, WORKLOADS)
          ? // Pods: every template that makes pods (any workload kind, operator-made ones included).
            ref.namespace === null
            ? this.index.hasTemplates()
            : this.index.templatesIn(ref.namespace).length > 0
          : ref.namespace === null
            ? this.index.has(kind)
            : this.index.inNamespace(kind, ref.namespace).length > 0 || (ref.name !== undefined && this.index.named(kind, ref.name).length > 0);
        this.memo.set(key, v);
      }
      return v;
    });
  }
}

/** A rule may only report missing objects of the kinds it declares in meta.references: a bug in the rule otherwise. */
export function checkDeclared(meta: RuleMeta, ref: Reference): void {
  const declared = meta.references ?? [];
  for (const k of ref.kinds) {
    if (!declared.some((d) => d.group === k.group && d.kind === k.kind)) {
      throw new Error(`rule ${meta.id} reports a missing ${groupKindKey(k)}, which is not in its meta.references`);
    }
  }
}
