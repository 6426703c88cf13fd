/** NetworkPolicy (networking.k8s.io/v1) knowledge shared by the network-policy-* rules: defaulting, peers, selectors, CIDRs. */
import { BlockList } from 'node:net';
import { isEmptySelector, matchesSelector, stringMap, toLabelSelector, type LabelSelector, type Labels } from '../index/labels.js';
import { isWorkload, type PodTemplateView } from '../index/pod-templates.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { isObject } from '../model/resources.js';
import { perLongList, perObjectWhen, SHORT_LIST } from '../model/cache.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';
import { parseCidr, type ParsedCidr } from './cidr.js';
import { NAMESPACE, NETWORK_POLICY_KINDS } from '../model/group-kinds.js';

type Direction = 'Ingress' | 'Egress';

export function policySpec(r: Resource): JsonObject {
  return isObject(r.value.spec) ? r.value.spec : {};
}

/** The policy's own podSelector (absent = empty = every pod of the namespace). */
export function policyPodSelector(r: Resource): LabelSelector {
  return toLabelSelector(policySpec(r).podSelector);
}

/** policyTypes as written, or null when absent or empty (then the API server defaults it). */
export function explicitPolicyTypes(r: Resource): string[] | null {
  const t = policySpec(r).policyTypes;
  if (!Array.isArray(t) || t.length === 0) return null;
  return t.filter((x): x is string => typeof x === 'string');
}

/**
 * The directions a policy isolates, as SetDefaults_NetworkPolicy fills them: when policyTypes is
 * empty, Ingress always, plus Egress when the egress list is non-empty (`egress: []` does not count).
 */
export function effectivePolicyTypes(r: Resource): Set<Direction> {
  const explicit = explicitPolicyTypes(r);
  const out = new Set<Direction>();
  if (explicit) {
    for (const t of explicit) if (t === 'Ingress' || t === 'Egress') out.add(t);
    return out;
  }
  out.add('Ingress');
  const egress = policySpec(r).egress;
  if (Array.isArray(egress) && egress.length > 0) out.add('Egress');
  return out;
}

export interface PeerView {
  /** 'ingress' or 'egress'. */
  section: 'ingress' | 'egress';
  ruleIndex: number;
  /** 'from' or 'to'. */
  list: 'from' | 'to';
  index: number;
  at: string;
  value: JsonObject;
  /** Present (non-null) fields, as the API server sees them. */
  hasPodSelector: boolean;
  hasNamespaceSelector: boolean;
  hasIpBlock: boolean;
}

interface RuleView {
  section: 'ingress' | 'egress';
  index: number;
  at: string;
  value: JsonObject;
}

/**
 * The rules of both sections, worked out once per policy when there are many rules or peers (several
 * rules read them; a rule's peers are kept per rule view, see rulePeers): never mutate.
 */
const rulesOf = perObjectWhen(
  (r: Resource) => ({ ingress: readPolicyRules(r, 'ingress'), egress: readPolicyRules(r, 'egress') }),
  (v) => [v.ingress, v.egress].some((rules) => rules.length > SHORT_LIST || rules.some((rule) => peerCount(rule) > SHORT_LIST)),
);

export function policyRules(r: Resource, section: 'ingress' | 'egress'): RuleView[] {
  return rulesOf(r)[section];
}

function peerCount(rule: RuleView): number {
  const peers = rule.value[rule.section === 'ingress' ? 'from' : 'to'];
  return Array.isArray(peers) ? peers.length : 0;
}

function readPolicyRules(r: Resource, section: 'ingress' | 'egress'): RuleView[] {
  const list = policySpec(r)[section];
  if (!Array.isArray(list)) return [];
  const out: RuleView[] = [];
  list.forEach((v, index) => {
    if (isObject(v)) out.push({ section, index, at: `/spec/${section}/${index}`, value: v });
  });
  return out;
}

