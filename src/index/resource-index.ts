import { applyPatch } from './patches.js';
import { groupKindKey, isKind, NAMESPACE, SERVICE, type GroupKind } from '../model/group-kinds.js';
import type { Resource } from '../model/types.js';
import { isControllerLabel, podsMatchEquality, podsMatchSelector } from './controller-labels.js';
import { stringMap, type LabelSelector, type Labels } from './labels.js';
import { podTemplateOf, WORKLOAD_KINDS, type PodTemplateView } from './pod-templates.js';
import { producedBy } from './producers.js';
import { isProducerCandidate, producerOfSelector, producerOfServiceName } from './unknown-producers.js';
import { NameIndex } from '../text/closest.js';

/**
 * Built once per run. Answers every "which objects" question the rules ask, so that no rule walks all
 * resources and every rule stays linear in the size of the input.
 *
 * The same object (group, kind, namespace, name) defined in several files is a set of variants
 * (overlays, provider folders, examples). The first definition in file order is canonical, so pairing
 * rules (collisions, conflicts) never pair an object with its own copy; `variants` gives them all, and
 * the pod templates of every variant are selectable, so a selector is satisfied by any variant.
 *
 * Objects that operators make from custom resources of the input (src/index/producers.ts) are here
 * too: their pod templates are selectable and their Services are found by `get`, `named`,
 * `inNamespace` and `all`, but they are never in `resources` or `unique`, so no rule checks them.
 */
export class ResourceIndex {
  /** Every resource of the input, in file order, copies included. */
  readonly resources: readonly Resource[];
  /** One resource per identity (group/kind/namespace/name). */
  readonly unique: readonly Resource[];
  /**
   * The pod templates that make pods: those of every definition of every workload (PodTemplate objects
   * make none) and those operators make. What Services, NetworkPolicies and meshes select.
   */
  readonly templates: readonly PodTemplateView[];

  private readonly byKey = new Map<string, Resource>();
  /** The identities defined more than once: every definition (a single definition is the one of byKey). */
  private readonly definitions = new Map<string, Resource[]>();
  /** group/kind → unique objects. */
  private readonly byKind = new Map<string, Resource[]>();
  /** group/kind + namespace → unique objects. */
  private readonly byKindNamespace = new Map<string, Resource[]>();
  /** group/kind → name → unique objects of that name in any namespace; per group/kind when first asked (`named`). */
  private readonly byKindName = new Map<string, Map<string, Resource[]>>();
  private readonly templatesByNs = new Map<string, PodTemplateView[]>();
  /** namespace → "key=value" → templates carrying that label. */
  private readonly labelPostings = new Map<string, Map<string, PodTemplateView[]>>();
  /** Every template (the mutable array behind `templates`). */
  private readonly everyTemplate: PodTemplateView[];
  /** "key=value" → templates carrying that label, in every namespace (file order). */
  private readonly allPostings = new Map<string, PodTemplateView[]>();
  /** The declared template of each definition (PodTemplate objects included). */
  private readonly templateByOwner = new Map<Resource, PodTemplateView>();
  private readonly memos = new Map<string, unknown>();
  /** The names of closestName, by group/kind key, then namespace. */
  private readonly nameIndexes = new Map<string, Map<string | null, NameIndex>>();
  /** Long results of templatesMatching, by namespace and selector. */
  private readonly matchingMemo = new Map<string, PodTemplateView[]>();
  /** namespace → name → custom resources that may produce pods and Services (unknown-producers.ts). */
  private readonly producerCandidates = new Map<string, Map<string, Resource>>();

