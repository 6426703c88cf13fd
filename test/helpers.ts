import path from 'node:path';
import { lint, type KubewireLintOptions } from '../src/index.js';
import type { LintResult } from '../src/engine/result.js';

export const repoRoot = path.resolve(__dirname, '..');

/** Lints paths relative to the repository root with the built-in rules and no config file. */
export function lintRepoPaths(paths: string[], opts: Partial<KubewireLintOptions> = {}): Promise<LintResult> {
  return lint({
    paths,
    cwd: repoRoot,
    config: { file: null, dir: repoRoot, rules: {}, extra: {} },
    ...opts,
  });
}
