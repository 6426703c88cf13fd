import type { LintResult } from '../engine/result.js';
import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
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

export { formatCompact, formatGithub, formatJson, formatSarif, formatStylish };
export type { FormatOptions };
