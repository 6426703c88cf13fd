import { parsePointer, pointerToPath } from '../model/pointer.js';

/** A field for humans: `spec.ports[0].port`; the object itself when the pointer is the root. */
export function fieldPath(at: string, kind: string): string {
  return at === '' ? kind : pointerToPath(at);
}

/** The pointer of the object holding a field. */
export function parentPointer(at: string): string {
  const tokens = parsePointer(at);
  return tokens.length ? at.slice(0, at.lastIndexOf('/')) : '';
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

/** "an integer or a string" */
export function describeTypes(types: string[]): string {
  const order = ['integer', 'number', 'string', 'boolean', 'object', 'array'];
  const names = [...new Set(types)].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((t) => ARTICLE[t] ?? t);
  return names.length <= 1 ? (names[0] ?? 'something else') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** `string "http"`, `boolean true`, `a mapping` — the value found, short. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${typeof v} ${String(v)}`;
  return typeof v; // a symbol or a function: no YAML or JSON value is one
}

/** A list of allowed values: `"SCTP", "TCP", "UDP"` (the empty string, "unset", goes without saying). */
export function describeAllowed(values: unknown[]): string {
  return values.filter((v) => v !== '').map((v) => JSON.stringify(v)).join(', ');
}
