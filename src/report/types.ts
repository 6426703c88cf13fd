export interface FormatOptions {
  /** ANSI colors (stylish only). */
  color?: boolean;
  /** SARIF: emit suppressed findings with `suppressions`. */
  includeSuppressed?: boolean;
  /** SARIF: keep at most this many results, the most severe (GitHub code scanning takes SARIF_MAX_RESULTS per run). */
  maxResults?: number;
}

