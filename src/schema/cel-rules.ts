/**
 * CRD validation rules (`x-kubernetes-validations`) evaluated as the API server does on create:
 * after the structural schema, on the object as the API server holds it then (unknown fields
 * pruned, non-nullable nulls dropped, defaults applied, integers as CEL ints), each rule with `self`
 * = the value of the node that carries it. Transition rules (those that use `oldSelf`) are skipped,
 * unless `optionalOldSelf` makes them evaluate with `oldSelf` absent. A node whose value or
 * descendants already have a schema problem (other than unknown fields, which are pruned) is not
 * judged: its rules would judge a value the API server rejects anyway.
 *
 * The CEL module (src/cel, and @marcbachmann/cel-js) is loaded only when a schema with rules is in
 * use: `loadCel()` before the rules run (SchemaService.prepare, the worker's analyzer), else
 * synchronously on first use from dist/src.
 */
import { celNow } from '../cel/load.js';
import { isObject } from '../model/resources.js';
import type { SchemaProblem } from './validator.js';

import type { CompileResult } from '../cel/index.js';

/** Loads the CEL module (once); validators evaluate rules only once it is loaded (src/cel/load.ts). */
export { loadCel } from '../cel/load.js';

interface Rule {
  rule: string;
  /** Uses oldSelf: a transition rule. */
  transition: boolean;
  message: string | null;
  messageExpression: string | null;
  reason: string;
  fieldPath: string | null;
  optionalOldSelf: boolean;
  /** Compiled on first use (the CEL module caches too; this saves the lookup per node). */
  program?: CompileResult;
  messageProgram?: CompileResult;
}

/** A schema node as the rules need it. */
interface Node {
  rules: Rule[];
  /** This node or one below carries rules. */
  judged: boolean;
  type: string | null;
  intOrString: boolean;
  nullable: boolean;
  preserve: boolean;
  embedded: boolean;
  properties: Map<string, Node> | null;
  additional: Node | null;
  items: Node | null;
  /** Defaults of the properties, applied when a property is absent. */
  defaults: [string, unknown][];
}

const trees = new WeakMap<object, Node | null>();

/** The rule tree of a CRD version's openAPIV3Schema, or null when it carries no rule (cached). */
export function celTree(openAPIV3Schema: Record<string, unknown>): Node | null {
  let tree = trees.get(openAPIV3Schema);
  if (tree === undefined) {
    const root = build(openAPIV3Schema);
    tree = root.judged ? root : null;
    trees.set(openAPIV3Schema, tree);
  }
  return tree;
}

function rulesOf(node: Record<string, unknown>): Rule[] {
  const list = node['x-kubernetes-validations'];
  if (!Array.isArray(list)) return [];
  const out: Rule[] = [];
  for (const r of list) {
    if (!isObject(r) || typeof r.rule !== 'string') continue;
    out.push({
      rule: r.rule,
      transition: /\boldSelf\b/.test(r.rule),
      message: typeof r.message === 'string' && r.message.trim() !== '' ? r.message : null,
      messageExpression: typeof r.messageExpression === 'string' && r.messageExpression.trim() !== '' ? r.messageExpression : null,
      reason: typeof r.reason === 'string' ? r.reason : 'FieldValueInvalid',
      fieldPath: typeof r.fieldPath === 'string' && r.fieldPath !== '' ? r.fieldPath : null,
      optionalOldSelf: r.optionalOldSelf === true,
    });
  }
  return out;
}

