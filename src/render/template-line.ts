import type { Range } from '../model/types.js';

/**
 * Where in a Helm template a field of the rendered object is written: the line of the template that
 * writes the pointer's last key, found by walking the pointer's keys in order, each deeper than the
 * one before (`spec:` then `ports:` then `targetPort:`), within the template's part for the kind
 * (a template may hold several documents). Array indexes are skipped: the template writes the item
 * once in a `range`. When the last key is not written in the template (an `include`, a `toYaml`), the
 * template's first line. The scan is linear in the template's length.
 */
export function templateLine(text: string, kind: string, tokens: readonly string[]): Range {
  const lines = text.split('\n');
  const [from, to] = segmentOf(lines, kind);
  const keys = tokens.filter((t) => !/^\d+$/.test(t));
  let at = from;
  let indent = -1;
  let found: { line: number; column: number } | null = null;
  let foundLast = false;
  keys.forEach((key, k) => {
    const re = new RegExp(`^(\\s*(?:-\\s+)*)(["']?)${escape(key)}\\2\\s*:(\\s|$)`);
    for (let i = at; i < to; i++) {
      const m = re.exec(lines[i]);
      if (!m || m[1].length <= indent) continue;
      found = { line: i, column: m[1].length };
      indent = m[1].length;
      at = i + 1;
      if (k === keys.length - 1) foundLast = true;
      return;
    }
  });
  if (keys.length === 0) {
    const kindLine = lines.findIndex((l, i) => i >= from && i < to && /^kind\s*:/.test(l));
    if (kindLine >= 0) return lineRange(lines, kindLine, 0);
  }
  const hit = found as { line: number; column: number } | null;
  if (foundLast && hit) return lineRange(lines, hit.line, hit.column);
  return lineRange(lines, 0, 0);
}

/** The lines of the template's document for `kind` (`---`-separated), or the whole template. */
function segmentOf(lines: readonly string[], kind: string): [number, number] {
  const kindRe = new RegExp(`^kind\\s*:\\s*["']?${escape(kind)}["']?\\s*(#.*)?$`);
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || /^---/.test(lines[i])) {
      for (let j = start; j < i; j++) if (kindRe.test(lines[j])) return [start, i];
      start = i + 1;
    }
  }
  return [0, lines.length];
}

function lineRange(lines: readonly string[], line: number, column: number): Range {
  const text = lines[line] ?? '';
  const end = text.trimEnd().length;
  return { line: line + 1, column: column + 1, endLine: line + 1, endColumn: Math.max(end, column + 1) + 1 };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
