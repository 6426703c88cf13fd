import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Finding, LintResult } from '../engine/result.js';
import { REPOSITORY_URL, ruleDocsUrl } from '../engine/package-info.js';
import { TOOL } from '../engine/tool.js';
import { jsonChunks, lazyList } from './chunks.js';
import { cached } from '../model/cache.js';
import { sha256Hex } from '../engine/sha256.js';
import type { RuleMeta } from '../engine/rule.js';
import type { Range, Severity } from '../model/types.js';
import { ruleHelpMarkdown, ruleHelpText } from './rule-help.js';
import type { FormatOptions } from './types.js';

const SARIF_LEVEL = (s: Severity): 'error' | 'warning' | 'note' => (s === 'info' ? 'note' : s);

const MAX_TEXT = 1024;
/** GitHub code scanning limits: results per run, gzipped upload size (checked on the raw size, a safe over-estimate). */
export const SARIF_MAX_RESULTS = 25000;
export const SARIF_MAX_GZIP_BYTES = 10 * 1024 * 1024;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The `max` most severe findings (all of them when they fit), in their original order. */
export function mostSevere<T extends { severity: Severity }>(findings: readonly T[], max: number): T[] {
  if (findings.length <= max) return [...findings];
  const keep = new Set(
    findings
      .map((f, i) => ({ f, i }))
      .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
      .slice(0, max)
      .map((x) => x.i),
  );
  return findings.filter((_, i) => keep.has(i));
}

/**
 * What a SARIF report of `results` results (`report` its text) would lose on upload to GitHub code
 * scanning: one sentence per limit it exceeds (the CLI prints them on stderr, the Action as warnings
 * in the log and the job summary). `kept`: the results the report holds when it was cut to the most
 * severe SARIF_MAX_RESULTS.
 */
export function sarifLimitWarnings(results: number, report: string | { chars: number; gzipped: number }, kept = results): string[] {
  const out: string[] = [];
  if (results > SARIF_MAX_RESULTS) {
    out.push(
      kept < results
        ? `${results} SARIF results; GitHub code scanning accepts at most ${SARIF_MAX_RESULTS} per run (and shows the top 5,000): the report keeps the ${kept} most severe`
        : `${results} SARIF results; GitHub code scanning accepts at most ${SARIF_MAX_RESULTS} per run (and shows the top 5,000)`,
    );
  }
  // The report itself, or its size as measured while it was streamed (characters, gzipped bytes).
  const chars = typeof report === 'string' ? report.length : report.chars;
  if (chars > SARIF_MAX_GZIP_BYTES) {
    const gz = typeof report === 'string' ? gzipSync(report).length : report.gzipped;
    if (gz > SARIF_MAX_GZIP_BYTES) out.push(`the SARIF report is ${(gz / 1024 / 1024).toFixed(1)} MB gzipped; GitHub code scanning accepts at most 10 MB`);
  }
  return out;
}

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: one run; in rules[] every rule that ran and every
 * rule a result names (internal-error, a rule missing from `result.rules`), with full descriptors and
 * help markdown (links absolute, at the release tag); URIs relative to %SRCROOT%, full regions,
 * related locations referenced from the message (`[text](id)`, which GitHub shows), and a
 * `kubewire/v2` fingerprint distinct for every result (see fingerprints). A pure function of the
 * result: it reads no files and no environment.
 */
export function formatSarif(result: LintResult, opts: FormatOptions = {}): string {
  return [...formatSarifChunks(result, opts)].join('');
}

