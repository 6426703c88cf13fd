import { DEFAULT_KUBERNETES_VERSION, DEFAULT_NAMESPACE } from '../config/defaults.js';
import { loadConfig, type KubewireConfig } from '../config/load-config.js';
import { loadFilesParallel } from '../load/parallel.js';
import type { LoadedFile } from '../model/resources.js';
import type { Severity } from '../model/types.js';
import type { LintResult } from './result.js';
import type { AnyRule, Settings } from './rule.js';
import { runRules, type RuleSetting } from './run.js';

export interface LintOptions {
  /** Files, folders, globs; "-" for stdin. Default ["."]. */
  paths?: string[];
  cwd?: string;
  stdin?: string | Buffer;
  stdinFilename?: string;
  /** Files already loaded (the language server's open documents); `paths` are then not read. */
  files?: LoadedFile[];
  /** A config file to use instead of the one found upward from cwd. */
  configFile?: string;
  /** An already loaded config (skips discovery). */
  config?: KubewireConfig;
  namespace?: string;
  kubernetesVersion?: string;
  completeness?: 'auto' | 'complete';
  /** --rule id=level overrides, applied over the config. */
  ruleOverrides?: Record<string, Severity | 'off'>;
  /** The rules to run (default: every built-in rule). */
  rules: readonly AnyRule[];
  includeSuppressed?: boolean;
  /** Schema locations (kubeconform -schema-location convention), tried in order after the embedded schemas; replace the config's. */
  schemaLocations?: string[];
  /** Folder for downloaded schemas (default: $XDG_CACHE_HOME/kubewire/schemas). */
  cacheDir?: string;
}

/** The library entry point: read, model, index, run the rules, locate. Throws ConfigError for a bad config. */
export async function lintWith(opts: LintOptions): Promise<LintResult> {
  const cwd = opts.cwd ?? process.cwd();
  const config = opts.config ?? loadConfig({ cwd, file: opts.configFile, rules: opts.rules });
  const settings: Settings = {
    ...config.extra,
    namespace: opts.namespace ?? config.namespace ?? DEFAULT_NAMESPACE,
    kubernetesVersion: opts.kubernetesVersion ?? config.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    completeness: opts.completeness ?? config.completeness ?? 'auto',
    cwd,
    ...(opts.schemaLocations?.length ? { schemaLocations: opts.schemaLocations } : {}),
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
  };
  const ruleSettings: Record<string, RuleSetting> = { ...config.rules };
  for (const [id, severity] of Object.entries(opts.ruleOverrides ?? {})) {
    ruleSettings[id] = { ...ruleSettings[id], severity };
  }
  let files = opts.files;
  let errors: string[] = [];
  if (!files) {
    // Large inputs are read and parsed on every core; enabled rules' document analyzers run there too.
    const analyzers = [
      ...new Map(
        opts.rules
          .filter((r) => r.documentAnalyzer && ruleSettings[r.meta.id]?.severity !== 'off')
          .map((r) => [r.documentAnalyzer!.module, r.documentAnalyzer!]),
      ).values(),
    ];
    const loaded = await loadFilesParallel(
      opts.paths?.length ? opts.paths : ['.'],
      { cwd, ignorePaths: config.ignorePaths, ignoreBase: config.dir, stdin: opts.stdin, stdinFilename: opts.stdinFilename },
      analyzers.map((a) => ({ module: a.module, options: a.options(settings) })),
    );
    files = loaded.files;
    errors = loaded.errors;
    for (const [file, results] of loaded.analyses) analyzers.forEach((a, i) => a.accept(settings, file, results[i]));
  }
  // Rules that need I/O before checking (remote schemas): once per run, never while rules run.
  for (const rule of opts.rules) {
    if (rule.prepare && ruleSettings[rule.meta.id]?.severity !== 'off') await rule.prepare({ files, settings });
  }
  return runRules({
    files,
    rules: opts.rules,
    settings,
    ruleSettings,
    errors,
    cwd,
    keepSuppressed: opts.includeSuppressed,
  });
}
