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

/** One NamedRuleWithOperations (resourceRules / excludeResourceRules entry) against a CREATE of the target. */
export function ruleMatches(rule: JsonObject, t: AdmissionTarget, equivalent: boolean): boolean {
  const operations = strings(rule.operations);
  if (!operations.includes('*') && !operations.includes('CREATE')) return false;
  const scope = typeof rule.scope === 'string' ? rule.scope : '*';
  const isNamespaceObject = t.api.group === '' && t.api.resource === 'namespaces';
  if (scope === 'Namespaced' && (isNamespaceObject || t.namespace === '')) return false;
  if (scope === 'Cluster' && !isNamespaceObject && t.namespace !== '') return false;
  const names = strings(rule.resourceNames);
  if (names.length > 0 && !names.includes(t.name)) return false;
  const resources = strings(rule.resources);
  // A manifest is never a subresource request: `pods/status`, `*/scale` never match; `*`, `*/*` and `pods/*` do.
  const resourceMatch = resources.some((r) => {
    const slash = r.indexOf('/');
    const res = slash < 0 ? r : r.slice(0, slash);
    const sub = slash < 0 ? '' : r.slice(slash + 1);
    return (res === '*' || res === t.api.resource) && (sub === '*' || sub === '');
  });
  if (!resourceMatch) return false;
  const groups = strings(rule.apiGroups);
  const versions = strings(rule.apiVersions);
  const groupOk = (g: string) => groups.includes('*') || groups.includes(g);
  if (groupOk(t.api.group) && (versions.includes('*') || versions.includes(t.api.version))) return true;
  if (!equivalent) return false;
  // Equivalent: the same resource at another version, or under another group serving it, is converted to.
  return versions.length > 0 && equivalentGroups(t.api.group, t.api.resource).some(groupOk);
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
  if (!isObject(m)) return 'match';
  const equivalent = m.matchPolicy !== 'Exact';
  const rules = Array.isArray(m.resourceRules) ? m.resourceRules.filter(isObject) : [];
  // An absent resourceRules in a binding means "every resource the policy matches".
  if ('resourceRules' in m && !rules.some((r) => ruleMatches(r, t, equivalent))) return 'no';
  const exclude = Array.isArray(m.excludeResourceRules) ? m.excludeResourceRules.filter(isObject) : [];
  if (exclude.some((r) => ruleMatches(r, t, equivalent))) return 'no';
  const objectSelector = toLabelSelector(m.objectSelector);
  if (!isEmptySelector(objectSelector) && !matchesSelector(objectSelector, t.labels)) return 'no';
  const isNamespaceObject = t.api.group === '' && t.api.resource === 'namespaces';
  // A cluster-scoped object other than a Namespace is never exempted by a namespaceSelector.
  if (t.namespace === '' && !isNamespaceObject) return 'match';
  const nsName = isNamespaceObject ? t.name : t.namespace;
  const known: Labels = { [NAMESPACE_NAME_LABEL]: nsName };
  const labels = isNamespaceObject ? { ...t.labels, ...known } : t.namespaceLabels;
  return selectorVerdict(toLabelSelector(m.namespaceSelector), labels, known);
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
