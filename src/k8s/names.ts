/** Kubernetes name and port syntax, as apimachinery's pkg/util/validation checks it. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

export function isDns1035Label(s: string): boolean {
  return s.length <= 63 && DNS1035_LABEL.test(s);
}

/** `*.example.com`: a wildcard label followed by a DNS-1123 subdomain. */
export function isWildcardDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && s.startsWith('*.') && DNS1123_SUBDOMAIN.test(s.slice(2));
}

/**
 * IANA_SVC_NAME (IsValidPortName): at most 15 characters of [-a-z0-9], at least one letter,
 * no `--`, no leading or trailing `-`. Returns the reason it is invalid, or null.
 */
export function portNameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.length > 15) return `it is ${name.length} characters long (at most 15)`;
  if (!/^[-a-z0-9]+$/.test(name)) return 'only lowercase letters, digits and "-" are allowed';
  if (!/[a-z]/.test(name)) return 'it must contain at least one letter';
  if (name.includes('--')) return 'it must not contain "--"';
  if (name.startsWith('-') || name.endsWith('-')) return 'it must not begin or end with "-"';
  return null;
}

export function isValidPortNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}
