import type { DocumentAnalyzer, PrepareContext, Settings } from '../engine/rule.js';
import { isManifest, isObject } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import type { AnalyzeOptions, DocumentSchemaResult } from './analyze.js';
import { storeFor, type SchemaLookup } from './store.js';
import type { SchemaProblem } from './validator.js';

type SchemaOutcome =
  | { status: 'validated'; problems: SchemaProblem[]; source: string }
  | Exclude<SchemaLookup, { status: 'found' }>;

/** Verdicts per run (settings object) and object value: computed once, or handed over by a worker thread. */
const outcomes = new WeakMap<Settings, WeakMap<object, SchemaOutcome>>();

function outcomesOf(settings: Settings): WeakMap<object, SchemaOutcome> {
  let m = outcomes.get(settings);
  if (!m) outcomes.set(settings, (m = new WeakMap()));
  return m;
}

/**
 * The schema verdict on one object, computed once and shared by the three schema rules
 * (schema-invalid, schema-unknown-field, schema-missing), whichever of them are enabled.
 */
export function schemaOutcome(resource: Resource, settings: Settings): SchemaOutcome {
  const memo = outcomesOf(settings);
  let out = memo.get(resource.value);
  if (!out) {
    const found = storeFor(settings).lookup(resource.apiVersion, resource.kind);
    out = found.status === 'found' ? { status: 'validated', problems: found.validate(resource.value), source: found.source } : found;
    memo.set(resource.value, out);
  }
  return out;
}

/**
 * The schema rules' document analyzer: large inputs are validated against the embedded schemas in
 * the worker threads that parse them, and the verdicts handed to schemaOutcome here.
 */
export const schemaAnalyzer: DocumentAnalyzer = {
  module: new URL('./analyze.js', import.meta.url).href,
  options: (settings): AnalyzeOptions => ({ kubernetesVersion: settings.kubernetesVersion }),
  accept(settings, file, analysis) {
    if (!Array.isArray(analysis)) return;
    const store = storeFor(settings);
    if (!store.embedded) return;
    const source = `Kubernetes ${store.embeddedVersion}`;
    const memo = outcomesOf(settings);
    const set = (value: unknown, problems: SchemaProblem[] | null | undefined) => {
      if (problems && isObject(value)) memo.set(value, { status: 'validated', problems, source });
    };
    (analysis as DocumentSchemaResult[]).forEach((result, i) => {
      const value = file.documents[i]?.value;
      if (result && !Array.isArray(result)) {
        const items = isObject(value) && Array.isArray(value.items) ? value.items : [];
        result.items.forEach((r, j) => set(items[j], r));
      } else set(value, result);
    });
  },
};

/** The objects of the input by apiVersion/kind (List items included), for fetching their schemas before the rules run. */
function objectTypes(ctx: PrepareContext): { apiVersion: string; kind: string }[] {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  const add = (v: unknown) => {
    if (isManifest(v)) seen.set(`${v.apiVersion} ${v.kind}`, { apiVersion: v.apiVersion, kind: v.kind });
  };
  for (const file of ctx.files) {
    for (const doc of file.documents) {
      const v = doc.value;
      if (isManifest(v) && v.kind.endsWith('List') && Array.isArray(v.items)) v.items.forEach(add);
      else add(v);
    }
  }
  return [...seen.values()];
}

const prepared = new WeakMap<Settings, Promise<void>>();

/**
 * The `prepare` hook of the schema rules: remote schemas are downloaded here, not while rules run;
 * once per run (settings object), however many of the three rules are enabled.
 */
export function prepareSchemas(ctx: PrepareContext): Promise<void> {
  let p = prepared.get(ctx.settings);
  if (!p) prepared.set(ctx.settings, (p = storeFor(ctx.settings).prepare(objectTypes(ctx))));
  return p;
}
