#!/usr/bin/env node
// Bundles the command line (src/cli/bundle.ts and everything it imports) into dist/cli/: the entry
// kubewire.mjs, which bin/kubewire.js runs, and chunk-<hash>.mjs files that it imports only when a
// command needs them (the commands, the language server, CEL…: every `import()` of the sources starts a
// chunk), so a `lint` compiles only the code it runs, and vendor-<package>.cjs files that the code
// requires on first use (yaml, ajv, fast-glob: LAZY_MODULES in build-action.mjs). Loading a few modules instead of several hundred saves about
// 0.3 s of CPU on every run. Part of `npm run build` (not committed). Worker threads run the entry
// points load-worker.mjs and analyze.mjs beside it (see distModule in src/engine/package-info.ts),
// which share its chunks; the precompiled schema validators load from dist/src/schema/generated.
//
// The same command line is also built as one CommonJS file, kubewire.cjs, with V8's code cache beside
// it (kubewire.cjs.v8cache), made after a lint of examples/ ran in it (scripts/cli-code-cache.mjs): Node 20
// keeps no code it compiles from one run to the next, and an ES module cannot be given a code cache,
// so bin/kubewire.js runs kubewire.cjs through its cache when the cache was made from that very file by
// this Node's V8 (src/schema/code-cache.ts), and kubewire.mjs otherwise. A lint then compiles almost
// none of its code (README, "Start-up").
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { bundleOptions, root, vendorFiles } from './build-action.mjs';

export const CLI_DIR = path.join(root, 'dist/cli');
export const CLI_BUNDLE = path.join(CLI_DIR, 'kubewire.mjs');

const out = await esbuild.build(
  bundleOptions({
    // The modules the loader's worker threads run (4+ cores), sharing the chunks.
    entryPoints: { kubewire: 'src/cli/bundle.ts', 'load-worker': 'src/load/load-worker.ts', analyze: 'src/schema/analyze.ts' },
    outdir: CLI_DIR,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    charset: 'ascii',
    define: { KUBEWIRE_WORKERS_BESIDE: 'true' },
    write: false,
  }, { vendor: true }),
);
// One file for the code cache: esbuild splits ES modules only, so the chunks are in it (a lint runs the
// language server's and CEL's module code no more than from the chunks: their modules start on first use),
// without the whitespace and comments, which V8 would keep in memory with the source (1.9 → 1.5 MB).
const single = await esbuild.build(
  bundleOptions({
    entryPoints: { kubewire: 'src/cli/bundle.ts' },
    outdir: CLI_DIR,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    charset: 'ascii',
    minifyWhitespace: true,
    // Strict mode, as ES modules are (the directive must come first: esbuild's own follows the banner);
    // `import.meta.url` is the bundle's own URL, as in the ES modules beside it (workers, package root).
    banner: { js: '"use strict";\nconst __kubewireModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { KUBEWIRE_WORKERS_BESIDE: 'true', 'import.meta.url': '__kubewireModuleUrl' },
    write: false,
  }, { vendor: true }),
);
const files = new Map([...out.outputFiles, ...single.outputFiles].map((f) => [path.basename(f.path), asciiOnly(f.text)]));
for (const [name, text] of await vendorFiles()) files.set(name, asciiOnly(text));
mkdirSync(CLI_DIR, { recursive: true });
// Chunks of an earlier build would be packed by npm (package.json "files" takes the folder).
for (const name of readdirSync(CLI_DIR)) if (!files.has(name)) rmSync(path.join(CLI_DIR, name), { recursive: true });
for (const [name, contents] of files) writeFileSync(path.join(CLI_DIR, name), contents);
// The code cache, in a process of its own under this Node's default V8 flags (those bin/kubewire.js loads it under).
const cache = spawnSync(process.execPath, [path.join(root, 'scripts/cli-code-cache.mjs')], { cwd: root, stdio: 'inherit' });
if (cache.status !== 0) throw new Error('scripts/cli-code-cache.mjs failed');

/**
 * V8 keeps the source of every module it compiles, in two bytes per character when one character of
 * it is not ASCII (5 MB instead of 2.5 for the CLI). esbuild's `charset: 'ascii'` escapes strings;
 * what it leaves (comments, regular expression literals) is escaped here, which means the same there.
 */
function asciiOnly(text) {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
