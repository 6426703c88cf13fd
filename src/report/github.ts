import type { Finding, LintResult } from '../engine/result.js';
import type { Severity } from '../model/types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface GithubFormatOptions {
  /** At most this many annotations per severity (GitHub shows 10 errors and 10 warnings per step); then one notice. */
  maxPerSeverity?: number;
  /** Where the rest can be seen, for that notice. */
  moreAt?: string;
}

/** GitHub Actions workflow commands (`::error file=…,line=…::message`), most severe first. */
export function formatGithub(result: LintResult, opts: GithubFormatOptions = {}): string {
  const ordered = [...result.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const shown: Finding[] = [];
  const count: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let hidden = 0;
  for (const f of ordered) {
    if (opts.maxPerSeverity !== undefined && count[f.severity] >= opts.maxPerSeverity) {
      hidden++;
      continue;
    }
    count[f.severity]++;
    shown.push(f);
  }
  let out = shown.map((f) => annotation(f)).join('');
  if (hidden > 0) {
    out += `::notice title=kubewire::${escapeData(
      `${hidden} more finding${hidden === 1 ? '' : 's'} not shown as annotations (GitHub shows ${opts.maxPerSeverity} per severity)${opts.moreAt ? `; see ${opts.moreAt}` : ''}.`,
    )}\n`;
  }
  return out;
}

export function annotation(f: Finding): string {
  const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `endLine=${f.endLine}`];
  if (f.line === f.endLine) props.push(`col=${f.column}`, `endColumn=${f.endColumn}`);
  props.push(`title=${escapeProperty(f.ruleId)}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
