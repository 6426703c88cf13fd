import type { LintResult } from '../engine/result.js';
import { TOOL } from '../engine/tool.js';
import { jsonChunks, lazyList } from './chunks.js';

/** The JSON contract of DESIGN.md (`version: 1`): stable keys, findings sorted, byte-identical for identical input. */
export function formatJson(result: LintResult): string {
  return [...formatJsonChunks(result)].join('');
}

/** formatJson in pieces, each finding made as it is written (the CLI streams them). */
export function* formatJsonChunks(result: LintResult): Generator<string> {
  const { name, version } = TOOL;
  const out = {
    version: 1,
    tool: { name, version },
    summary: result.summary,
    findings: lazyList(result.findings, (f) => ({
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
    })),
  };
  yield* jsonChunks(out);
  yield '\n';
}
