import type { LintResult } from '../engine/result.js';
import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson, formatJsonChunks } from './json.js';
import { formatSarif, formatSarifChunks } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { FormatOptions } from './types.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'compact'] as const;
export type FormatName = (typeof FORMATS)[number];

export function format(name: FormatName, result: LintResult, opts: FormatOptions = {}): string {
  switch (name) {
    case 'stylish':
      return formatStylish(result, opts);
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, opts);
    case 'github':
      return formatGithub(result);
    case 'compact':
      return formatCompact(result);
  }
}

/** The report in pieces: JSON and SARIF are made finding by finding (a large report is never one string); the others are one piece. */
export function formatChunks(name: FormatName, result: LintResult, opts: FormatOptions = {}): Iterable<string> {
  if (name === 'json') return formatJsonChunks(result);
  if (name === 'sarif') return formatSarifChunks(result, opts);
  return [format(name, result, opts)];
}

export { formatCompact, formatGithub, formatJson, formatSarif, formatStylish };
export type { FormatOptions };
