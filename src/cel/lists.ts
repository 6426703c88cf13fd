/**
 * Kubernetes' CEL lists library (isSorted, sum, min, max, indexOf, lastIndexOf), the sets extension
 * (sets.contains, sets.equivalent, sets.intersects) and the regex library (find, findAll), as
 * k8s.io/apiserver/pkg/cel/library and cel-go ext.Sets define them.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './errors.js';
import { re2 } from './regex.js';
import { celCompare, celEquals } from './values.js';

function compare(a: unknown, b: unknown): number {
  const c = celCompare(a, b);
  if (c === null) throw celError('no such overload: the list elements are not comparable');
  return c;
}

function extreme(list: unknown[], sign: 1 | -1, name: string): unknown {
  if (list.length === 0) throw celError(`${name} called on empty list`);
  let best = list[0];
  for (let i = 1; i < list.length; i++) if (compare(list[i], best) * sign > 0) best = list[i];
  return best;
}

function sum(list: unknown[], zero: bigint | number): bigint | number {
  let total: bigint | number = zero;
  for (const x of list) {
    if (typeof total === 'bigint' && typeof x === 'bigint') total += x;
    else if (typeof total === 'number' && typeof x === 'number') total += x;
    else throw celError('sum: the list elements are not all of the same numeric type');
  }
  return total;
}

function indexOf(list: unknown[], value: unknown, last: boolean): bigint {
  if (last) {
    for (let i = list.length - 1; i >= 0; i--) if (celEquals(list[i], value)) return BigInt(i);
  } else {
    for (let i = 0; i < list.length; i++) if (celEquals(list[i], value)) return BigInt(i);
  }
  return -1n;
}

class SetsNamespace {}

function contains(a: unknown[], b: unknown[]): boolean {
  return b.every((x) => a.some((y) => celEquals(x, y)));
}

export function registerLists(env: Environment): void {
  env
    .registerFunction('list<A>.isSorted(): bool', (l: unknown[]) => {
      for (let i = 1; i < l.length; i++) if (compare(l[i - 1], l[i]) > 0) return false;
      return true;
    })
    .registerFunction('list<int>.sum(): int', (l: unknown[]) => sum(l, 0n))
    .registerFunction('list<double>.sum(): double', (l: unknown[]) => sum(l, 0))
    .registerFunction('list<A>.min(): A', (l: unknown[]) => extreme(l, -1, 'min'))
    .registerFunction('list<A>.max(): A', (l: unknown[]) => extreme(l, 1, 'max'))
    .registerFunction('list<A>.indexOf(A): int', (l: unknown[], v: unknown) => indexOf(l, v, false))
    .registerFunction('list<A>.lastIndexOf(A): int', (l: unknown[], v: unknown) => indexOf(l, v, true))
    .registerType('SetsNamespace', SetsNamespace)
    .registerConstant('sets', 'SetsNamespace', new SetsNamespace())
    .registerFunction('SetsNamespace.contains(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => contains(a, b))
    .registerFunction('SetsNamespace.equivalent(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => contains(a, b) && contains(b, a))
    .registerFunction('SetsNamespace.intersects(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => a.some((x) => b.some((y) => celEquals(x, y))))
    .registerFunction('string.find(string): string', (s: string, p: string) => regex(p).exec(s)?.[0] ?? '')
    .registerFunction('string.findAll(string): list<string>', (s: string, p: string) => findAll(s, p, -1n))
    .registerFunction('string.findAll(string, int): list<string>', (s: string, p: string, n: bigint) => findAll(s, p, n));
}

function regex(pattern: string, global = false): RegExp {
  try {
    return re2(pattern, global);
  } catch (err) {
    throw celError((err as Error).message);
  }
}

function findAll(s: string, pattern: string, n: bigint): string[] {
  if (n === 0n) return [];
  const out: string[] = [];
  for (const m of s.matchAll(regex(pattern, true))) {
    out.push(m[0]);
    if (n > 0n && BigInt(out.length) >= n) break;
  }
  return out;
}
