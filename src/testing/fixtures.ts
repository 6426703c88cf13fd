import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveSettings, type SettingsOverrides } from '../config/settings.js';
import type { Finding } from '../engine/result.js';
import type { AnyRule } from '../engine/rule.js';
import { runRules } from '../engine/run.js';
import { loadBytes, loadText } from '../load/load.js';

/**
 * The fixture harness: a fixture is a YAML file whose expected findings are marked inline.
 *
 *   selector: { app: web }   # expect: service-selector-matches-nothing
 *   # expect-next-line: rule-id messageId
 *
 * `# expect: <rule-id> [messageId]` marks the line where a finding starts (several separated by `;`);
 * `# expect-next-line:` marks the next line, where a comment cannot go. Header comments set up the run:
 * `# options: {json}` (rule options), `# settings: {json}` (namespace, completeness, kubernetesVersion…).
 * A fixture whose name starts with `valid` must produce nothing. Only the rule under test runs, so
 * fixtures stay independent of other rules.
 */
export interface Expectation {
  line: number;
  ruleId: string;
  messageId?: string;
}

export interface FixtureResult {
  expected: Expectation[];
  actual: Finding[];
  /** Human-readable differences; empty when the fixture passes. */
  problems: string[];
}

const EXPECT = /#\s*expect(-next-line)?:\s*([^\n]+)$/;

export function parseExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split('\n').forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (!m) return;
    const target = m[1] ? i + 2 : i + 1;
    for (const part of m[2]!.split(';')) {
      const [ruleId, messageId] = part.trim().split(/\s+/);
      if (ruleId) out.push({ line: target, ruleId, ...(messageId ? { messageId } : {}) });
    }
  });
  return out;
}

function header(text: string, name: string): Record<string, unknown> {
  const m = new RegExp(`^#\\s*${name}:\\s*(\\{.*\\})\\s*$`, 'm').exec(text);
  if (!m) return {};
  return JSON.parse(m[1]!) as Record<string, unknown>;
}

/** Lints one fixture text with one rule and compares the findings with its inline expectations, both ways. */
export function checkFixture(rule: AnyRule, source: string | Uint8Array, fileName: string, extraRules: readonly AnyRule[] = []): FixtureResult {
  const text = typeof source === 'string' ? source : Buffer.from(source).toString('utf8');
  const options = header(text, 'options');
  const settingsHeader = header(text, 'settings');
  const settings = resolveSettings(null, process.cwd(), settingsHeader as SettingsOverrides);
  const file = typeof source === 'string' ? loadText(source, fileName) : loadBytes(source, fileName);
  const result = runRules({
    files: [file],
    rules: [rule, ...extraRules],
    settings,
    ruleSettings: { [rule.meta.id]: { options } },
    cwd: process.cwd(),
  });
  const actual = result.findings.filter((f) => f.ruleId === rule.meta.id || f.ruleId === 'internal-error');
  const expected = parseExpectations(text).filter((e) => e.ruleId === rule.meta.id || e.ruleId === 'internal-error');
  const problems: string[] = [];
  const unmatched = [...actual];
  for (const e of expected) {
    const i = unmatched.findIndex((f) => f.line === e.line && f.ruleId === e.ruleId && (!e.messageId || f.messageId === e.messageId));
    if (i >= 0) unmatched.splice(i, 1);
    else problems.push(`missing: line ${e.line} ${e.ruleId}${e.messageId ? ` ${e.messageId}` : ''}`);
  }
  for (const f of unmatched) problems.push(`unexpected: line ${f.line}:${f.column} ${f.ruleId} ${f.messageId}: ${f.message}`);
  if (path.basename(fileName).startsWith('valid') && expected.length > 0) {
    problems.push('a valid* fixture must not expect findings');
  }
  return { expected, actual, problems };
}

export function checkFixtureFile(rule: AnyRule, file: string): FixtureResult {
  return checkFixture(rule, readFileSync(file), file);
}
