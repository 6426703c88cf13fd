#!/usr/bin/env node
// Bundles the GitHub Action into dist/action/, which is committed: the runner executes the
// repository as it is, without npm install. Three entry points share their code through chunks:
// index.js (src/action/index.ts, what action.yml runs) and the modules worker threads load,
// load-worker.js (the parallel loader) and analyze.js (schema validation in the loader's threads),
// which distModule finds beside the bundle (KUBEWIRE_WORKERS_BESIDE). `--check` exits 1 when the
// committed files differ from a fresh build. Deterministic: same sources and dependency versions give
// the same bytes (chunk names are content hashes).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ACTION_DIR = path.join(root, 'dist/action');
export const ACTION_BUNDLE = path.join(ACTION_DIR, 'index.js');

/** esbuild options for a Node ESM bundle of kubewire code; CommonJS dependencies get a real `require`. */
export function bundleOptions(overrides = {}) {
  return {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    charset: 'utf8',
    legalComments: 'eof',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __kubewireCreateRequire } from 'node:module';\nconst require = __kubewireCreateRequire(import.meta.url);",
    },
    ...overrides,
  };
}

/** The Action bundle as file name (relative to dist/action) → text (not written). */
export async function buildActionBundle() {
  const out = await esbuild.build(
    bundleOptions({
      entryPoints: { index: 'src/action/index.ts', 'load-worker': 'src/load/load-worker.ts', analyze: 'src/schema/analyze.ts' },
      outdir: ACTION_DIR,
      splitting: true,
      chunkNames: 'chunk-[hash]',
      define: { KUBEWIRE_WORKERS_BESIDE: 'true' },
      write: false,
    }),
  );
  const files = new Map();
  for (const f of [...out.outputFiles].sort((a, b) => (a.path < b.path ? -1 : 1))) files.set(path.relative(ACTION_DIR, f.path), f.text);
  return files;
}

/** The files now in dist/action (name → text). */
export function committedActionBundle() {
  const files = new Map();
  if (!existsSync(ACTION_DIR)) return files;
  for (const name of readdirSync(ACTION_DIR).sort()) files.set(name, readFileSync(path.join(ACTION_DIR, name), 'utf8'));
  return files;
}

/** Names of the files that differ between two bundles (missing, extra or changed). */
export function bundleDiff(a, b) {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildActionBundle();
  if (process.argv.includes('--check')) {
    const stale = bundleDiff(files, committedActionBundle());
    if (stale.length > 0) {
      console.error(`dist/action is stale (${stale.join(', ')}): run npm run build:action and commit it`);
      process.exit(1);
    }
  } else {
    mkdirSync(ACTION_DIR, { recursive: true });
    for (const name of readdirSync(ACTION_DIR)) if (!files.has(name)) rmSync(path.join(ACTION_DIR, name));
    let total = 0;
    for (const [name, text] of files) {
      writeFileSync(path.join(ACTION_DIR, name), text);
      total += text.length;
    }
    console.error(`dist/action: ${files.size} files, ${(total / 1024).toFixed(0)} KiB`);
  }
}
