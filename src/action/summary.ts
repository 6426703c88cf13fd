import type { Finding, LintResult } from '../engine/result.js';
import { ruleDocsUrl } from '../engine/package-info.js';
import { brokenEdges, type WiringGraph } from '../graph/model.js';
import { renderMermaid } from '../graph/render.js';
import type { Severity } from '../model/types.js';

/** GitHub refuses Mermaid diagrams larger than this (Mermaid's maxTextSize)… */
const MERMAID_MAX_CHARS = 50_000;
/** …or with more edges than this (Mermaid's maxEdges). */
const MERMAID_MAX_EDGES = 500;
/** GitHub refuses a step summary over 1 MiB; the parts below are capped to stay well under it. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;
/** Rows of a findings table… */
export const MAX_TABLE_ROWS = 500;
/** …and its size: two tables (a pull request's findings and the rest) fit with room for the graph. */
const MAX_TABLE_BYTES = 300 * 1024;
/** Broken wires listed under the graph. */
export const MAX_BROKEN_LISTED = 100;
/** Input errors (unreadable files, missing paths) listed. */
const MAX_ERRORS_LISTED = 20;
/** Characters of a message or input error in a cell (messages are ≤ 160 with typical data; names can be long). */
const MAX_CELL_CHARS = 400;

export interface PullRequestScope {
  /** Whether the pull request touched a finding (its file or lines, or those of a related location). */
  touched: (f: Finding) => boolean;
  /** What "touched" means, for the text: `changed files` or `changed lines`. */
  what: string;
  /** The pull request number, when the event names it. */
  number: number | null;
  /** With `pull-request-fail-on`: whether a finding counts for `fail-on`. */
  failing?: (f: Finding) => boolean;
}

