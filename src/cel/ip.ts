/**
 * Kubernetes' CEL IP and CIDR libraries (Go netip semantics): `ip(string)`, `isIP`,
 * `ip.isCanonical`, `family`, `isUnspecified`, `isLoopback`, `isLinkLocalMulticast`,
 * `isLinkLocalUnicast`, `isGlobalUnicast`; `cidr(string)`, `isCIDR`, `containsIP`, `containsCIDR`,
 * `ip()`, `masked`, `prefixLength`. Stricter than the sloppy parsing Service fields get
 * (src/k8s/cidr.ts, whose address shapes this builds on): no leading zeros, no zones, no
 * IPv4-mapped IPv6 addresses.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { ipFamily } from '../k8s/cidr.js';
import { celError } from './errors.js';
import type { CelEquatable } from './values.js';

export class IPAddress implements CelEquatable {
  constructor(
    readonly family: 4 | 6,
    /** The address as an unsigned integer of 32 or 128 bits. */
    readonly bits: bigint,
  ) {}

  celEquals(other: unknown): boolean {
    return other instanceof IPAddress && other.family === this.family && other.bits === this.bits;
  }

  toString(): string {
    return formatIP(this.family, this.bits);
  }

  private inV4(cidr: string): boolean {
    const c = parseCIDR(cidr);
    return c.contains(this);
  }

  isUnspecified(): boolean {
    return this.bits === 0n;
  }

  isLoopback(): boolean {
    return this.family === 4 ? this.inV4('127.0.0.0/8') : this.bits === 1n;
  }

  isLinkLocalMulticast(): boolean {
    return this.family === 4 ? this.inV4('224.0.0.0/24') : this.inV4('ff02::/16');
  }

  isLinkLocalUnicast(): boolean {
    return this.family === 4 ? this.inV4('169.254.0.0/16') : this.inV4('fe80::/10');
  }

  isGlobalUnicast(): boolean {
    if (this.family === 4) {
      if (this.bits === 0xffffffffn) return false; // broadcast
      return !(this.isUnspecified() || this.isLoopback() || this.inV4('224.0.0.0/4') || this.isLinkLocalUnicast());
    }
    return !(this.isUnspecified() || this.isLoopback() || this.inV4('ff00::/8') || this.isLinkLocalUnicast());
  }
}

export class CIDR implements CelEquatable {
  constructor(
    readonly address: IPAddress,
    readonly prefix: number,
  ) {}

  celEquals(other: unknown): boolean {
    return other instanceof CIDR && other.prefix === this.prefix && other.address.celEquals(this.address);
  }

  toString(): string {
    return `${this.address.toString()}/${this.prefix}`;
  }

  private width(): number {
    return this.address.family === 4 ? 32 : 128;
  }

  private mask(): bigint {
    const w = this.width();
    return ((1n << BigInt(w)) - 1n) ^ ((1n << BigInt(w - this.prefix)) - 1n);
  }

  masked(): CIDR {
    return new CIDR(new IPAddress(this.address.family, this.address.bits & this.mask()), this.prefix);
  }

  contains(ip: IPAddress): boolean {
    return ip.family === this.address.family && (ip.bits & this.mask()) === (this.address.bits & this.mask());
  }

  containsCIDR(other: CIDR): boolean {
    return other.address.family === this.address.family && other.prefix >= this.prefix && this.contains(other.address);
  }
}

