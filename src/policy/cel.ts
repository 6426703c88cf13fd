import { celNow, loadCel } from '../cel/load.js';
import { ADMISSION_VARIABLES, type CelOutcome, type CelPort, type CelProgram } from './cel-port.js';

/** The CEL module is loaded only when there are policies (src/cel/load.ts). */
export async function loadPolicyCel(): Promise<void> {
  await loadCel();
}

/**
 * Comprehension steps one expression may take on one object. The API server bounds cost per
 * expression statically (from the schema's maxItems) and per request at runtime; offline the input's
 * lists have their written length, so the bound is on the steps themselves: far above any real policy
 * on a real manifest, and a hostile one stops with an error instead of a hang.
 */
export const POLICY_COST_LIMIT = 1_000_000;

/** "No such key" and friends: the expression read a field the object does not set. */
const ABSENT = /^no such (key|field|attribute)/i;

/**
 * JSON as CEL sees it, as src/cel's `toCel` (integral numbers are ints, as bigint), in one pass without
 * intermediate arrays: every object of the input a policy matches goes through it.
 */
export function jsonToCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = jsonToCel(value[i]);
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = jsonToCel((value as Record<string, unknown>)[k]);
  return out;
}

let port: CelPort | null = null;

/** The admission expressions' CEL environment (src/cel/, the Kubernetes CEL libraries), made once per process. */
export function celPort(): CelPort {
  if (port) return port;
  // JSON objects of the input are converted to CEL values (ints as bigint) once each, whatever the number of policies.
  const converted = new WeakMap<object, unknown>();
  const value = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return jsonToCel(v);
    let c = converted.get(v);
    if (c === undefined) converted.set(v, (c = jsonToCel(v)));
    return c;
  };
  port = {
    value,
    compile(expression) {
      const m = celNow();
      if (!m) return { ok: false, error: 'the CEL module could not be loaded (build kubewire first)' };
      const c = m.compile(expression, { variables: ADMISSION_VARIABLES });
      if (!c.ok) return { ok: false, error: c.error };
      const program: CelProgram = {
        evaluate(activation): CelOutcome {
          const r = c.program.evaluate(activation, { costLimit: POLICY_COST_LIMIT });
          if (r.ok) return { ok: true, value: r.value };
          return { ok: false, error: r.kind === 'cost' ? `evaluation stopped: ${r.error}` : r.error, absent: r.kind === 'error' && ABSENT.test(r.error) };
        },
      };
      return { ok: true, program };
    },
  };
  return port;
}