/** Every peer of one rule's from/to list (of a rule of policyRules: worked out once per rule when long; never mutate). */
export const rulePeers: (rule: RuleView) => PeerView[] = perLongList(readRulePeers);

function readRulePeers(rule: RuleView): PeerView[] {
  const list = rule.section === 'ingress' ? 'from' : 'to';
  const peers = rule.value[list];
  if (!Array.isArray(peers)) return [];
  const out: PeerView[] = [];
  const base = `${rule.at}/${list}/`;
  peers.forEach((v, index) => {
    if (!isObject(v)) return;
    out.push({
      section: rule.section,
      ruleIndex: rule.index,
      list,
      index,
      at: base + index,
      value: v,
      hasPodSelector: present(v.podSelector),
      hasNamespaceSelector: present(v.namespaceSelector),
      hasIpBlock: present(v.ipBlock),
    });
  });
  return out;
}

/** Every peer of the policy, ingress then egress (once per policy when long; never mutate). */
export const policyPeers: (r: Resource) => PeerView[] = perLongList((r: Resource) => [...policyRules(r, 'ingress'), ...policyRules(r, 'egress')].flatMap(rulePeers));

/** A field Kubernetes sees as set: `podSelector:` with no value is null, which is a nil pointer. */
export function present(v: JsonValue | undefined): boolean {
  return v !== undefined && v !== null;
}

interface SelectorProblem {
  message: string;
  /** Tokens below the selector: where to point. */
  path: (string | number)[];
}

/**
 * Why a metav1.LabelSelector is invalid (ValidateLabelSelector), or null: operators are In, NotIn,
 * Exists, DoesNotExist; In/NotIn need values, Exists/DoesNotExist take none.
 */
export function selectorProblem(v: JsonValue | undefined): SelectorProblem | null {
  if (!isObject(v) || !Array.isArray(v.matchExpressions)) return null;
  for (const [i, e] of v.matchExpressions.entries()) {
    const path = ['matchExpressions', i];
    if (!isObject(e)) return { message: `matchExpressions[${i}] is not a mapping`, path };
    const op = e.operator;
    const values = Array.isArray(e.values) ? e.values : [];
    if (typeof e.key !== 'string' || e.key === '') return { message: `matchExpressions[${i}] has no key`, path };
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) return { message: `matchExpressions[${i}] (${e.key} ${op}) needs at least one value`, path };
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) return { message: `matchExpressions[${i}] (${e.key} ${op}) must have no values`, path: [...path, 'values'] };
    } else {
      return {
        message: `matchExpressions[${i}] operator ${JSON.stringify(op ?? null)} is not one of In, NotIn, Exists, DoesNotExist`,
        path: [...path, op === undefined ? 'key' : 'operator'],
      };
    }
  }
  return null;
}

/**
 * The labels of the Namespace objects in the input, with the label the API server sets on every
 * namespace (`kubernetes.io/metadata.name`, since 1.21).
 */
export function namespaceObjects(index: ResourceIndex): { name: string; labels: Labels; resource: Resource }[] {
  return index.memo('network-policy:namespaces', () =>
    index.all(NAMESPACE).map((ns) => {
      const meta = isObject(ns.value.metadata) ? ns.value.metadata : {};
      return { name: ns.name, labels: { ...stringMap(meta.labels), 'kubernetes.io/metadata.name': ns.name }, resource: ns };
    }),
  );
}

/** Templates of `namespace` selected by a policy's podSelector (empty selector: all of them). */
export function selectedTemplates(index: ResourceIndex, r: Resource): PodTemplateView[] {
  if (r.namespace === null) return [];
  const sel = policyPodSelector(r);
  return isEmptySelector(sel) ? index.templatesIn(r.namespace) : index.templatesSelectedBy(r.namespace, sel);
}

/**
 * Objects of kinds kubewire does not model as workloads that still carry a pod template at
 * spec.template (OpenShift DeploymentConfig, Argo Rollout, …): their pods are selected like any
 * other, so rules that conclude "selects nothing" stay silent when one of them matches.
 */
