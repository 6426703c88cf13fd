/**
 * `kubewire lint --fix`: the rules' fixes (`report({ fix })`, the LSP's quick fixes) applied as scalar
 * replacements in the text that was linted. Only the replaced scalar changes: comments, quoting,
 * indentation and line endings stay byte for byte. Pure functions of a lint result; the CLI writes.
 */
import type { LoadedFile } from '../model/resources.js';
import type { Range } from '../model/types.js';
import type { Finding, LintResult } from './result.js';

export interface FixEdit {
  /** UTF-16 offsets into the file text: [start, end). */
  start: number;
  end: number;
  /** The text written in place of [start, end): the fix's scalar, quoted as the original was. */
  text: string;
  /** Findings this edit fixes (two findings may offer the same edit). */
  findings: Finding[];
}

export interface SkippedFix {
  finding: Finding;
  reason: string;
}

export interface FilePlan {
  file: LoadedFile;
  edits: FixEdit[];
  skipped: SkippedFix[];
  /** The text with the edits applied. */
  output: string;
}

/** Offsets of the start of each line (1-based line n starts at starts[n - 1]). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** [start, end) offsets of a one-line range (1-based line and column, end column exclusive), or null. */
function offsets(starts: number[], text: string, r: Range): { start: number; end: number } | null {
  if (r.line !== r.endLine || r.line < 1 || r.line > starts.length) return null;
  const lineStart = starts[r.line - 1];
  const lineEnd = r.line < starts.length ? starts[r.line] - 1 : text.length;
  const start = lineStart + r.column - 1;
  const end = lineStart + r.endColumn - 1;
  if (start < lineStart || end > lineEnd || end < start) return null;
  return { start, end };
}

/** Plain YAML scalars that need no quotes: names, numbers, dotted hosts. */
const PLAIN_SAFE = /^[A-Za-z0-9_./@-][A-Za-z0-9_./@:-]*$/;

/**
 * The replacement as it should stand where `original` stood: in the same quotes when the original was
 * quoted, plain when the original was plain and the value needs no quotes. Null when the original is
 * not a one-line scalar (a block scalar, a flow collection).
 */
