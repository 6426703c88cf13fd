import { isControllerLabel, podHasLabel } from '../index/controller-labels.js';
import { formatLabels, type Labels } from '../index/labels.js';
import { describeTemplate, WORKLOAD_KINDS, type PodTemplateView } from '../index/pod-templates.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { isObject } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import { isTypoOf, isTypoOfMasked, NameIndex, typoMask } from '../text/closest.js';

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
 * bounded, so that N selectors against N templates stay linear. They are judged list by list, in
 * no particular order and without a set of them (a template on two lists is judged twice, to the
 * same verdict): the answer is the best by (pairs matched, name, file position), whatever the order.
 */
export function closestTemplate(index: ResourceIndex, namespace: string | null, selector: Labels): ClosestTemplate | null {
  const all = index.templatesIn(namespace);
  const judge = new Judge(selector);
  if (all.length <= EXHAUSTIVE) {
    // File order: a tie keeps the first.
    for (const t of all) judge.consider(t, null);
  } else {
    // The candidates in any order (some twice): a tie between the same name goes to file order.
    const prepared = preparedFor(index, namespace, all);
    const order = prepared.order;
    for (const list of candidateLists(index, namespace, selector, prepared)) for (let i = 0; i < list.length && i < PER_PAIR; i++) judge.consider(list[i], order);
  }
  return judge.result();
}

/** What candidateLists() reads of one label key's values in a namespace, prepared once per run. */
interface KeyValues {
  /** The key's values and their templates (labelValues). */
  values: ReadonlyMap<string, readonly PodTemplateView[]>;
  /** All the key's values, for "did you mean". */
  names: NameIndex;
  /** The first VALUES_TRIED + 1 values (map order) and their templates, and each value lower-cased and its typoMask. */
  head: string[];
  headLower: string[];
  headMasks: Int32Array;
  headLists: (readonly PodTemplateView[])[];
}

/** What closestTemplate reads of a namespace with many templates, prepared once per run. */
interface Prepared {
  /** The templates' file positions. */
  order: Map<PodTemplateView, number>;
  /** Per label key, its values (KeyValues), made when a selector first asks for the key. */
  keys: Map<string, KeyValues>;
}

/** Per namespace (null: every namespace), for the run: no key text made per question. */
function preparedFor(index: ResourceIndex, namespace: string | null, all: readonly PodTemplateView[]): Prepared {
  const byNamespace = index.memo('closestTemplate:prepared', () => new Map<string | null, Prepared>());
  let prepared = byNamespace.get(namespace);
  if (!prepared) byNamespace.set(namespace, (prepared = { order: new Map(all.map((t, i) => [t, i])), keys: new Map<string, KeyValues>() }));
  return prepared;
}

function keyValues(index: ResourceIndex, namespace: string | null, prepared: Prepared, k: string): KeyValues {
  let kv = prepared.keys.get(k);
  if (kv) return kv;
  const values = index.labelValues(namespace, k);
  const head: string[] = [];
  const headLists: (readonly PodTemplateView[])[] = [];
  for (const [value, list] of values) {
    if (head.length > VALUES_TRIED) break;
    head.push(value);
    headLists.push(list);
  }
  const headLower = head.map((h) => h.toLowerCase());
  kv = { values, names: new NameIndex(values.keys()), head, headLower, headMasks: Int32Array.from(headLower, typoMask), headLists };
  prepared.keys.set(k, kv);
  return kv;
}

/**
 * The lists of templates closestTemplate reads in a namespace with many templates, each list once
 * (the first PER_PAIR of each): per selector key, the templates with the selector's pair, those with
 * the key's value a typo of the selector's most likely is, those with one of the key's first values
 * that is a near miss.
 */
function candidateLists(index: ResourceIndex, namespace: string | null, selector: Labels, prepared: Prepared): (readonly PodTemplateView[])[] {
  const lists: (readonly PodTemplateView[])[] = [];
  const add = (list: readonly PodTemplateView[]): void => {
    if (list.length > 0 && !lists.includes(list)) lists.push(list);
  };
  for (const k in selector) {
    if (isControllerLabel(k)) continue;
    const v = selector[k];
    add(index.templatesWithLabel(namespace, k, v));
    // The value a typo of `v` most likely is, among all the key's values; then the first few others.
    const { values, names, head, headLower, headMasks, headLists } = keyValues(index, namespace, prepared, k);
    const typo = names.closest(v);
    if (typo !== null) add(values.get(typo) ?? []);
    const lower = v.toLowerCase();
    const mask = typoMask(lower);
    let tried = 0;
    for (let i = 0; i < head.length; i++) {
      const value = head[i];
      if (value === v) continue;
      if (++tried > VALUES_TRIED) break;
      if (sharePrefix3(v, value) || contains(v, value) || isTypoOfMasked(v, lower, mask, value, headLower[i], headMasks[i])) add(headLists[i]);
    }
  }
  return lists;
}

/** Judge's differing keys (one Judge works at a time), grown as needed. */
let differsScratch = new Int32Array(8);