export function foreignTemplatesSelectedBy(index: ResourceIndex, namespace: string, selector: LabelSelector): Resource[] {
  // By namespace, once per run: a run asks this for every policy and peer.
  const foreign = index.memo('network-policy:foreign-templates', () => {
    const byNamespace = new Map<string, { resource: Resource; labels: Labels }[]>();
    for (const r of index.unique) {
      if (isWorkload(r) || r.namespace === null || !isObject(r.value.spec)) continue;
      const template = r.value.spec.template;
      if (!isObject(template) || !isObject(template.metadata) || !isObject(template.metadata.labels)) continue;
      let list = byNamespace.get(r.namespace);
      if (!list) byNamespace.set(r.namespace, (list = []));
      list.push({ resource: r, labels: stringMap(template.metadata.labels) });
    }
    return byNamespace;
  });
  const inNamespace = foreign.get(namespace);
  if (!inNamespace) return [];
  const out: Resource[] = [];
  for (const f of inNamespace) if (matchesSelector(selector, f.labels)) out.push(f.resource);
  return out;
}

/**
 * The enforced ingress rules of a policy and the pod templates it selects, for rules that compare
 * the rules' ports with the pods' ports; null when there is nothing to compare: no namespace,
 * ingress not enforced, no ingress rules, no selected template, or pods of a kind kubewire does not
 * model (their ports are unknown).
 */
export function ingressRulesOnSelectedPods(index: ResourceIndex, np: Resource): { rules: RuleView[]; selected: PodTemplateView[] } | null {
  if (np.namespace === null || !effectivePolicyTypes(np).has('Ingress')) return null;
  const rules = policyRules(np, 'ingress');
  if (rules.length === 0) return null;
  const selected = selectedTemplates(index, np);
  if (selected.length === 0) return null;
  if (foreignTemplatesSelectedBy(index, np.namespace, policyPodSelector(np)).length > 0) return null;
  return { rules, selected };
}

/** Whether a NetworkPolicy in the template's namespace selects it, and for which directions. */
function order(index: ResourceIndex): Map<Resource, number> {
  return index.memo('network-policy:order', () => new Map([...index.all(NETWORK_POLICY_KINDS[0]), ...index.all(NETWORK_POLICY_KINDS[1])].map((r, i) => [r, i])));
}

/** The policies of one podSelector in a namespace. */
interface SelectorGroup {
  selector: LabelSelector;
  policies: Resource[];
}

/**
 * The podSelector groups of a namespace, found from a template's labels: a group whose selector has
 * matchLabels is filed under its first pair (a template can only match it when it carries that
 * pair); the others (matchExpressions only, or empty) are matched against every template.
 */
interface NamespaceGroups {
  groups: SelectorGroup[];
  /** Label key → value → the numbers of the groups filed under that pair. */
  byPair: Map<string, Map<string, number[]>>;
  /** The numbers of the groups without matchLabels. */
  always: number[];
}

/**
 * The NetworkPolicies of the template's namespace that select it, in input order. A template that
 * one group of policies (one podSelector) selects gets that group's own list, the same for every
 * such template (callers may memoize by the list): never change it. A template is matched against
 * the groups filed under its own labels and those without matchLabels, not against every group of
 * its namespace (N policies with N selectors over N pods would be N² matches).
 */
