import type { Finding, LintResult } from '../engine/result.js';
import type { Severity } from '../model/types.js';

/** The workflow command of each severity. */
export type AnnotationLevel = 'error' | 'warning' | 'notice';
const COMMAND: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', info: 'notice' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The runner keeps at most this many annotations of each level (error, warning, notice) per step and
 * drops the rest silently.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface GithubFormatOptions {
  /**
   * Annotations still free per level in this step (default ANNOTATIONS_PER_LEVEL each): the caller
   * subtracts those it emits itself. The overflow notice counts against the notices.
   */
  limits?: Partial<Record<AnnotationLevel, number>>;
  /** Where the findings left out can be seen, for the overflow notice. */
  moreAt?: string;
  /**
   * Findings of the run deliberately not annotated (outside what a pull request changed): counted in
   * the overflow notice, with `elsewhere.where` saying why.
   */
  elsewhere?: { count: number; where: string };
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), most severe first, each on its
 * own line, within the runner's per-level caps: the findings that do not fit are counted in one last
 * notice, which itself fits (it takes the place of the last info when the notices are full).
 */
export function formatGithub(result: LintResult, opts: GithubFormatOptions = {}): string {
  const limit = (level: AnnotationLevel) => Math.max(0, opts.limits?.[level] ?? ANNOTATIONS_PER_LEVEL);
  const ordered = [...result.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const shown: Finding[] = [];
  const count: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  let hidden = 0;
  for (const f of ordered) {
    const level = COMMAND[f.severity];
    if (count[level] >= limit(level)) hidden++;
    else {
      count[level]++;
      shown.push(f);
    }
  }
  const elsewhere = opts.elsewhere?.count ?? 0;
  if ((hidden > 0 || elsewhere > 0) && count.notice >= limit('notice')) {
    // Make room for the overflow notice: it says more than the last info would.
    let last = shown.length - 1;
    while (last >= 0 && COMMAND[shown[last].severity] !== 'notice') last--;
    if (last >= 0) {
      shown.splice(last, 1);
      count.notice--;
      hidden++;
    }
  }
  let out = shown.map((f) => annotation(f)).join('');
  const parts: string[] = [];
  if (hidden > 0) {
    parts.push(
      `${plural(hidden, 'more finding')} not shown as annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level and step)${opts.moreAt ? `; see ${opts.moreAt}` : ''}.`,
    );
  }
  if (elsewhere > 0 && opts.elsewhere) parts.push(`${plural(elsewhere, 'finding')} ${opts.elsewhere.where}, not annotated.`);
  if (parts.length > 0 && count.notice < limit('notice')) out += `::notice title=kubewire::${escapeData(parts.join(' '))}\n`;
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function annotation(f: Finding): string {
  const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `endLine=${f.endLine}`];
  if (f.line === f.endLine) props.push(`col=${f.column}`, `endColumn=${f.endColumn}`);
  props.push(`title=${escapeProperty(f.ruleId)}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
}

/** The toolkit's escaping of a command's message (`%`, CR, LF). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The toolkit's escaping of a property value: the message's, plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
