/**
 * What the patches of a Kustomize root that was not built (no kustomize, `--no-render`) make of the
 * objects they target: one more variant of each target, the target with the patch merged in. A
 * listener an overlay adds to a Gateway, a port it adds to a Service, the labels it gives a pod
 * template exist in that variant, so a reference to them is satisfied (a reference is broken only
 * when broken under every variant), while the objects as written are judged as before.
 *
 * Strategic-merge patches only (a document with apiVersion, kind and metadata.name; JSON 6902
 * patches are lists of operations and are not read). The merge follows kustomize's: maps are merged
 * key by key, `null` deletes a key, `$patch: replace` / `$patch: delete` replace or delete a map, and
 * lists of maps are merged item by item on the first associative key all items carry (kyaml's
 * AssociativeSequenceKeys: mountPath, devicePath, ip, type, topologyKey, name, containerPort; the
 * Kubernetes types' own merge keys are among them), other lists are replaced.
 */
import type { LoadedFile } from '../model/resources.js';
import { isClusterScoped, splitApiVersion } from '../model/kinds.js';
import { isManifest, isObject } from '../model/resources.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';

const ASSOCIATIVE_KEYS = ['mountPath', 'devicePath', 'ip', 'type', 'topologyKey', 'name', 'containerPort'];

/** The patched variants of the objects of `resources` that the patch files among `files` target. */
export function patchedVariants(files: readonly LoadedFile[], resources: readonly Resource[], defaultNamespace: string): Resource[] {
  const patchFiles = files.filter((f) => f.role?.kind === 'patch');
  if (patchFiles.length === 0) return [];
  const byKey = new Map<string, Resource>();
  for (const r of resources) if (!byKey.has(r.key)) byKey.set(r.key, r);
  const out: Resource[] = [];
  for (const f of patchFiles) {
    for (const doc of f.documents) {
      const patch = doc.value;
      if (!isManifest(patch) || !isObject(patch.metadata) || typeof patch.metadata.name !== 'string') continue;
      const { group } = splitApiVersion(patch.apiVersion);
      const ns = isClusterScoped(patch.kind) ? null : typeof patch.metadata.namespace === 'string' && patch.metadata.namespace !== '' ? patch.metadata.namespace : defaultNamespace;
      const base = byKey.get(`${group}/${patch.kind}/${ns ?? ''}/${patch.metadata.name}`);
      if (!base) continue;
      const merged = mergeValue(base.value, patch);
      if (!isObject(merged)) continue; // `$patch: delete` of the whole object
      out.push({ ...base, value: merged, source: { file: f.path, docIndex: doc.index, basePointer: '' } });
    }
  }
  return out;
}

/** A strategic merge of `patch` onto `base` (see the module comment); undefined: deleted. */
function mergeValue(base: JsonValue | undefined, patch: JsonValue): JsonValue | undefined {
  if (isObject(patch)) {
    if (patch.$patch === 'delete') return undefined;
    if (patch.$patch === 'replace' || !isObject(base)) return withoutDirectives(patch);
    const out: JsonObject = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (k.startsWith('$')) continue;
      if (v === null) {
        delete out[k];
        continue;
      }
      const merged = mergeValue(base[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(base)) return mergeList(base, patch);
  return patch;
}

function mergeList(base: JsonValue[], patch: JsonValue[]): JsonValue[] {
  const items = [...base, ...patch];
  const key = items.length > 0 && items.every(isObject) ? ASSOCIATIVE_KEYS.find((k) => items.every((i) => (i)[k] !== undefined)) : undefined;
  if (key === undefined) return patch.map((v) => (isObject(v) ? withoutDirectives(v) : v));
  const out = base.slice() as JsonObject[];
  const at = new Map(out.map((item, i) => [JSON.stringify(item[key]), i]));
  const deleted = new Set<number>();
  for (const p of patch as JsonObject[]) {
    const i = at.get(JSON.stringify(p[key]));
    if (i === undefined) {
      if (p.$patch !== 'delete') out.push(withoutDirectives(p));
      continue;
    }
    const merged = mergeValue(out[i], p);
    if (merged === undefined) deleted.add(i);
    else out[i] = merged as JsonObject;
  }
  return out.filter((_, i) => !deleted.has(i));
}

function withoutDirectives(v: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = x;
  return out;
}
