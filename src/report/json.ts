import type { Finding, LintResult } from '../engine/result.js';
import type { Range } from '../model/types.js';
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
    findings: lazyList(result.findings, jsonFinding),
  };
  yield* jsonChunks(out);
  yield '\n';
}

/**
 * A finding as the report writes it. Every item has the same keys in the same order (`fix` is
 * undefined when absent, which JSON leaves out): JSON.stringify writes objects of one shape much
 * faster than objects made with spreads and optional keys (a report may hold 100,000 of them).
 */
function jsonFinding(f: Finding): JsonFinding {
  return {
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
    related: f.related.length === 0 ? NONE : f.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })),
    fix: f.fix ? jsonFix(f.fix, f.file) : undefined,
  };
}

/** The related list of a finding that relates nothing (written `[]`; never added to). */
const NONE: JsonFinding['related'] = [];

/**
 * A fix as the report writes it: the file it edits when that is not the finding's (the Service
 * `kubectl expose` would create, appended to its workload's file), its range's fields, then text
 * and description.
 */
function jsonFix(fix: NonNullable<Finding['fix']>, findingFile: string): JsonFinding['fix'] {
  const r = fix.range;
  return {
    file: fix.file !== undefined && fix.file !== findingFile ? fix.file : undefined,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    text: fix.text,
    description: fix.description,
  };
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource: Finding['resource'];
  path: string | null;
  related: { file: string; line: number; column: number; message: string }[];
  fix: ({ file: string | undefined } & Range & { text: string; description: string }) | undefined;
}
