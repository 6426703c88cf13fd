import type { Finding, LintResult } from '../engine/result.js';
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
    }), findingText),
  };
  yield* jsonChunks(out);
  yield '\n';
}

const q = JSON.stringify;

/** Whether a value is written by JSON as `String(n)`. */
function num(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Whether an object's own enumerable keys are exactly `keys`, in that order (as JSON.stringify would list them). */
function hasKeys(o: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k) || k !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}

const REF_KEYS = ['apiVersion', 'kind', 'namespace', 'name'] as const;
const RANGE_KEYS = ['line', 'column', 'endLine', 'endColumn'] as const;

/**
 * A finding of the JSON report written directly: exactly what JSON.stringify(…, null, 2) makes of
 * the object above, indented to `pad`; undefined for a finding of any other shape (a value JSON
 * would omit or write otherwise), which is then made and stringified.
 */
function findingText(f: Finding, pad: string): string | undefined {
  if (typeof f.ruleId !== 'string' || typeof f.severity !== 'string' || typeof f.message !== 'string' || typeof f.file !== 'string') return undefined;
  if (!num(f.line) || !num(f.column) || !num(f.endLine) || !num(f.endColumn)) return undefined;
  if (f.path !== null && typeof f.path !== 'string') return undefined;
  const p = `\n${pad}  `;
  const p2 = `\n${pad}    `;
  let out = `{${p}"ruleId": ${q(f.ruleId)},${p}"severity": ${q(f.severity)},${p}"message": ${q(f.message)},${p}"file": ${q(f.file)},${p}"line": ${f.line},${p}"column": ${f.column},${p}"endLine": ${f.endLine},${p}"endColumn": ${f.endColumn},${p}"resource": `;
  const r = f.resource;
  if (r === null) out += 'null';
  else {
    if (typeof r !== 'object' || !hasKeys(r, REF_KEYS) || typeof r.apiVersion !== 'string' || typeof r.kind !== 'string' || typeof r.name !== 'string') return undefined;
    if (r.namespace !== null && typeof r.namespace !== 'string') return undefined;
    out += `{${p2}"apiVersion": ${q(r.apiVersion)},${p2}"kind": ${q(r.kind)},${p2}"namespace": ${r.namespace === null ? 'null' : q(r.namespace)},${p2}"name": ${q(r.name)}${p}}`;
  }
  out += `,${p}"path": ${f.path === null ? 'null' : q(f.path)},${p}"related": `;
  if (f.related.length === 0) out += '[]';
  else {
    const p3 = `\n${pad}      `;
    out += '[';
    for (let i = 0; i < f.related.length; i++) {
      const x = f.related[i];
      if (typeof x.file !== 'string' || !num(x.line) || !num(x.column) || typeof x.message !== 'string') return undefined;
      out += `${i === 0 ? '' : ','}${p2}{${p3}"file": ${q(x.file)},${p3}"line": ${x.line},${p3}"column": ${x.column},${p3}"message": ${q(x.message)}${p2}}`;
    }
    out += `${p}]`;
  }
  if (f.fix) {
    const x = f.fix;
    const g = x.range;
    if (typeof g !== 'object' || g === null || !hasKeys(g, RANGE_KEYS) || !num(g.line) || !num(g.column) || !num(g.endLine) || !num(g.endColumn)) return undefined;
    if (typeof x.text !== 'string' || (x.description !== undefined && typeof x.description !== 'string')) return undefined;
    out += `,${p}"fix": {${p2}"line": ${g.line},${p2}"column": ${g.column},${p2}"endLine": ${g.endLine},${p2}"endColumn": ${g.endColumn},${p2}"text": ${q(x.text)}`;
    if (x.description !== undefined) out += `,${p2}"description": ${q(x.description)}`;
    out += `${p}}`;
  }
  return `${out}\n${pad}}`;
}
