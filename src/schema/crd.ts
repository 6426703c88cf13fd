/**
 * CustomResourceDefinitions as schemas: the structural `openAPIV3Schema` of each served version,
 * translated to the JSON schema kubewire validates with, as the API server reads it (with kubectl's
 * default field validation, Strict):
 * - a node of `type: object` rejects fields it does not declare (the API server prunes them and
 *   strict field validation reports them), unless it carries `x-kubernetes-preserve-unknown-fields`
 *   or `additionalProperties` (a map);
 * - `x-kubernetes-embedded-resource`: apiVersion, kind and metadata are implicitly declared;
 * - the root's `metadata` is an ObjectMeta (the API server validates it as for every object);
 * - null is "unset" everywhere (non-nullable nulls are pruned before validation), int-or-string and
 *   preserve-unknown-fields are translated by kubernetesSchema (validator.ts).
 * Value validations under allOf/anyOf/oneOf/not stay as they are (they declare no fields).
 * - `x-kubernetes-list-type: set` lists have unique items, `map` lists unique key fields (a key
 *   field's default stands for its absence, as the API server defaults before validating).
 * - `format`: a format the API server checks (src/schema/formats.ts) becomes the keyword
 *   `x-kubewire-format` (normalized name; validator.ts checks it), any other is dropped;
 * - a property's default stands for its absence in the branches of allOf/anyOf/oneOf/not beside it
 *   (the API server defaults before it validates): see `defaultsInBranches`.
 * Descriptions, defaults (but those of list-map keys), examples and CEL rules (x-kubernetes-validations) are dropped.
 */
import { isObject } from '../model/resources.js';
import { checkFormat, keptFormat } from './formats.js';

/** The keyword that carries a checked format in translated schemas (validator.ts implements it). */
export const FORMAT_KEYWORD = 'x-kubewire-format';

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export interface CrdVersion {
  /** `group/version` */
  apiVersion: string;
  kind: string;
  /** The version's openAPIV3Schema, as written. */
  schema: Record<string, unknown>;
}

/** The served versions of a CustomResourceDefinition that carry a schema (apiextensions v1 and v1beta1). */
export function crdVersions(crd: unknown): CrdVersion[] {
  if (!isObject(crd) || crd.kind !== 'CustomResourceDefinition') return [];
  if (typeof crd.apiVersion !== 'string' || !crd.apiVersion.startsWith('apiextensions.k8s.io/')) return [];
  const spec = crd.spec;
  if (!isObject(spec) || typeof spec.group !== 'string' || !isObject(spec.names) || typeof spec.names.kind !== 'string') return [];
  const { group } = spec;
  const kind = spec.names.kind;
  const shared = isObject(spec.validation) && isObject(spec.validation.openAPIV3Schema) ? spec.validation.openAPIV3Schema : null; // v1beta1
  const out: CrdVersion[] = [];
  const versions: unknown[] = Array.isArray(spec.versions) ? spec.versions : typeof spec.version === 'string' ? [{ name: spec.version }] : [];
  for (const v of versions) {
    if (!isObject(v) || typeof v.name !== 'string' || v.served === false) continue;
    const own = isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : null;
    const schema = own ?? shared;
    if (schema) out.push({ apiVersion: `${group}/${v.name}`, kind, schema });
  }
  return out;
}

const DROPPED = new Set(['description', 'default', 'example', 'externalDocs', 'x-kubernetes-validations', 'x-kubernetes-list-type', 'x-kubernetes-map-type', 'format', 'title']);
const JUNCTORS = new Set(['allOf', 'anyOf', 'oneOf']);

/**
 * The JSON schema of a custom resource from its openAPIV3Schema; `objectMetaRef` is the $ref to use
 * for the root's metadata (an ObjectMeta definition the caller provides).
 */
export function crdJsonSchema(openAPIV3Schema: Record<string, unknown>, objectMetaRef: string): Record<string, unknown> {
  const root = convert(openAPIV3Schema, true);
  const properties = (isObject(root.properties) ? root.properties : {}) as Record<string, unknown>;
  root.type = 'object';
  root.properties = {
    ...properties,
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { $ref: objectMetaRef },
  };
  if (root['x-kubernetes-preserve-unknown-fields'] !== true) root.additionalProperties = false;
  return root;
}

function keepKeyDefaults(out: Record<string, unknown>, node: Record<string, unknown>): void {
  const keys = out['x-kubernetes-list-map-keys'];
  const items = out.items;
  const source = isObject(node.items) && isObject(node.items.properties) ? node.items.properties : null;
  if (!Array.isArray(keys) || !isObject(items) || !isObject(items.properties) || !source) return;
  for (const k of keys) {
    const from = typeof k === 'string' ? source[k] : undefined;
    const to = typeof k === 'string' ? items.properties[k] : undefined;
    if (isObject(from) && from.default !== undefined && isObject(to)) to.default = from.default;
  }
}

