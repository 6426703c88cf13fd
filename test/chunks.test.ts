import { describe, expect, it } from 'vitest';
import { writeOutput } from '../src/cli/io.js';
import { jsonChunks, LAZY_BATCH, lazyList } from '../src/report/chunks.js';

describe('jsonChunks', () => {
  // Items of every kind JSON.stringify treats apart: objects with nested lists, strings with line
  // breaks, numbers, null, and values it writes as null in a list (undefined, a function).
  const item = (i: number): unknown =>
    i % 7 === 3 ? undefined : i % 7 === 4 ? () => i : i % 7 === 5 ? `line ${i}\nnext` : i % 7 === 6 ? null : { id: i, tags: [`t${i}`, { deep: [i, { k: 'v' }] }], empty: [], none: {} };

  it('is JSON.stringify(value, null, 2) of the eager value, the list at any depth and of any length (batch edges)', () => {
    for (const b of [LAZY_BATCH, 512, 1]) for (const n of [0, 1, 2, b - 1, b, b + 1, 2 * b, 2 * b + 1, 10 * b + 7]) {
      const items = Array.from({ length: n }, (_, i) => i);
      const shapes = [
        (l: unknown) => l,
        (l: unknown) => ({ version: 1, findings: l, after: 'x' }),
        (l: unknown) => ({ runs: [{ tool: { name: 'k' }, results: l }] }),
        (l: unknown) => [[{ a: [l] }]],
      ];
      for (const shape of shapes) {
        const lazy = shape(lazyList(items, item, b === LAZY_BATCH ? undefined : b));
        const eager = shape(items.map(item));
        expect([...jsonChunks(lazy)].join(''), `batch=${b} n=${n}`).toBe(JSON.stringify(eager, null, 2));
      }
    }
  });
});

describe('writeOutput', () => {
  it('writes the pieces joined: short ones in batches, a long one as it is (never copied into a batch)', () => {
    const writes: string[] = [];
    const io = { stdout: (s: string) => void writes.push(s), stderr: () => {}, readStdin: () => Promise.resolve(Buffer.alloc(0)), cwd: process.cwd(), env: {}, isTTY: false };
    const long = 'x'.repeat(1 << 19);
    const pieces = ['[', 'a', long, ',', 'b'.repeat(1 << 19), ...Array.from({ length: 3000 }, (_, i) => `item ${i}\n`), long, ']'];
    writeOutput(io, undefined, pieces);
    expect(writes.join('')).toBe(pieces.join(''));
    // The long pieces are written as they came (the same strings), after what was batched before them.
    expect(writes.filter((w) => w === long)).toHaveLength(2);
    expect(writes[0]).toBe('[a');
    expect(writes.every((w) => w.length > 0)).toBe(true);
    // A report given as one string is one write.
    writes.length = 0;
    writeOutput(io, undefined, long);
    expect(writes).toEqual([long]);
  });
});
