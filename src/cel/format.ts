/**
 * Kubernetes' CEL format library (1.31+): `format.<name>()` and `format.named(name)` give a format
 * whose `validate(string)` is `optional.none()` for a valid value, else the list of reasons, as
 * apimachinery's validation functions word them.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { Optional } from '@marcbachmann/cel-js';
import { isDns1123Label, isDns1123Subdomain } from '../k8s/names.js';
import { isURL } from './url.js';
import { celEquals, type CelEquatable } from './values.js';

type Check = (s: string) => string[];

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function maxLen(n: number): string {
  return `must be no more than ${n} characters`;
}

const label1123: Check = (s) => {
  const out: string[] = [];
  if (s.length > 63) out.push(maxLen(63));
  if (!isDns1123Label(s.slice(0, 63)) || s.length === 0) {
    out.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
  }
  return out;
};

const subdomain1123: Check = (s) => {
  const out: string[] = [];
  if (s.length > 253) out.push(maxLen(253));
  if (!isDns1123Subdomain(s.slice(0, 253)) || s.length === 0) {
    out.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
  }
  return out;
};

const label1035: Check = (s) => {
  const out: string[] = [];
  if (s.length > 63) out.push(maxLen(63));
  if (!DNS1035_LABEL.test(s)) {
    out.push("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character");
  }
  return out;
};

/** A generateName prefix: the value with a trailing "-" dropped must be valid. */
function prefix(check: Check): Check {
  return (s) => check(s.endsWith('-') ? s.slice(0, -1) : s);
}

const qualifiedName: Check = (s) => {
  const parts = s.split('/');
  let name = s;
  const out: string[] = [];
  if (parts.length === 2) {
    const [p, n] = parts;
    name = n;
    if (p.length === 0) out.push('prefix part must be non-empty');
    else out.push(...subdomain1123(p).map((e) => `prefix part ${e}`));
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character with an optional DNS subdomain prefix and '/'"];
  }
  if (name.length === 0) out.push('name part must be non-empty');
  else if (name.length > 63) out.push(`name part ${maxLen(63)}`);
  if (name.length > 0 && !QUALIFIED_NAME_PART.test(name)) {
    out.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  }
  return out;
};

const labelValue: Check = (s) => {
  const out: string[] = [];
  if (s.length > 63) out.push(maxLen(63));
  if (!LABEL_VALUE.test(s)) out.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  return out;
};

const FORMATS: Record<string, Check> = {
  dns1123Label: label1123,
  dns1123Subdomain: subdomain1123,
  dns1035Label: label1035,
  qualifiedName,
  dns1123LabelPrefix: prefix(label1123),
  dns1123SubdomainPrefix: prefix(subdomain1123),
  dns1035LabelPrefix: prefix(label1035),
  labelValue,
  uri: (s) => (isURL(s) ? [] : ['invalid URI']),
  uuid: (s) => (UUID.test(s) ? [] : ['does not match the UUID format']),
  byte: (s) => (/^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 ? [] : ['invalid base64']),
  date: (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ? [] : ['invalid date']),
  datetime: (s) => (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)) ? [] : ['invalid datetime']),
};

export class NamedFormat implements CelEquatable {
  constructor(
    readonly name: string,
    readonly check: Check,
  ) {}

  celEquals(other: unknown): boolean {
    return other instanceof NamedFormat && other.name === this.name;
  }
}

class FormatNamespace {}

export function registerFormat(env: Environment): void {
  env
    .registerType('kubernetes.NamedFormat', NamedFormat)
    .registerType('FormatNamespace', FormatNamespace)
    .registerConstant('format', 'FormatNamespace', new FormatNamespace())
    .registerFunction('FormatNamespace.named(string): optional<kubernetes.NamedFormat>', (_: unknown, name: string) =>
      Object.hasOwn(FORMATS, name) ? Optional.of(new NamedFormat(name, FORMATS[name])) : Optional.none(),
    )
    .registerFunction('kubernetes.NamedFormat.validate(string): optional<list<string>>', (f: NamedFormat, s: string) => {
      const errors = f.check(s);
      return errors.length === 0 ? Optional.none() : Optional.of(errors);
    });
  // cel-go: optionals are equal when both are empty or hold equal values; an optional is never equal to anything else.
  env
    .registerOperator('optional == optional', (a: Optional, b: Optional) => (a.hasValue() ? b.hasValue() && celEquals(a.value(), b.value()) : !b.hasValue()))
    .registerOperator('optional == null', () => false);
  for (const [name, check] of Object.entries(FORMATS)) {
    env.registerFunction(`FormatNamespace.${name}(): kubernetes.NamedFormat`, () => new NamedFormat(name, check));
  }
}
