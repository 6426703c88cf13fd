#!/usr/bin/env node
// Pins columns in rule fixtures: every `# expect:` / `# expect-next-line:` marker of a rule's own
// findings that has no `@<column>` gets the column of the finding that meets it, as the harness
// sees it now. Nothing else in the file changes (byte for byte). Fixtures that fail, or whose bytes
// are not UTF-8 text, are left alone and listed.
//
//   node scripts/pin-fixture-columns.mjs [--first] [--dry-run] [--no-build] [rule-id…]
//
// --first     pin only the first unpinned expectation of each fixture file (default: all)
// --dry-run   list what would change, write nothing
// --no-build  use dist/ as it is (default: `npm run build` first, so the current sources run)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const only = new Set(args.filter((a) => !a.startsWith('--')));

process.chdir(root); // the harness resolves fixture paths against the working directory, as in the tests
if (!flag('--no-build')) {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const { rules } = await import(pathToFileURL(path.join(root, 'dist/rules/index.js')).href);
const { checkFixture } = await import(pathToFileURL(path.join(root, 'dist/src/testing/fixtures.js')).href);

let pinned = 0;
let filesChanged = 0;
const skipped = [];
for (const rule of rules) {
  const id = rule.meta.id;
  if (only.size > 0 && !only.has(id)) continue;
  const dir = path.join(root, 'rules', id, 'fixtures');
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = path.join(dir, f);
    const rel = `rules/${id}/fixtures/${f}`;
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) {
      skipped.push(`${rel}: not UTF-8 text`);
      continue;
    }
    const result = checkFixture(rule, bytes, rel, rules.filter((r) => rule.meta.qualifies?.includes(r.meta.id)));
    if (result.problems.length > 0) {
      skipped.push(`${rel}: fails (${result.problems.join('; ')})`);
      continue;
    }
    let todo = result.matches.filter((m) => m.expectation.column === undefined);
    if (flag('--first')) todo = todo.slice(0, 1);
    if (todo.length === 0) continue;
    const lines = text.split('\n');
    // Right to left within a line, so earlier offsets stay valid.
    todo.sort((a, b) => a.expectation.marker.line - b.expectation.marker.line || b.expectation.marker.ruleIdEnd - a.expectation.marker.ruleIdEnd);
    for (const { expectation: e, finding } of todo) {
      const i = e.marker.line - 1;
      lines[i] = `${lines[i].slice(0, e.marker.ruleIdEnd)}@${finding.column}${lines[i].slice(e.marker.ruleIdEnd)}`;
      pinned++;
    }
    filesChanged++;
    if (flag('--dry-run')) console.log(`${rel}: would pin ${todo.length}`);
    else writeFileSync(file, lines.join('\n'));
  }
}
for (const s of skipped) console.error(`skipped ${s}`);
console.log(`${flag('--dry-run') ? 'would pin' : 'pinned'} ${pinned} column(s) in ${filesChanged} file(s)`);
