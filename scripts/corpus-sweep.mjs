#!/usr/bin/env node
// The real-world check: lints every folder of the corpus (../shared/corpus by default) as a user would,
// `kubewire lint .` inside that folder, with the built CLI. Prints errors and warnings per folder and the
// findings per rule, so that each can be read and judged true. Fails on a crash (exit code other than
// 0/1, or anything on stderr), on any internal-error finding, and on any error or warning in the
// folders that hold correct applications (CLEAN below).
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
/**
 * Correct applications, linted as `kubewire lint .` in the folder: no error and no warning may remain.
 * `exceptUnder` lists sub-folders whose findings do not count (argocd-example-apps' plugins/ are
 * examples of config-management plugins whose inputs are not plain manifests).
 */
const CLEAN = [
  { folder: 'argoproj__argocd-example-apps', exceptUnder: ['plugins/'] },
  { folder: 'fluxcd__flux2-kustomize-helm-example', exceptUnder: [] },
  { folder: 'kubernetes__ingress-nginx/charts/ingress-nginx', exceptUnder: [] },
].filter((c) => existsSync(path.join(corpus, c.folder)));
for (const c of CLEAN) if (!folders.includes(c.folder)) folders.push(c.folder);
let failed = false;
let total = 0;
for (const folder of folders) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, 'lint', '.', '--format', 'json'], { cwd: path.join(corpus, folder), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
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
  const clean = CLEAN.find((c) => c.folder === folder);
  if (clean) {
    const counted = json.findings.filter((f) => f.severity !== 'info' && !clean.exceptUnder.some((p) => f.file.startsWith(p)));
    if (counted.length > 0) {
      failed = true;
      console.log(`FAIL ${folder} is a correct application, yet has ${counted.length} error(s)/warning(s):`);
      for (const f of counted) console.log(`      ${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.message}`);
    }
  }
}
console.log(`corpus sweep: ${folders.length} folders, ${total} findings, ${failed ? 'FAILED' : 'no crash, no internal-error'}`);
process.exit(failed ? 1 : 0);
