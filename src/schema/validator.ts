import { requireCached } from './code-cache.js';
import { _, Ajv, type ErrorObject, type KeywordCxt, type ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../engine/package-info.js';
import { celProblems, celTree } from './cel-rules.js';
import { crdJsonSchema, FORMAT_KEYWORD, OBJECT_META } from './crd.js';
import type { EmbeddedSchemaSet } from './embedded.js';
import { checkFormat, formatActive } from './formats.js';

/**
 * One problem of a document against its schema, already reduced to what a person needs: the field
 * (a JSON pointer relative to the object), what was expected and what was found. ajv's raw errors
 * (several per problem, `oneOf` branches) never leave this module.
 */
export type SchemaProblem =
  | { kind: 'unknown'; at: string; field: string; known: string[] }
  /** `allowed`: the field is also an enumeration (the value would fail it too). */
  | { kind: 'type'; at: string; expected: string[]; value: unknown; allowed?: unknown[] }
  | { kind: 'required'; at: string; field: string }
  | { kind: 'enum'; at: string; allowed: unknown[]; value: unknown }
  | { kind: 'other'; at: string; message: string }
  /**
   * A string that is not of the field's format (a CRD schema's `format`, checked as the API server
   * does: src/schema/formats.ts); several `formats` when each branch of an anyOf/oneOf wanted one.
   */
  | { kind: 'format'; at: string; formats: string[]; value: string }
  /**
   * A CRD validation rule (x-kubernetes-validations, src/schema/cel-rules.ts): `failed` (the rule is
   * false: `message` is the rule's message, messageExpression or "failed rule: …"), or not judged:
   * `uncompiled` (does not compile, or gives no bool), `unevaluated` (evaluation error), `cost`
   * (over the step limit), `message` saying why. `at`: the rule's fieldPath, else its node.
   */
  | { kind: 'cel'; at: string; outcome: 'failed' | 'uncompiled' | 'unevaluated' | 'cost'; rule: string; message: string; reason: string };

export type ObjectValidator = (value: unknown) => SchemaProblem[];

/**
 * allErrors: every problem of a document in one run; verbose: the offending value and the parent
 * schema (known field names) on each error; inlineRefs off: each definition is compiled once and
 * shared by every kind that refers to it (Deployment, StatefulSet… share PodSpec). The build's
 * precompiled validators (scripts/gen-k8s-validators.mjs) use the same options.
 */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false, validateFormats: false, inlineRefs: false } as const;

/** `kubernetesVersion`: the release whose supported formats are checked (null: the newest). */
function newAjv(kubernetesVersion: string | null): Ajv {
  return addKubernetesKeywords(new Ajv({ ...AJV_OPTIONS }), kubernetesVersion);
}

/** The format check of a Kubernetes version: formats of later releases are not checked. */
function formatCheckAt(kubernetesVersion: string | null): (format: string, value: string) => boolean {
  return (format, value) => !formatActive(format, kubernetesVersion) || checkFormat(format, value);
}

/**
 * `x-kubernetes-list-map-keys` (on a `x-kubernetes-list-type: map` list, as CRD schemas carry it):
 * two items with the same key fields are a duplicate, as the API server reports it ("Duplicate
 * value"); an absent key field counts as its default. Generated inline, so precompiled validators
 * need no helper. The error is at the later item (`params.index`), naming the earlier (`params.first`).
 *
 * `x-kubewire-format` (crd.ts: a CRD schema's `format` that the API server checks): a string value
 * must have the format (src/schema/formats.ts). Precompiled validators (standalone code) require the
 * checker from `./formats.cjs` beside them (scripts/gen-k8s-validators.mjs bundles it), which checks
 * every format; compiled at run time, formats that `kubernetesVersion` does not support pass.
 */
