import { isControllerLabel, podHasLabel } from '../index/controller-labels.js';
import { formatLabels, type Labels } from '../index/labels.js';
import { describeTemplate, WORKLOAD_KINDS, type PodTemplateView } from '../index/pod-templates.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { isObject } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import { closest, NameIndex } from '../text/closest.js';

export { WORKLOAD_KINDS };

export interface ClosestTemplate {
  template: PodTemplateView;
  /** Selector pairs the template lacks or has with another value: `app=web-frontend (has app=web)`. */
  differences: string[];
  /** The selector keys that differ. */
  differingKeys: string[];
}

/** Namespaces with at most this many templates are searched exhaustively. */
const EXHAUSTIVE = 200;
/** Otherwise: at most this many templates per shared pair, and this many label values tried as near misses per key. */
const PER_PAIR = 50;
const VALUES_TRIED = 50;

/**
 * The template in `namespace` (null: in any namespace) that matches most pairs of an equality selector: the "nearest fix"
 * for a selector that matches nothing. Ties go to the fewest differing keys, then to name order.
 * In a namespace with many templates the candidates come from the label index (templates sharing
 * a pair with the selector, templates whose value of a selector key is a near miss), each source
 * bounded, so that N selectors against N templates stay linear.
 */
export function closestTemplate(index: ResourceIndex, namespace: string | null, selector: Labels): ClosestTemplate | null {
  const all = index.templatesIn(namespace);
  return bestTemplate(all.length <= EXHAUSTIVE ? all : candidates(index, namespace, selector), selector);
}

/** The bounded candidate set of closestTemplate, in file order. */
function candidates(index: ResourceIndex, namespace: string | null, selector: Labels): PodTemplateView[] {
  const found = new Set<PodTemplateView>();
  const add = (list: readonly PodTemplateView[]): void => {
    for (let i = 0; i < list.length && i < PER_PAIR; i++) found.add(list[i]);
  };
  for (const [k, v] of Object.entries(selector)) {
    if (isControllerLabel(k)) continue;
    add(index.templatesWithLabel(namespace, k, v));
    // The value a typo of `v` most likely is, among all the key's values; then the first few others.
    const values = index.labelValues(namespace, k);
    const typo = index.memo(`closestTemplate:values:${namespace ?? '*'}\u0000${k}`, () => new NameIndex(values.keys())).closest(v);
    if (typo !== null) add(values.get(typo) ?? []);
    let tried = 0;
    for (const [value, list] of values) {
      if (value === v) continue;
      if (++tried > VALUES_TRIED) break;
      if (isNearMiss(v, value)) add(list);
    }
  }
  const order = index.memo(`closestTemplate:order:${namespace ?? '*'}`, () => new Map(index.templatesIn(namespace).map((t, i) => [t, i])));
  return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
}

function bestTemplate(templates: readonly PodTemplateView[], selector: Labels): ClosestTemplate | null {
  let best: ClosestTemplate | null = null;
  let bestScore = -1;
  let bestName = '';
  // Many templates share a value: each (key, value) is judged once.
  const near = new Map<string, boolean>();
  const nearMissOf = (k: string, value: string): boolean => {
    const id = `${k}\u0000${value}`;
    let v = near.get(id);
    if (v === undefined) near.set(id, (v = isNearMiss(selector[k], value)));
    return v;
  };
  const keys = Object.keys(selector);
  for (const t of templates) {
    const differingKeys = keys.filter((k) => !podHasLabel(t, k, selector[k]));
    const score = keys.length - differingKeys.length;
    // A useful hint shares a pair with the selector, or differs by a near-miss value (a typo).
    const nearMiss = differingKeys.some((k) => k in t.labels && nearMissOf(k, t.labels[k]));
    if (score === 0 && !nearMiss) continue;
    if (score < bestScore) continue;
    const described = describeTemplate(t);
    if (score > bestScore || (best && described < bestName)) {
      bestScore = score;
      bestName = described;
      best = {
        template: t,
        differingKeys,
        differences: differingKeys.map((k) =>
          isControllerLabel(k)
            ? `${k}=${selector[k]} (not a value its controller sets)`
            : k in t.labels
              ? `${k}=${selector[k]} (it has ${k}=${t.labels[k]})`
              : `${k}=${selector[k]} (it has no ${k} label)`,
        ),
      };
    }
  }
  return best;
}

export function templateNames(templates: readonly PodTemplateView[], max = 3): string {
  // Variants of one workload (the same object in several files) are named once.
  const names = [...new Set(templates.map(describeTemplate))];
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function labelsOf(t: PodTemplateView): string {
  return formatLabels(t.labels) || '(no labels)';
}

/** `web-frontend` vs `web`, `api-svc` vs `api-service`, `backend` vs `bakend`: values that look like the same name. */
function isNearMiss(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a) || commonPrefix(a, b) >= 3 || closest(a, [b]) !== null;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** A StatefulSet's governing Service name (spec.serviceName), or null when absent or empty. */
export function statefulSetServiceName(sts: Resource): string | null {
  const spec = isObject(sts.value.spec) ? sts.value.spec : {};
  return typeof spec.serviceName === 'string' && spec.serviceName !== '' ? spec.serviceName : null;
}
