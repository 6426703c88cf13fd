/**
 * Kubernetes' CEL URL library: `url(string)` and `isURL(string)` parse as Go's url.ParseRequestURI
 * (an absolute URI, or an absolute path), and the getters answer as Go's net/url does.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError } from './errors.js';
import type { CelEquatable } from './values.js';

export class KubernetesURL implements CelEquatable {
  constructor(
    readonly scheme: string,
    readonly opaque: string,
    /** host[:port], brackets kept for IPv6. */
    readonly host: string,
    /** The path, unescaped. */
    readonly path: string,
    readonly rawPath: string,
    readonly rawQuery: string,
    readonly text: string,
  ) {}

  celEquals(other: unknown): boolean {
    return other instanceof KubernetesURL && other.text === this.text;
  }

  toString(): string {
    return this.text;
  }

  hostname(): string {
    const { host } = this;
    if (host.startsWith('[')) {
      const end = host.indexOf(']');
      return end < 0 ? host.slice(1) : host.slice(1, end);
    }
    const colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.slice(0, colon);
  }

  port(): string {
    const { host } = this;
    const colon = host.lastIndexOf(':');
    if (colon < 0 || (host.startsWith('[') && colon < host.indexOf(']'))) return '';
    return host.slice(colon + 1);
  }

  escapedPath(): string {
    if (this.rawPath !== '' && validEncoded(this.rawPath) && unescape(this.rawPath, 'path') === this.path) return this.rawPath;
    if (this.path === '*') return '*';
    return escapePath(this.path);
  }

  query(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const part of this.rawQuery.split('&')) {
      if (part === '' || part.includes(';')) continue;
      const eq = part.indexOf('=');
      const rawKey = eq < 0 ? part : part.slice(0, eq);
      const rawValue = eq < 0 ? '' : part.slice(eq + 1);
      let key: string;
      let value: string;
      try {
        key = unescape(rawKey, 'query');
        value = unescape(rawValue, 'query');
      } catch {
        continue;
      }
      const list = out.get(key);
      if (list) list.push(value);
      else out.set(key, [value]);
    }
    return out;
  }
}

const HEX = /^[0-9A-Fa-f]{2}$/;

function unescape(s: string, mode: 'path' | 'host' | 'query'): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!HEX.test(h)) throw new Error(`invalid URL escape "${s.slice(i, i + 3)}"`);
      bytes.push(parseInt(h, 16));
      i += 2;
    } else if (c === '+' && mode === 'query') bytes.push(0x20);
    else {
      if (mode === 'host' && c.charCodeAt(0) < 0x80 && hostEscapes(c)) throw new Error(`invalid character ${JSON.stringify(c)} in host name`);
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's shouldEscape(c, encodeHost): what a host may not hold unescaped. */
function hostEscapes(c: string): boolean {
  if (/[A-Za-z0-9]/.test(c)) return false;
  return !"-_.~!$&'()*+,;=:[]<>\"".includes(c);
}

function validEncoded(s: string): boolean {
  for (const c of s) {
    if ("!$&'()*+,;=:@[]".includes(c)) continue;
    if (c === '%') continue;
    if (pathEscapes(c)) return false;
  }
  return true;
}

/** Go's shouldEscape(c, encodePath). */
function pathEscapes(c: string): boolean {
  if (/[A-Za-z0-9\-_.~]/.test(c)) return false;
  return !"$&+,/:;=@".includes(c);
}

function escapePath(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch.length === 1 && ch.charCodeAt(0) < 0x80 && !pathEscapes(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's url.ParseRequestURI; throws with Go's reason. */
export function parseRequestURI(raw: string): KubernetesURL {
  if (raw === '') throw new Error('empty url');
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new Error('net/url: invalid control character in URL');
  let rest = raw;
  let scheme = '';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (rest.startsWith(':')) throw new Error('missing protocol scheme');
  if (m) {
    scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  }
  let rawQuery = '';
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return new KubernetesURL(scheme, rest, '', '', '', rawQuery, raw);
    throw new Error('invalid URI for request');
  }
  let host = '';
  if (scheme !== '' && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    host = parseAuthority(authority);
  }
  const path = unescape(rest, 'path');
  return new KubernetesURL(scheme, '', host, path, rest === escapePath(path) ? '' : rest, rawQuery, raw);
}

function parseAuthority(authority: string): string {
  const at = authority.lastIndexOf('@');
  const hostPart = at < 0 ? authority : authority.slice(at + 1);
  if (at >= 0 && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(authority.slice(0, at))) throw new Error('net/url: invalid userinfo');
  if (hostPart.startsWith('[')) {
    const end = hostPart.lastIndexOf(']');
    if (end < 0) throw new Error("missing ']' in host");
    const port = hostPart.slice(end + 1);
    if (port !== '' && !/^:\d*$/.test(port)) throw new Error(`invalid port ${JSON.stringify(port)} after host`);
    return hostPart;
  }
  const colon = hostPart.lastIndexOf(':');
  if (colon >= 0 && !/^:\d*$/.test(hostPart.slice(colon))) throw new Error(`invalid port ${JSON.stringify(hostPart.slice(colon))} after host`);
  unescape(hostPart, 'host');
  return hostPart;
}

function url(s: string): KubernetesURL {
  try {
    return parseRequestURI(s);
  } catch (err) {
    throw celError(`URL parse error during conversion from string: parse ${JSON.stringify(s)}: ${(err as Error).message}`);
  }
}

export function isURL(s: string): boolean {
  try {
    parseRequestURI(s);
    return true;
  } catch {
    return false;
  }
}

export function registerURL(env: Environment): void {
  env
    .registerType('kubernetes.URL', KubernetesURL)
    .registerFunction('url(string): kubernetes.URL', url)
    .registerFunction('isURL(string): bool', isURL)
    .registerFunction('kubernetes.URL.getScheme(): string', (u: KubernetesURL) => u.scheme)
    .registerFunction('kubernetes.URL.getHost(): string', (u: KubernetesURL) => u.host)
    .registerFunction('kubernetes.URL.getHostname(): string', (u: KubernetesURL) => u.hostname())
    .registerFunction('kubernetes.URL.getPort(): string', (u: KubernetesURL) => u.port())
    .registerFunction('kubernetes.URL.getEscapedPath(): string', (u: KubernetesURL) => u.escapedPath())
    .registerFunction('kubernetes.URL.getQuery(): map<string, list<string>>', (u: KubernetesURL) => u.query())
    .registerFunction('string(kubernetes.URL): string', (u: KubernetesURL) => u.text)
    .registerOperator('kubernetes.URL == kubernetes.URL', (a: KubernetesURL, b: KubernetesURL) => a.celEquals(b));
}
