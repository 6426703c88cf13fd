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
  const kept = new WeakMap<O, V>();
  return (o) => {
    let v = kept.get(o);
    if (v === undefined) kept.set(o, (v = read(o)));
    return v;
  };
}