function build(node: Record<string, unknown>): Node {
  const out: Node = {
    rules: rulesOf(node),
    judged: false,
    type: typeof node.type === 'string' ? node.type : null,
    intOrString: node['x-kubernetes-int-or-string'] === true,
    nullable: node.nullable === true,
    preserve: node['x-kubernetes-preserve-unknown-fields'] === true,
    embedded: node['x-kubernetes-embedded-resource'] === true,
    properties: null,
    additional: null,
    items: null,
    defaults: [],
  };
  let judged = out.rules.length > 0;
  if (isObject(node.properties)) {
    out.properties = new Map();
    for (const [k, v] of Object.entries(node.properties)) {
      if (!isObject(v)) continue;
      const child = build(v);
      out.properties.set(k, child);
      judged ||= child.judged;
      if (v.default !== undefined) out.defaults.push([k, v.default]);
    }
  }
  if (isObject(node.additionalProperties)) {
    out.additional = build(node.additionalProperties);
    judged ||= out.additional.judged;
  }
  if (isObject(node.items)) {
    out.items = build(node.items);
    judged ||= out.items.judged;
  }
  out.judged = judged;
  return out;
}

/** `.spec.rules`, `.map['key']`, `[0]` → JSON pointer tokens (null when it is not a field path). */
function fieldPathTokens(path: string): string[] | null {
  const tokens: string[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[(\d+)\]/y;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m) return null;
    tokens.push((m[1] ?? m[2] ?? m[3] ?? m[4]).replace(/\\(.)/g, '$1'));
    at = re.lastIndex;
  }
  return tokens;
}

function escapeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Judged values, by schema node and the value's JSON: objects of a repository repeat the same parts (route matches, parent references). */
const memo = new WeakMap<Node, Map<string, { self: unknown; problems: SchemaProblem[] }>>();
let memoSize = 0;
/** Bounds of the memo: values up to this long, and this many in all (then values are judged afresh). */
const MEMO_KEY_CHARS = 1024;
const MEMO_ENTRIES = 20_000;

/**
 * The CEL problems of an object against the rule tree of its schema, given its structural
 * problems (nodes at or above one are not judged, but for unknown fields).
 */
