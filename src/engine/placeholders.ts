import { parsePointer } from '../model/pointer.js';
import type { Resource } from '../model/types.js';

/**
 * A value written as a template, to be filled in before the file is applied: a Go template action
 * (`{{ .Values.host }}`, `{{YOUR_DOMAIN}}`), a `{NAME}` placeholder (a capital, then letters, digits,
 * `_`; not `${…}`, `#{…}`, `%{…}`), or a shell variable (`${DOMAIN}`, `${PORT:-80}`); where a value
 * itself is judged, also a word a script replaces (PLACEHOLDER_WORD) or a whole value in angle
 * brackets (ANGLE_PLACEHOLDER).
 */
const TEMPLATED = /\{\{[^}]*\}\}|(?<![$#%{])\{[A-Z][A-Za-z0-9_]+\}(?!\})|\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}/;
/**
 * A word a script replaces (`sed s/REPLACEME/…/`), standing alone or as a `-`/`.`-separated part of a
 * value (`REPLACEME-canary`, `ROLLOUT_NAME-active`): REPLACEME, CHANGEME, PLACEHOLDER (or
 * `PLACEHOLDER_…`: Gateway API conformance's `PLACEHOLDER_USABLE_ADDRS`), `YOUR_…`, or
 * capitals ending in `_NAME`. Kubernetes names are lowercase, so the author never meant it as a name.
 * Only the judged value itself counts, not a message's data (Istio enums such as ISTIO_MUTUAL are
 * capitals too).
 */
const PLACEHOLDER_WORD = /(?:^|[-./:])(?:REPLACE_?ME|CHANGE_?ME|PLACEHOLDER(?:_[A-Z0-9]+)*|YOUR_[A-Z0-9_]+|[A-Z][A-Z0-9_]*_NAME)(?=$|[-./:])/;
/** A whole value in angle brackets, the reader's to fill in (`<ADD LUN ID Here>`, `<your-bucket>`). */
const ANGLE_PLACEHOLDER = /^<[^<>\n]+>$/;

// Each test first looks for the character its pattern cannot do without (a brace, a capital, a
// leading `<`): most values have none, and every report asks.
const CAPITAL = /[A-Z]/;

function templated(v: unknown): boolean {
  return typeof v === 'string' && v.includes('{') && TEMPLATED.test(v);
}

function placeholder(v: unknown): boolean {
  return (
    typeof v === 'string' &&
    ((v.includes('{') && TEMPLATED.test(v)) || (CAPITAL.test(v) && PLACEHOLDER_WORD.test(v)) || (v.charCodeAt(0) === 0x3c && ANGLE_PLACEHOLDER.test(v)))
  );
}

/**
 * Whether a report judges a value that only exists once a template is filled in (`host:
 * "kibana.{{YOUR_DOMAIN}}"`, `gatewayClassName: "{GATEWAY_CLASS_NAME}"`, a parentRef named
 * `"{REF_GATEWAY_NAME}"`): the value at its pointer is templated, or the object there has a templated
 * string field (a reference's name), or a value its message names is. The engine drops such reports,
 * for every rule: the file is linted, but its placeholders are not judged as values.
 */
export function judgesTemplatedValue(resource: Resource, at: string, data?: Record<string, string | number>): boolean {
  if (data) for (const k in data) if (templated(data[k])) return true;
  if (!holdsPlaceholder(resource)) return false;
  let node: unknown = resource.value;
  // The pointer walked in place (every report asks: no token list), escaped tokens (`~`) through parsePointer.
  if (at.includes('~')) {
    for (const key of parsePointer(at)) {
      node = child(node, key);
      if (node === undefined) return false;
    }
  } else if (at !== '') {
    if (at.charCodeAt(0) !== 0x2f /* / */) parsePointer(at); // throws, as parsePointer does
    for (let i = 1; ; ) {
      const slash = at.indexOf('/', i);
      const end = slash < 0 ? at.length : slash;
      node = childAt(node, at, i, end);
      if (node === undefined) return false;
      if (slash < 0) break;
      i = slash + 1;
    }
  }
  if (placeholder(node)) return true;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  return Object.values(node).some(placeholder);
}

/** Per object searched: whether any string value in it is a placeholder. */
const holds = new WeakMap<Resource, boolean>();
/**
 * The object of the last report, whether it holds a placeholder once known, else its reports so far:
 * reports come object by object (each object's rules run in turn), so most ask about the same object
 * as the one before (no WeakMap lookup per report; an object asked about again later counts anew).
 */
let current: Resource | null = null;
let currentHolds: boolean | undefined;
let currentReports = 0;

/** Reports on one object before its values are searched once for placeholders (a pointer walk is cheaper for a few). */
const WALK_AFTER = 8;

/**
 * Whether any string value of the object, at any depth, may be a placeholder: when none is, no report
 * on it judges one, and its pointer need not be walked (a finding per item of a long list asks as
 * many times). The first few reports on an object answer true (their pointers are walked). The values
 * are searched in place (`search`: nothing allocated); when that reads more than SEARCH_BUDGET values
 * or nests deeper than SEARCH_DEPTH (shared, aliased values are read again each time they occur), once
 * more with each value read once (`searchOnce`). Both give the same answer.
 */
function holdsPlaceholder(resource: Resource): boolean {
  if (resource !== current) {
    current = resource;
    currentHolds = holds.get(resource);
    currentReports = 0;
  }
  if (currentHolds !== undefined) return currentHolds;
  if (++currentReports < WALK_AFTER) return true;
  left = SEARCH_BUDGET;
  let found = search(resource.value, 0);
  if (left < 0) found = searchOnce(resource.value);
  holds.set(resource, found);
  currentHolds = found;
  return found;
}

/** The values `search` may still read; below zero when it gave up (its answer then says nothing). */
let left = 0;
const SEARCH_BUDGET = 100_000;
const SEARCH_DEPTH = 200;

/** Whether `v` holds a placeholder string at any depth, read in place; gives up (left < 0) past the budget or the depth. */
function search(v: unknown, depth: number): boolean {
  if (--left < 0) return false;
  if (typeof v === 'string') return placeholder(v);
  if (typeof v !== 'object' || v === null) return false;
  if (depth === SEARCH_DEPTH) {
    left = -1;
    return false;
  }
  // A true answer is final; past the budget, the caller searches again.
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (search(v[i], depth + 1)) return true;
      if (left < 0) return false;
    }
  } else {
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      if (search((v as Record<string, unknown>)[k], depth + 1)) return true;
      if (left < 0) return false;
    }
  }
  return false;
}

