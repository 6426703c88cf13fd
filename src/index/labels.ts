import { isObject } from '../model/resources.js';
import type { JsonValue } from '../model/types.js';
import { valueText } from '../text/value-text.js';

export type Labels = Record<string, string>;

export interface LabelSelectorRequirement {
  key: string;
  /** In, NotIn, Exists or DoesNotExist (any other operator is invalid and selects nothing). */
  operator: string;
  values?: string[];
}

/** A metav1.LabelSelector: matchLabels AND every matchExpression. */
export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

/** Reads a string map (labels, a Service selector), keeping the values Kubernetes would accept as strings. */
export function stringMap(v: JsonValue | undefined): Labels {
  const out: Labels = {};
  if (!isObject(v)) return out;
  for (const k in v) {
    const val = v[k];
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
}

export function toLabelSelector(v: JsonValue | undefined): LabelSelector {
  if (!isObject(v)) return {};
  const sel: LabelSelector = {};
  if (isObject(v.matchLabels)) sel.matchLabels = stringMap(v.matchLabels);
  if (Array.isArray(v.matchExpressions)) {
    sel.matchExpressions = v.matchExpressions.filter(isObject).map((e) => ({
      key: valueText(e.key ?? ''),
      operator: valueText(e.operator ?? ''),
      values: Array.isArray(e.values) ? e.values.map(String) : [],
    }));
  }
  return sel;
}

export function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/** Equality selector (a Service's spec.selector): every pair must be present. */
export function matchesEquality(selector: Labels, labels: Labels): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

export function matchesSelector(sel: LabelSelector, labels: Labels): boolean {
  if (sel.matchLabels && !matchesEquality(sel.matchLabels, labels)) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // An unknown operator is invalid; the API server rejects it, so it selects nothing.
        return false;
    }
  }
  return true;
}

/** `app=web,tier=front` (no list of pairs made: messages name the labels of every selector they judge). */
export function formatLabels(labels: Labels): string {
  let out = '';
  for (const k in labels) out += out === '' ? `${k}=${labels[k]}` : `,${k}=${labels[k]}`;
  return out;
}

export function formatSelector(sel: LabelSelector): string {
  let out = sel.matchLabels ? formatLabels(sel.matchLabels) : '';
  let first = out === '';
  for (const e of sel.matchExpressions ?? []) {
    const part =
      e.operator === 'Exists'
        ? e.key
        : e.operator === 'DoesNotExist'
          ? `!${e.key}`
          : `${e.key} ${e.operator.toLowerCase() === 'notin' ? 'notin' : 'in'} (${(e.values ?? []).join(',')})`;
    out = first ? part : `${out},${part}`;
    first = false;
  }
  return out;
}
