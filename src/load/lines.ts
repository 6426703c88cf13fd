import type { Range } from '../model/types.js';

/**
 * Offsets → 1-based line and UTF-16 column, from the line starts of the text itself (every `\n`):
 * one source of truth for every position of a file, whichever parser read it. (The `yaml` package's
 * LineCounter misses a line break inside an error token, which shifted every later position.)
 */
export class Lines {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  pos(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo] + 1 };
  }

  /**
   * The range of [start, end), at least one character where the text has one, never past its end: a
   * problem at the end of the file is an empty range there.
   */
  range(start: number, end: number): Range {
    const len = this.text.length;
    if (len === 0) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    start = Math.max(0, Math.min(start, len));
    end = Math.min(Math.max(end, start + 1), len);
    const a = this.pos(start);
    const b = this.pos(end);
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }
}