export interface SummaryOptions {
  /** `https://github.com/owner/repo/blob/<sha>/` for file links; without it, links are relative. */
  blobBase?: string;
  graph: WiringGraph;
  failOn: 'error' | 'warning' | 'never';
  /** `fail-on` counts only the findings the pull request touched. */
  failOnScope?: string;
  failed: boolean;
  /** On a pull request: its findings come first and are annotated, the others are counted and listed after. */
  pullRequest?: PullRequestScope;
  /** Further warnings for the reader (the SARIF report over GitHub's limits, a pull request whose changes could not be read). */
  notes?: string[];
}

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function cell(s: string): string {
  const one = s.replace(/\r?\n/g, ' ');
  const clipped = one.length > MAX_CELL_CHARS ? `${one.slice(0, MAX_CELL_CHARS - 1)}…` : one;
  return clipped.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fileLink(f: Finding, blobBase: string | undefined): string {
  const target = `${f.file.split('/').map(encodeURIComponent).join('/')}#L${f.line}`;
  return `[${cell(f.file)}:${f.line}](${blobBase ?? ''}${target})`;
}

/** Most severe first; the file order of the result within a severity. */
function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

function counts(findings: readonly Finding[]): string {
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  return `${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.info, 'info')}`;
}

/**
 * Markdown for $GITHUB_STEP_SUMMARY: counts, the findings most severe first, and the wiring graph with
 * broken wires marked. Under 1 MiB whatever the input: the tables, the broken-wire list and the input
 * errors are capped (saying what was left out) and a graph GitHub could not draw is left out.
 */
export function jobSummary(result: LintResult, opts: SummaryOptions): string {
  const { errors, warnings, infos, suppressed, files, resources } = result.summary;
  const out: string[] = [];
  out.push('## kubewire', '');
  const verdict = opts.failed ? `failed (fail-on: ${opts.failOn}${opts.failOnScope ? `, ${opts.failOnScope}` : ''})` : 'passed';
  out.push(
    `**${plural(errors, 'error')}**, **${plural(warnings, 'warning')}**, ${plural(infos, 'info')}` +
      `${suppressed ? `, ${suppressed} suppressed` : ''} in ${plural(files, 'file')} (${plural(resources, 'resource')}): ${verdict}.`,
    '',
  );
  for (const e of result.errors.slice(0, MAX_ERRORS_LISTED)) out.push(`> [!WARNING]`, `> ${cell(e)}`, '');
  if (result.errors.length > MAX_ERRORS_LISTED) out.push(`…and ${plural(result.errors.length - MAX_ERRORS_LISTED, 'more input error')}: see the step log.`, '');
  for (const n of opts.notes ?? []) out.push(`> [!WARNING]`, `> ${cell(n)}`, '');

  const pr = opts.pullRequest;
  if (pr) {
    const mine = result.findings.filter((f) => pr.touched(f));
    const others = result.findings.filter((f) => !pr.touched(f));
    const which = pr.number === null ? 'this pull request' : `pull request #${pr.number}`;
    out.push(
      `**${plural(mine.length, 'finding')}** touch the ${pr.what} of ${which} (${counts(mine)}): annotated. ` +
        `${plural(others.length, 'finding')} elsewhere (${counts(others)}): not annotated${pr.failing && !others.some(pr.failing) ? ' and not failing the step' : ''}.`,
      '',
    );
    if (mine.length > 0) out.push(`### In ${which}`, '', ...table(mine, opts.blobBase));
    if (others.length > 0) out.push(`### Elsewhere`, '', ...table(others, opts.blobBase));
  } else if (result.findings.length > 0) {
    out.push(...table(result.findings, opts.blobBase));
  }
  out.push(...graphSection(opts.graph));
  return fit(`${out.join('\n')}\n`);
}

/** A findings table, most severe first, within MAX_TABLE_ROWS rows and MAX_TABLE_BYTES; says what it left out. */
function table(findings: readonly Finding[], blobBase: string | undefined): string[] {
  const out = ['| | Rule | Location | Message |', '|---|---|---|---|'];
  let bytes = 0;
  const sorted = bySeverity(findings);
  let shown = 0;
  for (const f of sorted) {
    if (shown >= MAX_TABLE_ROWS) break;
    const row = `| ${ICON[f.severity]} ${f.severity} | [\`${f.ruleId}\`](${ruleDocsUrl(f.ruleId)}) | ${fileLink(f, blobBase)} | ${cell(f.message)} |`;
    bytes += Buffer.byteLength(row) + 1;
    if (bytes > MAX_TABLE_BYTES) break;
    out.push(row);
    shown++;
  }
  const rest = sorted.slice(shown);
  if (rest.length > 0) out.push('', `…and ${plural(rest.length, 'more finding')} not listed (${counts(rest)}): see the step log or the SARIF report.`);
  out.push('');
  return out;
}

function graphSection(g: WiringGraph): string[] {
  if (g.nodes.length === 0) return [];
  const out = ['### Wiring graph', ''];
  const broken = brokenEdges(g);
  const mermaid = g.edges.length <= MERMAID_MAX_EDGES ? renderMermaid(g) : null;
  if (mermaid !== null && mermaid.length <= MERMAID_MAX_CHARS) {
    out.push('```mermaid', mermaid.trimEnd(), '```', '');
  } else {
    out.push(`The graph (${plural(g.nodes.length, 'node')}, ${plural(g.edges.length, 'edge')}) is too large for GitHub to draw; run \`kubewire graph\` locally.`, '');
  }
  if (broken.length > 0) {
    const names = new Map(g.nodes.map((n) => [n.id, `${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name}`]));
    out.push(`**${plural(broken.length, 'broken wire')}** (✗ in the graph):`, '');
    for (const e of broken.slice(0, MAX_BROKEN_LISTED)) out.push(`- ${cell(names.get(e.from)!)} → ${cell(names.get(e.to)!)}: ${cell(e.broken!)}`);
    if (broken.length > MAX_BROKEN_LISTED) out.push(`- …and ${plural(broken.length - MAX_BROKEN_LISTED, 'more broken wire')}: run \`kubewire graph\` locally.`);
    out.push('');
  }
  return out;
}

/**
 * The caps above keep the summary far below 1 MiB; this is the guarantee. Cuts at a line break,
 * never inside a table row or a multi-byte character, and says so.
 */
function fit(md: string): string {
  if (Buffer.byteLength(md) <= MAX_SUMMARY_BYTES) return md;
  const note = '\n\n…the summary was cut here to stay under GitHub’s 1 MiB limit: see the step log or the SARIF report.\n';
  const bytes = Buffer.from(md);
  let end = MAX_SUMMARY_BYTES - Buffer.byteLength(note);
  while (end > 0 && bytes[end] !== 0x0a) end--;
  return bytes.subarray(0, end).toString('utf8') + note;
}