export function celProblems(value: unknown, tree: Node, structural: readonly SchemaProblem[]): SchemaProblem[] {
  const lib = celNow();
  if (!lib) return [];
  const blocked = new Set<string>();
  for (const p of structural) {
    if (p.kind === 'unknown' || p.kind === 'cel') continue;
    let at = p.at;
    blocked.add(at);
    while (at !== '') {
      at = at.slice(0, at.lastIndexOf('/'));
      blocked.add(at);
    }
  }
  const out: SchemaProblem[] = [];
  const noneOldSelf = lib.optionalNone();

  const judge = (node: Node, self: unknown, at: string) => {
    for (const r of node.rules) {
      const { transition } = r;
      if (transition && !r.optionalOldSelf) continue;
      const variables = transition ? ['self', 'oldSelf'] : ['self'];
      const compiled = (r.program ??= lib.compile(r.rule, { variables }));
      if (!compiled.ok) {
        out.push({ kind: 'cel', at, outcome: 'uncompiled', rule: r.rule, message: compiled.error, reason: r.reason });
        continue;
      }
      const activation = transition ? { self, oldSelf: noneOldSelf } : { self };
      const result = compiled.program.evaluate(activation);
      if (!result.ok) {
        out.push({ kind: 'cel', at, outcome: result.kind === 'cost' ? 'cost' : 'unevaluated', rule: r.rule, message: result.error, reason: r.reason });
        continue;
      }
      if (typeof result.value !== 'boolean') {
        out.push({ kind: 'cel', at, outcome: 'uncompiled', rule: r.rule, message: `it gives ${typeof result.value}, not a bool`, reason: r.reason });
        continue;
      }
      if (result.value) continue;
      let message = r.message ?? `failed rule: ${r.rule}`;
      if (r.messageExpression) {
        const m = (r.messageProgram ??= lib.compile(r.messageExpression, { variables }));
        const v = m.ok ? m.program.evaluate(activation) : null;
        if (v?.ok && typeof v.value === 'string' && v.value.trim() !== '' && !/[\r\n]/.test(v.value)) message = v.value;
      }
      const tokens = r.fieldPath ? fieldPathTokens(r.fieldPath) : null;
      const target = tokens ? at + tokens.map((t) => `/${escapeToken(t)}`).join('') : at;
      out.push({ kind: 'cel', at: target, outcome: 'failed', rule: r.rule, message, reason: r.reason });
    }
  };

  /**
   * The value as CEL sees it; judges the rules of the nodes below on the way. `needed`: a node above
   * has rules, so the value is read; otherwise a subtree without rules is not converted at all.
   */
  const walk = (node: Node | null, v: unknown, at: string, root = false, needed = false): unknown => {
    if (!needed && !node?.judged) return undefined;
    // A node with rules whose value was judged before (same value, same schema node): the same converted
    // value and the same problems, unless a structural problem at or below it blocks some of them.
    const memoable = !root && node !== null && node.rules.length > 0 && v !== null && typeof v === 'object' && !blocked.has(at);
    let key: string | undefined;
    if (memoable) {
      key = JSON.stringify(v);
      const hit = key.length <= MEMO_KEY_CHARS ? memo.get(node)?.get(key) : undefined;
      if (hit) {
        for (const p of hit.problems) out.push({ ...p, at: at + p.at });
        return hit.self;
      }
    }
    const start = out.length;
    const below = needed || (node !== null && node.rules.length > 0);
    let self: unknown;
    if (Array.isArray(v)) {
      self = v.map((x, i) => walk(node?.items ?? null, x, `${at}/${i}`, false, below));
    } else if (isObject(v)) {
      const obj: Record<string, unknown> = {};
      const keepAll = !node || node.preserve || (!node.properties && !node.additional);
      for (const [k, x] of Object.entries(v)) {
        let child = node?.properties?.get(k) ?? node?.additional ?? null;
        if (root && (k === 'apiVersion' || k === 'kind')) child = null;
        else if (!child && !keepAll && !(node?.embedded && (k === 'apiVersion' || k === 'kind' || k === 'metadata'))) continue; // pruned
        if (x === null && !child?.nullable) continue; // unset
        if (root && k === 'metadata' && isObject(x)) {
          // The root's metadata: CEL sees only name and generateName.
          const meta: Record<string, unknown> = {};
          if (typeof x.name === 'string') meta.name = x.name;
          if (typeof x.generateName === 'string') meta.generateName = x.generateName;
          obj[k] = meta;
          continue;
        }
        obj[k] = walk(child, x, `${at}/${escapeToken(k)}`, false, below);
      }
      for (const [k, d] of node?.defaults ?? []) {
        if (!(k in obj)) obj[k] = convert(node!.properties!.get(k) ?? null, d);
      }
      self = obj;
    } else self = scalar(node, v);
    if (node && node.rules.length > 0 && v !== null && !blocked.has(at)) judge(node, self, at);
    if (key !== undefined && key.length <= MEMO_KEY_CHARS && memoSize < MEMO_ENTRIES) {
      let byValue = memo.get(node!);
      if (!byValue) memo.set(node!, (byValue = new Map<string, { self: unknown; problems: SchemaProblem[] }>()));
      byValue.set(key, { self, problems: out.slice(start).map((p) => ({ ...p, at: p.at.slice(at.length) })) });
      memoSize++;
    }
    return self;
  };

  /** A default value (never modified: converting copies objects and lists): converted, defaulted within, not judged. */
  const convert = (node: Node | null, v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((x) => convert(node?.items ?? null, x));
    if (isObject(v)) {
      const obj: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) obj[k] = convert(node?.properties?.get(k) ?? node?.additional ?? null, x);
      for (const [k, d] of node?.defaults ?? []) if (!(k in obj)) obj[k] = convert(node!.properties!.get(k) ?? null, d);
      return obj;
    }
    return scalar(node, v);
  };

  walk(tree, value, '', true);
  return out;
}

/** A scalar as CEL sees it: integer fields (and int-or-string numbers) as ints, `number` fields as doubles. */
function scalar(node: Node | null, v: unknown): unknown {
  if (typeof v !== 'number') return v;
  if (node?.type === 'number') return v;
  return Number.isSafeInteger(v) ? BigInt(v) : v;
}
