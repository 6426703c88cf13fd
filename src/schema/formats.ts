/**
 * OpenAPI `format`s of custom resource fields, checked as the API server checks them.
 *
 * The apiextensions-apiserver keeps a CRD schema's `format` only where it is supported
 * (k8s.io/apiextensions-apiserver/pkg/apiserver/validation/formats.go,
 * StripUnsupportedFormatsPostProcessorForVersion): on a node of type string (or without a type),
 * a format whose name, without its dashes, is in the supported list of the cluster's version;
 * formats of integers (int32, int64) and numbers (float, double) constrain no value, any other is
 * dropped. kube-openapi's validator then checks each string value against the strfmt registry
 * (k8s.io/kube-openapi/pkg/validation/strfmt: default.go, bson.go, date.go, duration.go, time.go,
 * kubernetes-extensions.go, and the govalidator functions it vendors). Each checker here is a port
 * of the Go function the registry calls, with its quirks (a date-time is split at its "T", an
 * ipv4 may be an IPv4-mapped IPv6 address, a duration is any text holding a number and a unit).
 *
 * Not checked: `quantity` (in the supported list, but registered in no strfmt registry of the
 * Kubernetes releases kubewire covers, so the API server checks nothing) and `email` (Go's
 * net/mail address grammar is not ported: an approximation would give false findings).
 */
import { parseRequestURI } from '../cel/url.js';
import { goParseIP, stripZeros } from '../k8s/cidr.js';

/** Supported since Kubernetes 1.0 (the names as formats.go lists them). */
const SUPPORTED = [
  'bsonobjectid', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'cidr', 'mac', 'uuid', 'uuid3', 'uuid4', 'uuid5',
  'isbn', 'isbn10', 'isbn13', 'creditcard', 'ssn', 'hexcolor', 'rgbcolor', 'byte', 'password', 'date', 'duration',
  'datetime', 'quantity',
];
/** Supported since Kubernetes 1.34. */
const SUPPORTED_1_34 = ['k8s-short-name', 'k8s-long-name'];

/** go-openapi's name normalization: "date-time" is "datetime". */
export function normalizeFormat(name: string): string {
  return name.replaceAll('-', '');
}

const ALL = new Set([...SUPPORTED, ...SUPPORTED_1_34].map(normalizeFormat));
const SINCE_1_34 = new Set(SUPPORTED_1_34.map(normalizeFormat));

/**
 * The format a CRD schema node keeps (as written), or null when the API server drops it or checks
 * no value with it: a supported string format, on a node of type string or without a type.
 * Formats of later Kubernetes releases are kept; `formatActive` decides by version.
 */
export function keptFormat(node: Record<string, unknown>): string | null {
  const { format, type } = node;
  if (typeof format !== 'string' || format === '') return null;
  if (type !== undefined && type !== 'string') return null;
  const name = normalizeFormat(format);
  return ALL.has(name) && Object.hasOwn(CHECKS, name) ? format : null;
}

/** Whether `format` is checked at a Kubernetes version ("1.33"; null: the newest). */
export function formatActive(format: string, kubernetesVersion: string | null): boolean {
  const name = normalizeFormat(format);
  if (!Object.hasOwn(CHECKS, name)) return false;
  if (!SINCE_1_34.has(name) || kubernetesVersion === null) return true;
  const [major, minor] = kubernetesVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 34);
}

/** Whether `value` has the format ("date-time" or "datetime"); true for a format kubewire does not check. */
export function checkFormat(format: string, value: string): boolean {
  const name = normalizeFormat(format);
  const check = Object.hasOwn(CHECKS, name) ? CHECKS[name] : undefined;
  return check ? check(value) : true;
}

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

// strfmt/default.go
const HOSTNAME =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
// govalidator/patterns.go (Go's \s is [\t\n\f\r ], its \d [0-9])
const CREDIT_CARD = /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35[0-9]{3})[0-9]{11})$/;
const ISBN10 = /^(?:[0-9]{9}X|[0-9]{10})$/;
const ISBN13 = /^(?:[0-9]{13})$/;
const HEX_COLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const RGB_OCTET = '(0|[1-9][0-9]?|1[0-9][0-9]?|2[0-4][0-9]|25[0-5])';
const GO_SPACE = '[\\t\\n\\f\\r ]';
const RGB_COLOR = new RegExp(`^rgb\\(${GO_SPACE}*${RGB_OCTET}${GO_SPACE}*,${GO_SPACE}*${RGB_OCTET}${GO_SPACE}*,${GO_SPACE}*${RGB_OCTET}${GO_SPACE}*\\)$`);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const SSN = /^[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}$/;
// strfmt/kubernetes-extensions.go
const SHORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LONG_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** strfmt.IsHostname: the regex, at most 255 bytes, no label over 63 bytes. */
function isHostname(s: string): boolean {
  return HOSTNAME.test(s) && utf8Length(s) <= 255 && s.split('.').every((p) => utf8Length(p) <= 63);
}

