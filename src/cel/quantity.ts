/**
 * Kubernetes' CEL quantity library (resource.Quantity): `quantity(string)`, `isQuantity`, `sign`,
 * `isInteger`, `asInteger`, `asApproximateFloat`, `add`, `sub`, `isLessThan`, `isGreaterThan`,
 * `compareTo`, and `==` by value. Values are exact: an integer scaled by a power of ten, rounded up
 * to 10^-9 as ParseQuantity does.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './errors.js';
import type { CelEquatable } from './values.js';

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };

export class Quantity implements CelEquatable {
  /** value = mantissa × 10^-9 */
  constructor(readonly nanos: bigint) {}

  celEquals(other: unknown): boolean {
    return other instanceof Quantity && other.nanos === this.nanos;
  }

  compareTo(other: Quantity): bigint {
    return this.nanos < other.nanos ? -1n : this.nanos > other.nanos ? 1n : 0n;
  }

  isInteger(): boolean {
    return this.nanos % 1_000_000_000n === 0n && this.nanos / 1_000_000_000n <= MAX_INT64 && this.nanos / 1_000_000_000n >= MIN_INT64;
  }

  toString(): string {
    const whole = this.nanos / 1_000_000_000n;
    const frac = this.nanos % 1_000_000_000n;
    if (frac === 0n) return whole.toString();
    const digits = (frac < 0n ? -frac : frac).toString().padStart(9, '0').replace(/0+$/, '');
    return `${this.nanos < 0n && whole === 0n ? '-' : ''}${whole}.${digits}`;
  }
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** resource.ParseQuantity, exactly (values finer than 10^-9 round up, away from zero as Kubernetes does). */
export function parseQuantity(s: string): Quantity | null {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return null;
  const [, sign, number, suffix, exponent] = m;
  const [intPart, fracPart = ''] = number.split('.');
  let mantissa = BigInt(`${intPart || '0'}${fracPart}`);
  let exp = -fracPart.length;
  if (exponent !== undefined) {
    if (Math.abs(Number(exponent)) > 100) return null;
    exp += Number(exponent);
  } else if (suffix && suffix in BINARY) mantissa *= BINARY[suffix];
  else exp += DECIMAL[suffix ?? ''];
  // To nanos: mantissa × 10^(exp+9), rounding up what is finer.
  const shift = exp + 9;
  let nanos: bigint;
  if (shift >= 0) nanos = mantissa * pow10(shift);
  else {
    const d = pow10(-shift);
    nanos = mantissa / d + (mantissa % d === 0n ? 0n : 1n);
  }
  return new Quantity(sign === '-' ? -nanos : nanos);
}

function quantity(s: string): Quantity {
  const q = parseQuantity(s);
  if (!q) throw celError('quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'');
  return q;
}

function asInteger(q: Quantity): bigint {
  if (q.nanos % 1_000_000_000n !== 0n) throw celError('cannot convert value to integer');
  const v = q.nanos / 1_000_000_000n;
  if (v > MAX_INT64 || v < MIN_INT64) throw celError('cannot convert value to integer');
  return v;
}

export function registerQuantity(env: Environment): void {
  env
    .registerType('kubernetes.Quantity', Quantity)
    .registerFunction('quantity(string): kubernetes.Quantity', quantity)
    .registerFunction('isQuantity(string): bool', (s: string) => parseQuantity(s) !== null)
    .registerFunction('kubernetes.Quantity.sign(): int', (q: Quantity) => (q.nanos > 0n ? 1n : q.nanos < 0n ? -1n : 0n))
    .registerFunction('kubernetes.Quantity.isInteger(): bool', (q: Quantity) => q.isInteger())
    .registerFunction('kubernetes.Quantity.asInteger(): int', asInteger)
    .registerFunction('kubernetes.Quantity.asApproximateFloat(): double', (q: Quantity) => Number(q.nanos) / 1e9)
    .registerFunction('kubernetes.Quantity.add(kubernetes.Quantity): kubernetes.Quantity', (a: Quantity, b: Quantity) => new Quantity(a.nanos + b.nanos))
    .registerFunction('kubernetes.Quantity.add(int): kubernetes.Quantity', (a: Quantity, b: bigint) => new Quantity(a.nanos + b * 1_000_000_000n))
    .registerFunction('kubernetes.Quantity.sub(kubernetes.Quantity): kubernetes.Quantity', (a: Quantity, b: Quantity) => new Quantity(a.nanos - b.nanos))
    .registerFunction('kubernetes.Quantity.sub(int): kubernetes.Quantity', (a: Quantity, b: bigint) => new Quantity(a.nanos - b * 1_000_000_000n))
    .registerFunction('kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool', (a: Quantity, b: Quantity) => a.nanos < b.nanos)
    .registerFunction('kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool', (a: Quantity, b: Quantity) => a.nanos > b.nanos)
    .registerFunction('kubernetes.Quantity.compareTo(kubernetes.Quantity): int', (a: Quantity, b: Quantity) => a.compareTo(b))
    .registerOperator('kubernetes.Quantity == kubernetes.Quantity', (a: Quantity, b: Quantity) => a.nanos === b.nanos);
}
