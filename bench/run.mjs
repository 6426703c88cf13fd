#!/usr/bin/env node
// npm run bench: generates the 1k/10k/50k-document corpora (bench/.corpus/, deterministic seed) and
// measures, as whole processes (node startup, module loading, file discovery and reading
// included), each one a median of several runs:
//   js-yaml   the parse-only floor (bench/floor-js-yaml.mjs)
//   yaml      the position-keeping floor (bench/floor-yaml.mjs)
//   kubewire  `kubewire lint <corpus> --format json` from the built dist/: every rule, including
//             Kubernetes schema validation of every object, with the threads kubewire chooses; for
//             10k and 50k also with the other choice (KUBEWIRE_THREADS), checked to report the same
// with their ratios to the js-yaml floor, peak memory, and the 10k→50k linearity.
//
//   npm run bench                     all sizes
//   node bench/run.mjs 10000          one size
//   RUNS=5 node bench/run.mjs         more runs per measurement
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.mjs';

const { threadCount } = await import(new URL('../dist/src/load/parallel.js', import.meta.url).href).catch(() => ({ threadCount: () => 1 }));

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 42;
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length ? sizes : [1000, 10000, 50000];
const RUNS = Number(process.env.RUNS) || 3;

if (!existsSync(path.join(root, 'dist/src/cli/main.js'))) {
  console.log('building dist/ (npm run build)…');
  spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kubewire-bench-'));

function corpus(n) {
  const dir = path.join(root, 'bench/.corpus', `${n / 1000}k`);
  const stamp = `${dir}.generated`; // beside the corpus, not in it: kubewire reads every .json there
  const want = `${n} ${SEED} ${statSync(path.join(root, 'bench/generate.mjs')).mtimeMs}`;
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== want) {
    const r = generateCorpus(n, dir, SEED);
    // Each corpus is a repository of its own: the main repository's .gitignore (which ignores
    // bench/.corpus) must not apply to it, as it would not to a user's manifests.
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    writeFileSync(stamp, want);
    writeFileSync(`${dir}.stats`, JSON.stringify(r));
  }
  return { dir, ...JSON.parse(readFileSync(`${dir}.stats`, 'utf8')) };
}