function formatIP(family: 4 | 6, bits: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((bits >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((bits >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: the longest run (at least two) of zero groups becomes "::", the first of equal runs.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** An address as Go's netip.ParseAddr reads it, or the reason it is not one. */
function parseAddress(s: string): IPAddress | string {
  if (s.includes('%')) return 'IP address with zone value is not allowed';
  const family = ipFamily(s);
  if (family === 4) {
    const parts = s.split('.');
    if (parts.some((p) => p.length > 1 && p.startsWith('0'))) return 'IPv4 field has octet with leading zero';
    return new IPAddress(4, parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n));
  }
  if (family !== 6) return 'not an IP address';
  let text = s;
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseAddress(text.slice(lastColon + 1));
    if (typeof v4 === 'string') return v4;
    tail = [v4.bits >> 16n, v4.bits & 0xffffn];
    text = `${text.slice(0, lastColon + 1)}0`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, null];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => BigInt(`0x${g}`)));
  const front = parse(head);
  const back = rest === null ? [] : parse(rest);
  if (tail.length) (rest === null ? front : back).splice(-1, 1, ...tail);
  const groups = rest === null ? front : [...front, ...Array<bigint>(8 - front.length - back.length).fill(0n), ...back];
  const bits = groups.reduce((acc, g) => (acc << 16n) | g, 0n);
  if (bits >> 32n === 0xffffn) return 'IPv4-mapped IPv6 address is not allowed';
  return new IPAddress(6, bits);
}

function ip(s: string): IPAddress {
  const a = parseAddress(s);
  if (typeof a === 'string') throw celError(`IP Address ${JSON.stringify(s)} parse error during conversion from string: ${a}`);
  return a;
}

/** A prefix as Go's netip.ParsePrefix reads it (host bits may be set). */
export function parseCIDR(s: string): CIDR {
  const slash = s.indexOf('/');
  if (slash < 0) throw celError(`network address parse error during conversion from string: no '/' in ${JSON.stringify(s)}`);
  const a = parseAddress(s.slice(0, slash));
  if (typeof a === 'string') throw celError(`network address parse error during conversion from string: ${a}`);
  const bits = s.slice(slash + 1);
  const width = a.family === 4 ? 32 : 128;
  if (!/^(0|[1-9]\d{0,2})$/.test(bits) || Number(bits) > width) throw celError(`network address parse error during conversion from string: bad bits after slash: ${JSON.stringify(bits)}`);
  return new CIDR(a, Number(bits));
}

class IPNamespace {}

function succeeds(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

export function registerIP(env: Environment): void {
  env
    .registerType('net.IP', IPAddress)
    .registerType('net.CIDR', CIDR)
    .registerFunction('ip(string): net.IP', ip)
    .registerFunction('isIP(string): bool', (s: string) => typeof parseAddress(s) !== 'string')
    .registerType('IPNamespace', IPNamespace)
    .registerConstant('ip', 'IPNamespace', new IPNamespace())
    .registerFunction('IPNamespace.isCanonical(string): bool', (_: unknown, s: string) => ip(s).toString() === s)
    .registerFunction('net.IP.family(): int', (a: IPAddress) => BigInt(a.family))
    .registerFunction('net.IP.isUnspecified(): bool', (a: IPAddress) => a.isUnspecified())
    .registerFunction('net.IP.isLoopback(): bool', (a: IPAddress) => a.isLoopback())
    .registerFunction('net.IP.isLinkLocalMulticast(): bool', (a: IPAddress) => a.isLinkLocalMulticast())
    .registerFunction('net.IP.isLinkLocalUnicast(): bool', (a: IPAddress) => a.isLinkLocalUnicast())
    .registerFunction('net.IP.isGlobalUnicast(): bool', (a: IPAddress) => a.isGlobalUnicast())
    .registerFunction('string(net.IP): string', (a: IPAddress) => a.toString())
    .registerFunction('cidr(string): net.CIDR', parseCIDR)
    .registerFunction('isCIDR(string): bool', (s: string) => succeeds(() => parseCIDR(s)))
    .registerFunction('net.CIDR.containsIP(net.IP): bool', (c: CIDR, a: IPAddress) => c.contains(a))
    .registerFunction('net.CIDR.containsIP(string): bool', (c: CIDR, s: string) => c.contains(ip(s)))
    .registerFunction('net.CIDR.containsCIDR(net.CIDR): bool', (c: CIDR, o: CIDR) => c.containsCIDR(o))
    .registerFunction('net.CIDR.containsCIDR(string): bool', (c: CIDR, s: string) => c.containsCIDR(parseCIDR(s)))
    .registerFunction('net.CIDR.ip(): net.IP', (c: CIDR) => c.address)
    .registerFunction('net.CIDR.masked(): net.CIDR', (c: CIDR) => c.masked())
    .registerFunction('net.CIDR.prefixLength(): int', (c: CIDR) => BigInt(c.prefix))
    .registerFunction('string(net.CIDR): string', (c: CIDR) => c.toString())
    .registerOperator('net.IP == net.IP', (a: IPAddress, b: IPAddress) => a.celEquals(b))
    .registerOperator('net.CIDR == net.CIDR', (a: CIDR, b: CIDR) => a.celEquals(b));
}
