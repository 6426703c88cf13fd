#!/usr/bin/env node
// Bundles the GitHub Action (src/action/index.ts and everything it imports) into ONE file,
// dist/action/index.js, which is committed: the runner executes the repository as it is, without
// npm install. `--check` exits 1 when the committed bundle differs from a fresh build.
// Deterministic: same sources and dependency versions give the same bytes.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ACTION_BUNDLE = path.join(root, 'dist/action/index.js');

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

/** The Action bundle as a string (not written). */
export async function buildActionBundle() {
  const out = await esbuild.build(bundleOptions({ entryPoints: ['src/action/index.ts'], write: false, outfile: ACTION_BUNDLE }));
  return out.outputFiles[0].text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await buildActionBundle();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(ACTION_BUNDLE, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error('dist/action/index.js is stale: run npm run build:action and commit it');
      process.exit(1);
    }
  } else {
    mkdirSync(path.dirname(ACTION_BUNDLE), { recursive: true });
    writeFileSync(ACTION_BUNDLE, text);
    console.error(`dist/action/index.js: ${(text.length / 1024).toFixed(0)} KiB`);
  }
}
