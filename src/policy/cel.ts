import { Environment } from '@marcbachmann/cel-js';
import { ADMISSION_VARIABLES, type CelOutcome, type CelPort, type CelProgram } from './cel-port.js';

/** A JSON value as CEL sees it without a schema: integral numbers are ints, others doubles. */
function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCel(v);
    return out;
  }
  return value;
}

let port: CelPort | null = null;

/** The CEL environment of admission expressions, made once per process. */
export function celPort(): CelPort {
  if (port) return port;
  const env = new Environment({ homogeneousAggregateLiterals: false });
  for (const v of ADMISSION_VARIABLES) env.registerVariable(v, 'dyn');
  const converted = new WeakMap<object, unknown>();
  const convert = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return toCel(v);
    let c = converted.get(v);
    if (c === undefined) converted.set(v, (c = toCel(v)));
    return c;
  };
  port = {
    compile(expression) {
      let parsed;
      try {
        parsed = env.parse(expression);
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
      const checked = parsed.check();
      if (!checked.valid) return { ok: false, error: checked.error?.message ?? 'does not type-check' };
      const program: CelProgram = {
        evaluate(activation): CelOutcome {
          const context: Record<string, unknown> = {};
          // `variables` hold CEL values already (earlier results); the rest is JSON, converted once per object.
          for (const [k, v] of Object.entries(activation)) context[k] = k === 'variables' ? v : convert(v);
          try {
            return { ok: true, value: parsed(context) as unknown };
          } catch (err) {
            const error = (err as Error).message;
            return { ok: false, error, absent: /^No such key/i.test(error) };
          }
        },
      };
      return { ok: true, program };
    },
  };
  return port;
}
