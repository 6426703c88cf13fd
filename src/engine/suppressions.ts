import { isObject } from '../model/resources.js';
import type { Resource } from '../model/types.js';

const IGNORE_ANNOTATION = 'kubewire.io/ignore';
const IGNORE_REASON_ANNOTATION = 'kubewire.io/ignore-reason';

interface CommentDirective {
  /** null: every rule. */
  rules: Set<string> | null;
  reason: string;
}

const DIRECTIVE = /#\s*kubewire-disable-(next-line|line)\b([^\n]*)/g;

/**
 * `# kubewire-disable-next-line rule-a, rule-b -- reason` and `# kubewire-disable-line rule-a`,
 * found by a text scan of the file: no parse needed.
 */
export class CommentSuppressions {
  private readonly byLine = new Map<number, CommentDirective[]>();

  constructor(text: string) {
    if (!text.includes('kubewire-disable')) return;
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    for (const m of text.matchAll(DIRECTIVE)) {
      const line = lineOf(lineStarts, m.index);
      const [idsPart, ...reasonParts] = m[2].split(/\s--\s?/);
      const ids = idsPart.split(/[\s,]+/).filter(Boolean);
      const directive: CommentDirective = {
        rules: ids.length ? new Set(ids) : null,
        reason: reasonParts.join(' -- ').trim(),
      };
      const target = m[1] === 'next-line' ? line + 1 : line;
      const list = this.byLine.get(target);
      if (list) list.push(directive);
      else this.byLine.set(target, [directive]);
    }
  }

  /** The justification when a finding of `ruleId` starting on `line` is suppressed, else null. */
  match(ruleId: string, line: number): string | null {
    for (const d of this.byLine.get(line) ?? []) {
      if (d.rules === null || d.rules.has(ruleId)) return d.reason || 'suppressed by comment';
    }
    return null;
  }
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The `kubewire.io/ignore` annotation: a comma-separated list of rule ids, or `*` for all. */
export function annotationSuppression(resource: Resource, ruleId: string): string | null {
  const meta = resource.value.metadata;
  const annotations = isObject(meta) && isObject(meta.annotations) ? meta.annotations : null;
  const value = annotations?.[IGNORE_ANNOTATION];
  if (typeof value !== 'string') return null;
  const ids = value.split(',').map((s) => s.trim());
  if (!ids.includes(ruleId) && !ids.includes('*')) return null;
  const reason = annotations?.[IGNORE_REASON_ANNOTATION];
  return typeof reason === 'string' && reason ? reason : `${IGNORE_ANNOTATION} annotation`;
}