export function requote(original: string, replacement: string): string | null {
  if (replacement.includes('\n') || replacement.includes('\r')) return null;
  if (original.length >= 2 && original.startsWith('"') && original.endsWith('"')) return JSON.stringify(replacement);
  if (original.length >= 2 && original.startsWith("'") && original.endsWith("'")) return `'${replacement.replace(/'/g, "''")}'`;
  if (/^[[{|>&*!%@`"']/.test(original) || original.includes(' #')) return null;
  return PLAIN_SAFE.test(replacement) ? replacement : JSON.stringify(replacement);
}

/** The scalar's value as YAML reads it (for the "already fixed" check). */
function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s;
    }
  }
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/**
 * Plans the fixes of a lint result, per file: one edit per fixed scalar (findings offering the same
 * edit share it), overlapping edits that disagree are all skipped (a conflict), and files that are
 * not plain files on disk (stdin, tool files, files rendered from templates) are left alone.
 */
export function planFixes(result: Pick<LintResult, 'findings' | 'files'>): FilePlan[] {
  const byPath = new Map(result.files.map((f) => [f.path, f]));
  const perFile = new Map<LoadedFile, { edits: FixEdit[]; skipped: SkippedFix[] }>();
  for (const f of result.findings) {
    if (!f.fix) continue;
    const file = byPath.get(f.fix.file ?? f.file);
    if (!file) continue;
    let entry = perFile.get(file);
    if (!entry) perFile.set(file, (entry = { edits: [], skipped: [] }));
    if (file.absPath === '') {
      entry.skipped.push({ finding: f, reason: 'stdin is not written' });
      continue;
    }
    if (file.role !== undefined) {
      entry.skipped.push({ finding: f, reason: `a ${file.role.kind} file is not edited` });
      continue;
    }
    const starts = lineStarts(file.text);
    const at = offsets(starts, file.text, f.fix.range);
    if (!at) {
      entry.skipped.push({ finding: f, reason: 'the fix is not a one-line scalar edit' });
      continue;
    }
    const original = file.text.slice(at.start, at.end);
    // An empty range inserts the text as given (a new document); a scalar keeps its quoting.
    const text = at.start === at.end ? f.fix.text : requote(original, f.fix.text);
    if (text === null) {
      entry.skipped.push({ finding: f, reason: `"${original}" is not a plain or quoted scalar` });
      continue;
    }
    if (at.start !== at.end && unquote(original) === f.fix.text) continue; // already the fixed value
    const same = entry.edits.find((e) => e.start === at.start && e.end === at.end && e.text === text);
    if (same) same.findings.push(f);
    else entry.edits.push({ ...at, text, findings: [f] });
  }
  const plans: FilePlan[] = [];
  for (const [file, { edits, skipped }] of perFile) {
    edits.sort((a, b) => a.start - b.start || a.end - b.end || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    // Overlapping edits that disagree: neither is applied.
    const conflicting = new Set<FixEdit>();
    for (let i = 0; i < edits.length; i++) {
      for (let j = i + 1; j < edits.length && edits[j].start < edits[i].end; j++) {
        conflicting.add(edits[i]);
        conflicting.add(edits[j]);
      }
    }
    for (const e of conflicting) for (const finding of e.findings) skipped.push({ finding, reason: 'it conflicts with another fix of the same text' });
    const kept = edits.filter((e) => !conflicting.has(e));
    plans.push({ file, edits: kept, skipped, output: applyEdits(file.text, kept) });
  }
  return plans.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
}

/** Applies non-overlapping edits (sorted by start). */
export function applyEdits(text: string, edits: readonly FixEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * A unified diff of a fixed file. Scalar edits keep the line count, so old and new lines pair one to
 * one; a new document is appended at the end, a pure insertion. Hunks carry 3 lines of context and merge when they touch.
 */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  // Lines without the empty string after a final newline.
  const lines = (t: string) => (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
  const a = lines(before);
  const b = lines(after);
  if (b.length < a.length) throw new Error('unifiedDiff: fixes never remove lines');
  // Blocks of change: [a0, a1) replaced by [b0, b1); edits pair lines one to one, an appended document is a pure insertion at the end.
  const blocks: { a0: number; a1: number; b0: number; b1: number }[] = [];
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) blocks.push({ a0: k, a1: k + 1, b0: k, b1: k + 1 });
  if (b.length > a.length) blocks.push({ a0: a.length, a1: a.length, b0: a.length, b1: b.length });
  const CONTEXT = 3;
  // git's a/ and b/ prefixes for relative paths; an absolute path (given on the command line) as it is.
  let out = path.startsWith('/') ? `--- ${path}\n+++ ${path}\n` : `--- a/${path}\n+++ b/${path}\n`;
  let i = 0;
  while (i < blocks.length) {
    let j = i;
    while (j + 1 < blocks.length && blocks[j + 1].a0 - blocks[j].a1 <= 2 * CONTEXT) j++;
    const from = Math.max(0, blocks[i].a0 - CONTEXT);
    const toA = Math.min(a.length, blocks[j].a1 + CONTEXT);
    const shift = blocks[j].b1 - blocks[j].a1; // only the tail block changes the line count
    const toB = Math.min(b.length, toA + shift);
    out += `@@ -${from + 1},${toA - from} +${from + 1},${toB - from} @@\n`;
    let k = from;
    for (const blk of blocks.slice(i, j + 1)) {
      for (; k < blk.a0; k++) out += ` ${a[k]}\n`;
      for (let x = blk.a0; x < blk.a1; x++) out += `-${a[x]}\n`;
      for (let x = blk.b0; x < blk.b1; x++) out += `+${b[x]}\n`;
      k = blk.a1;
    }
    for (; k < toA; k++) out += ` ${a[k]}\n`;
    i = j + 1;
  }
  return out;
}

/** Findings an applied plan fixed. */
export function fixedFindings(plans: readonly FilePlan[]): Set<Finding> {
  return new Set(plans.flatMap((p) => p.edits.flatMap((e) => e.findings)));
}
