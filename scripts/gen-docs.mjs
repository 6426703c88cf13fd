#!/usr/bin/env node
// Regenerates, from the built rule metadata (dist/), the README rule table between its markers and
// schemas/config.schema.json. `--check` exits 1 when either is stale. Run `npm run build` first.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { rules } = await import(path.join(root, 'dist/rules/index.js'));
const { rulesMarkdownTable } = await import(path.join(root, 'dist/src/cli/rules-command.js'));
const { buildConfigSchema } = await import(path.join(root, 'dist/src/config/schema.js'));

const check = process.argv.includes('--check');
let stale = false;

function update(file, next) {
  const current = readFileSync(file, 'utf8');
  if (current === next) return;
  if (check) {
    console.error(`${path.relative(root, file)} is stale: run npm run gen`);
    stale = true;
  } else writeFileSync(file, next);
}

const readmeFile = path.join(root, 'README.md');
const readme = readFileSync(readmeFile, 'utf8');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i < 0 || j < 0) throw new Error('README.md lacks the rules markers');
update(readmeFile, `${readme.slice(0, i + start.length)}\n${rulesMarkdownTable(rules)}\n${readme.slice(j)}`);
update(path.join(root, 'schemas/config.schema.json'), JSON.stringify(buildConfigSchema(rules), null, 2) + '\n');
if (stale) process.exit(1);
