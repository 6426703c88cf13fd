#!/usr/bin/env node
// npm run fuzz: a seeded, deterministic mutation fuzzer of the CLI. It mutates the examples and the
// rule fixtures (byte flips, line deletions and duplications, indentation changes, type swaps,
// truncation, NUL bytes, huge numbers, unicode, CRLF ⇄ LF line ends), lints each batch of mutated files with the built CLI
// (`kubewire lint . --format json`, then `--format sarif`) and asserts, for every run:
//   exit code 0, 1 or 2; valid JSON and valid SARIF 2.1.0 (a version and runs); no internal-error
//   finding; no stack trace on stdout or stderr; every position (finding, end, related, fix) inside
//   its file; no run over 20 s.
// A failure prints the seed, iteration and file, and keeps the batch in fuzz-failures/ (git-ignored):
// make each one a regression fixture (rules/<id>/fixtures or test/fixtures) once it is fixed.
//
//   npm run fuzz                                   default: seed 1, 2,000 files
//   node scripts/fuzz.mjs --seed 7 --files 20000   a long run (what .ci/run does briefly: --files 200)
//   node scripts/fuzz.mjs --time-limit 110         stop starting batches after 110 s
//   node scripts/fuzz.mjs --from ../shared/corpus  mutate the manifests of more folders too (repeatable)
//   node scripts/fuzz.mjs --fix                    also apply the fixes (`lint --fix`) to a copy of each
//                                                  batch: nothing changes without a fix in the report,
//                                                  its positions lie inside the fixed files, and a
//                                                  second --fix run changes nothing
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from '../bench/generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const SEED = opt('seed', 1);
const FILES = opt('files', 2000);
const BATCH = opt('batch', 50);
const TIME_LIMIT = opt('time-limit', Infinity);
const FIX = args.includes('--fix');
const RUN_LIMIT_S = 20;
const bin = path.resolve(process.env.KUBEWIRE_BIN ?? path.join(root, 'bin/kubewire.js'));

const rnd = prng(SEED);
const int = (n) => Math.floor(rnd() * n);
const pick = (list) => list[int(list.length)];

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}
/** The folders given with --from, in the order given. */
const from = args.flatMap((a, i) => (a === '--from' && args[i + 1] ? [path.resolve(args[i + 1])] : []));
const seeds = [...walk(path.join(root, 'examples')), ...walk(path.join(root, 'rules')), ...from.flatMap((d) => walk(d))].map((p) => readFileSync(p, 'utf8'));

const UNICODE = ['é', 'ü', '名前', '🚀', '\u200b', '\u00a0', '\ufeff', 'İ', '\u2028', 'ß'];
const SCALARS = ['true', 'yes', 'no', 'on', 'null', '~', '0x1F', '0o17', '1e400', '99999999999999999999999', '-0', '.inf', '"80"', "'x'", '[]', '{}', '&a', '*a', '!!binary', '|', '>-', '2024-01-01'];

