import jsyaml from 'js-yaml';

/**
 * The scalar types of sigs.k8s.io/yaml (go-yaml v2's resolve.go) as a js-yaml 4 schema:
 * - null: `~`, `null`, `Null`, `NULL` and the empty value;
 * - booleans: `y`, `yes`, `on`, `true` and `n`, `no`, `off`, `false`, each also capitalised or in
 *   capitals (`Yes`, `YES`), nothing else (`yEs` is a string);
 * - integers as Go's strconv.ParseInt(s, 0, 64) reads them once every `_` is removed: `0755` octal,
 *   `0x1F` hex, `0o17` octal, `0b101` binary, `1_000`; out of the 64-bit range a prefixed number is a
 *   string (and a decimal one a float);
 * - floats: `1.5`, `1e3`, `08` (not an octal number), `.5`, `.inf`, `-.Inf`, `.nan`;
 * - `<<` merges.
 * Timestamps stay strings (go-yaml v2 reads them so into an interface{}), there is no base 60 (`1:30`
 * is a string), and no !!binary, !!omap, !!pairs or !!set.
 *
 * Every resolver first looks at the scalar's first character, so the common case (a plain word such
 * as a name or a label value) costs one character comparison per type: this is what keeps the
 * YAML 1.1 reading as fast as js-yaml's default schema.
 */

const NULL_VALUES = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLEANS = new Map<string, boolean>();
for (const k of ['true', 'True', 'TRUE', 'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']) BOOLEANS.set(k, true);
for (const k of ['false', 'False', 'FALSE', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']) BOOLEANS.set(k, false);
const SPECIAL_FLOATS = new Map<string, number>();
for (const s of ['', '+']) for (const inf of ['.inf', '.Inf', '.INF']) SPECIAL_FLOATS.set(s + inf, Number.POSITIVE_INFINITY);
for (const inf of ['.inf', '.Inf', '.INF']) SPECIAL_FLOATS.set('-' + inf, Number.NEGATIVE_INFINITY);
for (const nan of ['.nan', '.NaN', '.NAN']) SPECIAL_FLOATS.set(nan, NaN);

/** Go's integer literal syntax for strconv.ParseInt(s, 0, 64), without underscores. */
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml v2's yamlStyleFloat. */
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DECIMAL = /^[-+]?(?:0|[1-9][0-9]*)$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** A digit, `-` or `+`: the first characters of a number (go-yaml's 'D' and 'S' hints). */
function numberStart(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43;
}

function withoutUnderscores(s: string): string {
  return s.includes('_') ? s.replace(/_/g, '') : s;
}

/** The integer go-yaml v2 reads, or undefined. */
function goInteger(source: string): number | undefined {
  const s = withoutUnderscores(source);
  // The common case, a short decimal number (a port, a count), exactly in a double.
  if (s.length <= 15 && DECIMAL.test(s)) return Number(s) + 0; // + 0: -0 is 0
  if (!GO_INT.test(s)) return undefined;
  const sign = s[0] === '-' ? -1n : 1n;
  let digits = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  // A leading 0 is octal (BigInt reads the 0x, 0o and 0b prefixes).
  if (digits.length > 1 && digits[0] === '0' && /[0-7]/.test(digits[1])) digits = `0o${digits.slice(1)}`;
  const v = sign * BigInt(digits);
  // ParseInt: the int64 range; then ParseUint (no sign): up to 2^64-1.
  if (v >= INT64_MIN && (v < -INT64_MIN || (s[0] !== '-' && s[0] !== '+' && v <= UINT64_MAX))) return Number(v);
  // Out of range: a decimal number is still a float (yamlStyleFloat), a prefixed one a string.
  return /^[-+]?[0-9]+$/.test(s) ? Number(s) : undefined;
}

/** The float go-yaml v2 reads (integers aside), or undefined. */
function goFloat(source: string): number | undefined {
  const special = SPECIAL_FLOATS.get(source);
  if (special !== undefined) return special;
  const c = source.charCodeAt(0);
  // A leading `.`: strconv.ParseFloat of the text as it is; a digit or sign: yamlStyleFloat without underscores.
  const s = c === 46 /* . */ ? source : withoutUnderscores(source);
  if (!GO_FLOAT.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined; // ParseFloat fails out of range
}

const nullType = new jsyaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string) => NULL_VALUES.has(s),
  construct: () => null,
  predicate: (o: unknown) => o === null,
  represent: () => 'null',
});

const boolType = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => s.length <= 5 && BOOLEANS.has(s),
  construct: (s: string) => BOOLEANS.get(s)!,
  predicate: (o: unknown) => typeof o === 'boolean',
});

const intType = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => s.length > 0 && numberStart(s.charCodeAt(0)) && goInteger(s) !== undefined,
  construct: (s: string) => goInteger(s)!,
  predicate: (o: unknown) => Number.isInteger(o) && !Object.is(o, -0),
});

const floatType = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => {
    if (s.length === 0) return false;
    const c = s.charCodeAt(0);
    return (numberStart(c) || c === 46) /* . */ && goFloat(s) !== undefined;
  },
  construct: (s: string) => goFloat(s)!,
  predicate: (o: unknown) => typeof o === 'number' && (!Number.isInteger(o) || Object.is(o, -0)),
});

const mergeType = new jsyaml.Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (s: string) => s === '<<',
});

/** The schema sigs.k8s.io/yaml reads with (see above), for js-yaml 4's load and loadAll. */
export const KUBERNETES_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType, mergeType] });

const PLAIN_TYPES = [nullType, boolType, intType, floatType] as const;

/** The value of a plain scalar, as the schema's implicit types read it (`on` is true, `0x1F` is 31). */
export function resolvePlainScalar(s: string): unknown {
  for (const type of PLAIN_TYPES) {
    if ((type.resolve as (data: string) => boolean)(s)) return (type.construct as (data: string) => unknown)(s);
  }
  return s;
}
