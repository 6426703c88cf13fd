/**
 * `JSON.stringify(value, null, 2)` in pieces, so that a report of many findings is written as it is
 * made, never held as one string: the lists wrapped in `lazyList` are turned into JSON one item at a
 * time (their items are made only then), and the objects and arrays that hold them are written key
 * by key. Everything else is `JSON.stringify`'s own text, indented to its place. Joined, the pieces
 * are exactly `JSON.stringify` of the same value with the lists made eagerly.
 */

/**
 * Items of a lazy list turned into JSON at a time. A batch's text stays under V8's large-object
 * size (128 KB) for items the size of findings (about 700 characters each): a larger string gets
 * pages of its own, mapped and faulted in afresh for each batch (512 findings a batch: 360 KB,
 * 30,000 more page faults on a 124 MB report).
 */
export const LAZY_BATCH = 128;

export class LazyList<T> {
  constructor(
    readonly items: readonly T[],
    readonly make: (item: T) => unknown,
    /** Items turned into JSON at a time (LAZY_BATCH). */
    readonly batch = LAZY_BATCH,
  ) {}

  /** The list made eagerly (what JSON.stringify would see). */
  toJSON(): unknown[] {
    return this.items.map(this.make);
  }
}

export function lazyList<T>(items: readonly T[], make: (item: T) => unknown, batch?: number): LazyList<T> {
  return new LazyList(items, make, batch);
}

/** Whether a value holds a LazyList (the path to it is written key by key). */
function holdsLazy(value: unknown): boolean {
  if (value instanceof LazyList) return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsLazy);
  return Object.values(value).some(holdsLazy);
}

function indented(json: string, pad: string): string {
  return json.includes('\n') ? json.replaceAll('\n', `\n${pad}`) : json;
}

export function* jsonChunks(value: unknown, pad = ''): Generator<string> {
  if (!holdsLazy(value)) {
    yield indented(JSON.stringify(value, null, 2) ?? 'null', pad);
    return;
  }
  const inner = `${pad}  `;
  if (value instanceof LazyList) {
    const list = value as LazyList<unknown>;
    if (list.items.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    // Items are turned into JSON a batch at a time, by one JSON.stringify of the batch nested as
    // deep as the list (so that it indents them to their place): the text between the brackets is
    // exactly the items' pieces one by one (`\n` + indent + item, `,` between).
    const depth = pad.length / 2;
    let open = '[';
    for (let j = 1; j <= depth; j++) open += `\n${'  '.repeat(j)}[`;
    let close = '';
    for (let j = depth; j >= 0; j--) close += `\n${'  '.repeat(j)}]`;
    // After the first batch, the batch's list starts with a 0 whose text is cut off: the piece then
    // starts with the `,` JSON.stringify wrote after it, and is one slice of its text (no copy).
    const lead = `${open}\n${'  '.repeat(depth + 1)}0`.length;
    for (let i = 0; i < list.items.length; i += list.batch) {
      const items: unknown[] = i === 0 ? [] : [0];
      for (let j = i; j < i + list.batch && j < list.items.length; j++) items.push(list.make(list.items[j]));
      let batch: unknown = items;
      for (let j = 0; j < depth; j++) batch = [batch];
      const json = JSON.stringify(batch, null, 2);
      yield json.slice(i === 0 ? open.length : lead, json.length - close.length);
    }
    yield `\n${pad}]`;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '\n' : ',\n'}${inner}`;
      const v: unknown = value[i];
      yield* jsonChunks(v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : v, inner);
    }
    yield `\n${pad}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of entries) {
    yield `${first ? '\n' : ',\n'}${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* jsonChunks(v, inner);
  }
  yield `\n${pad}}`;
}