/** Whether `v` holds a placeholder string at any depth, each value read once (shared, aliased values are not read again). */
function searchOnce(value: unknown): boolean {
  let found = false;
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (placeholder(v)) {
        found = true;
        break;
      }
    } else if (typeof v === 'object' && v !== null && !seen.has(v)) {
      seen.add(v);
      if (Array.isArray(v)) for (const item of v) stack.push(item);
      else for (const item of Object.values(v)) stack.push(item);
    }
  }
  return found;
}

/** Number(at.slice(from, to)), for 1 to 9 characters: read in place when all are digits. */
function digitsAt(at: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = at.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return Number(at.slice(from, to));
    n = n * 10 + d;
  }
  return n;
}

/** The keys of an object childAt compares with a token before it looks the token up. */
const KEYS_READ = 16;

/**
 * `child(node, at.slice(from, to))`, read in place (every report asks: no token made): an item of a
 * list by its number, for tokens of a few digits; a field of an object by the key of the object that
 * the token spells (objects have a few keys), else by the token itself (what none of the first
 * KEYS_READ keys spells: missing, inherited, or in a large map).
 */
function childAt(node: unknown, at: string, from: number, to: number): unknown {
  if (Array.isArray(node)) return to > from && to - from <= 9 ? node[digitsAt(at, from, to)] : node[Number(at.slice(from, to))];
  if (typeof node !== 'object' || node === null) return undefined;
  const length = to - from;
  let read = 0;
  for (const k in node) {
    if (k.length === length && at.startsWith(k, from)) return (node as Record<string, unknown>)[k];
    if (++read === KEYS_READ) break; // a large map: by the token
  }
  return (node as Record<string, unknown>)[at.slice(from, to)];
}

/** The child `key` of a value; undefined where there is none (or the value is no collection). */
function child(node: unknown, key: string): unknown {
  if (Array.isArray(node)) return node[Number(key)];
  if (typeof node === 'object' && node !== null) return (node as Record<string, unknown>)[key];
  return undefined;
}