/** govalidator.IsCreditCard: the digits (anything else dropped) match a card pattern and pass Luhn. */
function isCreditCard(s: string): boolean {
  const digits = s.replace(/[^0-9]+/gu, '');
  if (!CREDIT_CARD.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      sum += n >= 10 ? (n % 10) + 1 : n;
    } else sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

/** govalidator.IsISBN(s, 10 | 13): white space and hyphens dropped, the pattern and the checksum. */
function isISBN(s: string, version: 10 | 13): boolean {
  const d = s.replace(/[\t\n\f\r -]+/g, '');
  if (version === 10) {
    if (!ISBN10.test(d)) return false;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (i + 1) * (d.charCodeAt(i) - 48);
    sum += d[9] === 'X' ? 100 : 10 * (d.charCodeAt(9) - 48);
    return sum % 11 === 0;
  }
  if (!ISBN13.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * (d.charCodeAt(i) - 48);
  return d.charCodeAt(12) - 48 - ((10 - (sum % 10)) % 10) === 0;
}

// ---------------------------------------------------------------------------------------------
// IP addresses: Go's net.ParseIP (goParseIP, shared with the Service field rules in src/k8s/cidr.ts),
// net.ParseCIDR, net.ParseMAC, and k8s.io/utils/net's ParseIPSloppy/ParseCIDRSloppy (leading zeros of
// IPv4 octets stripped first: stripZeros).

/** Go's net.ParseCIDR(s) succeeds: an address (no zone) and a decimal prefix length within its width. */
function goParseCIDR(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  if (!goParseIP(addr)) return false;
  // netip's Is4: dotted IPv4 only (an IPv4-mapped IPv6 address is 128 bits wide).
  const width = addr.includes(':') ? 128 : 32;
  if (!/^[0-9]+$/.test(mask)) return false;
  const digits = mask.replace(/^0+(?=.)/, '');
  return digits.length <= 3 && Number(digits) <= width;
}

/** strfmt's ipv4: ParseIPSloppy succeeds and the text holds a dot (so "::ffff:1.2.3.4" is one). */
function isIPv4(s: string): boolean {
  return s.includes('.') && (goParseIP(s) || goParseIP(stripZeros(s)));
}

/** govalidator.IsIPv6: net.ParseIP succeeds and the text holds a colon. */
function isIPv6(s: string): boolean {
  return s.includes(':') && goParseIP(s);
}

/** strfmt's cidr: ParseCIDRSloppy. */
function isCIDR(s: string): boolean {
  return goParseCIDR(s) || goParseCIDR(stripZeros(s));
}

const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);

/** Go's net.ParseMAC: 6, 8 or 20 octets as xx:xx…, xx-xx… or xxxx.xxxx… */
function isMAC(s: string): boolean {
  // ParseMAC reads bytes; any non-ASCII byte sits where a hex digit or separator must be.
  if (s.length < 14 || /[\u0080-\u{10ffff}]/u.test(s)) return false;
  if (s[2] === ':' || s[2] === '-') {
    if ((s.length + 1) % 3 !== 0) return false;
    const n = (s.length + 1) / 3;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let x = 0; x < s.length; x += 3) {
      if (!isHex(s[x]) || !isHex(s[x + 1])) return false;
      if (x + 2 < s.length && s[x + 2] !== s[2]) return false;
    }
    return true;
  }
  if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0) return false;
    const n = (2 * (s.length + 1)) / 5;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let x = 0; x < s.length; x += 5) {
      if (![0, 1, 2, 3].every((k) => isHex(s[x + k]))) return false;
      if (x + 4 < s.length && s[x + 4] !== '.') return false;
    }
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Dates and durations.

/** Go's time.Parse("2006-01-02", s): four-digit year, two-digit month 1–12, a day of that month. */
function isDate(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day >= 1 && day <= days;
}

