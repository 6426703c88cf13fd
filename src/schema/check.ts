import type { PrepareContext, Settings } from '../engine/rule.js';
import { isManifest } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import { storeFor, type SchemaLookup } from './store.js';
import type { SchemaProblem } from './validator.js';

export type SchemaOutcome =
  | { status: 'validated'; problems: SchemaProblem[]; source: string }
  | Exclude<SchemaLookup, { status: 'found' }>;

const outcomes = new WeakMap<Resource, SchemaOutcome>();

/**
 * The schema verdict on one object, computed once and shared by the three schema rules
 * (schema-invalid, schema-unknown-field, schema-missing), whichever of them are enabled.
 */
export function schemaOutcome(resource: Resource, settings: Settings): SchemaOutcome {
  let out = outcomes.get(resource);
  if (!out) {
    const found = storeFor(settings).lookup(resource.apiVersion, resource.kind);
    out = found.status === 'found' ? { status: 'validated', problems: found.validate(resource.value), source: found.source } : found;
    outcomes.set(resource, out);
  }
  return out;
}

/** The objects of the input by apiVersion/kind (List items included), for fetching their schemas before the rules run. */
export function objectTypes(ctx: PrepareContext): { apiVersion: string; kind: string }[] {
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

/** The `prepare` hook of the schema rules: remote schemas are downloaded here, not while rules run. */
export async function prepareSchemas(ctx: PrepareContext): Promise<void> {
  await storeFor(ctx.settings).prepare(objectTypes(ctx));
}
