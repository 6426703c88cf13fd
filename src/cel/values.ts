/**
 * CEL values as kubewire hands them to expressions and reads them back: JSON (as Kubernetes decodes
 * YAML) with integers as `bigint` (CEL `int`), other numbers as `number` (CEL `double`), objects as
 * maps, arrays as lists; and CEL equality over them, for the libraries that compare elements.
 */

/** A JSON value as CEL sees it without a schema: integral numbers are ints, others doubles. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCel(v);
    return out;
  }
  return value;
}

/** A CEL value as plain JSON-like data (ints that fit as numbers, maps as objects), for messages and callers. */
export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v)]));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCel(v)]));
  }
  return value;
}

/** Values of the Kubernetes libraries' own types (IP, CIDR, Quantity, URL) compare through this. */
export interface CelEquatable {
  celEquals(other: unknown): boolean;
}

function isEquatable(v: unknown): v is CelEquatable {
  return !!v && typeof v === 'object' && typeof (v as CelEquatable).celEquals === 'function';
}

function numeric(v: unknown): number | bigint | null {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'valueOf' in v && v.constructor?.name === 'UnsignedInt') return (v as { valueOf(): bigint }).valueOf();
  return null;
}

function entries(v: unknown): [unknown, unknown][] | null {
  if (v instanceof Map) return [...(v as Map<unknown, unknown>)];
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.entries(v);
  return null;
}

/** CEL equality (heterogeneous numbers compare by value: 1 == 1.0), as `==` and `in` use it. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null || nb !== null) {
    if (na === null || nb === null) return false;
    return typeof na === 'bigint' && typeof nb === 'bigint' ? na === nb : Number(na) === Number(nb);
  }
  if (isEquatable(a)) return a.celEquals(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => celEquals(x, b[i]));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const ea = entries(a);
  const eb = entries(b);
  if (ea && eb) {
    if (ea.length !== eb.length) return false;
    return ea.every(([k, v]) => eb.some(([k2, v2]) => celEquals(k, k2) && celEquals(v, v2)));
  }
  return false;
}

/** CEL ordering of two comparable values of the same kind (numbers across int/uint/double), or null. */
export function celCompare(a: unknown, b: unknown): number | null {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null && nb !== null) {
    if (typeof na === 'bigint' && typeof nb === 'bigint') return na < nb ? -1 : na > nb ? 1 : 0;
    const x = Number(na);
    const y = Number(nb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (a && b && typeof a === 'object' && typeof b === 'object' && 'compareTo' in a && typeof a.compareTo === 'function') {
    return Number((a as { compareTo(o: unknown): bigint }).compareTo(b));
  }
  return null;
}