/** formatSarif in pieces, each result made as it is written (the CLI streams them). */
export function* formatSarifChunks(result: LintResult, opts: FormatOptions = {}): Generator<string> {
  const { name, version } = TOOL;
  const all = opts.includeSuppressed ? [...result.findings, ...result.suppressed] : result.findings;
  const findings = opts.maxResults === undefined ? all : mostSevere(all, opts.maxResults);
  const rules = descriptorRules(result, findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const prints = fingerprints(findings);
  const levels = levelsByRule(findings);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name,
            semanticVersion: version,
            version,
            informationUri: REPOSITORY_URL,
            rules: rules.map((r) => descriptor(r, levels.get(r.id))),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(result.cwd.endsWith('/') ? result.cwd : result.cwd + '/').href } },
        // Each result made as it is written (streamed), with its fingerprint.
        // 512 results a piece, as before LAZY_BATCH fell to 128: the CLI's warning of the report's
        // gzipped size compresses it in blocks cut at the ends of pieces, and so stays as it was.
        results: lazyList(findings.map((_, i) => i), (i) => toResult(findings[i], ruleIndex.get(findings[i].ruleId)!, prints[i]), 512),
      },
    ],
  };
  yield* jsonChunks(log);
  yield '\n';
}

/**
 * The rules of the run, sorted by id: those that ran, plus the rule of every emitted result that is not
 * among them, from `result.reportedRules` (internal-error) — or, for a rule the result has no meta for
 * (a hand-built LintResult), its bare id. No result is ever dropped for want of a descriptor.
 */
function descriptorRules(result: LintResult, findings: readonly Finding[]): (RuleMeta | { id: string })[] {
  const byId = new Map<string, RuleMeta | { id: string }>(result.rules.map((m) => [m.id, m]));
  const reported = new Map((result.reportedRules ?? []).map((m) => [m.id, m]));
  for (const f of findings) {
    if (!byId.has(f.ruleId)) byId.set(f.ruleId, reported.get(f.ruleId) ?? { id: f.ruleId });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The severities of each rule's emitted results. */
function levelsByRule(findings: readonly Finding[]): Map<string, Set<Severity>> {
  const m = new Map<string, Set<Severity>>();
  for (const f of findings) {
    let s = m.get(f.ruleId);
    if (!s) m.set(f.ruleId, (s = new Set()));
    s.add(f.severity);
  }
  return m;
}

/**
 * Whether a rule is reported as a security rule (`security-severity`, the `security` tag): GitHub
 * makes every alert of such a rule a security alert, so only a rule with a security severity whose
 * results are all errors or warnings is one (by its default severity when it has none). An info —
 * `network-policy-missing`, a rule lowered by the config, a partial case — is not a security alert.
 */
function isSecurityRule(meta: RuleMeta, levels: Set<Severity> | undefined): boolean {
  if (meta.securitySeverity === undefined) return false;
  if (levels === undefined || levels.size === 0) return meta.severity !== 'info';
  return !levels.has('info');
}

function descriptor(rule: RuleMeta | { id: string }, levels: Set<Severity> | undefined): object {
  if (!('title' in rule)) return { id: rule.id, name: pascal(rule.id) };
  const meta = rule;
  const security = isSecurityRule(meta, levels);
  const tags = ['kubernetes', meta.category, ...(security ? ['security'] : [])];
  const properties: Record<string, unknown> = {
    tags,
    precision: meta.category === 'schema' || meta.category === 'input' ? 'very-high' : 'high',
  };
  if (security) properties['security-severity'] = meta.securitySeverity!.toFixed(1);
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: clip(meta.title) },
    fullDescription: { text: clip(meta.description) },
    help: { text: ruleHelpText(meta), markdown: ruleHelpMarkdown(meta) },
    helpUri: ruleDocsUrl(meta.id),
    defaultConfiguration: { level: SARIF_LEVEL(meta.severity) },
    properties,
  };
}

/**
 * A result as the report writes it. Every result has the same keys in the same order (absent ones
 * undefined, which JSON leaves out): JSON.stringify writes objects of one shape much faster than
 * objects whose keys are added as needed (a report may hold 100,000 of them).
 */
