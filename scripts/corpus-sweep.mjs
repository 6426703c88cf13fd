#!/usr/bin/env node
// Lints every folder of the real-world corpus (../shared/corpus by default) with the built CLI.
// Fails on a crash (exit code other than 0/1, or anything on stderr) and on any internal-error finding.
// Prints the findings per rule per folder, so that each can be read and judged true.
//   node scripts/corpus-sweep.mjs [corpus-dir] [--verbose]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const corpus = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, '../shared/corpus'));
if (!existsSync(corpus)) {
  console.log(`corpus sweep: ${corpus} not found, skipped`);
  process.exit(0);
}
const bin = path.join(root, 'bin/kubewire.js');
const folders = readdirSync(corpus).filter((d) => statSync(path.join(corpus, d)).isDirectory() && d !== 'expectations').sort();
let failed = false;
let total = 0;
for (const folder of folders) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, 'lint', folder, '--format', 'json'], { cwd: corpus, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Date.now() - started;
  if (r.status !== 0 && r.status !== 1) {
    console.log(`FAIL ${folder}: exit ${r.status}\n${r.stderr}`);
    failed = true;
    continue;
  }
  if (r.stderr) {
    console.log(`FAIL ${folder}: wrote to stderr:\n${r.stderr}`);
    failed = true;
  }
  const json = JSON.parse(r.stdout);
  const byRule = new Map();
  for (const f of json.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const internal = json.findings.filter((f) => f.ruleId === 'internal-error');
  if (internal.length) {
    failed = true;
    for (const f of internal) console.log(`FAIL ${folder}/${f.file}:${f.line}: ${f.message}`);
  }
  total += json.findings.length;
  const s = json.summary;
  console.log(`${folder}: ${s.files} files, ${s.documents} documents, ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos (${ms} ms)`);
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(4)}  ${rule}`);
  if (verbose) for (const f of json.findings) console.log(`      ${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.message}`);
}
console.log(`corpus sweep: ${folders.length} folders, ${total} findings, ${failed ? 'FAILED' : 'no crash, no internal-error'}`);
process.exit(failed ? 1 : 0);
