/**
 * CEL for kubewire: one environment with the Kubernetes CEL libraries
 * (https://kubernetes.io/docs/reference/using-api/cel/) on @marcbachmann/cel-js, expressions
 * compiled once and cached, evaluation bounded by a step budget.
 *
 *   const compiled = compile('self.minReplicas <= self.replicas', { variables: ['self'] });
 *   if (!compiled.ok) report(compiled.error);
 *   const result = compiled.program.evaluate({ self: toCel(value) });
 *   if (result.ok) use(result.value); else report(result.error);  // result.kind: 'error' | 'cost'
 *
 * Libraries: the standard functions and macros (has, all, exists, exists_one, map, filter,
 * cel.bind), optional types (`.?field`, `optional.of`…), the strings extension (charAt, indexOf,
 * lastIndexOf, lowerAscii, upperAscii, replace, split, substring, trim, join, reverse, format,
 * strings.quote), lists (isSorted, sum, min, max, indexOf, lastIndexOf), sets (sets.contains,
 * sets.equivalent, sets.intersects), regex (matches, find, findAll; RE2 syntax translated), url,
 * ip and cidr, quantity, format. Variables are declared `dyn`: values are checked when evaluated.
 *
 * Values: integers are `bigint` (CEL int), other numbers `number` (double), objects maps (plain
 * objects or Map), arrays lists; `toCel` converts JSON, `fromCel` converts back.
 *
 * The step budget counts the iterations of comprehensions (all, exists, exists_one, map, filter),
 * nested ones included: an evaluation that needs more than `costLimit` of them stops with
 * `{ ok: false, kind: 'cost' }`.
 */
import { Environment, type ASTNode, type ParseResult } from '@marcbachmann/cel-js';
import { registerFormat } from './format.js';
import { registerIP } from './ip.js';
import { registerLists } from './lists.js';
import { registerQuantity } from './quantity.js';
import { re2 } from './regex.js';
import { registerStrings } from './strings.js';
import { registerURL } from './url.js';

export { celEquals, fromCel, toCel } from './values.js';

/** Comprehension iterations one evaluation may take, unless the caller gives another limit. */
export const DEFAULT_COST_LIMIT = 100_000;

export interface CompileOptions {
  /** The variables the expression may use (each `dyn`), e.g. ['self'] or ['object', 'oldObject', 'params']. */
  variables: readonly string[];
}

export interface EvaluateOptions {
  /** Comprehension iterations allowed (DEFAULT_COST_LIMIT). */
  costLimit?: number;
}

export type EvaluateResult =
  | { ok: true; value: unknown }
  /** `error`: the expression failed (no such key, no matching overload, a library error); `cost`: the step budget ran out. */
  | { ok: false; kind: 'error' | 'cost'; error: string };

export interface CelProgram {
  readonly expression: string;
  readonly variables: readonly string[];
  /** Evaluates with these variable values (missing variables are unbound: using one is an error). */
  evaluate(activation: Record<string, unknown>, options?: EvaluateOptions): EvaluateResult;
}

export type CompileResult = { ok: true; program: CelProgram } | { ok: false; error: string };

class CostExceeded extends Error {}

/** The budget of the evaluation in progress (evaluation is synchronous: one at a time). */
let budget = Infinity;

function tick(): void {
  if (--budget < 0) throw new CostExceeded('cost limit exceeded');
}

let base: Environment | null = null;
const environments = new Map<string, Environment>();

function baseEnvironment(): Environment {
  if (!base) {
    base = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false, unlistedVariablesAreDyn: false });
    registerStrings(base);
    registerLists(base);
    registerURL(base);
    registerIP(base);
    registerQuantity(base);
    registerFormat(base);
    // Overloads cel-js has with other semantics (the parsed expression calls these instead: see RENAMED).
    base.registerFunction('string.k8s_matches(string): bool', (s: string, p: string) => re2(p).test(s));
    base.registerFunction('k8s_matches(string, string): bool', (s: string, p: string) => re2(p).test(s));
    base.registerFunction('string.k8s_lowerAscii(): string', (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()));
    base.registerFunction('string.k8s_upperAscii(): string', (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase()));
  }
  return base;
}

function environment(variables: readonly string[]): Environment {
  const key = [...variables].sort().join(',');
  let env = environments.get(key);
  if (!env) {
    env = baseEnvironment().clone();
    for (const v of variables) env.registerVariable(v, 'dyn');
    environments.set(key, env);
  }
  return env;
}

interface Node {
  op: string;
  args: unknown;
  meta: { alternate?: Node; macro?: { args?: unknown; typeCheck: unknown; evaluate: unknown; macroHasProps?: unknown } };
  evaluate: (ev: unknown, ast: unknown, ctx: unknown) => unknown;
}

function isNode(v: unknown): v is Node {
  return !!v && typeof v === 'object' && typeof (v as Node).op === 'string' && 'meta' in v;
}