  /**
   * `patches`: the strategic-merge patches of Kustomize roots that were not built (src/index/patches.ts);
   * each makes a variant of its target, after the target's definitions: found by `variants`, its pod
   * template selectable, never in `resources` or `unique`, so no rule checks it.
   */
  constructor(resources: readonly Resource[], patches: readonly Resource[] = []) {
    this.resources = resources;
    const unique: Resource[] = [];
    const templates: PodTemplateView[] = [];
    const addTemplate = (t: PodTemplateView): void => {
      if (t.maker === null) return;
      templates.push(t);
      push(this.templatesByNs, t.namespace, t);
      let postings = this.labelPostings.get(t.namespace);
      if (!postings) this.labelPostings.set(t.namespace, (postings = new Map<string, PodTemplateView[]>()));
      for (const [k, v] of Object.entries(t.labels)) {
        const pair = `${k}=${v}`;
        push(postings, pair, t);
        push(this.allPostings, pair, t);
      }
    };
    for (const r of resources) {
      this.define(r);
      const t = podTemplateOf(r);
      if (t) {
        this.templateByOwner.set(r, t);
        addTemplate(t);
      }
      if (this.byKey.has(r.key)) continue;
      unique.push(r);
      if (isProducerCandidate(r)) {
        let byName = this.producerCandidates.get(r.namespace!);
        if (!byName) this.producerCandidates.set(r.namespace!, (byName = new Map<string, Resource>()));
        if (!byName.has(r.name)) byName.set(r.name, r);
      }
      this.add(r);
    }
    this.unique = unique;
    for (const p of patches) {
      const target = this.byKey.get(p.key);
      const r = target ? applyPatch(target, p) : null;
      if (!r) continue;
      this.define(r);
      const t = podTemplateOf(r);
      if (t) {
        this.templateByOwner.set(r, t);
        addTemplate(t);
      }
    }
    // What operators make from the custom resources of the input (every variant: each may be the one applied).
    const lookup = (kind: GroupKind, ns: string, name: string) => this.get(kind, ns, name);
    const templateOf = (r: Resource) => this.templateByOwner.get(r);
    for (const r of resources) {
      const made = producedBy(r, lookup, templateOf);
      if (!made) continue;
      made.templates.forEach(addTemplate);
      for (const svc of made.services) if (!this.byKey.has(svc.key)) this.add(svc);
    }
    this.templates = templates;
    this.everyTemplate = templates;
    // The lists grew by pushing, each with room to spare: kept for the whole run, they get their own length.
    for (const lists of [this.definitions, this.byKind, this.byKindNamespace]) trim(lists);
    for (const lists of [this.templatesByNs, this.allPostings, ...this.labelPostings.values()]) trim(lists);
  }

  /** A definition of an identity (declared objects and patched variants, before add). */
  private define(r: Resource): void {
    const list = this.definitions.get(r.key);
    if (list) list.push(r);
    else {
      const first = this.byKey.get(r.key);
      if (first) this.definitions.set(r.key, [first, r]);
    }
  }

  private add(r: Resource): void {
    this.byKey.set(r.key, r);
    const kindKey = groupKindKey(r);
    push(this.byKind, kindKey, r);
    push(this.byKindNamespace, `${kindKey}\u0000${r.namespace ?? ''}`, r);
  }

  /** The canonical definition of the object with this identity. */
  canonical(r: Resource): Resource {
    return this.byKey.get(r.key) ?? r;
  }

  /** True when `r` is a later copy of an object defined earlier in the input. */
  isDuplicate(r: Resource): boolean {
    return this.byKey.get(r.key) !== r;
  }

  /**
   * Every definition of the object `r` identifies, in file order (the canonical one first): the
   * variants of one object (a base and an overlay, provider folders, examples). A reference is
   * satisfied when any of them satisfies it. An operator-made object is its only variant.
   */
  variants(r: Resource): readonly Resource[] {
    const several = this.definitions.get(r.key);
    if (several) return several;
    // Defined once: that definition (an operator-made object is not one).
    const one = this.byKey.get(r.key);
    return [one !== undefined && one.producedBy === undefined ? one : r];
  }

