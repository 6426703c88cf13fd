// The schema rules' document analyzer: validates the documents of one file against the embedded
// schemas (Kubernetes release, Gateway API, Istio) in the worker thread that parsed it (see
// DocumentAnalyzer in engine/rule.ts).
import type { LoadedFile } from '../model/resources.js';
import { isManifest } from '../model/resources.js';
import { embeddedCatalog } from './catalog.js';
import { loadCel } from './cel-rules.js';
import type { GatewayApiChannel } from './embedded.js';
import type { SchemaProblem } from './validator.js';

/** Per document: null (no embedded schema: decided in the main thread), its problems, or those of each List item. */
export type DocumentSchemaResult = null | SchemaProblem[] | { items: (SchemaProblem[] | null)[] };

// Worker threads validate the embedded Gateway API and Istio kinds, whose CRDs carry CEL rules.
await loadCel();

export interface AnalyzeOptions {
  kubernetesVersion: string;
  gatewayApiChannel: GatewayApiChannel;
}

export function analyze(file: LoadedFile, options: AnalyzeOptions): DocumentSchemaResult[] {
  const catalog = embeddedCatalog(options.kubernetesVersion, options.gatewayApiChannel);
  const one = (v: unknown): SchemaProblem[] | null => {
    if (!isManifest(v)) return null;
    const found = catalog.lookup(v.apiVersion, v.kind);
    return found ? found.validate(v) : null;
  };
  return file.documents.map((doc) => {
    const v = doc.value;
    if (isManifest(v) && v.kind.endsWith('List') && Array.isArray(v.items)) return { items: v.items.map(one) };
    return one(v);
  });
}
