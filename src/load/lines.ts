import type { Range } from '../model/types.js';

/**
 * Offsets → 1-based line and UTF-16 column, from the line starts of the text itself (every `\n`):
 * one source of truth for every position of a file, whichever parser read it. (The `yaml` package's
 * LineCounter misses a line break inside an error token, which shifted every later position.)
 */
export class Lines {
  /** Where each line starts: counted first, then kept in a typed array of that length (no growing, nothing for the GC to trace). */
  private readonly starts: Int32Array;

  constructor(private readonly text: string) {
    let n = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    const starts = new Int32Array(n);
    n = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
    this.starts = starts;
  }

  pos(offset: number): { line: number; col: number } {
    const lo = this.lineIndex(offset);
    return { line: lo + 1, col: offset - this.starts[lo] + 1 };
  }

  /** The line of the last answer of lineIndex. */
  private hint = 0;

  /** The 0-based line of an offset. */
  private lineIndex(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    // Positions are mostly asked in the order of the text (a finding per item of a list): the search
    // starts from the last line found, within the next few lines when the offset is there.
    const hint = this.hint;
    if (starts[hint] <= offset) {
      lo = hint;
      if (hint + 8 <= hi && starts[hint + 8] > offset) hi = hint + 7;
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return lo;
  }

  /**
   * The range of [start, end), at least one character where the text has one, never past its end: a
   * problem at the end of the file is an empty range there.
   */
  range(start: number, end: number): Range {
    const len = this.text.length;
    if (len === 0) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    start = Math.max(0, Math.min(start, len));
    // A line break is one place, `\r\n` as `\n`: a range neither starts nor ends between its two
    // characters (a column past the line's last one; a syntax error can be marked at the break).
    if (start > 0 && start < len && this.text.charCodeAt(start) === 0x0a && this.text.charCodeAt(start - 1) === 0x0d) start--;
    end = Math.min(Math.max(end, start + 1), len);
    if (end < len && this.text.charCodeAt(end) === 0x0a && this.text.charCodeAt(end - 1) === 0x0d) end++;
    const a = this.lineIndex(start);
    // Most ranges end on their first line: no second search.
    const b = a + 1 < this.starts.length && this.starts[a + 1] <= end ? this.lineIndex(end) : a;
    return { line: a + 1, column: start - this.starts[a] + 1, endLine: b + 1, endColumn: end - this.starts[b] + 1 };
  }
}
