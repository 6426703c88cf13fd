import type { ResourceIndex } from '../index/resource-index.js';

/**
 * `make()`'s value for `key`, kept in `map` while it holds fewer than `max` entries: the keys come
 * from the input (API groups, apiVersions, pointers), a few dozen in real manifests and any number in
 * a hostile one. Values are never undefined.
 */
export function cached<K, V>(map: Map<K, V>, key: K, max: number, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    if (map.size < max) map.set(key, v);
  }
  return v;
}

/**
 * `read`, worked out once per object and kept as long as the object lives: for what several rules read
 * from every object of a kind (an Ingress's backends), whose value never changes.
 */
export function perObject<O extends object, V>(read: (o: O) => V): (o: O) => V {
  return perObjectWhen(read, () => true);
}

/** Lists at most this long are worked out again wherever asked (perLongList, perList). */
export const SHORT_LIST = 8;

/**
 * perObject for what is worth keeping (`worth`: a long list): the rest is read again when asked,
 * which costs less than keeping a view for every object of a large input (25 MB at 50k documents).
 */
export function perObjectWhen<O extends object, V>(read: (o: O) => V, worth: (v: V) => boolean): (o: O) => V {
  const kept = new WeakMap<O, V>();
  return (o) => {
    let v = kept.get(o);
    if (v === undefined) {
      v = read(o);
      if (worth(v)) kept.set(o, v);
    }
    return v;
  };
}

/** perObjectWhen for a view of an object's list (a Service's ports, a policy's peers): kept when longer than SHORT_LIST. */
export function perLongList<O extends object, V>(read: (o: O) => V[]): (o: O) => V[] {
  return perObjectWhen(read, (v) => v.length > SHORT_LIST);
}

/**
 * `make()` for a list the index gives several callers alike (the templates a podSelector selects, the
 * policies selecting a template), kept per list for the run when the list is long (many policies over
 * the same pods); a short one is worked on again each time, which costs less than keeping an answer
 * per list for the whole run (one per policy on most inputs).
 */
export function perList<T>(index: ResourceIndex, name: string, list: readonly object[], make: () => T): T {
  if (list.length <= SHORT_LIST) return make();
  const answers = index.memo(name, () => new Map<readonly object[], T>());
  let v = answers.get(list);
  if (v === undefined) answers.set(list, (v = make()));
  return v;
}
