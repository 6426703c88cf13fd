/**
 * The CEL strings extension as Kubernetes enables it (cel-go ext.Strings, version 2; format from
 * Kubernetes 1.29): what cel-js lacks of it. cel-js itself has indexOf, lastIndexOf, lowerAscii,
 * upperAscii, split, substring, trim and join.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './errors.js';
import { fromCel } from './values.js';

function codePoints(s: string): string[] {
  return Array.from(s);
}

function replace(s: string, from: string, to: string, n: bigint): string {
  if (n === 0n) return s;
  if (n < 0n) return s.split(from).join(to);
  let out = '';
  let rest = s;
  let count = 0n;
  if (from === '') {
    // Go strings.Replace: an empty old string matches at the start and after each code point.
    const cps = codePoints(s);
    let i = 0;
    for (; i <= cps.length && count < n; i++, count++) out += to + (cps[i] ?? '');
    return out + cps.slice(i).join('');
  }
  while (count < n) {
    const at = rest.indexOf(from);
    if (at < 0) break;
    out += rest.slice(0, at) + to;
    rest = rest.slice(at + from.length);
    count++;
  }
  return out + rest;
}

/** `%s` of a value as cel-go's string.format prints it. */
function formatString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(formatString).join(', ')}]`;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${k}: ${formatString((v as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  if (v && typeof v === 'object' && Object.hasOwn(Object.getPrototypeOf(v) as object, 'toString')) return (v as { toString(): string }).toString();
  return JSON.stringify(fromCel(v)) ?? typeof v;
}

function formatNumber(v: unknown, verb: string, precision: number | null): string {
  const n = typeof v === 'bigint' ? v : typeof v === 'number' ? v : typeof v === 'object' && v !== null ? (v as { valueOf(): unknown }).valueOf() : v;
  switch (verb) {
    case 'd':
      if (typeof n !== 'bigint') throw celError('string.format: %d needs an integer');
      return n.toString();
    case 'f':
      return Number(n).toFixed(precision ?? 6);
    case 'e': {
      const s = Number(n).toExponential(precision ?? 6);
      return s.replace(/e([+-])(\d)$/, 'e$10$2');
    }
    case 'b':
      if (typeof n === 'bigint') return n.toString(2);
      if (typeof v === 'boolean') return String(v);
      throw celError('string.format: %b needs an integer');
    case 'o':
      if (typeof n !== 'bigint') throw celError('string.format: %o needs an integer');
      return n.toString(8);
    case 'x':
    case 'X': {
      let s: string;
      if (typeof n === 'bigint') s = n.toString(16);
      else if (typeof v === 'string') s = Buffer.from(v, 'utf8').toString('hex');
      else if (v instanceof Uint8Array) s = Buffer.from(v).toString('hex');
      else throw celError(`string.format: %${verb} needs an integer, string or bytes`);
      return verb === 'X' ? s.toUpperCase() : s;
    }
    default:
      throw celError(`string.format: unknown verb %${verb}`);
  }
}

/** cel-go's `"...".format([args])`: %s, %d, %f, %e, %b, %o, %x, %X (with .precision for %f/%e), %%. */
export function format(template: string, args: unknown[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    if (template[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    const m = /^(?:\.(\d+))?([sdfeboxX])/.exec(template.slice(i + 1));
    if (!m) throw celError(`string.format: could not parse the formatting clause at ${i}`);
    if (next >= args.length) throw celError(`string.format: index ${next} out of range`);
    const arg = args[next++];
    out += m[2] === 's' ? formatString(arg) : formatNumber(arg, m[2], m[1] === undefined ? null : Number(m[1]));
    i += m[0].length;
  }
  return out;
}

/** strings.quote: a double-quoted CEL string literal. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '\\': out += '\\\\'; break;
      case '"': out += '\\"'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\v': out += '\\v'; break;
      case '\x07': out += '\\a'; break;
      default: out += ch;
    }
  }
  return `${out}"`;
}

class StringsNamespace {}

export function registerStrings(env: Environment): void {
  env
    .registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
      const cps = codePoints(s);
      if (i < 0n || i > BigInt(cps.length)) throw celError(`index out of range: ${i}`);
      return cps[Number(i)] ?? '';
    })
    .registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) => replace(s, a, b, -1n))
    .registerFunction('string.replace(string, string, int): string', (s: string, a: string, b: string, n: bigint) => replace(s, a, b, n))
    .registerFunction('string.reverse(): string', (s: string) => codePoints(s).reverse().join(''))
    .registerFunction('string.format(list): string', (s: string, args: unknown[]) => format(s, args))
    .registerType('StringsNamespace', StringsNamespace)
    .registerConstant('strings', 'StringsNamespace', new StringsNamespace())
    .registerFunction('StringsNamespace.quote(string): string', (_: unknown, s: string) => quote(s));
}