/**
 * One node; `structural`: false under allOf/anyOf/oneOf/not, where a schema constrains values but
 * declares no fields. `preserved`: the node is an item (of an item…) of a list that carries
 * x-kubernetes-preserve-unknown-fields: the API server's pruning skips it as it skips that list
 * (apiextensions pruning: skipPrune goes on into items), so its undeclared fields are kept, while
 * the fields it declares are pruned, and judged, as usual.
 */
function convert(node: Record<string, unknown>, structural: boolean, preserved = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const preserves = preserved || node['x-kubernetes-preserve-unknown-fields'] === true;
  const format = keptFormat(node);
  if (format) out[FORMAT_KEYWORD] = format;
  for (const [k, v] of Object.entries(node)) {
    if (DROPPED.has(k)) continue;
    if (k === 'properties' && isObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, isObject(s) ? convert(s, structural) : s]));
    } else if (k === 'items' && isObject(v)) {
      out.items = convert(v, structural, preserves);
    } else if (k === 'additionalProperties' && isObject(v)) {
      out.additionalProperties = convert(v, structural);
    } else if (k === 'not' && isObject(v)) {
      out.not = convert(v, false);
    } else if (JUNCTORS.has(k) && Array.isArray(v)) {
      out[k] = (v as unknown[]).map((s) => (isObject(s) ? convert(s, false) : s));
    } else {
      out[k] = v;
    }
  }
  if (structural && out.type === 'array') {
    // listType set: no two equal items; map: no two items with the same key fields (the keyword is checked
    // by addKubernetesKeywords, and reads the key fields' defaults, kept for that).
    if (node['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
    if (node['x-kubernetes-list-type'] !== 'map') delete out['x-kubernetes-list-map-keys'];
    else keepKeyDefaults(out, node);
  } else delete out['x-kubernetes-list-map-keys'];
  defaultsInBranches(node, out);
  if (!structural || out.type !== 'object') return out;
  if (out['x-kubernetes-embedded-resource'] === true) {
    const props = (isObject(out.properties) ? out.properties : {}) as Record<string, unknown>;
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...props };
  }
  if (!preserves && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/**
 * The API server defaults an object's absent properties before it validates, so the branches of
 * allOf/anyOf/oneOf/not beside them judge the default, not the absence (Gateway API addresses: a
 * value without `type` is an IPAddress, whose value must be an ipv4 or ipv6). ajv sees the
 * absence, so each branch is adjusted where the outcome on the default is known statically
 * (`accepts`): a branch whose constraint on the property refuses its default requires the property,
 * and one that accepts it no longer requires it. Other branches stay as they are.
 */
function defaultsInBranches(node: Record<string, unknown>, out: Record<string, unknown>): void {
  if (!isObject(node.properties)) return;
  const defaults: [string, unknown][] = [];
  for (const [p, s] of Object.entries(node.properties)) if (isObject(s) && s.default !== undefined) defaults.push([p, s.default]);
  if (defaults.length === 0) return;
  // Every branch that judges this same object, nested ones included, so that none still sees the absence.
  const branches: Record<string, unknown>[] = [];
  const collect = (s: Record<string, unknown>) => {
    const subs: unknown[] = [...JUNCTORS].flatMap((j) => (Array.isArray(s[j]) ? (s[j] as unknown[]) : []));
    if (s.not !== undefined) subs.push(s.not);
    for (const b of subs) {
      if (!isObject(b)) continue;
      branches.push(b);
      collect(b);
    }
  };
  collect(out);
  for (const b of branches) {
    for (const [p, d] of defaults) {
      const constraint = isObject(b.properties) ? b.properties[p] : undefined;
      const ok = isObject(constraint) ? accepts(constraint, d) : true;
      if (ok === null) continue;
      const required = Array.isArray(b.required) ? (b.required as unknown[]) : [];
      if (ok && required.includes(p)) b.required = required.filter((r) => r !== p);
      else if (!ok && !required.includes(p)) b.required = [...required, p];
    }
  }
}

/** Whether a (translated) schema accepts a value, when it only uses keywords judged here; else null. */
function accepts(schema: Record<string, unknown>, value: unknown): boolean | null {
  let ok = true;
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'enum' && Array.isArray(v)) ok &&= v.some((e) => JSON.stringify(e) === JSON.stringify(value));
    else if (k === 'const') ok &&= JSON.stringify(v) === JSON.stringify(value);
    else if (k === 'not' && isObject(v)) {
      const inner = accepts(v, value);
      if (inner === null) return null;
      ok &&= !inner;
    } else if (k === 'type' && typeof v === 'string') ok &&= jsonType(value, v);
    else if (k === FORMAT_KEYWORD && typeof v === 'string') ok &&= typeof value !== 'string' || checkFormat(v, value);
    else return null;
  }
  return ok;
}

function jsonType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return false;
  }
}
