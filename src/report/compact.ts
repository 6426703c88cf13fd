import type { LintResult } from '../engine/result.js';

/** `path:line:col: severity message [ruleId]`, one finding a line: for grep, editors and problem matchers. */
export function formatCompact(result: LintResult): string {
  return result.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${oneLine(f.message)} [${f.ruleId}]\n`).join('');
}

function oneLine(s: string): string {
  return s.replace(/\r?\n/g, ' ');
}