/** One whole-process run: wall time (s) and peak RSS (MiB). */
function measure(args, cwd, env = {}) {
  const rssFile = path.join(tmp, 'rss');
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', path.join(root, 'bench/peak-rss.mjs'), ...args], {
    cwd,
    env: { ...process.env, ...env, KW_BENCH_RSS: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
  return { seconds, cpu: usage.cpu, rssMiB: usage.maxRSS / 1024, stdout: r.stdout };
}

function median(args, cwd, runs, env) {
  const all = Array.from({ length: runs }, () => measure(args, cwd, env));
  all.sort((a, b) => a.seconds - b.seconds);
  const mid = all[Math.floor((all.length - 1) / 2)];
  const cpus = all.map((m) => m.cpu).sort((a, b) => a - b);
  return { seconds: mid.seconds, cpu: cpus[Math.floor((cpus.length - 1) / 2)], rssMiB: Math.max(...all.map((m) => m.rssMiB)), stdout: mid.stdout };
}

const rows = [];
const fmt = (s) => `${s.toFixed(2)} s`;
const load = () => os.loadavg()[0].toFixed(1);
console.log(`kubewire benchmark — node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}; median of ${RUNS} whole-process runs\n`);
for (const n of SIZES) {
  const c = corpus(n);
  const runs = n >= 50000 ? Math.max(1, RUNS - 1) : RUNS;
  const jsyaml = median([path.join(root, 'bench/floor-js-yaml.mjs'), c.dir], root, runs);
  const yaml = median([path.join(root, 'bench/floor-yaml.mjs'), c.dir], root, runs);
  const kwArgs = [path.join(root, 'bin/kubewire.js'), 'lint', '.', '--format', 'json'];
  // kubewire as users run it (threads chosen by threadCount), and the other choice for comparison.
  const auto = threadCount(c.bytes, {});
  const kw = median(kwArgs, c.dir, runs);
  const other = auto > 1 ? 1 : 2;
  const kw2 = n >= 10000 ? median(kwArgs, c.dir, runs, { KUBEWIRE_THREADS: String(other) }) : null;
  if (kw2 && kw2.stdout !== kw.stdout) throw new Error(`the ${other}-thread report differs from the default one`);
  const report = JSON.parse(kw.stdout);
  if (report.summary.documents !== c.documents) throw new Error(`kubewire saw ${report.summary.documents} documents of ${c.documents}`);
  const schemaFindings = report.findings.filter((f) => f.ruleId.startsWith('schema-')).length;
  rows.push({ n, c, jsyaml, yaml, kw, kw2, auto, other, findings: report.findings.length, schemaFindings });
  console.log(
    `${String(n).padStart(6)} documents (${c.files} files, ${(c.bytes / 1e6).toFixed(1)} MB): ` +
      `js-yaml ${fmt(jsyaml.seconds)} (cpu ${fmt(jsyaml.cpu)}, ${jsyaml.rssMiB.toFixed(0)} MiB) | ` +
      `yaml+positions ${fmt(yaml.seconds)} = ${(yaml.seconds / jsyaml.seconds).toFixed(2)}× (cpu ${fmt(yaml.cpu)}, ${yaml.rssMiB.toFixed(0)} MiB) | ` +
      `kubewire (${auto} thread${auto > 1 ? 's' : ''}) ${fmt(kw.seconds)} = ${(kw.seconds / jsyaml.seconds).toFixed(2)}× (cpu ${fmt(kw.cpu)}, ${kw.rssMiB.toFixed(0)} MiB; ${report.findings.length} findings, ${schemaFindings} schema)` +
      (kw2 ? ` | forced to ${other} thread${other > 1 ? 's' : ''}: ${fmt(kw2.seconds)} = ${(kw2.seconds / jsyaml.seconds).toFixed(2)}× (cpu ${fmt(kw2.cpu)}, ${kw2.rssMiB.toFixed(0)} MiB)` : '') +
      ` [load ${load()}]`,
  );
}

console.log('\n| documents | files | MB | js-yaml floor | yaml + positions | kubewire lint (schema incl.), threads | kubewire / js-yaml | kubewire CPU | kubewire with the other thread count | peak memory js-yaml / yaml / kubewire |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(
    `| ${r.n.toLocaleString('en-US')} | ${r.c.files} | ${(r.c.bytes / 1e6).toFixed(1)} | ${fmt(r.jsyaml.seconds)} | ${fmt(r.yaml.seconds)} (${(r.yaml.seconds / r.jsyaml.seconds).toFixed(1)}×) | ${fmt(r.kw.seconds)}, ${r.auto} | **${(r.kw.seconds / r.jsyaml.seconds).toFixed(2)}×** | ${fmt(r.kw.cpu)} | ${r.kw2 ? `${r.other}: ${fmt(r.kw2.seconds)} (${(r.kw2.seconds / r.jsyaml.seconds).toFixed(2)}×)` : '–'} | ${r.jsyaml.rssMiB.toFixed(0)} / ${r.yaml.rssMiB.toFixed(0)} / ${r.kw.rssMiB.toFixed(0)} MiB |`,
  );
}
const r10 = rows.find((r) => r.n === 10000);
const r50 = rows.find((r) => r.n === 50000);
if (r10 && r50) {
  const lin = (r) => (r50[r].seconds / r10[r].seconds / 5).toFixed(2);
  console.log(`\nlinearity 10k→50k (time ratio / 5; 1.00 = linear): js-yaml ${lin('jsyaml')}, yaml ${lin('yaml')}, kubewire ${lin('kw')}`);
}
if (r10) {
  const ratio = r10.kw.seconds / r10.jsyaml.seconds;
  console.log(`goal (DESIGN.md): kubewire ≤ 2.5× the js-yaml floor on 10k documents: ${ratio.toFixed(2)}× — ${ratio <= 2.5 ? 'met' : 'NOT met'}`);
}
rmSync(tmp, { recursive: true, force: true });
