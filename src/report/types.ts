export interface FormatOptions {
  /** ANSI colors (stylish only). */
  color?: boolean;
  /** SARIF: emit suppressed findings with `suppressions`. */
  includeSuppressed?: boolean;
}

