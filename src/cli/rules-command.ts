import { parseArgs } from 'node:util';
import { ruleDocsUrl } from '../engine/package-info.js';
import type { AnyRule } from '../engine/rule.js';
import { UsageError, type Io } from './io.js';
import { POLICY_OPTIONS, withConfiguredPolicies } from './policy-rules.js';

/** `kubewire rules`: every rule with severity, category and title; `--format json` for tools. */
export function runRulesCommand(argv: string[], io: Io, rules: readonly AnyRule[]): number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { format: { type: 'string', short: 'f', default: 'text' }, ...POLICY_OPTIONS }, strict: true }));
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  // The policies of the config and --policy are rules too (policy/<name>).
  const sorted = [...withConfiguredPolicies(io, rules, values)].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  if (values.format === 'json') {
    const list = sorted.map(({ meta }) => ({
      id: meta.id,
      severity: meta.severity,
      category: meta.category,
      title: meta.title,
      description: meta.description,
      appliesTo: meta.appliesTo,
      references: meta.references ?? [],
      docs: ruleDocsUrl(meta.id),
    }));
    io.stdout(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  if (values.format !== 'text') throw new UsageError(`unknown format "${values.format}" (formats: text, json)`);
  const idWidth = Math.max(...sorted.map((r) => r.meta.id.length));
  const lines = sorted.map(
    ({ meta }) => `${meta.id.padEnd(idWidth)}  ${meta.severity.padEnd(7)}  ${meta.category.padEnd(11)}  ${meta.title}`,
  );
  io.stdout(`${'RULE'.padEnd(idWidth)}  SEVERITY  CATEGORY     TITLE\n${lines.join('\n')}\n`);
  return 0;
}

/** The rule table of the README, generated from the rule metadata (a test keeps the README current). */
export function rulesMarkdownTable(rules: readonly AnyRule[]): string {
  const sorted = [...rules].sort((a, b) =>
    a.meta.category === b.meta.category ? (a.meta.id < b.meta.id ? -1 : 1) : a.meta.category < b.meta.category ? -1 : 1,
  );
  const rows = sorted.map(
    ({ meta }) => `| [\`${meta.id}\`](rules/${meta.id}/README.md) | ${meta.severity} | ${meta.category} | ${meta.title.replace(/\|/g, '\\|')} |`,
  );
  return ['| Rule | Severity | Category | What it flags |', '|---|---|---|---|', ...rows].join('\n');
}
