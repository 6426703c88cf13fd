/**
 * IP addresses and CIDRs as the API server reads them in Service fields (loadBalancerSourceRanges,
 * externalIPs): netutils.ParseCIDRSloppy / ParseIPSloppy, which accept IPv4 octets with leading zeros.
 */

/** 4 or 6 for an IP address as ParseIPSloppy reads it (no zone, no brackets, no port), else 0. */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (!goParseIP(text) && !goParseIP(stripZeros(text))) return 0;
  return text.includes(':') ? 6 : 4;
}

// Go's net.ParseIP (netip.ParseAddr without a zone), and ParseIPSloppy's leading zeros; also the
// `ipv4`/`ipv6`/`cidr` formats of CRD schemas (src/schema/formats.ts).

/** netip's parseIPv4Fields over s: four decimal octets, no leading zeros, each at most 255. */
function ipv4Fields(s: string): boolean {
  let val = 0;
  let digits = 0;
  let pos = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && val === 0) return false;
      val = val * 10 + c - 48;
      digits++;
      if (val > 255) return false;
    } else if (c === 46) {
      if (i === 0 || i === s.length - 1 || s.charCodeAt(i - 1) === 46) return false;
      if (pos === 3) return false;
      pos++;
      val = 0;
      digits = 0;
    } else return false;
  }
  return pos >= 3;
}

/** netip.parseIPv6, without a zone (net.ParseIP refuses zones). */
function ipv6(s: string): boolean {
  if (s.includes('%')) return false;
  let i = 0; // bytes of the address parsed
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return true;
  }
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const c = s.charCodeAt(off);
      if (c >= 48 && c <= 57) acc = acc * 16 + c - 48;
      else if (c >= 97 && c <= 102) acc = acc * 16 + c - 87;
      else if (c >= 65 && c <= 70) acc = acc * 16 + c - 55;
      else break;
      if (off > 3 || acc > 0xffff) return false;
    }
    if (off === 0) return false;
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12) return false;
      if (i + 4 > 16) return false;
      if (!ipv4Fields(s)) return false;
      s = '';
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s === '') break;
    if (s[0] !== ':' || s.length === 1) return false;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return false;
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return false;
  if (i < 16) return ellipsis >= 0;
  return ellipsis < 0;
}

/** Go's net.ParseIP(s) != nil. */
export function goParseIP(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '.') return ipv4Fields(s);
    if (c === ':') return ipv6(s);
    if (c === '%') return false;
  }
  return false;
}

/** k8s.io/utils/net: leading zeros of a trailing dotted IPv4 (and of a prefix length) dropped. */
const MATCH_ZEROS = /(^|:)0*(0|[1-9][0-9]*)\.0*(0|[1-9][0-9]*)\.0*(0|[1-9][0-9]*)\.0*(0|[1-9][0-9]*)((\/)0*(0|[1-9][0-9]*))?$/;
export const stripZeros = (s: string) => s.replace(MATCH_ZEROS, '$1$2.$3.$4.$5$7$8');

export interface ParsedCidr {
  family: 4 | 6;
  address: string;
  prefix: number;
}

/** A CIDR `address/prefix`, or the reason it is not one (for messages: "it has no /prefix"). */
export function parseCidr(text: string): { cidr: ParsedCidr } | { problem: string; suggestion?: string } {
  if (text === '') return { problem: 'it is empty' };
  const slash = text.indexOf('/');
  if (slash < 0) {
    const family = ipFamily(text);
    if (family === 4) return { problem: 'it is a single address without a /prefix', suggestion: `${text}/32` };
    if (family === 6) return { problem: 'it is a single address without a /prefix', suggestion: `${text}/128` };
    if (/^\d{1,3}(\.\d{1,3}){3}-\d{1,3}(\.\d{1,3}){3}$/.test(text)) return { problem: 'address ranges (a-b) are not CIDRs' };
    return { problem: 'it is not an IP address with a /prefix' };
  }
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  const family = ipFamily(address);
  if (family === 0) return { problem: `"${address}" is not an IPv4 or IPv6 address` };
  if (!/^\d{1,3}$/.test(bits)) return { problem: `the prefix "/${bits}" is not a number` };
  const prefix = Number(bits);
  const max = family === 4 ? 32 : 128;
  if (prefix > max) {
    return { problem: `the prefix /${prefix} is longer than the ${max} bits of an IPv${family} address` };
  }
  return { cidr: { family, address, prefix } };
}

/** A CIDR that admits every address of its family: 0.0.0.0/0, ::/0 (any address with prefix 0). */
export function isCatchAll(c: ParsedCidr): boolean {
  return c.prefix === 0;
}