export function addKubernetesKeywords(ajv: Ajv, kubernetesVersion: string | null = null): Ajv {
  const check = formatCheckAt(kubernetesVersion);
  ajv.addKeyword({
    keyword: FORMAT_KEYWORD,
    type: 'string',
    schemaType: 'string',
    error: { message: 'format', params: ({ schema }) => _`{format: ${schema as string}}` },
    code(cxt: KeywordCxt) {
      const fn = cxt.gen.scopeValue('formats', { key: 'check', ref: check, code: _`require("./formats.cjs").checkFormat` });
      cxt.fail(_`!${fn}(${cxt.schema as string}, ${cxt.data})`);
    },
  });
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-map-keys',
    type: 'array',
    schemaType: 'array',
    error: {
      message: 'duplicate list-map entry',
      params: ({ params }) => _`{index: ${params.index}, first: ${params.first}, keys: ${params.keys}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data } = cxt;
      const keys = (cxt.schema as unknown[]).filter((k): k is string => typeof k === 'string');
      const itemProps = ((cxt.parentSchema as { items?: { properties?: Record<string, { default?: unknown }> } }).items?.properties ?? {});
      const seen = gen.const('seen', _`new Map()`);
      const i = gen.let('i');
      gen.forRange('i', 0, _`${data}.length`, (idx) => {
        gen.assign(i, idx);
        const item = gen.const('item', _`${data}[${idx}]`);
        gen.if(_`${item} && typeof ${item} == "object" && !Array.isArray(${item})`, () => {
          const parts = keys.map((k) => {
            const d = itemProps[k]?.default;
            const scalar = typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean';
            return scalar ? _`(${item}[${k}] ?? ${d})` : _`${item}[${k}]`;
          });
          const key = gen.const('key', _`JSON.stringify([${parts.reduce((a, b) => _`${a}, ${b}`)}])`);
          gen.if(
            _`${seen}.has(${key})`,
            () => {
              cxt.setParams({ index: i, first: _`${seen}.get(${key})`, keys: key });
              cxt.error();
            },
            () => gen.code(_`${seen}.set(${key}, ${i});`),
          );
        });
      });
    },
  });
  return ajv;
}

/** Identifies the schema file a precompiled validator module was built from. */
export function schemaHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

type Precompiled = Record<string, ValidateFunction | string | undefined>;

/** The build's standalone validators for an embedded release, when present and built from this very schema file. */
function loadPrecompiled(id: string, hash: string): Precompiled | null {
  const file = path.join(packageRoot(), 'dist', 'src', 'schema', 'generated', `${id}.cjs`);
  if (!existsSync(file)) return null;
  try {
    const mod = requireCached(file) as Precompiled;
    return mod.__schemaHash === hash ? mod : null;
  } catch {
    return null;
  }
}

/**
 * How Kubernetes reads a schema, applied to any schema before ajv compiles it:
 * - null is accepted for every field (the API server decodes it as "unset"), for the embedded set;
 * - x-kubernetes-int-or-string: an integer or a string;
 * - x-kubernetes-preserve-unknown-fields: no unknown-field errors below that node;
 * - OpenAPI `nullable` without a `type` is dropped (ajv would refuse it).
 */
export function kubernetesSchema(schema: unknown, nullEverywhere: boolean): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Record<string, unknown>;
  if (s['x-kubernetes-int-or-string'] === true) {
    delete s.anyOf;
    delete s.oneOf;
    s.type = ['integer', 'string'];
  }
  if (s['x-kubernetes-preserve-unknown-fields'] === true && s.additionalProperties === false) delete s.additionalProperties;
  if (s.type !== undefined && nullEverywhere) s.nullable = true;
  if (s.nullable !== undefined && s.type === undefined) delete s.nullable;
  for (const [k, v] of Object.entries(s)) {
    if (SCHEMA_MAPS.has(k) && v && typeof v === 'object') {
      for (const sub of Object.values(v)) kubernetesSchema(sub, nullEverywhere);
    } else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) {
      for (const sub of v) kubernetesSchema(sub, nullEverywhere);
    } else if (SCHEMA_VALUES.has(k)) {
      if (Array.isArray(v)) for (const sub of v) kubernetesSchema(sub, nullEverywhere);
      else kubernetesSchema(v, nullEverywhere);
    }
  }
}

/** Keywords whose value maps names to subschemas, lists subschemas, or is a subschema (or a list of them). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalItems', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems']);

/** Validators of one embedded Kubernetes release, compiled lazily per kind and cached. */
export class EmbeddedValidators {
  private ajv: Ajv | null = null;
  private precompiled: Precompiled | null | undefined;
  private readonly compiled = new Map<string, ObjectValidator>();

  constructor(
    private readonly set: EmbeddedSchemaSet,
    private readonly hash: string,
  ) {}

  has(apiVersion: string, kind: string): boolean {
    return `${apiVersion} ${kind}` in this.set.kinds;
  }

  /** The kinds of an API group (any version), for "did you mean" on unknown kinds. */
  kindsOfGroup(group: string): { apiVersion: string; kind: string }[] {
    const out: { apiVersion: string; kind: string }[] = [];
    for (const key of Object.keys(this.set.kinds)) {
      const [apiVersion, kind] = key.split(' ') as [string, string];
      const slash = apiVersion.indexOf('/');
      if ((slash < 0 ? '' : apiVersion.slice(0, slash)) === group) out.push({ apiVersion, kind });
    }
    return out;
  }

  validator(apiVersion: string, kind: string): ObjectValidator | null {
    const key = `${apiVersion} ${kind}`;
    const name = this.set.kinds[key];
    if (!name) return null;
    let v = this.compiled.get(key);
    if (!v) {
      if (this.precompiled === undefined) this.precompiled = loadPrecompiled(this.set.id, this.hash);
      const ready = this.precompiled?.[key];
      if (typeof ready === 'function') {
        v = withCel(wrap(ready), this.set.crdSchema?.(key));
        this.compiled.set(key, v);
        return v;
      }
      if (!this.ajv) {
        this.ajv = newAjv(this.set.kubernetesVersion);
        const definitions = structuredClone(this.set.definitions());
        for (const d of Object.values(definitions)) kubernetesSchema(d, true);
        this.ajv.addSchema({ definitions }, 'k8s');
      }
      const fn = this.ajv.getSchema(`k8s#/definitions/${name}`);
      if (!fn) return null;
      v = withCel(wrap(fn), this.set.crdSchema?.(key));
      this.compiled.set(key, v);
    }
    return v;
  }
}

