import path from 'node:path';
import { lint, type KubewireLintOptions } from '../src/index.js';
import type { LintResult } from '../src/engine/result.js';
import { resolveSettings } from '../src/config/settings.js';
import { runRules } from '../src/engine/run.js';
import { buildGraph } from '../src/graph/build.js';
import type { WiringGraph } from '../src/graph/model.js';
import type { LoadedFile } from '../src/model/resources.js';
import { rules } from '../rules/index.js';

export const repoRoot = path.resolve(__dirname, '..');

/** Lints paths relative to the repository root with the built-in rules and no config file. */
export function lintRepoPaths(paths: string[], opts: Partial<KubewireLintOptions> = {}): Promise<LintResult> {
  return lint({
    paths,
    cwd: repoRoot,
    config: { file: null, dir: repoRoot, rules: {} },
    ...opts,
  });
}

/** The wiring graph of files, drawn from a run of every built-in rule over them (as `kubewire graph` does). */
export function graphOf(files: LoadedFile[], opts: { completeness?: 'auto' | 'complete'; namespace?: string } = {}): WiringGraph {
  const result = runRules({ files, rules, settings: resolveSettings(null, repoRoot, opts), cwd: repoRoot });
  return buildGraph(result);
}
