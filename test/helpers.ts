import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp.js';
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

/** Writes the files into a new temp folder and runs the built CLI there as a user would: `kubewire lint . -f <format>`. */
export function lintFolder(files: Record<string, string>, format: 'json' | 'compact'): { status: number | null; stdout: string; stderr: string } {
  const dir = tempDir('kubewire-folder-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const bin = path.join(repoRoot, 'bin/kubewire.js');
  const r = spawnSync(process.execPath, [bin, 'lint', '.', '-f', format], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', KUBEWIRE_TOOLS_PATH: process.env.KUBEWIRE_TOOLS_PATH ?? '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