const MUTATIONS = {
  byteFlip(t) {
    if (!t) return t;
    const i = int(t.length);
    return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << int(7))) + t.slice(i + 1);
  },
  deleteLine(t) {
    const lines = t.split('\n');
    lines.splice(int(lines.length), 1);
    return lines.join('\n');
  },
  duplicateLine(t) {
    const lines = t.split('\n');
    const i = int(lines.length);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  },
  indent(t) {
    const lines = t.split('\n');
    const i = int(lines.length);
    lines[i] = rnd() < 0.5 ? ' '.repeat(1 + int(4)) + lines[i] : lines[i].replace(/^ {1,4}/, '');
    return lines.join('\n');
  },
  typeSwap(t) {
    const spots = [...t.matchAll(/: ([^\n#]+)/g)];
    if (!spots.length) return t;
    const m = pick(spots);
    return t.slice(0, m.index + 2) + pick(SCALARS) + t.slice(m.index + m[0].length);
  },
  truncate(t) {
    return t.slice(0, int(t.length + 1));
  },
  nul(t) {
    const i = int(t.length + 1);
    return t.slice(0, i) + '\0' + t.slice(i);
  },
  hugeNumber(t) {
    return t.replace(/\b\d+\b/, () => pick(['99999999999999999999999999', '1e308', '-1', '65536', '4294967296', '0']));
  },
  unicode(t) {
    const i = int(t.length + 1);
    return t.slice(0, i) + pick(UNICODE) + t.slice(i);
  },
  splice(t) {
    const other = pick(seeds);
    const i = int(t.length + 1);
    const j = int(other.length + 1);
    return t.slice(0, i) + other.slice(j, j + int(400));
  },
  lineEnds(t) {
    return t.includes('\r\n') ? t.replace(/\r\n/g, '\n') : t.replace(/\n/g, '\r\n');
  },
  deepen(t) {
    return t + `\nx: ${'['.repeat(200 + int(2000))}\n`;
  },
};
const names = Object.keys(MUTATIONS);

function mutate(text) {
  let t = text;
  const applied = [];
  for (let k = 1 + int(3); k > 0; k--) {
    const m = pick(names);
    applied.push(m);
    t = MUTATIONS[m](t);
  }
  return { text: t, applied };
}

/** Why a 1-based position is outside the text (null: inside). `end`: a position just past the last character counts. */
function outside(lines, line, column, what) {
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return `${what} line ${line} outside the file (${lines.length} lines)`;
  const width = lines[line - 1].replace(/\r$/, '').length + 1;
  if (!Number.isInteger(column) || column < 1 || column > width) return `${what} column ${column} outside line ${line} (${width - 1} characters)`;
  return null;
}

/** A fix's start and end inside the file it edits (the finding's, or the one it names); a file not linted here is not checked. */
function fixOutside(fix, lines) {
  if (!lines) return [];
  return [outside(lines, fix.line, fix.column, 'fix start'), outside(lines, fix.endLine, fix.endColumn, 'fix end')];
}

const STACK = /\n\s+at .+\(.*:\d+:\d+\)|\n\s+at .+:\d+:\d+/;

/** `kubewire lint . <args>` in `dir`, as every run of the fuzzer makes it. */
function lintIn(dir, ...args) {
  return spawnSync(process.execPath, [bin, 'lint', '.', ...args], { cwd: dir, encoding: 'utf8', timeout: RUN_LIMIT_S * 1000, maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
}

/** What is wrong with a run itself: over the time limit, another exit code than 0/1/2, a stack trace. */
function runProblems(label, r) {
  const problems = [];
  if (r.error?.code === 'ETIMEDOUT' || r.signal) problems.push(`${label}: run over ${RUN_LIMIT_S} s`);
  else if (![0, 1, 2].includes(r.status)) problems.push(`${label}: exit code ${r.status}`);
  if (STACK.test(r.stdout ?? '') || STACK.test(r.stderr ?? '')) problems.push(`${label}: stack trace: ${(r.stderr || r.stdout).slice(0, 400)}`);
  return problems;
}

/** What is wrong with a JSON report's findings: internal errors, positions outside the files' texts. */
function reportProblems(report, texts) {
  const problems = [];
  for (const f of report.findings) {
    const where = `${f.file}:${f.line}:${f.column} ${f.ruleId}`;
    if (f.ruleId === 'internal-error') problems.push(`${where}: internal error: ${f.message}`);
    const text = texts.get(f.file);
    if (text === undefined) continue;
    const lines = text.split('\n');
    const unread = text === '' ? ['']: null; // a file not read as text (binary, not UTF-8) is marked at its start
    for (const p of [
      outside(unread ?? lines, f.line, f.column, 'start'),
      outside(unread ?? lines, f.endLine, f.endColumn, 'end'),
      f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column) ? 'ends before it starts' : null,
      ...f.related.map((r) => (texts.has(r.file) ? outside(texts.get(r.file).split('\n'), r.line, r.column, 'related') : null)),
      ...(f.fix ? fixOutside(f.fix, f.fix.file === undefined ? lines : texts.get(f.fix.file)?.split('\n')) : []),
    ]) {
      if (p && !(unread && f.line === 1 && f.column === 1)) problems.push(`${where}: ${p}`);
    }
  }
  return problems;
}

/** The JSON and SARIF runs of a batch: sound runs, valid JSON and SARIF, a sound report. */
function check(texts, json, sarif) {
  const problems = [...runProblems('json', json), ...runProblems('sarif', sarif)];
  if (problems.length) return problems;
  if (json.status === 2) return problems; // a usage or input error: no report to check
  let report;
  try {
    report = JSON.parse(json.stdout);
  } catch (e) {
    return [`json: invalid JSON (${e.message})`];
  }
  try {
    const s = JSON.parse(sarif.stdout);
    if (s.version !== '2.1.0' || !Array.isArray(s.runs) || !Array.isArray(s.runs[0]?.results)) problems.push('sarif: not a SARIF 2.1.0 log');
  } catch (e) {
    problems.push(`sarif: invalid JSON (${e.message})`);
  }
  problems.push(...reportProblems(report, texts));
  return problems;
}

/** A file's text as kubewire reads it: a byte order mark is dropped, not a column. */
function asRead(text) {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * `lint --fix` on a copy of the batch: a run as sound as the others (its report's positions inside
 * the fixed files); nothing changes when the report before had no fix; a second --fix run changes
 * nothing (README, "Fixes").
 */
function checkFix(dir, texts, before) {
  const fixDir = `${dir}-fix`;
  cpSync(dir, fixDir, { recursive: true });
  try {
    const names = [...texts.keys()];
    const bytes = () => new Map(names.map((n) => [n, readFileSync(path.join(fixDir, n))]));
    const raw = bytes();
    const first = lintIn(fixDir, '--fix', '--format', 'json');
    const problems = runProblems('fix', first);
    if (problems.length || first.status === 2) return problems;
    // Without a fix in the report no pass starts; with one, later passes may fix other files (a fix
    // brings out another), so which files change is not known from this report.
    const anyFix = before.findings.some((f) => f.fix);
    const after = bytes();
    for (const n of names) {
      if (after.get(n).equals(raw.get(n))) continue;
      fixedFiles++;
      if (!anyFix) problems.push(`fix: ${n} changed, and the report had no fix`);
    }
    try {
      const fixedTexts = new Map(names.map((n) => [n, asRead(after.get(n).toString('utf8'))]));
      for (const p of reportProblems(JSON.parse(first.stdout), fixedTexts)) problems.push(`fix: ${p}`);
    } catch (e) {
      problems.push(`fix: invalid JSON (${e.message})`);
    }
    const second = lintIn(fixDir, '--fix', '--format', 'json');
    problems.push(...runProblems('fix again', second));
    const again = bytes();
    for (const n of names) if (!again.get(n).equals(after.get(n))) problems.push(`fix again: ${n} changed by a second --fix run`);
    return problems;
  } finally {
    rmSync(fixDir, { recursive: true, force: true });
  }
}

const started = Date.now();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kubewire-fuzz-'));
let failures = 0;
/** Files `--fix` changed (with --fix). */
let fixedFiles = 0;
let done = 0;
let batch = 0;
try {
  while (done < FILES && (Date.now() - started) / 1000 < TIME_LIMIT) {
    const dir = path.join(tmp, `b${batch}`);
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    const texts = new Map();
    const recipe = new Map();
    const n = Math.min(BATCH, FILES - done);
    for (let i = 0; i < n; i++) {
      const { text, applied } = mutate(pick(seeds));
      const name = `f${String(i).padStart(3, '0')}.yaml`;
      writeFileSync(path.join(dir, name), text);
      texts.set(name, text);
      recipe.set(name, applied.join('+'));
    }
    for (const [k, v] of texts) texts.set(k, asRead(v));
    const json = lintIn(dir, '--format', 'json');
    const problems = check(texts, json, lintIn(dir, '--format', 'sarif'));
    if (FIX && problems.length === 0 && json.status !== 2) problems.push(...checkFix(dir, texts, JSON.parse(json.stdout)));
    if (problems.length) {
      failures++;
      const keep = path.join(root, 'fuzz-failures', `seed${SEED}-batch${batch}`);
      rmSync(keep, { recursive: true, force: true });
      cpSync(dir, keep, { recursive: true });
      writeFileSync(path.join(keep, 'RECIPE.txt'), [...recipe].map(([f, r]) => `${f}: ${r}`).join('\n') + '\n\n' + problems.join('\n') + '\n');
      console.log(`FAIL seed ${SEED} batch ${batch} (kept in ${path.relative(root, keep)}):`);
      for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
      if (problems.length > 10) console.log(`  … ${problems.length - 10} more`);
    }
    rmSync(dir, { recursive: true, force: true });
    done += n;
    batch++;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(
  `fuzz: seed ${SEED}, ${done} mutated files in ${batch} batches${FIX ? ` (${fixedFiles} changed by --fix)` : ''}, ${failures} failing batch${failures === 1 ? '' : 'es'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
process.exit(failures ? 1 : 0);
