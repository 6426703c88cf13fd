import type { ParsedFile } from '../load/parse.js';
import { isClusterScoped, splitApiVersion } from './kinds.js';
import { pointer } from './pointer.js';
import type { JsonObject, Resource } from './types.js';

/** A file of the input: its text (kept for suppression comments and lazy positions) and its parsed documents. */
export interface LoadedFile extends ParsedFile {
  /** Path as shown in reports: relative to the working directory, `/` separators. */
  path: string;
  /** Absolute path ('' for stdin), used by stylish and the language server. */
  absPath: string;
  text: string;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A document that looks like a Kubernetes object: a mapping with both apiVersion and kind as strings. */
export function isManifest(v: unknown): v is JsonObject & { apiVersion: string; kind: string } {
  return isObject(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string';
}

/**
 * Turns the documents of a file into resources: `List` kinds are flattened to their items, every
 * namespaced object gets its effective namespace. Documents that are not manifests are skipped here
 * (the manifest-invalid rule reports those that look like broken ones).
 */
export function resourcesOf(file: LoadedFile, defaultNamespace: string): Resource[] {
  const out: Resource[] = [];
  for (const doc of file.documents) {
    const v = doc.value;
    if (!isManifest(v)) continue;
    if (v.kind.endsWith('List') && Array.isArray(v.items)) {
      v.items.forEach((item, i) => {
        if (isManifest(item)) out.push(makeResource(item, file.path, doc.index, pointer('items', i), defaultNamespace));
      });
      continue;
    }
    out.push(makeResource(v, file.path, doc.index, '', defaultNamespace));
  }
  return out;
}

function makeResource(
  v: JsonObject & { apiVersion: string; kind: string },
  file: string,
  docIndex: number,
  basePointer: string,
  defaultNamespace: string,
): Resource {
  const meta = isObject(v.metadata) ? v.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '';
  const { group, version } = splitApiVersion(v.apiVersion);
  const namespace = isClusterScoped(v.kind) ? null : typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : defaultNamespace;
  return {
    apiVersion: v.apiVersion,
    group,
    version,
    kind: v.kind,
    name,
    namespace,
    source: { file, docIndex, basePointer },
    value: v,
    key: `${group}/${v.kind}/${namespace ?? ''}/${name}`,
  };
}
