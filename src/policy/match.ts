import { isEmptySelector, matchesSelector, stringMap, toLabelSelector, type LabelSelector, type Labels } from '../index/labels.js';
import { isObject } from '../model/resources.js';
import type { JsonObject, JsonValue } from '../model/types.js';
import { equivalentGroups, type ApiResource } from './api-resources.js';

/**
 * Offline admission matching: an object of the input as the API server sees a CREATE of it
 * (k8s.io/apiserver admission/plugin/policy/matching and webhook/predicates/rules).
 */
export interface AdmissionTarget {
  api: ApiResource;
  name: string;
  /** The request namespace: the object's for namespaced kinds, '' for cluster-scoped ones. */
  namespace: string;
  labels: Labels;
  /** The labels of the object's Namespace: the Namespace object of the input with `kubernetes.io/metadata.name` added, or null when the input lacks it. */
  namespaceLabels: Labels | null;
  /** What resource rules decide on (group, version, resource, scope), as one string: made once per object. */
  ruleKey?: string;
}

/**
 * `match`: the object is matched; `no`: it is not; `unknown`: it depends on what only the cluster knows
 * (the labels of a Namespace the input does not hold). An unknown match is never evaluated: a guess
 * would be a false finding.
 */
export type MatchVerdict = 'match' | 'no' | 'unknown';

/** The label the API server sets on every Namespace (since 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A NamedRuleWithOperations (resourceRules / excludeResourceRules entry), read once. */
interface ParsedRule {
  create: boolean;
  scope: string;
  names: ReadonlySet<string> | null;
  resources: readonly { res: string; sub: string }[];
  groups: ReadonlySet<string>;
  versions: ReadonlySet<string>;
}

function parseRule(rule: JsonObject): ParsedRule {
  const operations = strings(rule.operations);
  const names = strings(rule.resourceNames);
  return {
    create: operations.includes('*') || operations.includes('CREATE'),
    scope: typeof rule.scope === 'string' ? rule.scope : '*',
    names: names.length > 0 ? new Set(names) : null,
    resources: strings(rule.resources).map((r) => {
      const slash = r.indexOf('/');
      return slash < 0 ? { res: r, sub: '' } : { res: r.slice(0, slash), sub: r.slice(slash + 1) };
    }),
    groups: new Set(strings(rule.apiGroups)),
    versions: new Set(strings(rule.apiVersions)),
  };
}

function parsedRuleMatches(rule: ParsedRule, t: AdmissionTarget, equivalent: boolean): boolean {
  if (!rule.create) return false;
  const isNamespaceObject = t.api.group === '' && t.api.resource === 'namespaces';
  if (rule.scope === 'Namespaced' && (isNamespaceObject || t.namespace === '')) return false;
  if (rule.scope === 'Cluster' && !isNamespaceObject && t.namespace !== '') return false;
  if (rule.names && !rule.names.has(t.name)) return false;
  // A manifest is never a subresource request: `pods/status`, `*/scale` never match; `*`, `*/*` and `pods/*` do.
  if (!rule.resources.some((r) => (r.res === '*' || r.res === t.api.resource) && (r.sub === '*' || r.sub === ''))) return false;
  const groupOk = (g: string) => rule.groups.has('*') || rule.groups.has(g);
  if (groupOk(t.api.group) && (rule.versions.has('*') || rule.versions.has(t.api.version))) return true;
  if (!equivalent) return false;
  // Equivalent: the same resource at another version, or under another group serving it, is converted to.
  return rule.versions.size > 0 && equivalentGroups(t.api.group, t.api.resource).some(groupOk);
}

/** One NamedRuleWithOperations (resourceRules / excludeResourceRules entry) against a CREATE of the target. */
export function ruleMatches(rule: JsonObject, t: AdmissionTarget, equivalent: boolean): boolean {
  return parsedRuleMatches(parseRule(rule), t, equivalent);
}