/** Every node of a parsed expression, macro expansions included. */
function walk(node: unknown, visit: (n: Node) => void, seen = new Set<unknown>()): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit, seen);
    return;
  }
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (isNode(node)) {
    visit(node);
    walk(node.args, visit, seen);
    walk(node.meta.alternate, visit, seen);
    walk(node.meta.macro?.args, visit, seen);
  } else if (Object.getPrototypeOf(node) === Object.prototype) {
    for (const v of Object.values(node)) walk(v, visit, seen);
  }
}

/**
 * `has(e.f)` for any operand `e` (cel-js accepts only a chain of field selections on a variable:
 * `has(self.rules[0].matches)` is valid CEL and Gateway API uses it).
 */
function fixHas(node: Node): void {
  const macro = node.meta.macro;
  if (!macro || !Array.isArray(macro.args) || macro.args.length !== 1) return;
  const select = macro.args[0] as Node;
  if (!isNode(select) || (select.op !== '.' && select.op !== '.?')) return;
  const [operand, field] = select.args as [Node, string];
  macro.typeCheck = (checker: { check(n: unknown, ctx: unknown): unknown; getType(t: string): unknown }, _m: unknown, ctx: unknown) => {
    checker.check(operand, ctx);
    return checker.getType('bool');
  };
  macro.evaluate = (ev: { run(n: unknown, ctx: unknown): unknown; debugType(v: unknown): { fieldLazy(o: unknown, k: string, n: unknown, e: unknown): unknown } }, _m: unknown, ctx: unknown) => {
    const obj = ev.run(operand, ctx);
    return ev.debugType(obj).fieldLazy(obj, field, select, ev) !== undefined;
  };
}

/** Counts each evaluation of a comprehension's step against the budget. */
function instrumentStep(step: Node): void {
  let inner: Node['evaluate'] | null = null;
  const original = Object.getPrototypeOf(step) as { evaluate: Node['evaluate'] };
  const counted: Node['evaluate'] = function (this: Node, ev, ast, ctx) {
    // The first call goes through the prototype's evaluate, which stores the resolved one (setter) and calls it (getter).
    if (!inner) return original.evaluate.call(step, ev, ast, ctx);
    tick();
    return inner.call(step, ev, ast, ctx);
  };
  Object.defineProperty(step, 'evaluate', {
    configurable: true,
    get: () => counted,
    set: (v: Node['evaluate']) => {
      inner = v;
    },
  });
}

/**
 * Functions cel-js defines otherwise than cel-go, whose overloads cannot be replaced: calls are
 * renamed to kubewire's. `matches` takes RE2 syntax (cel-js: a JavaScript RegExp, compiled per call);
 * lowerAscii/upperAscii change ASCII letters only (cel-js: every letter).
 */
const RENAMED: Record<string, string> = { matches: 'k8s_matches', lowerAscii: 'k8s_lowerAscii', upperAscii: 'k8s_upperAscii' };

function prepare(ast: ASTNode): void {
  walk(ast, (n) => {
    if ((n.op === 'call' || n.op === 'rcall') && Array.isArray(n.args)) {
      const renamed = typeof n.args[0] === 'string' ? RENAMED[n.args[0]] : undefined;
      if (renamed) n.args[0] = renamed;
      if (n.op === 'call' && n.args[0] === 'has') fixHas(n);
    }
    if (n.op === 'comprehension' && n.args && typeof n.args === 'object' && isNode((n.args as { step?: unknown }).step)) {
      instrumentStep((n.args as { step: Node }).step);
    }
  });
}

const MAX_CACHED = 5000;
const compiled = new Map<string, CompileResult>();

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].replace(/k8s_(matches|lowerAscii|upperAscii)/g, '$1');
}

/** Compiles (parses and type-checks) an expression once per variable set; the result is cached. */
export function compile(expression: string, options: CompileOptions): CompileResult {
  const key = `${[...options.variables].sort().join(',')}\u0000${expression}`;
  let result = compiled.get(key);
  if (!result) {
    result = compileNow(expression, options.variables);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, result);
  }
  return result;
}

function compileNow(expression: string, variables: readonly string[]): CompileResult {
  const env = environment(variables);
  let parsed: ParseResult;
  try {
    parsed = env.parse(expression);
    prepare(parsed.ast);
    const checked = parsed.check();
    if (!checked.valid) return { ok: false, error: firstLine(checked.error) };
  } catch (err) {
    return { ok: false, error: firstLine(err) };
  }
  const program: CelProgram = {
    expression,
    variables: [...variables],
    evaluate(activation, opts) {
      const outer = budget;
      budget = opts?.costLimit ?? DEFAULT_COST_LIMIT;
      try {
        const value: unknown = parsed(activation);
        if (value instanceof Promise) return { ok: false, kind: 'error', error: 'asynchronous evaluation is not supported' };
        return { ok: true, value };
      } catch (err) {
        if (err instanceof CostExceeded) return { ok: false, kind: 'cost', error: `it needs more than ${opts?.costLimit ?? DEFAULT_COST_LIMIT} comprehension steps` };
        return { ok: false, kind: 'error', error: firstLine(err) };
      } finally {
        budget = outer;
      }
    },
  };
  return { ok: true, program };
}
