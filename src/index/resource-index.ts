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
  private readonly byKind = new Map<string, Resource[]>();
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
      push(this.byKind, r.kind, r);
      push(this.byKindName, `${r.kind}/${r.name}`, r);
      const t = podTemplateOf(r);
      if (t) {
        templates.push(t);
        this.templateByOwner.set(r, t);
        push(this.templatesByNs, t.namespace, t);
        let postings = this.labelPostings.get(t.namespace);
        if (!postings) this.labelPostings.set(t.namespace, (postings = new Map()));
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

  /** Unique objects of a kind, optionally of one API group ('' = core). */
  all(kind: string, group?: string): Resource[] {
    const list = this.byKind.get(kind) ?? [];
    return group === undefined ? list : list.filter((r) => r.group === group);
  }

  /** Whether the input holds any object of this kind (the completeness principle). */
  has(kind: string, group?: string): boolean {
    return this.all(kind, group).length > 0;
  }

  /** Whether the input holds any workload with a pod template. */
  hasTemplates(): boolean {
    return this.templates.length > 0;
  }

  inNamespace(kind: string, namespace: string | null, group?: string): Resource[] {
    return this.all(kind, group).filter((r) => r.namespace === namespace);
  }

  /** The object `kind` named `name` in `namespace` (null for cluster-scoped kinds). */
  get(kind: string, namespace: string | null, name: string, group?: string): Resource | undefined {
    for (const r of this.byKindName.get(`${kind}/${name}`) ?? []) {
      if (r.namespace === namespace && (group === undefined || r.group === group)) return r;
    }
    return undefined;
  }

  /** Objects `kind` named `name` in any namespace: for "it exists in namespace X" hints. */
  named(kind: string, name: string, group?: string): Resource[] {
    return (this.byKindName.get(`${kind}/${name}`) ?? []).filter((r) => group === undefined || r.group === group);
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
      for (const svc of this.all('Service', '')) {
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
      if (r.kind === 'Namespace' && r.group === '') set.add(r.name);
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export { WORKLOAD_KINDS };