function toResult(f: Finding, index: number, fingerprint: string): object {
  const r = f.resource;
  return {
    ruleId: f.ruleId,
    ruleIndex: index,
    level: SARIF_LEVEL(f.severity),
    message: { text: messageText(f) },
    locations: [
      {
        physicalLocation: physicalLocation(f.file, f),
        logicalLocations: r
          ? [{ name: r.name, fullyQualifiedName: `${r.namespace ? r.namespace + '/' : ''}${r.kind}/${r.name}`, kind: 'object' }]
          : undefined,
      },
    ],
    partialFingerprints: { [FINGERPRINT]: fingerprint },
    relatedLocations:
      f.related.length > 0
        ? f.related.map((rl, i) => ({ id: i + 1, physicalLocation: physicalLocation(rl.file, rl), message: { text: escapeText(rl.message) } }))
        : undefined,
    fixes: f.fix
      ? [
          {
            description: { text: f.fix.description },
            artifactChanges: [
              {
                artifactLocation: artifact(f.fix.file ?? f.file),
                replacements: [{ deletedRegion: region(f.fix.range), insertedContent: { text: f.fix.text } }],
              },
            ],
          },
        ]
      : undefined,
    suppressions: f.suppression ? [{ kind: 'inSource', justification: f.suppression.justification }] : undefined,
  };
}

function physicalLocation(file: string, r: Range): object {
  return { artifactLocation: artifact(file), region: region(r) };
}

/** The artifact location of each file, made once (every result of a file has the same). */
const artifacts = new Map<string, { uri: string; uriBaseId: string }>();

function artifact(file: string): object {
  return cached(artifacts, file, 10_000, () => ({ uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' }));
}

function region(r: Range): object {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

function clip(s: string): string {
  return s.length <= MAX_TEXT ? s : s.slice(0, MAX_TEXT - 1) + '…';
}

/** SARIF message text (§3.11.6): a literal `[` or `]` (and a `\` before one) is escaped with `\`, so that only embedded links are links. */
function escapeText(s: string): string {
  if (!s.includes('[') && !s.includes(']')) return s;
  return s.replace(/\\(?=[[\]])/g, '\\\\').replace(/[[\]]/g, (c) => `\\${c}`);
}

/**
 * The message, then each related location as an embedded link `[its message](id)`: GitHub shows
 * related locations only where the message references them.
 */
function messageText(f: Finding): string {
  const text = escapeText(f.message);
  if (f.related.length === 0) return text;
  const links = f.related.map((r, i) => `[${escapeText(r.message)}](${i + 1})`);
  return `${text}${/[.!?]$/.test(f.message) ? '' : '.'} Related: ${links.join('; ')}.`;
}

/** The partialFingerprints key; v2: file and object identity included, distinct within a run. */
export const FINGERPRINT = 'kubewire/v2';

function hash(text: string): string {
  return sha256Hex(text).slice(0, 32);
}

/** Each part as Array.prototype.join writes it (null and undefined as nothing). */
function part(v: string | null | undefined): string {
  return v ?? '';
}

/**
 * One fingerprint per result, distinct within the run (code scanning matches alerts across runs by
 * them, and merges results that share one). It names what the result is about, not where it is, so
 * it survives line moves: the rule, the file, the object (group, kind, namespace, name; not the API
 * version, which a migration changes) and the field (pointer), and the message id — for a finding
 * about the text (no object), the message. Results that still share one (the same field reported
 * with different data) are told apart by their message, then by their order in the file.
 */
export function fingerprints(findings: readonly Finding[]): string[] {
  const base = findings.map((f) => {
    const r = f.resource;
    const head = `${part(f.ruleId)}\u0000${part(f.file)}\u0000`;
    if (!r) return hash(`${head}\u0000${part(f.messageId)}\u0000${part(f.message)}`);
    const group = r.apiVersion.includes('/') ? r.apiVersion.slice(0, r.apiVersion.indexOf('/')) : '';
    return hash(`${head}${group}\u0000${part(r.kind)}\u0000${part(r.namespace)}\u0000${part(r.name)}\u0000${part(f.path)}\u0000${part(f.messageId)}`);
  });
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  const withMessage = base.map((b, i) => (count.get(b)! > 1 ? hash(`${b}\u0000${part(findings[i].message)}`) : b));
  const count2 = new Map<string, number>();
  for (const b of withMessage) count2.set(b, (count2.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  return withMessage.map((b) => {
    if (count2.get(b)! === 1) return b;
    const n = (seen.get(b) ?? 0) + 1;
    seen.set(b, n);
    return n === 1 ? b : hash(`${b}\u0000${n}`);
  });
}
