/**
 * Generated and bundled CommonJS modules loaded with V8's code cache, written by the build beside each
 * module (`<module>.v8cache`): a run then skips parsing and compiling what the cache holds. The
 * precompiled validators (dist/src/schema/generated/*.cjs, megabytes of generated code): their top
 * level, about 60 of 90 ms for a release's validators on the first object of a run. The CLI bundle
 * (dist/cli/kubewire.cjs, scripts/build-cli.mjs): its top level and every function a lint of the
 * examples ran, since its cache is made after that warm-up (writeWarmCodeCache), so a lint compiles
 * almost none of its code. The cache holds the CRC-32 and length of the source it was made from and
 * the V8 version that made it, and is used only for that very source under that V8; V8 itself
 * rejects it under other V8 flags, and the module is then compiled as `require` would.
 */
import { isAscii } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';
import { withV8DefaultBudget } from '../engine/v8-tuning.js';

/** The CommonJS wrapper, the same at build and at run time (the cache belongs to the wrapped text). */
const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

const HEADER = 12;

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
  b.writeUInt32LE(crc32(process.versions.v8), 8);
  return b;
}

/**
 * The source of `file` and its code cache (without its header), the cache null when it was made from
 * another source or under another V8; null when `file` has no cache file (the source is not read).
 */
function cacheOf(file: string): { source: string; cache: Buffer | null } | null {
  let cache: Buffer;
  try {
    cache = readFileSync(`${file}.v8cache`);
  } catch {
    return null;
  }
  const source = readSource(file);
  return { source, cache: cache.length > HEADER && cache.subarray(0, HEADER).equals(key(source)) ? cache.subarray(HEADER) : null };
}

/**
 * The text of a generated module. They are ASCII (the build makes them so), and ASCII bytes read as
 * Latin-1 are the same text: that skips UTF-8 decoding, which took 6-8 ms of a run for a release's
 * 2.3 MB of validators. Any other file is read as UTF-8.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/** `require(file)` of a generated CommonJS module, through its code cache when it has one for this source. */
export function requireCached(file: string): unknown {
  return loadCached(file).exports;
}

/** requireCached, saying what became of the code cache: used, rejected by V8, or none (no file, or made from another source or V8). */
export function loadCached(file: string): { exports: unknown; cache: 'used' | 'rejected' | 'none' } {
  const found = cacheOf(file);
  if (!found) return { exports: createRequire(file)(file), cache: 'none' };
  const { script, exports } = run(file, found.source, found.cache ?? undefined);
  return { exports, cache: !found.cache ? 'none' : script.cachedDataRejected ? 'rejected' : 'used' };
}

/**
 * The exports of `file` through its code cache, or null (and nothing compiled) when it has no cache
 * made from this source under this V8: the caller then loads another form of the same code
 * (bin/kubewire.js: the CLI's ES module bundle).
 */
export function requireIfCached(file: string): unknown {
  const found = cacheOf(file);
  return found?.cache ? run(file, found.source, found.cache).exports : null;
}

/** Whether `file` has a code cache made from its source under this V8 (the build writes the others again). */
export function hasCodeCache(file: string): boolean {
  return Boolean(cacheOf(file)?.cache);
}

/** Writes the code cache of a generated module (the build: scripts/gen-k8s-validators.mjs). */
export function writeCodeCache(file: string): void {
  const source = readFileSync(file, 'utf8');
  save(file, source, run(file, source, undefined).script);
}

/**
 * writeCodeCache after a warm-up: `warm` gets the module's exports and runs what a typical run does,
 * and the cache made then holds the functions it compiled (V8 adds every function compiled so far).
 * Run it in a process under the V8 flags the cache will be loaded with (scripts/build-cli.mjs: V8's
 * defaults, as bin/kubewire.js loads the CLI before it sets any).
 */
export async function writeWarmCodeCache(file: string, warm: (exports: unknown) => Promise<void>): Promise<void> {
  const source = readFileSync(file, 'utf8');
  const { script, exports } = run(file, source, undefined);
  await warm(exports);
  save(file, source, script);
}

function save(file: string, source: string, script: vm.Script): void {
  writeFileSync(`${file}.v8cache`, Buffer.concat([key(source), script.createCachedData()]));
}
