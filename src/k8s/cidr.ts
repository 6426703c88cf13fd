/**
 * IP addresses and CIDRs as the API server reads them in Service fields (loadBalancerSourceRanges,
 * externalIPs): netutils.ParseCIDRSloppy / ParseIPSloppy, which accept IPv4 octets with leading zeros.
 */
import { isIPv6 } from 'node:net';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** 4 or 6 for an IP address as ParseIPSloppy reads it (no zone, no brackets, no port), else 0. */
export function ipFamily(text: string): 0 | 4 | 6 {
  const v4 = IPV4.exec(text);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) ? 4 : 0;
  return text.includes(':') && !text.includes('%') && isIPv6(text) ? 6 : 0;
}

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
