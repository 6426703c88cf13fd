#!/usr/bin/env node
// The position property over the real-world corpus (../shared/corpus by default): each folder linted as
// `kubewire lint .` in it, every rule on, every finding checked by src/testing/positions.ts (inside its
// file; on the key or value its pointer names). Fails on any violation.
//   node scripts/positions-corpus.mjs [corpus-dir]
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(process.argv[2] ?? path.join(root, '../shared/corpus'));
if (!existsSync(corpus)) {
  console.log(`positions over the corpus: ${corpus} not found, skipped`);
  process.exit(0);
}
const { lint } = await import(path.join(root, 'dist/src/index.js'));
const { positionViolations } = await import(path.join(root, 'dist/src/testing/positions.js'));
let failed = 0;
let checked = 0;
for (const folder of readdirSync(corpus).filter((d) => statSync(path.join(corpus, d)).isDirectory() && d !== 'expectations').sort()) {
  const cwd = path.join(corpus, folder);
  const result = await lint({ paths: ['.'], cwd, completeness: 'complete' });
  checked += result.findings.length;
  const bad = positionViolations(result);
  failed += bad.length;
  for (const v of bad.slice(0, 20)) console.log(`FAIL ${folder}/${v}`);
  if (bad.length > 20) console.log(`FAIL ${folder}: ${bad.length - 20} more`);
}
console.log(`positions over the corpus: ${checked} findings checked, ${failed} violations`);
process.exit(failed ? 1 : 0);
