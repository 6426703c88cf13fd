import type { ResourceIndex } from '../index/resource-index.js';
import type { LoadedFile } from '../model/resources.js';
import type { Range, ResourceRef, Severity } from '../model/types.js';
import type { RuleMeta } from './rule.js';

export interface RelatedLocation extends Range {
  file: string;
  message: string;
}

export interface Fix {
  /** The file the edit applies to, when it is not the finding's (a new document next to a workload). */
  file?: string;
  /** The text replaced; an empty range (end = start) is an insertion. */
  range: Range;
  text: string;
  description: string;
}

export interface Finding extends Range {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  /** The `data` the rule reported with (the message placeholders); absent when it gave none. */
  data?: Record<string, string | number>;
  /** Relative to the working directory, `/` separators. */
  file: string;
  resource: ResourceRef | null;
  /** RFC 6901 pointer into the resource; null for findings about the text. */
  path: string | null;
  related: RelatedLocation[];
  fix?: Fix;
  /** Stable across line moves: rule + resource + pointer (+ message for text findings). */
  fingerprint: string;
  /** Present on suppressed findings. */
  suppression?: { kind: 'annotation' | 'comment'; justification: string };
}

export interface LintSummary {
  files: number;
  documents: number;
  resources: number;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
}

export interface LintResult {
  findings: Finding[];
  suppressed: Finding[];
  summary: LintSummary;
  /** Every rule that ran (for SARIF rules[] and `kubewire rules`). */
  rules: RuleMeta[];
  /**
   * Rules that reported findings (or suppressed findings) without being in `rules`: internal-error
   * when it is disabled or absent from the rule set. With `rules`, every finding's rule has a meta.
   */
  reportedRules?: RuleMeta[];
  /** The files read, with their text: formatters need absolute paths, the language server the texts. */
  files: LoadedFile[];
  /** One-line input errors (missing paths, unreadable files): exit code 2. */
  errors: string[];
  /** Working directory the relative paths are relative to. */
  cwd: string;
  /** The index the rules saw (every resource of the input): the wiring graph is drawn from it and the findings. */
  index: ResourceIndex;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.ruleId, b.ruleId) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function summarize(findings: Finding[], suppressed: number, base: Pick<LintSummary, 'files' | 'documents' | 'resources'>): LintSummary {
  const s: LintSummary = { ...base, errors: 0, warnings: 0, infos: 0, suppressed };
  // An index loop: an array's for-of makes an object per step until its function is optimized, and
  // this one runs once per run, over every finding.
  for (let i = 0; i < findings.length; i++) {
    const severity = findings[i].severity;
    if (severity === 'error') s.errors++;
    else if (severity === 'warning') s.warnings++;
    else s.infos++;
  }
  return s;
}

/** The metas among `reported` whose id is not in `ran`, once each, by id: LintResult.reportedRules. */
export function rulesBeyond(reported: Iterable<RuleMeta>, ran: readonly RuleMeta[]): RuleMeta[] {
  const seen = new Set(ran.map((m) => m.id));
  const out: RuleMeta[] = [];
  for (const meta of reported) {
    if (seen.has(meta.id)) continue;
    seen.add(meta.id);
    out.push(meta);
  }
  return out.sort((a, b) => cmp(a.id, b.id));
}
