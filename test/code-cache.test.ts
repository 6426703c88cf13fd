import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasCodeCache, loadCached, requireCached, requireIfCached, writeCodeCache, writeWarmCodeCache } from '../src/schema/code-cache.js';
import { tempDir } from './temp.js';

const MODULE = `'use strict';
const helper = require('./helper.cjs');
exports.double = (x) => helper.twice(x);
exports.name = __filename.endsWith('mod.cjs') ? 'mod' : 'other';
exports.limit = 1000;
`;

function modules(): string {
  const dir = tempDir('kubewire-code-cache-');
  writeFileSync(path.join(dir, 'helper.cjs'), 'exports.twice = (x) => 2 * x;\n');
  writeFileSync(path.join(dir, 'mod.cjs'), MODULE);
  return path.join(dir, 'mod.cjs');
}

describe('V8 code cache of the generated validators (src/schema/code-cache.ts)', () => {
  it('without a cache file, the module is required', () => {
    const file = modules();
    const m = requireCached(file) as { double: (x: number) => number; name: string };
    expect([m.double(21), m.name]).toEqual([42, 'mod']);
  });

  it('with its cache, the same exports, its own require and __filename', () => {
    const file = modules();
    writeCodeCache(file);
    const cache = readFileSync(`${file}.v8cache`);
    expect(cache.length).toBeGreaterThan(8);
    const m = requireCached(file) as { double: (x: number) => number; name: string };
    expect([m.double(21), m.name]).toEqual([42, 'mod']);
  });

  it('a cache made from another source of the same length is not used: the module as it now reads', () => {
    const file = modules();
    writeCodeCache(file);
    // Same length, other behaviour: V8 alone would accept the cache (it checks the length only).
    writeFileSync(file, MODULE.replace('limit = 1000', 'limit = 2000'));
    const m = requireCached(file) as { limit: number };
    expect(m.limit).toBe(2000);
  });
});

describe('requireIfCached, hasCodeCache and the warm cache (the CLI bundle)', () => {
  it('without a cache made from the source as it reads, nothing: no module is run', () => {
    const file = modules();
    writeFileSync(path.join(path.dirname(file), 'helper.cjs'), 'throw new Error("run");\n');
    expect(requireIfCached(file)).toBeNull();
    expect(hasCodeCache(file)).toBe(false);
    writeFileSync(path.join(path.dirname(file), 'helper.cjs'), 'exports.twice = (x) => 2 * x;\n');
    writeCodeCache(file);
    expect(hasCodeCache(file)).toBe(true);
    writeFileSync(file, MODULE.replace('limit = 1000', 'limit = 2000'));
    expect(hasCodeCache(file)).toBe(false);
    expect(requireIfCached(file)).toBeNull();
  });

  it('with it, the exports, through the cache', () => {
    const file = modules();
    writeCodeCache(file);
    expect((requireIfCached(file) as { double: (x: number) => number }).double(4)).toBe(8);
    expect(loadCached(file).cache).toBe('used');
  });

  it('a cache made by another V8 is not used (the header names the V8 that made it)', () => {
    const file = modules();
    writeCodeCache(file);
    const cache = readFileSync(`${file}.v8cache`);
    cache.writeUInt32LE((cache.readUInt32LE(8) + 1) >>> 0, 8);
    writeFileSync(`${file}.v8cache`, cache);
    expect(requireIfCached(file)).toBeNull();
    expect(loadCached(file).cache).toBe('none');
  });

  it('the warm cache is made after the warm-up ran in the module, and holds what it compiled', async () => {
    const file = modules();
    // A function long enough that its bytecode shows in the cache's size once it ran.
    const body = Array.from({ length: 200 }, (_, i) => `  s += x * ${i} + (x > ${i} ? ${i} : -${i});`).join('\n');
    writeFileSync(file, `${MODULE}exports.big = (x) => {\n  let s = 0;\n${body}\n  return s;\n};\n`);
    writeCodeCache(file);
    const cold = readFileSync(`${file}.v8cache`).length;
    let seen: unknown;
    await writeWarmCodeCache(file, async (exports) => {
      seen = (exports as { big: (x: number) => number }).big(3);
      await Promise.resolve();
    });
    expect(seen).toBeTypeOf('number');
    expect(readFileSync(`${file}.v8cache`).length).toBeGreaterThan(cold + 1000);
    expect((requireIfCached(file) as { big: (x: number) => number }).big(3)).toBe(seen);
  });
});

describe('the code cache under the CLI tier-up budget (src/engine/v8-tuning.ts)', () => {
  // V8 flags are the process's: each case runs in a Node process of its own, on the compiled modules.
  const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src');
  const status = (tune: 'lint' | 'lsp', wrapped: boolean): string => {
    const file = modules();
    writeCodeCache(file);
    const script = `
      const tuning = await import(${JSON.stringify(path.join(dist, 'engine/v8-tuning.js'))});
      const cache = await import(${JSON.stringify(path.join(dist, 'schema/code-cache.js'))});
      tuning.tuneV8For(${JSON.stringify(tune)});
      ${wrapped ? '' : 'tuning.noteV8Flags(null);'}
      process.stdout.write(cache.loadCached(${JSON.stringify(file)}).cache);`;
    return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  };

  it('the build-made cache is used with the raised budget in force, as without it', () => {
    expect(status('lint', true)).toBe('used');
    expect(status('lsp', true)).toBe('used');
  });

  it.runIf(/^11\./.test(process.versions.v8))('V8 11 rejects it when the raised budget is in force at compile time (why the budget is lowered around it)', () => {
    expect(status('lint', false)).toBe('rejected');
  });
});
