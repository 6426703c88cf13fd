// The JSON report writes each finding directly (src/report/json.ts findingText): its text must be
// exactly JSON.stringify of the finding's object, for every shape a finding can take.
import { describe, expect, it } from 'vitest';
import type { Finding, LintResult } from '../src/engine/result.js';
import { TOOL } from '../src/engine/tool.js';
import { formatJson } from '../src/report/index.js';
import { lintRepoPaths } from './helpers.js';

/** The JSON contract as plain objects, stringified in one piece: what the writer must equal. */
function reference(result: LintResult): string {
  const findings = result.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    resource: f.resource,
    path: f.path,
    related: f.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })),
    ...(f.fix ? { fix: { ...f.fix.range, text: f.fix.text, description: f.fix.description } } : {}),
  }));
  return `${JSON.stringify({ version: 1, tool: { name: TOOL.name, version: TOOL.version }, summary: result.summary, findings }, null, 2)}\n`;
}

const base: Finding = {
  ruleId: 'r',
  messageId: 'm',
  severity: 'error',
  message: 'a "quoted" message\nwith a line break, a tab\t and \u2028 and \ud800',
  file: 'dir/a b.yaml',
  line: 3,
  column: 5,
  endLine: 4,
  endColumn: 1,
  resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
  path: '/spec/ports/0/name',
  related: [],
  fingerprint: 'f',
};

describe('JSON report writer', () => {
  it('writes the findings of every rule fixture exactly as JSON.stringify does', async () => {
    const result = await lintRepoPaths(['rules', 'examples'], { completeness: 'complete' });
    expect(result.findings.some((f) => f.fix)).toBe(true);
    expect(result.findings.some((f) => f.related.length > 0)).toBe(true);
    expect(formatJson(result)).toBe(reference(result));
  });

  it('writes findings of unusual shapes exactly (or leaves them to JSON.stringify)', async () => {
    const { findings: _f, ...rest } = await lintRepoPaths(['examples'], {});
    const extraRange = { line: 2, column: 1, endLine: 2, endColumn: 1, extra: true };
    const extraRef = { apiVersion: 'v1', kind: 'Service', namespace: 'x', name: 'web', extra: 1 };
    const findings: Finding[] = [
      base,
      { ...base, resource: null, path: null },
      { ...base, resource: { apiVersion: 'v1', kind: 'Service', namespace: null, name: 'web' } },
      // A reference with its keys in another order, or one more key: written as JSON.stringify lists them.
      { ...base, resource: { name: 'web', kind: 'Service', apiVersion: 'v1', namespace: 'x' } },
      { ...base, resource: extraRef },
      { ...base, related: [{ file: 'b.yaml', line: 1, column: 2, endLine: 1, endColumn: 3, message: 'there' }, { file: 'c.yaml', line: 9, column: 1, endLine: 9, endColumn: 2, message: '' }] },
      { ...base, related: [{ file: 'b.yaml', line: 1, column: 2, endLine: 1, endColumn: 3, message: undefined as unknown as string }] },
      { ...base, fix: { range: { line: 1, column: 1, endLine: 1, endColumn: 4 }, text: 'x\ny', description: 'Rename it' } },
      { ...base, fix: { range: { line: 1, column: 1, endLine: 1, endColumn: 4 }, text: '', description: undefined as unknown as string } },
      { ...base, fix: { file: 'other.yaml', range: extraRange, text: 't', description: 'd' } },
      { ...base, fix: { range: { endLine: 1, line: 1, column: 1, endColumn: 4 }, text: 't', description: 'd' } },
      { ...base, line: Number.NaN, endColumn: -0 },
      { ...base, message: undefined as unknown as string },
    ];
    const result = { ...rest, findings } as LintResult;
    expect(formatJson(result)).toBe(reference(result));
  });
});
