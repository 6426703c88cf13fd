#!/usr/bin/env node
// Bundles the command line with every dependency into ONE self-contained, committed file,
// dist/standalone/kubewire.mjs, that runs with nothing installed but Node >= 20 (it reads the schemas
// of <package root>/schemas, committed too). The pre-commit hooks run it from a clone of the
// repository (pre-commit's `language: node` would npm install the devDependencies and build with
// TypeScript: about a minute), and the VS Code extension packs it as its language server.
// Worker threads and the precompiled validators of dist/src are used when present (a built
// checkout), else everything runs on one thread and validators compile on first use.
// `--check` exits 1 when the committed bundle differs from a fresh build. Deterministic.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { bundleOptions, root } from './build-action.mjs';

export const STANDALONE_BUNDLE = path.join(root, 'dist/standalone/kubewire.mjs');

const out = await esbuild.build(bundleOptions({ entryPoints: ['src/cli/standalone.ts'], write: false, outfile: STANDALONE_BUNDLE }));
const text = out.outputFiles[0].text;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(STANDALONE_BUNDLE, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error('dist/standalone/kubewire.mjs is stale: run node scripts/build-standalone.mjs (part of npm run gen) and commit it');
    process.exit(1);
  }
} else {
  mkdirSync(path.dirname(STANDALONE_BUNDLE), { recursive: true });
  writeFileSync(STANDALONE_BUNDLE, text);
  // Run directly by pre-commit (language: script): executable, with its #! line.
  chmodSync(STANDALONE_BUNDLE, 0o755);
  console.error(`dist/standalone/kubewire.mjs: ${(text.length / 1024).toFixed(0)} KiB`);
}
