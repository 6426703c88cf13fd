import type { Finding, LintResult } from '../engine/result.js';
import { ruleDocsUrl } from '../engine/package-info.js';
import { brokenEdges, type WiringGraph } from '../graph/model.js';
import { renderMermaid } from '../graph/render.js';

/** GitHub refuses Mermaid diagrams larger than this (Mermaid's maxTextSize)… */
const MERMAID_MAX_CHARS = 50_000;
/** …or with more edges than this (Mermaid's maxEdges). */
const MERMAID_MAX_EDGES = 500;
/** Rows of the findings table; the job summary as a whole must stay under 1 MiB. */
export const MAX_TABLE_ROWS = 500;

interface SummaryOptions {
  /** `https://github.com/owner/repo/blob/<sha>/` for file links; without it, links are relative. */
  blobBase?: string;
  graph: WiringGraph;
  failOn: 'error' | 'warning' | 'never';
  failed: boolean;
}

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fileLink(f: Finding, blobBase: string | undefined): string {
  const target = `${f.file.split('/').map(encodeURIComponent).join('/')}#L${f.line}`;
  return `[${cell(f.file)}:${f.line}](${blobBase ?? ''}${target})`;
}

/** Markdown for $GITHUB_STEP_SUMMARY: counts, the findings, and the wiring graph with broken wires marked. */
export function jobSummary(result: LintResult, opts: SummaryOptions): string {
  const { errors, warnings, infos, suppressed, files, resources } = result.summary;
  const out: string[] = [];
  out.push('## kubewire', '');
  const verdict = opts.failed ? `failed (fail-on: ${opts.failOn})` : 'passed';
  out.push(
    `**${plural(errors, 'error')}**, **${plural(warnings, 'warning')}**, ${plural(infos, 'info')}` +
      `${suppressed ? `, ${suppressed} suppressed` : ''} in ${plural(files, 'file')} (${plural(resources, 'resource')}): ${verdict}.`,
    '',
  );
  for (const e of result.errors) out.push(`> [!WARNING]`, `> ${cell(e)}`, '');
  if (result.findings.length > 0) {
    out.push('| | Rule | Location | Message |', '|---|---|---|---|');
    for (const f of result.findings.slice(0, MAX_TABLE_ROWS)) {
      out.push(`| ${ICON[f.severity]} ${f.severity} | [\`${f.ruleId}\`](${ruleDocsUrl(f.ruleId)}) | ${fileLink(f, opts.blobBase)} | ${cell(f.message)} |`);
    }
    const more = result.findings.length - MAX_TABLE_ROWS;
    if (more > 0) out.push('', `…and ${plural(more, 'more finding')}: see the step log or the SARIF report.`);
    out.push('');
  }
  out.push(...graphSection(opts.graph));
  return `${out.join('\n')}\n`;
}

function graphSection(g: WiringGraph): string[] {
  if (g.nodes.length === 0) return [];
  const out = ['### Wiring graph', ''];
  const broken = brokenEdges(g);
  const mermaid = renderMermaid(g);
  if (mermaid.length <= MERMAID_MAX_CHARS && g.edges.length <= MERMAID_MAX_EDGES) {
    out.push('```mermaid', mermaid.trimEnd(), '```', '');
  } else {
    out.push(`The graph (${plural(g.nodes.length, 'node')}, ${plural(g.edges.length, 'edge')}) is too large for GitHub to draw; run \`kubewire graph\` locally.`, '');
  }
  if (broken.length > 0) {
    const names = new Map(g.nodes.map((n) => [n.id, `${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name}`]));
    out.push(`**${plural(broken.length, 'broken wire')}** (✗ in the graph):`, '');
    for (const e of broken) out.push(`- ${cell(names.get(e.from)!)} → ${cell(names.get(e.to)!)}: ${cell(e.broken!)}`);
    out.push('');
  }
  return out;
}
