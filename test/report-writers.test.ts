// The JSON and SARIF writers make each finding as one object of a fixed shape (absent keys
// undefined) and hash fingerprints in one piece: their text must be exactly what the plain
// construction gives (optional keys added as needed, parts joined), JSON.stringify(…, null, 2) of
// it. The references below are that construction, written out as it was before the writers were
// made faster.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding, LintResult } from '../src/engine/result.js';
import { TOOL } from '../src/engine/tool.js';
import { formatJson, formatSarif } from '../src/report/index.js';
import { FINGERPRINT, fingerprints } from '../src/report/sarif.js';
import { ResourceIndex } from '../src/index/resource-index.js';

const range = (line: number, column = 1) => ({ line, column, endLine: line, endColumn: column + 4 });

/** Findings with and without every optional part, escapes and unicode in every string. */
function findings(): Finding[] {
  const base = {
    ruleId: 'service-port-name-invalid',
    messageId: 'invalid',
    severity: 'error' as const,
    message: 'Service web port 80 name "Port_1" is not a DNS label',
    file: 'manifests/svc.yaml',
    ...range(3, 7),
    resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
    path: '/spec/ports/0/name',
    related: [],
    fingerprint: 'x',
  };
  return [
    base,
    { ...base, ...range(4), path: '/spec/ports/1/name', data: { name: 'web', port: 80 } },
    // The same identity twice (fingerprints tell them apart by message, then by order).
    { ...base, ...range(5), message: 'another message' },
    { ...base, ...range(6) },
    { ...base, ...range(7) },
    // A fix, in the finding's file and in another file.
    { ...base, ...range(8), fix: { range: range(8, 9), text: 'port-1', description: 'Rename to port-1' } },
    { ...base, ...range(9), fix: { file: 'other dir/ünï.yaml', range: range(20, 1), text: '---\nkind: X\n', description: 'Add "X"\ttab' } },
    // Related locations, messages with brackets, backslashes, quotes, control characters and unicode.
    {
      ...base,
      ...range(10),
      ruleId: 'ingress-backend-missing',
      severity: 'warning',
      message: 'Ingress [a] \\[b] "q" \u0001 \u2028 ✓ 𝄞 \ud800 end',
      related: [
        { file: 'a.yaml', ...range(1), message: 'Service [web] here' },
        { file: 'b c/d%e#f?.yaml', ...range(2), message: 'plain' },
      ],
    },
    { ...base, ...range(11), related: [{ file: 'a.yaml', ...range(1), message: 'ends with a stop.' }], message: 'Stops here.' },
    // No resource (a finding about the text), a resource without namespace, a group/version.
    { ...base, ...range(12), ruleId: 'yaml-syntax', severity: 'info', resource: null, path: null, message: 'bad [yaml]' },
    { ...base, ...range(13), resource: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', namespace: null, name: 'nginx' } },
    // Suppressed.
    { ...base, ...range(14), suppression: { kind: 'comment', justification: 'known "issue"' } },
  ];
}

function result(list: Finding[]): LintResult {
  return {
    findings: list,
    suppressed: [],
    summary: { files: 3, documents: 4, resources: 5, errors: 1, warnings: 2, infos: 3, suppressed: 0 },
    rules: [],
    files: [],
    errors: [],
    cwd: '/work/repo',
    index: new ResourceIndex([]),
  };
}

/** The JSON report as it was written before: optional keys spread in. */
function referenceJson(r: LintResult): string {
  const { name, version } = TOOL;
  const out = {
    version: 1,
    tool: { name, version },
    summary: r.summary,
    findings: r.findings.map((f) => ({
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
      related: f.related.map((x) => ({ file: x.file, line: x.line, column: x.column, message: x.message })),
      // A fix names its file when it edits another one than the finding's.
      ...(f.fix
        ? { fix: { ...(f.fix.file !== undefined && f.fix.file !== f.file ? { file: f.fix.file } : {}), ...f.fix.range, text: f.fix.text, description: f.fix.description } }
        : {}),
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

function referenceHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** Fingerprints as they were computed before: the parts joined, one Hash object per call. */
function referenceFingerprints(list: readonly Finding[]): string[] {
  const base = list.map((f) => {
    const r = f.resource;
    const identity = r
      ? [r.apiVersion.includes('/') ? r.apiVersion.slice(0, r.apiVersion.indexOf('/')) : '', r.kind, r.namespace ?? '', r.name, f.path ?? '', f.messageId]
      : ['', f.messageId, f.message];
    return referenceHash(f.ruleId, f.file, ...identity);
  });
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  const withMessage = base.map((b, i) => (count.get(b)! > 1 ? referenceHash(b, list[i].message) : b));
  const count2 = new Map<string, number>();
  for (const b of withMessage) count2.set(b, (count2.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  return withMessage.map((b) => {
    if (count2.get(b)! === 1) return b;
    const n = (seen.get(b) ?? 0) + 1;
    seen.set(b, n);
    return n === 1 ? b : referenceHash(b, String(n));
  });
}

const escapeText = (s: string) => s.replace(/\\(?=[[\]])/g, '\\\\').replace(/[[\]]/g, (c) => `\\${c}`);
const artifact = (file: string) => ({ uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' });
const region = (r: Finding) => ({ startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn });

/** One SARIF result as it was made before: keys added as needed. */
function referenceResult(f: Finding, ruleIndex: number, fingerprint: string): Record<string, unknown> {
  const text = escapeText(f.message);
  const message =
    f.related.length === 0
      ? text
      : `${text}${/[.!?]$/.test(f.message) ? '' : '.'} Related: ${f.related.map((r, i) => `[${escapeText(r.message)}](${i + 1})`).join('; ')}.`;
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.severity === 'info' ? 'note' : f.severity,
    message: { text: message },
    locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: region(f) } }],
    partialFingerprints: { [FINGERPRINT]: fingerprint },
  };
  if (f.resource) {
    (out.locations as Record<string, unknown>[])[0].logicalLocations = [
      { name: f.resource.name, fullyQualifiedName: `${f.resource.namespace ? f.resource.namespace + '/' : ''}${f.resource.kind}/${f.resource.name}`, kind: 'object' },
    ];
  }
  if (f.related.length > 0) {
    out.relatedLocations = f.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: { artifactLocation: artifact(r.file), region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn } },
      message: { text: escapeText(r.message) },
    }));
  }
  if (f.fix) {
    const fr = f.fix.range;
    out.fixes = [
      {
        description: { text: f.fix.description },
        artifactChanges: [
          {
            artifactLocation: artifact(f.fix.file ?? f.file),
            replacements: [{ deletedRegion: { startLine: fr.line, startColumn: fr.column, endLine: fr.endLine, endColumn: fr.endColumn }, insertedContent: { text: f.fix.text } }],
          },
        ],
      },
    ];
  }
  if (f.suppression) out.suppressions = [{ kind: 'inSource', justification: f.suppression.justification }];
  return out;
}

describe('report writers', () => {
  it('write JSON exactly as JSON.stringify(…, null, 2) of the plain construction', () => {
    const list = findings();
    expect(formatJson(result(list))).toBe(referenceJson(result(list)));
    expect(formatJson(result([]))).toBe(referenceJson(result([])));
    // More findings than one batch of the streamed writer.
    const many = Array.from({ length: 1200 }, (_, i) => ({ ...list[i % list.length], ...range(i + 1) }));
    expect(formatJson(result(many))).toBe(referenceJson(result(many)));
  });

  it('fingerprint as the parts joined and hashed one by one', () => {
    const list = findings();
    const prints = fingerprints(list);
    expect(prints).toEqual(referenceFingerprints(list));
    expect(new Set(prints).size).toBe(list.length);
  });

  it('write SARIF results exactly as the plain construction', () => {
    const list = findings();
    const sarif = JSON.parse(formatSarif(result(list))) as { runs: { results: unknown[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const run = sarif.runs[0];
    const ruleIndex = new Map(run.tool.driver.rules.map((r, i) => [r.id, i]));
    const prints = referenceFingerprints(list);
    const expected = list.map((f, i) => referenceResult(f, ruleIndex.get(f.ruleId)!, prints[i]));
    // The results' text, indented as the report nests them (log → runs → run → results).
    const resultsOf = (text: string): string => {
      const start = text.indexOf('"results": [');
      return text.slice(start, text.indexOf('\n      ]', start) + 8);
    };
    const actual = resultsOf(formatSarif(result(list)));
    expect(actual.length).toBeGreaterThan(1000);
    expect(actual).toBe(resultsOf(JSON.stringify({ runs: [{ results: expected }] }, null, 2)));
    expect(run.results).toEqual(expected);
  });
});