export function policiesSelecting(index: ResourceIndex, t: PodTemplateView): readonly Resource[] {
  const byNs = index.memo('network-policy:by-namespace-selector', () => {
    const m = new Map<string, Map<string, SelectorGroup>>();
    for (const r of [...index.all(NETWORK_POLICY_KINDS[0]), ...index.all(NETWORK_POLICY_KINDS[1])]) {
      if (r.namespace === null) continue;
      let groups = m.get(r.namespace);
      if (!groups) m.set(r.namespace, (groups = new Map<string, SelectorGroup>()));
      const selector = policyPodSelector(r);
      const key = JSON.stringify(selector);
      const group = groups.get(key);
      if (group) group.policies.push(r);
      else groups.set(key, { selector, policies: [r] });
    }
    // Kept for the run as lists: the selectors' texts only served to group them.
    const out = new Map<string, NamespaceGroups>();
    for (const [ns, byText] of m) {
      const groups = [...byText.values()];
      const byPair = new Map<string, Map<string, number[]>>();
      const always: number[] = [];
      groups.forEach((g, i) => {
        const first = Object.keys(g.selector.matchLabels ?? {})[0];
        if (first === undefined) return void always.push(i);
        const value = g.selector.matchLabels![first];
        let byValue = byPair.get(first);
        if (!byValue) byPair.set(first, (byValue = new Map<string, number[]>()));
        const list = byValue.get(value);
        if (list) list.push(i);
        else byValue.set(value, [i]);
      });
      out.set(ns, { groups, byPair, always });
    }
    return out;
  });
  const ns = byNs.get(t.namespace);
  if (!ns) return [];
  const { groups } = ns;
  const hits: number[] = [];
  for (const i of ns.always) if (matchesSelector(groups[i].selector, t.labels)) hits.push(i);
  for (const key of Object.keys(t.labels)) {
    const filed = ns.byPair.get(key)?.get(t.labels[key]);
    if (filed) for (const i of filed) if (matchesSelector(groups[i].selector, t.labels)) hits.push(i);
  }
  if (hits.length === 0) return [];
  // One group: its list, already in input order.
  if (hits.length === 1) return groups[hits[0]].policies;
  const out: Resource[] = [];
  for (const i of hits.sort((a, b) => a - b)) for (const p of groups[i].policies) out.push(p);
  // In input order, as before grouping.
  out.sort((a, b) => order(index).get(a)! - order(index).get(b)!);
  return out;
}

// ---------------------------------------------------------------------------------------------
// ipBlock CIDRs: parsed by src/k8s/cidr.ts (netutils.ParseCIDRSloppy), compared here.

/** IPv4 octets with leading zeros, as ParseCIDRSloppy reads them (decimal), in the form node:net accepts. */
function canonicalAddress(c: ParsedCidr): string {
  return c.family === 4 ? c.address.split('.').map((o) => String(Number(o))).join('.') : c.address;
}

/** Whether an address of the same family lies in a CIDR. */
function inside(cidr: ParsedCidr, address: string): boolean {
  const list = new BlockList();
  const type = cidr.family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(canonicalAddress(cidr), cidr.prefix, type);
  return list.check(address, type);
}

/**
 * Why `except` is not a strict subset of `cidr` (ValidateIPBlock: the except network inside cidr,
 * with a longer prefix), or null when it is.
 */
export function exceptProblem(cidr: ParsedCidr, except: ParsedCidr): string | null {
  if (cidr.family !== except.family) return `it is IPv${except.family} but cidr is IPv${cidr.family}`;
  if (except.prefix > cidr.prefix) {
    // With a longer prefix, the except network is inside cidr exactly when its address is.
    return inside(cidr, canonicalAddress(except)) ? null : 'it is not inside cidr';
  }
  if (except.prefix === cidr.prefix && inside(cidr, canonicalAddress(except))) {
    return `it covers all of cidr (its prefix must be longer than /${cidr.prefix})`;
  }
  return inside(except, canonicalAddress(cidr))
    ? `it is larger than cidr (its prefix must be longer than /${cidr.prefix})`
    : 'it is not inside cidr';
}

export { parseCidr, type ParsedCidr };

/** `ingress[0].from[1]`: where a peer is, for messages. */
export function describePeer(p: PeerView): string {
  return `${p.section}[${p.ruleIndex}].${p.list}[${p.index}]`;
}