/**
 * The closest template of one selector, of the templates it is shown: the most pairs matched, ties to
 * the first in name order (`Kind name`), then to the first in file order. A template that matches no
 * pair counts only when a value of a key it differs in is a near miss (a typo) of the selector's.
 */
class Judge {
  private readonly keys: string[];
  private readonly values: string[];
  private readonly controller: boolean[];
  /** Per selector key, whether a value is a near miss of the selector's: each (key, value) judged once (made when first needed). */
  private readonly near: (Map<string, boolean> | undefined)[];
  /** The selector keys (indexes) the current template lacks or has with another value: differs[0 .. nDiffers). */
  private readonly differs: Int32Array;
  private nDiffers = 0;
  private best: PodTemplateView | null = null;
  private bestScore = -1;

  constructor(private readonly selector: Labels) {
    this.keys = Object.keys(selector);
    this.values = this.keys.map((k) => selector[k]);
    this.controller = this.keys.map(isControllerLabel);
    this.near = new Array<Map<string, boolean> | undefined>(this.keys.length);
    // One Judge works at a time: the differing keys go in a shared array.
    if (differsScratch.length < this.keys.length) differsScratch = new Int32Array(this.keys.length);
    this.differs = differsScratch;
  }

  /**
   * Judges `t`. `order`: the file positions of the templates, when they are shown in any order; null
   * when they are shown in file order (a tie keeps the first shown).
   */
  consider(t: PodTemplateView, order: ReadonlyMap<PodTemplateView, number> | null): void {
    const { keys, values, controller, differs } = this;
    let nDiffers = 0;
    const labels = t.labels;
    for (let i = 0; i < keys.length; i++) {
      if (controller[i] ? !podHasLabel(t, keys[i], values[i]) : labels[keys[i]] !== values[i]) differs[nDiffers++] = i;
    }
    this.nDiffers = nDiffers;
    const score = keys.length - nDiffers;
    if (score < this.bestScore) return;
    if (score === this.bestScore) {
      const best = this.best!;
      if (t === best) return;
      // Ties go to the first in name order (`Kind name`), then to the first in file order.
      const c = compareDescribed(t, best);
      if (c > 0 || (c === 0 && (order === null || order.get(t)! > order.get(best)!))) return;
    }
    // A useful hint shares a pair with the selector, or differs by a near-miss value (a typo).
    if (score === 0 && !this.nearMiss(t)) return;
    this.bestScore = score;
    this.best = t;
  }

  /**
   * Whether a differing key's value is a near miss (a typo) of the selector's: values already
   * judged first, then the others, until one is.
   */
  private nearMiss(t: PodTemplateView): boolean {
    const { keys, near, differs, nDiffers } = this;
    for (let d = 0; d < nDiffers; d++) {
      const i = differs[d];
      const k = keys[i];
      if (k in t.labels && near[i]?.get(t.labels[k]) === true) return true;
    }
    for (let d = 0; d < nDiffers; d++) {
      const i = differs[d];
      const k = keys[i];
      if (!(k in t.labels)) continue;
      const value = t.labels[k];
      const judged = (near[i] ??= new Map<string, boolean>());
      if (judged.has(value)) continue;
      const v = isNearMiss(this.selector[k], value);
      judged.set(value, v);
      if (v) return true;
    }
    return false;
  }

  result(): ClosestTemplate | null {
    const t = this.best;
    if (t === null) return null;
    const { selector, keys, values, controller } = this;
    const differing = keys.filter((k, i) => (controller[i] ? !podHasLabel(t, k, values[i]) : t.labels[k] !== values[i]));
    return {
      template: t,
      differingKeys: differing,
      differences: differing.map((k) =>
        isControllerLabel(k)
          ? `${k}=${selector[k]} (not a value its controller sets)`
          : k in t.labels
            ? `${k}=${selector[k]} (it has ${k}=${t.labels[k]})`
            : `${k}=${selector[k]} (it has no ${k} label)`,
      ),
    };
  }
}

/** describeTemplate(a) compared with describeTemplate(b) (-1, 0, 1), without making the texts when the kinds are the same. */
function compareDescribed(a: PodTemplateView, b: PodTemplateView): number {
  const x = a.owner.kind === b.owner.kind ? a.owner.name : describeTemplate(a);
  const y = a.owner.kind === b.owner.kind ? b.owner.name : describeTemplate(b);
  return x < y ? -1 : x === y ? 0 : 1;
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
  return sharePrefix3(a, b) || contains(a, b) || isTypoOf(a, b);
}

/** Whether one of the two holds the other (only the longer can). */
function contains(a: string, b: string): boolean {
  return a.length >= b.length ? a.includes(b) : b.includes(a);
}

/** Whether the two share their first three characters. */
function sharePrefix3(a: string, b: string): boolean {
  return a.length >= 3 && b.length >= 3 && a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1) && a.charCodeAt(2) === b.charCodeAt(2);
}

/** A StatefulSet's governing Service name (spec.serviceName), or null when absent or empty. */
export function statefulSetServiceName(sts: Resource): string | null {
  const spec = isObject(sts.value.spec) ? sts.value.spec : {};
  return typeof spec.serviceName === 'string' && spec.serviceName !== '' ? spec.serviceName : null;
}