/** A label selector against labels some of which may be unknown (null: only `known` are certain). */
function selectorVerdict(sel: LabelSelector, labels: Labels | null, known: Labels): MatchVerdict {
  if (isEmptySelector(sel)) return 'match';
  if (labels !== null) return matchesSelector(sel, labels) ? 'match' : 'no';
  // Only the namespace name label is known: decided when every requirement is about it, else unknown unless one fails.
  const keys = [...Object.keys(sel.matchLabels ?? {}), ...(sel.matchExpressions ?? []).map((e) => e.key)];
  const onlyKnown = keys.every((k) => k in known);
  if (onlyKnown) return matchesSelector(sel, known) ? 'match' : 'no';
  const knownPart: LabelSelector = {
    matchLabels: Object.fromEntries(Object.entries(sel.matchLabels ?? {}).filter(([k]) => k in known)),
    matchExpressions: (sel.matchExpressions ?? []).filter((e) => e.key in known),
  };
  return matchesSelector(knownPart, known) ? 'unknown' : 'no';
}

/**
 * A MatchResources (a policy's matchConstraints, a binding's matchResources) against a CREATE of the
 * target: resourceRules, excludeResourceRules, namespaceSelector, objectSelector, matchPolicy.
 */
export function matchResources(m: JsonValue | undefined, t: AdmissionTarget): MatchVerdict {
  return compileMatchResources(m)(t);
}

/**
 * A MatchResources read once, as a matcher: the rules part is decided once per kind and namespace
 * scope (unless a rule names objects), the selectors per object.
 */
export function compileMatchResources(m: JsonValue | undefined): (t: AdmissionTarget) => MatchVerdict {
  if (!isObject(m)) return () => 'match';
  const equivalent = m.matchPolicy !== 'Exact';
  // An absent resourceRules in a binding means "every resource the policy matches".
  const rules = 'resourceRules' in m ? (Array.isArray(m.resourceRules) ? m.resourceRules.filter(isObject) : []).map(parseRule) : null;
  const exclude = (Array.isArray(m.excludeResourceRules) ? m.excludeResourceRules.filter(isObject) : []).map(parseRule);
  const byName = [...(rules ?? []), ...exclude].some((r) => r.names !== null);
  const byKind = new Map<string, boolean>();
  const rulesMatch = (t: AdmissionTarget): boolean => {
    const key = byName ? null : (t.ruleKey ??= `${t.api.group}\u0000${t.api.version}\u0000${t.api.resource}\u0000${t.namespace === '' ? 'c' : 'n'}`);
    const known = key === null ? undefined : byKind.get(key);
    if (known !== undefined) return known;
    const v = (rules === null || rules.some((r) => parsedRuleMatches(r, t, equivalent))) && !exclude.some((r) => parsedRuleMatches(r, t, equivalent));
    if (key !== null) byKind.set(key, v);
    return v;
  };
  const objectSelector = toLabelSelector(m.objectSelector);
  const objectSelectorEmpty = isEmptySelector(objectSelector);
  const namespaceSelector = toLabelSelector(m.namespaceSelector);
  const namespaceSelectorEmpty = isEmptySelector(namespaceSelector);
  return (t) => {
    if (!rulesMatch(t)) return 'no';
    if (!objectSelectorEmpty && !matchesSelector(objectSelector, t.labels)) return 'no';
    if (namespaceSelectorEmpty) return 'match';
    const isNamespaceObject = t.api.group === '' && t.api.resource === 'namespaces';
    // A cluster-scoped object other than a Namespace is never exempted by a namespaceSelector.
    if (t.namespace === '' && !isNamespaceObject) return 'match';
    const nsName = isNamespaceObject ? t.name : t.namespace;
    const known: Labels = { [NAMESPACE_NAME_LABEL]: nsName };
    const labels = isNamespaceObject ? { ...t.labels, ...known } : t.namespaceLabels;
    return selectorVerdict(namespaceSelector, labels, known);
  };
}

/** Both verdicts must match; an unknown one makes the whole unknown unless the other says no. */
export function both(a: MatchVerdict, b: () => MatchVerdict): MatchVerdict {
  if (a === 'no') return 'no';
  const v = b();
  if (v === 'no') return 'no';
  return a === 'match' && v === 'match' ? 'match' : 'unknown';
}

/** The labels of an object's metadata. */
export function labelsOf(value: JsonObject): Labels {
  return isObject(value.metadata) ? stringMap(value.metadata.labels) : {};
}
