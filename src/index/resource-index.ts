import { groupKindKey, isKind, NAMESPACE, SERVICE, type GroupKind } from '../model/group-kinds.js';
import type { Resource } from '../model/types.js';
import { matchesEquality, matchesSelector, stringMap, type LabelSelector, type Labels } from './labels.js';
import { podTemplateOf, WORKLOAD_KINDS, type PodTemplateView } from './pod-templates.js';

/**
 * Built once per run. Answers every "which objects" question the rules ask, so that no rule walks all
 * resources and every rule stays linear in the size of the input.
 *
 * The same object (group, kind, namespace, name) defined in several files is kept once: the first
 * definition in file order is canonical, so pairing rules (collisions, conflicts) never pair an
 * object with its own copy.
 */
export class ResourceIndex {
  /** Every resource of the input, in file order, copies included. */
  readonly resources: readonly Resource[];
  /** One resource per identity (group/kind/namespace/name). */
  readonly unique: readonly Resource[];
  /** Pod templates of the unique workloads. */
  readonly templates: readonly PodTemplateView[];

  private readonly byKey = new Map<string, Resource>();
  /** group/kind → unique objects. */
  private readonly byKind = new Map<string, Resource[]>();
  /** group/kind + namespace → unique objects. */
  private readonly byKindNamespace = new Map<string, Resource[]>();
  /** group/kind + name → unique objects of that name in any namespace. */
  private readonly byKindName = new Map<string, Resource[]>();
  private readonly templatesByNs = new Map<string, PodTemplateView[]>();
  /** namespace → "key=value" → templates carrying that label. */
  private readonly labelPostings = new Map<string, Map<string, PodTemplateView[]>>();
  private readonly templateByOwner = new Map<Resource, PodTemplateView>();
  private readonly memos = new Map<string, unknown>();

  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    const unique: Resource[] = [];
    const templates: PodTemplateView[] = [];
    for (const r of resources) {
      if (this.byKey.has(r.key)) continue;
      this.byKey.set(r.key, r);
      unique.push(r);
      const kindKey = groupKindKey(r);
      push(this.byKind, kindKey, r);
      push(this.byKindNamespace, `${kindKey}\u0000${r.namespace ?? ''}`, r);
      push(this.byKindName, `${kindKey}\u0000${r.name}`, r);
      const t = podTemplateOf(r);
      if (t) {
        templates.push(t);
        this.templateByOwner.set(r, t);
        push(this.templatesByNs, t.namespace, t);
        let postings = this.labelPostings.get(t.namespace);
        if (!postings) this.labelPostings.set(t.namespace, (postings = new Map<string, PodTemplateView[]>()));
        for (const [k, v] of Object.entries(t.labels)) push(postings, `${k}=${v}`, t);
      }
    }
    this.unique = unique;
    this.templates = templates;
  }

  /** The canonical definition of the object with this identity. */
  canonical(r: Resource): Resource {
    return this.byKey.get(r.key) ?? r;
  }

  /** True when `r` is a later copy of an object defined earlier in the input. */
  isDuplicate(r: Resource): boolean {
    return this.byKey.get(r.key) !== r;
  }

  /** Unique objects of a group/kind, in file order. */
  all(kind: GroupKind): readonly Resource[] {
    return this.byKind.get(groupKindKey(kind)) ?? NONE;
  }

  /** Unique objects of any of these group/kinds. */
  allOf(kinds: readonly GroupKind[]): Resource[] {
    return kinds.flatMap((k) => this.all(k));
  }

  /** Whether the input holds any object of one of these group/kinds. */
  has(...kinds: readonly GroupKind[]): boolean {
    return kinds.some((k) => this.byKind.has(groupKindKey(k)));
  }

  /** Unique objects of a group/kind in a namespace (null: cluster-scoped objects). */
  inNamespace(kind: GroupKind, namespace: string | null): readonly Resource[] {
    return this.byKindNamespace.get(`${groupKindKey(kind)}\u0000${namespace ?? ''}`) ?? NONE;
  }

  /** The object of this group/kind named `name` in `namespace` (null for cluster-scoped kinds). */
  get(kind: GroupKind, namespace: string | null, name: string): Resource | undefined {
    return this.byKey.get(`${kind.group}/${kind.kind}/${namespace ?? ''}/${name}`);
  }

  /** Objects of this group/kind named `name` in any namespace: for "it exists in namespace X" hints. */
  named(kind: GroupKind, name: string): readonly Resource[] {
    return this.byKindName.get(`${groupKindKey(kind)}\u0000${name}`) ?? NONE;
  }

  /** Whether the input holds any workload with a pod template. */
  hasTemplates(): boolean {
    return this.templates.length > 0;
  }

  /** The pod template of this workload (of this very copy, when the object is defined twice). */
  templateOf(owner: Resource): PodTemplateView | undefined {
    return this.templateByOwner.get(owner) ?? podTemplateOf(owner) ?? undefined;
  }

  templatesIn(namespace: string): PodTemplateView[] {
    return this.templatesByNs.get(namespace) ?? [];
  }

  /** Templates in `namespace` (or every namespace, with null) whose labels contain every pair of an equality selector. */
  templatesMatching(namespace: string | null, selector: Labels): PodTemplateView[] {
    const pairs = Object.entries(selector);
    if (namespace === null) {
      return [...this.templatesByNs.keys()].flatMap((ns) => this.templatesMatching(ns, selector));
    }
    if (pairs.length === 0) return this.templatesIn(namespace);
    const postings = this.labelPostings.get(namespace);
    if (!postings) return [];
    // Start from the rarest pair, then check the rest.
    let smallest: PodTemplateView[] | undefined;
    for (const [k, v] of pairs) {
      const list = postings.get(`${k}=${v}`);
      if (!list) return [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    return smallest!.filter((t) => matchesEquality(selector, t.labels));
  }

  /** Templates matched by a full label selector (matchLabels and matchExpressions). An empty selector matches all. */
  templatesSelectedBy(namespace: string | null, selector: LabelSelector): PodTemplateView[] {
    const candidates = this.templatesMatching(namespace, selector.matchLabels ?? {});
    if (!selector.matchExpressions?.length) return candidates;
    return candidates.filter((t) => matchesSelector(selector, t.labels));
  }

  /** Services in the template's namespace whose non-empty selector matches the template. */
  servicesSelecting(t: PodTemplateView): Resource[] {
    const map = this.memo('servicesByTemplate', () => {
      const m = new Map<PodTemplateView, Resource[]>();
      for (const svc of this.all(SERVICE)) {
        const spec = svc.value.spec;
        const sel = stringMap(typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? spec.selector : undefined);
        if (Object.keys(sel).length === 0 || svc.namespace === null) continue;
        for (const tpl of this.templatesMatching(svc.namespace, sel)) push(m, tpl, svc);
      }
      return m;
    });
    return map.get(t) ?? [];
  }

  /** Namespaces that hold at least one object, or are declared by a Namespace object. */
  namespaces(): string[] {
    const set = new Set<string>();
    for (const r of this.unique) {
      if (r.namespace !== null) set.add(r.namespace);
      if (isKind(r, NAMESPACE)) set.add(r.name);
    }
    return [...set].sort();
  }

  /**
   * A value computed once per run from the whole index (a nodePort table, a host map), shared by every
   * resource a rule checks. Keys are namespaced by the caller: use the rule id.
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = compute();
    this.memos.set(key, v);
    return v;
  }
}

const NONE: readonly Resource[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export { WORKLOAD_KINDS };
