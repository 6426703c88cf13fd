/** Kubernetes name and port syntax, as apimachinery's pkg/util/validation checks it. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
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

/** Why `s` is not a DNS-1123 label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63), or null. */
export function dns1123LabelProblem(s: string): string | null {
  if (s.length === 0) return 'it is empty';
  if (s.length > 63) return `it is ${s.length} characters long (at most 63)`;
  if (/[A-Z]/.test(s) && isDns1123Label(s.toLowerCase())) return 'it must be lowercase';
  if (!/^[-a-z0-9]+$/.test(s)) return 'only lowercase letters, digits and "-" are allowed';
  if (s.startsWith('-') || s.endsWith('-')) return 'it must begin and end with a letter or digit';
  return null;
}

/** Why `s` is not a DNS-1123 subdomain (dot-separated DNS-1123 labels, at most 253), or null. */
export function dns1123SubdomainProblem(s: string): string | null {
  if (s.length === 0) return 'it is empty';
  if (s.length > 253) return `it is ${s.length} characters long (at most 253)`;
  if (/[A-Z]/.test(s) && isDns1123Subdomain(s.toLowerCase())) return 'it must be lowercase';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return 'it is a URL: give only the host name, without scheme or path';
  if (/:\d+$/.test(s) && isDns1123Subdomain(s.replace(/:\d+$/, ''))) return 'it includes a port: give only the host name';
  if (!/^[-.a-z0-9]+$/.test(s)) return 'only lowercase letters, digits, "-" and "." are allowed';
  for (const label of s.split('.')) {
    if (label === '') return 'it has an empty label (two dots in a row, or a leading dot)';
    if (label.startsWith('-') || label.endsWith('-')) return `label "${label}" must begin and end with a letter or digit`;
  }
  return isDns1123Subdomain(s) ? null : 'it is not a DNS-1123 subdomain';
}

/** The nearest valid DNS-1123 label: lowercased, invalid characters replaced by "-", trimmed to 63. Null if nothing is left. */
export function toDns1123Label(s: string): string | null {
  const out = s
    .toLowerCase()
    .replace(/[^-a-z0-9]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return out && isDns1123Label(out) ? out : null;
}
