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
import { isManifest, isObject, makeResource } from '../model/resources.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';

const ASSOCIATIVE_KEYS = ['mountPath', 'devicePath', 'ip', 'type', 'topologyKey', 'name', 'containerPort'];

/** The strategic-merge patches among the documents of the patch files in `files`, as resources of their targets' identity. */
export function patchesOf(files: readonly LoadedFile[], defaultNamespace: string): Resource[] {
  const out: Resource[] = [];
  for (const f of files) {
    if (f.role?.kind !== 'patch') continue;
    for (const doc of f.documents) {
      const patch = doc.value;
      if (isManifest(patch) && isObject(patch.metadata) && typeof patch.metadata.name === 'string') out.push(makeResource(patch, f.path, doc.index, '', defaultNamespace));
    }
  }
  return out;
}

/** The variant a patch makes of its target: the target with the patch merged in, at the patch's source; null when the patch deletes it. */
export function applyPatch(target: Resource, patch: Resource): Resource | null {
  const merged = mergeValue(target.value, patch.value);
  return isObject(merged) ? { ...target, value: merged, source: patch.source } : null;
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
