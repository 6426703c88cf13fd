import { pathToFileURL } from 'node:url';
import type { Finding, LintResult } from '../engine/result.js';
import { REPOSITORY_URL, ruleDocsUrl } from '../engine/package-info.js';
import { TOOL } from '../engine/tool.js';
import { jsonChunks, lazyList } from './chunks.js';
import type { RuleMeta } from '../engine/rule.js';
import type { Range, Severity } from '../model/types.js';
import { ruleHelpMarkdown, ruleHelpText } from './rule-help.js';
import type { FormatOptions } from './types.js';

const SARIF_LEVEL = (s: Severity): 'error' | 'warning' | 'note' => (s === 'info' ? 'note' : s);

const MAX_TEXT = 1024;
/** GitHub code scanning limits: results per run, gzipped upload size (checked on the raw size, a safe over-estimate). */
export const SARIF_MAX_RESULTS = 25000;

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: one run; in rules[] every rule that ran and every
 * rule a result names (internal-error, a rule missing from `result.rules`), with full descriptors and
 * help markdown; URIs relative to %SRCROOT%, full regions, related locations and a stable
 * `kubewire/v1` fingerprint. A pure function of the result: it reads no files and no environment.
 */
export function formatSarif(result: LintResult, opts: FormatOptions = {}): string {
  return [...formatSarifChunks(result, opts)].join('');
}

/** formatSarif in pieces, each result made as it is written (the CLI streams them). */
export function* formatSarifChunks(result: LintResult, opts: FormatOptions = {}): Generator<string> {
  const { name, version } = TOOL;
  const findings = opts.includeSuppressed ? [...result.findings, ...result.suppressed] : result.findings;
  const rules = descriptorRules(result, findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
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
            rules: rules.map(descriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(result.cwd.endsWith('/') ? result.cwd : result.cwd + '/').href } },
        results: lazyList(findings, (f) => toResult(f, ruleIndex.get(f.ruleId)!)),
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

function descriptor(rule: RuleMeta | { id: string }): object {
  if (!('title' in rule)) return { id: rule.id, name: pascal(rule.id) };
  const meta = rule;
  const tags = ['kubernetes', meta.category, ...(meta.securitySeverity !== undefined ? ['security'] : [])];
  const properties: Record<string, unknown> = {
    tags,
    precision: meta.category === 'schema' || meta.category === 'input' ? 'very-high' : 'high',
  };
  if (meta.securitySeverity !== undefined) properties['security-severity'] = meta.securitySeverity.toFixed(1);
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

function toResult(f: Finding, index: number): object {
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex: index,
    level: SARIF_LEVEL(f.severity),
    message: { text: f.message },
    locations: [physical(f.file, f)],
    partialFingerprints: { 'kubewire/v1': f.fingerprint },
  };
  if (f.resource) {
    (out.locations as Record<string, unknown>[])[0].logicalLocations = [
      {
        name: f.resource.name,
        fullyQualifiedName: `${f.resource.namespace ? f.resource.namespace + '/' : ''}${f.resource.kind}/${f.resource.name}`,
        kind: 'object',
      },
    ];
  }
  if (f.related.length > 0) {
    out.relatedLocations = f.related.map((r, i) => ({ id: i + 1, ...physical(r.file, r), message: { text: r.message } }));
  }
  if (f.fix) {
    out.fixes = [
      {
        description: { text: f.fix.description },
        artifactChanges: [
          {
            artifactLocation: artifact(f.fix.file ?? f.file),
            replacements: [{ deletedRegion: region(f.fix.range), insertedContent: { text: f.fix.text } }],
          },
        ],
      },
    ];
  }
  if (f.suppression) {
    out.suppressions = [{ kind: 'inSource', justification: f.suppression.justification }];
  }
  return out;
}

function physical(file: string, r: Range): { physicalLocation: object } {
  return { physicalLocation: { artifactLocation: artifact(file), region: region(r) } };
}

function artifact(file: string): object {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
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
