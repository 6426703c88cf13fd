import { createRequire as __kubewireCreateRequire } from 'node:module';
const require = __kubewireCreateRequire(import.meta.url);

// src/k8s/names.ts
var DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function isDns1123Label(s) {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}
function isDns1123Subdomain(s) {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}
function isWildcardDns1123Subdomain(s) {
  return s.length <= 253 && s.startsWith("*.") && DNS1123_SUBDOMAIN.test(s.slice(2));
}
function portNameProblem(name) {
  if (name.length === 0) return "it is empty";
  if (name.length > 15) return `it is ${name.length} characters long (at most 15)`;
  if (!/^[-a-z0-9]+$/.test(name)) return 'only lowercase letters, digits and "-" are allowed';
  if (!/[a-z]/.test(name)) return "it must contain at least one letter";
  if (name.includes("--")) return 'it must not contain "--"';
  if (name.startsWith("-") || name.endsWith("-")) return 'it must not begin or end with "-"';
  return null;
}
function isValidPortNumber(n) {
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 65535;
}
function dns1123LabelProblem(s) {
  if (s.length === 0) return "it is empty";
  if (s.length > 63) return `it is ${s.length} characters long (at most 63)`;
  if (/[A-Z]/.test(s) && isDns1123Label(s.toLowerCase())) return "it must be lowercase";
  if (!/^[-a-z0-9]+$/.test(s)) return 'only lowercase letters, digits and "-" are allowed';
  if (s.startsWith("-") || s.endsWith("-")) return "it must begin and end with a letter or digit";
  return null;
}
function dns1123SubdomainProblem(s) {
  if (s.length === 0) return "it is empty";
  if (s.length > 253) return `it is ${s.length} characters long (at most 253)`;
  if (/[A-Z]/.test(s) && isDns1123Subdomain(s.toLowerCase())) return "it must be lowercase";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return "it is a URL: give only the host name, without scheme or path";
  if (/:\d+$/.test(s) && isDns1123Subdomain(s.replace(/:\d+$/, ""))) return "it includes a port: give only the host name";
  if (!/^[-.a-z0-9]+$/.test(s)) return 'only lowercase letters, digits, "-" and "." are allowed';
  for (const label of s.split(".")) {
    if (label === "") return "it has an empty label (two dots in a row, or a leading dot)";
    if (label.startsWith("-") || label.endsWith("-")) return `label "${label}" must begin and end with a letter or digit`;
  }
  return isDns1123Subdomain(s) ? null : "it is not a DNS-1123 subdomain";
}
function toDns1123Label(s) {
  const out = s.toLowerCase().replace(/[^-a-z0-9]+/g, "-").replace(/-+/g, "-").slice(0, 63).replace(/^-+|-+$/g, "");
  return out && isDns1123Label(out) ? out : null;
}

// src/k8s/cidr.ts
import { isIPv6 } from "node:net";
var IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
function ipFamily(text) {
  const v4 = IPV4.exec(text);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) ? 4 : 0;
  return text.includes(":") && !text.includes("%") && isIPv6(text) ? 6 : 0;
}
function parseCidr(text) {
  if (text === "") return { problem: "it is empty" };
  const slash = text.indexOf("/");
  if (slash < 0) {
    const family2 = ipFamily(text);
    if (family2 === 4) return { problem: "it is a single address without a /prefix", suggestion: `${text}/32` };
    if (family2 === 6) return { problem: "it is a single address without a /prefix", suggestion: `${text}/128` };
    if (/^\d{1,3}(\.\d{1,3}){3}-\d{1,3}(\.\d{1,3}){3}$/.test(text)) return { problem: "address ranges (a-b) are not CIDRs" };
    return { problem: "it is not an IP address with a /prefix" };
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
function isCatchAll(c) {
  return c.prefix === 0;
}

export {
  isDns1123Label,
  isDns1123Subdomain,
  isWildcardDns1123Subdomain,
  portNameProblem,
  isValidPortNumber,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  toDns1123Label,
  ipFamily,
  parseCidr,
  isCatchAll
};
