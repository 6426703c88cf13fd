/**
 * closestTemplate as it was before issue 15's second cross-reference round (commit 12da25e: a set of
 * candidates sorted into file order, then judged in that order), kept verbatim as the reference that
 * test/workloads.test.ts compares the current one with on random inputs. Not used by kubewire.
 */
import { isControllerLabel, podHasLabel } from '../src/index/controller-labels.js';
import type { Labels } from '../src/index/labels.js';
import { describeTemplate, type PodTemplateView } from '../src/index/pod-templates.js';
import type { ResourceIndex } from '../src/index/resource-index.js';
import { isTypoOf, NameIndex } from '../src/text/closest.js';

export interface ClosestTemplate {
  template: PodTemplateView;
  differences: string[];
  differingKeys: string[];
}

const EXHAUSTIVE = 200;
const PER_PAIR = 50;
const VALUES_TRIED = 50;

export function closestTemplate(index: ResourceIndex, namespace: string | null, selector: Labels): ClosestTemplate | null {
  const all = index.templatesIn(namespace);
  return bestTemplate(all.length <= EXHAUSTIVE ? all : candidates(index, namespace, selector), selector);
}

/** What candidates() reads of one label key's values in a namespace, prepared once per run. */
interface KeyValues {
  /** All the key's values, for "did you mean". */
  names: NameIndex;
  /** The first VALUES_TRIED + 1 values (map order) and their templates. */
  head: string[];
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
    const prepared = index.memo(`previous:closestTemplate:values:${namespace ?? '*'}\u0000${k}`, (): KeyValues => {
      const head: string[] = [];
      const headLists: (readonly PodTemplateView[])[] = [];
      for (const [value, list] of values) {
        if (head.length > VALUES_TRIED) break;
        head.push(value);
        headLists.push(list);
      }
      return { names: new NameIndex(values.keys()), head, headLists };
    });
    const typo = prepared.names.closest(v);
    if (typo !== null) add(values.get(typo) ?? []);
    const { head, headLists } = prepared;
    let tried = 0;
    for (let i = 0; i < head.length; i++) {
      const value = head[i];
      if (value === v) continue;
      if (++tried > VALUES_TRIED) break;
      if (isNearMiss(v, value)) add(headLists[i]);
    }
  }
  // File order: the templates' positions in the namespace's list, sorted as numbers.
  const order = index.memo(`previous:closestTemplate:order:${namespace ?? '*'}`, () => new Map(index.templatesIn(namespace).map((t, i) => [t, i])));
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

/** `web-frontend` vs `web`, `api-svc` vs `api-service`, `backend` vs `bakend`: values that look like the same name. */
function isNearMiss(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a) || commonPrefix(a, b) >= 3 || isTypoOf(a, b);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