// Go's `.` is any character but a newline (JavaScript's also excludes \r, U+2028 and U+2029).
const DATE_TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})([^\n][0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/u;

/**
 * strfmt.IsDateTime: the lower-cased text split at every "t"; the first part a date, the second
 * HH:MM:SS with an optional fraction (after any one character) and "z" or an offset, HH ≤ 23,
 * MM and SS ≤ 59; further parts are not looked at.
 */
function isDateTime(s: string): boolean {
  if (utf8Length(s) < 4) return false;
  // Only ASCII letters matter below (no other letter lower-cases to "t" in Go).
  const parts = s.replace(/[A-Z]/g, (c) => c.toLowerCase()).split('t');
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = DATE_TIME.exec(parts[1]);
  return m !== null && m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5
  'μs': 1000n, // U+03BC
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};
const MAX = 1n << 63n;

/** Go's time.ParseDuration succeeds: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or "0", within ±2^63 ns. */
export function goParseDuration(text: string): boolean {
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return true;
  if (s === '') return false;
  let d = 0n;
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return false;
    // leadingInt: overflow is an error.
    let i = 0;
    let v = 0n;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > MAX / 10n) return false;
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > MAX) return false;
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    let f = 0;
    let scale = 1;
    if (s[0] === '.') {
      s = s.slice(1);
      // leadingFraction: digits past overflow are dropped, not an error.
      let j = 0;
      let overflow = false;
      let fi = 0n;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (fi > (MAX - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = fi * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > MAX) {
          overflow = true;
          continue;
        }
        fi = y;
        scale *= 10;
      }
      f = Number(fi);
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return false;
    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) return false;
    const unit = Object.hasOwn(UNITS, s.slice(0, u)) ? UNITS[s.slice(0, u)] : undefined;
    s = s.slice(u);
    if (unit === undefined) return false;
    if (v > MAX / unit) return false;
    v *= unit;
    if (f > 0) {
      v += BigInt(Math.trunc(f * (Number(unit) / scale)));
      if (v > MAX) return false;
    }
    d += v;
    if (d > MAX) return false;
  }
  return neg || d <= MAX - 1n;
}

const DURATION_UNITS: string[][] = [
  ['ns', 'nano'],
  ['us', 'µs', 'micro'],
  ['ms', 'milli'],
  ['s', 'sec'],
  ['m', 'min'],
  ['h', 'hr', 'hour'],
  ['d', 'day'],
  ['w', 'wk', 'week'],
];
const MAX_INT64 = (1n << 63n) - 1n;

/**
 * strfmt.ParseDuration: Go's time.ParseDuration, else every "<digits> <letters>" in the text, whose
 * letters are a unit (or start with its long name: "12 hours", "45 weekz"); valid when one is, and
 * no number overflows int64 (strconv.Atoi).
 */
function isDuration(s: string): boolean {
  if (goParseDuration(s)) return true;
  let ok = false;
  for (const m of s.matchAll(/(([0-9]+)[\t\n\f\r ]*([A-Za-zµ]+))/gu)) {
    if (BigInt(m[2]) > MAX_INT64) return false;
    const unit = m[3].toLowerCase();
    for (const variants of DURATION_UNITS) {
      const last = variants.length - 1;
      variants.forEach((variant, i) => {
        if ((i === last && unit.startsWith(variant)) || variant === unit) ok = true;
      });
    }
  }
  return ok;
}

/**
 * A built-in []byte field (format byte in the Kubernetes OpenAPI: Secret data, ConfigMap binaryData,
 * caBundle…), which the API server decodes as Go's encoding/json does: base64.StdEncoding, padded,
 * line breaks (\r, \n) skipped anywhere; the empty string is no bytes. Not the strfmt `byte` of CRDs.
 */
function isGoBase64(s: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s.replace(/[\r\n]/g, ''));
}

/** govalidator.IsRequestURI: Go's url.ParseRequestURI succeeds. */
function isRequestURI(s: string): boolean {
  try {
    parseRequestURI(s);
    return true;
  } catch {
    return false;
  }
}

/** The checkers, by normalized name (strfmt's registry, restricted to what formats.go supports). */
const CHECKS: Record<string, (s: string) => boolean> = {
  bsonobjectid: (s) => /^[0-9a-fA-F]{24}$/.test(s), // hex.DecodeString, 12 bytes
  uri: isRequestURI,
  hostname: isHostname,
  ipv4: isIPv4,
  ipv6: isIPv6,
  cidr: isCIDR,
  mac: isMAC,
  uuid: (s) => UUID.test(s),
  uuid3: (s) => UUID3.test(s),
  uuid4: (s) => UUID4.test(s),
  uuid5: (s) => UUID5.test(s),
  isbn: (s) => isISBN(s, 10) || isISBN(s, 13),
  isbn10: (s) => isISBN(s, 10),
  isbn13: (s) => isISBN(s, 13),
  creditcard: isCreditCard,
  ssn: (s) => s.length === 11 && SSN.test(s),
  hexcolor: (s) => HEX_COLOR.test(s),
  rgbcolor: (s) => RGB_COLOR.test(s),
  byte: (s) => BASE64.test(s),
  password: () => true,
  date: isDate,
  duration: isDuration,
  datetime: isDateTime,
  k8sshortname: (s) => s.length <= 63 && SHORT_NAME.test(s),
  k8slongname: (s) => s.length <= 253 && LONG_NAME.test(s),
  // Not a CRD format (keptFormat never keeps it): built-in []byte fields (scripts/gen-k8s-schemas.mjs).
  base64: isGoBase64,
};
