/**
 * The precompiled validators (dist/src/schema/generated/*.cjs, megabytes of generated code) are loaded
 * with V8's code cache, written by the build beside each module (`<module>.v8cache`): a run then skips
 * parsing and compiling the module's top level, about 60 of 90 ms for a release's validators on the
 * first object of a run. The cache holds the CRC-32 and length of the source it was made from and is
 * used only for that very source; V8 itself rejects it under another Node version or other V8 flags,
 * and the module is then compiled as `require` would. Without a cache file it is simply required.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';
import { withV8DefaultBudget } from '../engine/v8-tuning.js';

/** The CommonJS wrapper, the same at build and at run time (the cache belongs to the wrapped text). */
const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

const HEADER = 8;

function run(file: string, source: string, cachedData: Buffer | undefined): { script: vm.Script; exports: unknown } {
  // Under the flags the build made the cache with (V8 rejects it under others).
  const script = cachedData ? withV8DefaultBudget(() => new vm.Script(wrap(source), { filename: file, cachedData })) : new vm.Script(wrap(source), { filename: file });
  const fn = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string) => void;
  const module = { exports: {} as unknown };
  fn(module.exports, createRequire(file), module, file, path.dirname(file));
  return { script, exports: module.exports };
}

function key(source: string): Buffer {
  const b = Buffer.alloc(HEADER);
  b.writeUInt32LE(crc32(source), 0);
  b.writeUInt32LE(source.length >>> 0, 4);
  return b;
}

/** `require(file)` of a generated CommonJS module, through its code cache when it has one for this source. */
export function requireCached(file: string): unknown {
  return loadCached(file).exports;
}

/** requireCached, saying what became of the code cache: used, rejected by V8, or none (no file, or made from another source). */
export function loadCached(file: string): { exports: unknown; cache: 'used' | 'rejected' | 'none' } {
  let cache: Buffer;
  try {
    cache = readFileSync(`${file}.v8cache`);
  } catch {
    return { exports: createRequire(file)(file), cache: 'none' };
  }
  const source = readFileSync(file, 'utf8');
  const usable = cache.length > HEADER && cache.subarray(0, HEADER).equals(key(source));
  const { script, exports } = run(file, source, usable ? cache.subarray(HEADER) : undefined);
  return { exports, cache: !usable ? 'none' : script.cachedDataRejected ? 'rejected' : 'used' };
}

/** Writes the code cache of a generated module (the build: scripts/gen-k8s-validators.mjs). */
export function writeCodeCache(file: string): void {
  const source = readFileSync(file, 'utf8');
  const { script } = run(file, source, undefined);
  writeFileSync(`${file}.v8cache`, Buffer.concat([key(source), script.createCachedData()]));
}
