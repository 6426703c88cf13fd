// The two memo helpers of src/model/cache.ts: bounded maps and per-object results.
import { describe, expect, it } from 'vitest';
import { cached, perObject } from '../src/model/cache.js';

describe('cached', () => {
  it('makes a value once per key, null included, and keeps no more than its bound', () => {
    const map = new Map<string, string | null>();
    let made = 0;
    const make = (v: string | null) => () => (made++, v);
    expect(cached(map, 'a', 2, make('A'))).toBe('A');
    expect(cached(map, 'a', 2, make('other'))).toBe('A');
    expect(cached(map, 'n', 2, make(null))).toBeNull();
    expect(cached(map, 'n', 2, make('other'))).toBeNull();
    expect(made).toBe(2);
    // Full: the value is made and given, not kept.
    expect(cached(map, 'c', 2, make('C'))).toBe('C');
    expect(cached(map, 'c', 2, make('C2'))).toBe('C2');
    expect([...map.keys()]).toEqual(['a', 'n']);
  });
});

describe('perObject', () => {
  it('reads each object once', () => {
    let reads = 0;
    const size = perObject((o: { items: number[] }) => (reads++, o.items.length));
    const a = { items: [1, 2] };
    const b = { items: [3] };
    expect([size(a), size(b), size(a), size(b)]).toEqual([2, 1, 2, 1]);
    expect(reads).toBe(2);
  });
});
