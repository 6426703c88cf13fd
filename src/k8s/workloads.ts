import { isControllerLabel, podHasLabel } from '../index/controller-labels.js';
import { formatLabels, type Labels } from '../index/labels.js';
import { describeTemplate, WORKLOAD_KINDS, type PodTemplateView } from '../index/pod-templates.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { isObject } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import { isTypoOf, isTypoOfLower, NameIndex } from '../text/closest.js';

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

/** What candidates() reads of one label key's values in a namespace, prepared once per run. */
interface KeyValues {
  /** All the key's values, for "did you mean". */
  names: NameIndex;
  /** The first VALUES_TRIED + 1 values (map order) and their templates, and each value lower-cased. */
  head: string[];
  headLower: string[];
  headLists: (readonly PodTemplateView[])[];
}

/** The bounded candidate set of closestTemplate, in file order. */
function candidates(index: ResourceIndex, namespace: string | null, selector: Labels): PodTemplateView[] {
  const found = new Set<PodTemplateView>();
  const add = (list: readonly PodTemplateView[]): void => {
    for (let i = 0; i < list.length && i < PER_PAIR; i++) found.add(list[i]);
  };
  for (const k in selector) {
    if (isControllerLabel(k)) continue;
    const v = selector[k];
    add(index.templatesWithLabel(namespace, k, v));
    // The value a typo of `v` most likely is, among all the key's values; then the first few others.
    const values = index.labelValues(namespace, k);
    const prepared = index.memo(`closestTemplate:values:${namespace ?? '*'}\u0000${k}`, (): KeyValues => {
      const head: string[] = [];
      const headLists: (readonly PodTemplateView[])[] = [];
      for (const [value, list] of values) {
        if (head.length > VALUES_TRIED) break;
        head.push(value);
        headLists.push(list);
      }
      return { names: new NameIndex(values.keys()), head, headLower: head.map((h) => h.toLowerCase()), headLists };
    });
    const typo = prepared.names.closest(v);
    if (typo !== null) add(values.get(typo) ?? []);
    const { head, headLower, headLists } = prepared;
    const lower = v.toLowerCase();
    let tried = 0;
    for (let i = 0; i < head.length; i++) {
      const value = head[i];
      if (value === v) continue;
      if (++tried > VALUES_TRIED) break;
      if (isNearMissLower(v, lower, value, headLower[i])) add(headLists[i]);
    }
  }
  // File order: the templates' positions in the namespace's list, sorted as numbers.
  const order = index.memo(`closestTemplate:order:${namespace ?? '*'}`, () => new Map(index.templatesIn(namespace).map((t, i) => [t, i])));
  const all = index.templatesIn(namespace);
  const positions = new Float64Array(found.size);
  let n = 0;
  for (const t of found) positions[n++] = order.get(t)!;
  positions.sort();
  const out: PodTemplateView[] = new Array<PodTemplateView>(n);
  for (let i = 0; i < n; i++) out[i] = all[positions[i]];
  return out;
}

function bestTemplate(templates: readonly PodTemplateView[], selector: Labels): ClosestTemplate | null {
  const keys = Object.keys(selector);
  let best: PodTemplateView | null = null;
  let bestDiffering: string[] = [];
  let bestScore = -1;
  // Many templates share a value: each (key, value) is judged once (one map per selector key).
  const near = keys.map(() => new Map<string, boolean>());
  const values = keys.map((k) => selector[k]);
  const controller = keys.map(isControllerLabel);
  /** The selector keys (indexes) the current template lacks or has with another value: differs[0 .. nDiffers). */
  const differs = new Int32Array(keys.length);
  let nDiffers = 0;
  /**
   * Whether a differing key's value is a near miss (a typo) of the selector's: values already
   * judged first, then the others, until one is.
   */
  const nearMiss = (t: PodTemplateView): boolean => {
    for (let d = 0; d < nDiffers; d++) {
      const i = differs[d];
      const k = keys[i];
      if (k in t.labels && near[i].get(t.labels[k]) === true) return true;
    }
    for (let d = 0; d < nDiffers; d++) {
      const i = differs[d];
      const k = keys[i];
      if (!(k in t.labels)) continue;
      const value = t.labels[k];
      if (near[i].has(value)) continue;
      const v = isNearMiss(selector[k], value);
      near[i].set(value, v);
      if (v) return true;
    }
    return false;
  };
  for (const t of templates) {
    nDiffers = 0;
    const labels = t.labels;
    for (let i = 0; i < keys.length; i++) {
      if (controller[i] ? !podHasLabel(t, keys[i], values[i]) : labels[keys[i]] !== values[i]) differs[nDiffers++] = i;
    }
    const score = keys.length - nDiffers;
    if (score < bestScore) continue;
    // Ties go to the first in name order (`Kind name`), then to the first in file order.
    if (score === bestScore && !describedBefore(t, best!)) continue;
    // A useful hint shares a pair with the selector, or differs by a near-miss value (a typo).
    if (score === 0 && !nearMiss(t)) continue;
    bestScore = score;
    best = t;
    bestDiffering = Array.from(differs.subarray(0, nDiffers), (i) => keys[i]);
  }
  if (best === null) return null;
  const t = best;
  return {
    template: t,
    differingKeys: bestDiffering,
    differences: bestDiffering.map((k) =>
      isControllerLabel(k)
        ? `${k}=${selector[k]} (not a value its controller sets)`
        : k in t.labels
          ? `${k}=${selector[k]} (it has ${k}=${t.labels[k]})`
          : `${k}=${selector[k]} (it has no ${k} label)`,
    ),
  };
}

/** describeTemplate(a) < describeTemplate(b), without making the texts when the kinds are the same. */
function describedBefore(a: PodTemplateView, b: PodTemplateView): boolean {
  if (a.owner.kind === b.owner.kind) return a.owner.name < b.owner.name;
  return describeTemplate(a) < describeTemplate(b);
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
  return a.includes(b) || b.includes(a) || commonPrefix(a, b) >= 3 || isTypoOf(a, b);
}

/** isNearMiss(a, b), given both lower-cased. */
function isNearMissLower(a: string, aLower: string, b: string, bLower: string): boolean {
  return a.includes(b) || b.includes(a) || commonPrefix(a, b) >= 3 || isTypoOfLower(a, aLower, b, bLower);
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
