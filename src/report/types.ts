import type { LintResult } from '../engine/result.js';

export interface FormatOptions {
  /** ANSI colors (stylish only). */
  color?: boolean;
  /** SARIF: emit suppressed findings with `suppressions`. */
  includeSuppressed?: boolean;
}

export type Formatter = (result: LintResult, opts?: FormatOptions) => string;