  /** Unique objects of a group/kind, in file order (operator-made Services after the declared ones). */
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
    const kindKey = groupKindKey(kind);
    let byName = this.byKindName.get(kindKey);
    if (!byName) {
      byName = new Map<string, Resource[]>();
      for (const r of this.byKind.get(kindKey) ?? NONE) push(byName, r.name, r);
      this.byKindName.set(kindKey, byName);
    }
    return byName.get(name) ?? NONE;
  }

  /** Whether the input makes any pods (declared templates or operator-made). */
  hasTemplates(): boolean {
    return this.templates.length > 0;
  }

  /** Every template that makes pods, in any namespace. */
  allTemplates(): readonly PodTemplateView[] {
    return this.templates;
  }

  /**
   * The pod template this object declares (of this very copy, when the object is defined twice): the
   * objects `appliesTo: [WORKLOADS]` runs on. Operator-made templates are not declared by anyone.
   */
  templateOf(owner: Resource): PodTemplateView | undefined {
    return this.templateByOwner.get(owner) ?? podTemplateOf(owner) ?? undefined;
  }

  /** The templates that make pods in `namespace` (null: in every namespace, in file order). */
  templatesIn(namespace: string | null): PodTemplateView[] {
    return namespace === null ? this.everyTemplate : (this.templatesByNs.get(namespace) ?? []);
  }

  private postingsIn(namespace: string | null): Map<string, PodTemplateView[]> | undefined {
    return namespace === null ? this.allPostings : this.labelPostings.get(namespace);
  }

  /**
   * Templates in `namespace` (or every namespace, with null: in file order) whose pods carry every pair of
   * an equality selector: the template's labels, and the labels controllers add (src/index/controller-labels.ts).
   */
  templatesMatching(namespace: string | null, selector: Labels): PodTemplateView[] {
    // The selector's pairs read in place (no list of them per question): a run may ask this for
    // every Service and every NetworkPolicy peer.
    let pairs = 0;
    let controllerPairs = false;
    let smallest: PodTemplateView[] | undefined;
    let postings: Map<string, PodTemplateView[]> | undefined;
    for (const k in selector) {
      if (isControllerLabel(k)) {
        controllerPairs = true;
        continue;
      }
      if (pairs++ === 0) {
        postings = this.postingsIn(namespace);
        if (!postings) return [];
      }
      // Start from the rarest pair, then check the rest.
      const list = postings!.get(`${k}=${selector[k]}`);
      if (!list) return [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    const candidates = pairs === 0 ? this.templatesIn(namespace) : smallest!;
    if (!controllerPairs && pairs === 0) return candidates;
    if (candidates.length < 64) return candidates.filter((t) => podsMatchEquality(t, selector));
    // Many policies and Services share a selector: a long filter is done once per (namespace, selector).
    const key = `${namespace ?? '*'}\u0000${Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('\u0000')}`;
    let memo = this.matchingMemo.get(key);
    if (!memo) {
      memo = candidates.filter((t) => podsMatchEquality(t, selector));
      // Every candidate matches (a selector of one common pair): the postings list itself, not a copy per selector.
      if (memo.length === candidates.length) memo = candidates;
      this.matchingMemo.set(key, memo);
    }
    return memo;
  }

  /**
   * The name of an object of this group/kind in `namespace` closest to `word` ("did you mean", as
   * src/text/closest.ts judges it), from an index of those names built once per run.
   */
  closestName(kind: GroupKind, namespace: string | null, word: string): string | null {
    // By group/kind, then namespace: no key text made per question.
    const kindKey = groupKindKey(kind);
    let byNamespace = this.nameIndexes.get(kindKey);
    if (!byNamespace) this.nameIndexes.set(kindKey, (byNamespace = new Map<string | null, NameIndex>()));
    let names = byNamespace.get(namespace);
    if (!names) byNamespace.set(namespace, (names = new NameIndex(this.inNamespace(kind, namespace).map((r) => r.name))));
    return names.closest(word);
  }

  /** Templates in `namespace` (null: any) whose own labels hold `key=value` (controller labels aside), in file order. */
  templatesWithLabel(namespace: string | null, key: string, value: string): readonly PodTemplateView[] {
    return this.postingsIn(namespace)?.get(`${key}=${value}`) ?? [];
  }

  /** The values label `key` takes on the templates of `namespace`, each with its templates (file order); built once per namespace. */
  labelValues(namespace: string | null, key: string): ReadonlyMap<string, readonly PodTemplateView[]> {
    const byKey = this.memo(`labelValues:${namespace ?? '*'}`, () => {
      const m = new Map<string, Map<string, PodTemplateView[]>>();
      for (const t of this.templatesIn(namespace)) {
        for (const [k, v] of Object.entries(t.labels)) {
          let values = m.get(k);
          if (!values) m.set(k, (values = new Map<string, PodTemplateView[]>()));
          push(values, v, t);
        }
      }
      return m;
    });
    return byKey.get(key) ?? new Map<string, PodTemplateView[]>();
  }

  /** Templates matched by a full label selector (matchLabels and matchExpressions). An empty selector matches all. */
  templatesSelectedBy(namespace: string | null, selector: LabelSelector): PodTemplateView[] {
    const candidates = this.templatesMatching(namespace, selector.matchLabels ?? {});
    if (!selector.matchExpressions?.length) return candidates;
    return candidates.filter((t) => podsMatchSelector(t, selector));
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
  namespaces(): readonly string[] {
    return this.memo('namespaces', () => {
      const set = new Set<string>();
      for (const r of this.unique) {
        if (r.namespace !== null) set.add(r.namespace);
        if (isKind(r, NAMESPACE)) set.add(r.name);
      }
      return [...set].sort();
    });
  }

  /** A custom resource of the namespace that evidently makes the pods this equality selector selects (an operator kubewire has no table for). */
  unknownProducerOfPods(namespace: string, selector: Labels): Resource | undefined {
    const candidates = this.producerCandidates.get(namespace);
    return candidates ? producerOfSelector(candidates, selector) : undefined;
  }

  /** A custom resource of the namespace that evidently makes a Service of this name (`<resource name>-<suffix>`). */
  unknownProducerOfService(namespace: string, name: string): Resource | undefined {
    const candidates = this.producerCandidates.get(namespace);
    return candidates ? producerOfServiceName(candidates, name) : undefined;
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

/** Each list of the map with an array of its own length (pushing leaves room for more). */
function trim<K, V>(lists: Map<K, V[]>): void {
  for (const [k, list] of lists) if (list.length > 1) lists.set(k, list.slice());
}

/** Appends `value` to the list kept under `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export { WORKLOAD_KINDS };

