// The schema rules' document analyzer: validates the documents of one file against the embedded
// Kubernetes schemas in the worker thread that parsed it (see DocumentAnalyzer in engine/rule.ts).
import type { LoadedFile } from '../model/resources.js';
import { isManifest } from '../model/resources.js';
import { embeddedSchemas, selectVersion } from './embedded.js';
import { EmbeddedValidators, type SchemaProblem } from './validator.js';

/** Per document: null (no embedded schema: decided in the main thread), its problems, or those of each List item. */
export type DocumentSchemaResult = null | SchemaProblem[] | { items: (SchemaProblem[] | null)[] };

export interface AnalyzeOptions {
  kubernetesVersion: string;
}

const validatorsByVersion = new Map<string, EmbeddedValidators | null>();

function embeddedValidators(kubernetesVersion: string): EmbeddedValidators | null {
  const version = selectVersion(kubernetesVersion);
  if (!version) return null;
  let v = validatorsByVersion.get(version);
  if (v === undefined) {
    const set = embeddedSchemas(version);
    v = set ? new EmbeddedValidators(set, set.hash) : null;
    validatorsByVersion.set(version, v);
  }
  return v;
}

export function analyze(file: LoadedFile, options: AnalyzeOptions): DocumentSchemaResult[] {
  const validators = embeddedValidators(options.kubernetesVersion);
  const one = (v: unknown): SchemaProblem[] | null => {
    if (!validators || !isManifest(v)) return null;
    const validate = validators.validator(v.apiVersion, v.kind);
    return validate ? validate(v) : null;
  };
  return file.documents.map((doc) => {
    const v = doc.value;
    if (isManifest(v) && v.kind.endsWith('List') && Array.isArray(v.items)) return { items: v.items.map(one) };
    return one(v);
  });
}