/**
 * Validators of custom resources from CustomResourceDefinitions (of the input, of `crds:`), compiled
 * on first use with one ajv per release that holds its ObjectMeta (the root's metadata), and cached
 * by schema (the language server re-lints with the same CRDs).
 */
export class CrdValidators {
  private ajv: Ajv | null = null;
  private readonly cache = new Map<string, ObjectValidator>();

  constructor(private readonly release: EmbeddedSchemaSet | null) {}

  compile(openAPIV3Schema: Record<string, unknown>): ObjectValidator {
    return withCel(this.structural(openAPIV3Schema), openAPIV3Schema);
  }

  /** The structural validator (cached by translated schema: CEL rules are not part of it). */
  private structural(openAPIV3Schema: Record<string, unknown>): ObjectValidator {
    const schema = crdJsonSchema(openAPIV3Schema, this.release ? `k8s#/definitions/${OBJECT_META}` : '#/$defs/anyObject');
    const key = JSON.stringify(schema);
    let v = this.cache.get(key);
    if (!v) {
      kubernetesSchema(schema, true);
      if (!this.ajv) {
        this.ajv = newAjv(this.release?.kubernetesVersion ?? null);
        if (this.release) {
          const definitions = structuredClone(closure(this.release.definitions(), OBJECT_META));
          for (const d of Object.values(definitions)) kubernetesSchema(d, true);
          this.ajv.addSchema({ definitions }, 'k8s');
        }
      }
      if (!this.release) schema.$defs = { anyObject: { type: 'object' } };
      v = wrap(this.ajv.compile(schema));
      if (this.cache.size >= 500) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, v);
    }
    return v;
  }
}

/** A definition and those it refers to. */
function closure(definitions: Record<string, object>, root: string): Record<string, object> {
  const out: Record<string, object> = {};
  const visit = (name: string) => {
    if (name in out || !(name in definitions)) return;
    out[name] = definitions[name];
    const refs = JSON.stringify(definitions[name]).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g);
    for (const m of refs) visit(m[1]);
  };
  visit(root);
  return out;
}

/** Compiles a schema obtained from a schema location (kubeconform layout: one standalone schema per kind). */
export function compileExternal(schema: object): ObjectValidator {
  const copy = structuredClone(schema) as Record<string, unknown>;
  delete copy.$schema;
  delete copy.$id;
  delete copy.id;
  kubernetesSchema(copy, false);
  return wrap(newAjv(null).compile(copy));
}

/**
 * A validator that also evaluates the CRD's validation rules (x-kubernetes-validations) where the
 * structural schema leaves them something to judge; the rule tree is built on first use.
 */
function withCel(structural: ObjectValidator, openAPIV3Schema: Record<string, unknown> | undefined): ObjectValidator {
  if (!openAPIV3Schema) return structural;
  return (value) => {
    const problems = structural(value);
    const tree = celTree(openAPIV3Schema);
    return tree ? [...problems, ...celProblems(value, tree, problems)] : problems;
  };
}

function wrap(fn: ValidateFunction): ObjectValidator {
  return (value) => (fn(value) ? [] : problemsOf(fn.errors ?? []));
}

const TYPE_KEYWORDS = new Set(['type', 'nullable']);
/** Keywords whose failure in a oneOf/anyOf branch says the value is another variant, not a wrong one of this. */
const DISCRIMINATING = new Set(['required', 'enum', 'const', 'not']);

