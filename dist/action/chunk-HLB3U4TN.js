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

export {
  isDns1123Label,
  isDns1123Subdomain,
  isWildcardDns1123Subdomain,
  portNameProblem,
  isValidPortNumber,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  toDns1123Label
};
