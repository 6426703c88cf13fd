#!/usr/bin/env node
// Bundles the command line (src/cli/bundle.ts and everything it imports) into dist/cli/: the entry
// kubewire.mjs, which bin/kubewire.js runs, and chunk-<hash>.mjs files that it imports only when a
// command needs them (the language server, …: every `import()` of the sources starts a chunk), so a
// `lint` compiles only the code it runs. Loading a few modules instead of several hundred saves about
// 0.3 s of CPU on every run. Part of `npm run build` (not committed). Worker threads and the
// precompiled schema validators still load from dist/src (see distModule in
// src/engine/package-info.ts).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { bundleOptions, root } from './build-action.mjs';

export const CLI_DIR = path.join(root, 'dist/cli');
export const CLI_BUNDLE = path.join(CLI_DIR, 'kubewire.mjs');

const out = await esbuild.build(
  bundleOptions({
    entryPoints: { kubewire: 'src/cli/bundle.ts' },
    outdir: CLI_DIR,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    write: false,
  }),
);
mkdirSync(CLI_DIR, { recursive: true });
const names = new Set(out.outputFiles.map((f) => path.basename(f.path)));
// Chunks of an earlier build would be packed by npm (package.json "files" takes the folder).
for (const name of readdirSync(CLI_DIR)) if (!names.has(name)) rmSync(path.join(CLI_DIR, name), { recursive: true });
for (const f of out.outputFiles) writeFileSync(f.path, f.contents);