/** ajv errors → one problem per field and kind of mistake, `oneOf`/`anyOf` branches collapsed. */
function problemsOf(errors: ErrorObject[]): SchemaProblem[] {
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  let kept = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const merged: SchemaProblem[] = [];
  for (const c of combinators) {
    const prefix = c.schemaPath + '/';
    const branches = new Map<string, ErrorObject[]>();
    const under = c.instancePath + '/';
    for (const e of kept) {
      // The combinator's own branches: the same schema path is every item's of a list.
      if (!e.schemaPath.startsWith(prefix) || (e.instancePath !== c.instancePath && !e.instancePath.startsWith(under))) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      const list = branches.get(branch);
      if (list) list.push(e);
      else branches.set(branch, [e]);
    }
    if (branches.size === 0) continue;
    const inBranches = new Set([...branches.values()].flat());
    kept = kept.filter((e) => !inBranches.has(e));
    const typeOnly = (list: ErrorObject[]) => list.every((e) => TYPE_KEYWORDS.has(e.keyword) && e.instancePath === c.instancePath);
    const candidates = [...branches.values()].filter((l) => !typeOnly(l));
    const formatOnly = (list: ErrorObject[]) => list.every((e) => e.keyword === FORMAT_KEYWORD && e.instancePath === c.instancePath);
    if (candidates.length === branches.size && candidates.every(formatOnly)) {
      // Each branch wanted another format of the value (ipv4 or ipv6): one error naming them all,
      // standing for the combinator in the branches of an enclosing one.
      const formats = [...new Set(candidates.flat().flatMap((e) => formatsOf(e)))];
      kept.push({ ...candidates[0][0], schemaPath: c.schemaPath, schema: formats });
    } else if (candidates.length === 0) {
      // No branch accepted the value's type: one type error naming every allowed type.
      const expected = new Set<string>();
      for (const e of inBranches) if (e.keyword === 'type') for (const t of typeList(e.params.type)) expected.add(t);
      merged.push({ kind: 'type', at: c.instancePath, expected: [...expected], value: c.data });
    } else {
      // The branch that matched the type: its own (deeper) problems, the fewest of them; between
      // equals, the one fewer of whose problems say it is another variant (a discriminating
      // property absent, of another value), then the first.
      const discriminating = (l: ErrorObject[]) => l.filter((e) => DISCRIMINATING.has(e.keyword)).length;
      const ranked = [...branches]
        .filter(([, l]) => !typeOnly(l))
        .sort(([i, a], [j, b]) => a.length - b.length || discriminating(a) - discriminating(b) || Number(i) - Number(j));
      kept.push(...ranked[0][1]);
    }
  }
  const out: SchemaProblem[] = [...merged];
  for (const e of kept) {
    const p = toProblem(e);
    if (p) out.push(p);
  }
  // A value of the wrong type is one problem: no second finding for its enum or format (the
  // enumeration goes with the type problem, as it is the better hint).
  const wrongType = new Map<string, Extract<SchemaProblem, { kind: 'type' }>>();
  for (const p of out) if (p.kind === 'type') wrongType.set(p.at, p);
  const seen = new Set<string>();
  return out.filter((p) => {
    const typeProblem = p.kind === 'enum' || p.kind === 'other' ? wrongType.get(p.at) : undefined;
    if (typeProblem) {
      if (p.kind === 'enum') typeProblem.allowed = p.allowed;
      return false;
    }
    const key = `${p.kind}\u0000${p.at}\u0000${'field' in p ? p.field : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function formatsOf(e: ErrorObject): string[] {
  return Array.isArray(e.schema) ? (e.schema as string[]) : [String(e.schema)];
}

function typeList(t: unknown): string[] {
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? t.split(',') : [];
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toProblem(e: ErrorObject): SchemaProblem | null {
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(e.params.additionalProperty);
      const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
      return { kind: 'unknown', at: `${e.instancePath}/${escape(field)}`, field, known: Object.keys(parent?.properties ?? {}) };
    }
    case 'required':
      return { kind: 'required', at: e.instancePath, field: String(e.params.missingProperty) };
    case 'type':
      return { kind: 'type', at: e.instancePath, expected: typeList(e.params.type).filter((t) => t !== 'null'), value: e.data };
    case 'enum':
      return { kind: 'enum', at: e.instancePath, allowed: e.params.allowedValues as unknown[], value: e.data };
    case 'const':
      return { kind: 'enum', at: e.instancePath, allowed: [e.params.allowedValue], value: e.data };
    case 'nullable':
      return null; // reported with the type error of the same field
    case FORMAT_KEYWORD:
      return { kind: 'format', at: e.instancePath, formats: formatsOf(e), value: String(e.data) };
    case 'x-kubernetes-list-map-keys': {
      const p = e.params as { index: number; first: number; keys: string };
      const keys = (e.schema as string[]).join(', ');
      return { kind: 'other', at: `${e.instancePath}/${p.index}`, message: `duplicates item ${p.first} (same ${keys}: ${p.keys.slice(1, -1)})` };
    }
    case 'uniqueItems': {
      const p = e.params as { i: number; j: number };
      return { kind: 'other', at: `${e.instancePath}/${Math.max(p.i, p.j)}`, message: `duplicates item ${Math.min(p.i, p.j)} (the list is a set)` };
    }
    default:
      return { kind: 'other', at: e.instancePath, message: e.message ?? `fails ${e.keyword}` };
  }
}
