import { loadConfig, type KubewireConfig } from '../config/load-config.js';
import { resolveSettings } from '../config/settings.js';
import { loadInputs } from '../load/parallel.js';
import { SchemaService } from '../schema/check.js';
import type { LoadedFile } from '../model/resources.js';
import type { Severity } from '../model/types.js';
import type { LintResult } from './result.js';
import type { AnyRule } from './rule.js';
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
  schemaLocations?: readonly string[];
  /** Folder for downloaded schemas (default: $XDG_CACHE_HOME/kubewire/schemas). */
  cacheDir?: string;
  /** CustomResourceDefinition files or URLs (--crd), added to the config's `crds`. */
  crds?: readonly string[];
}

/** The schema rules: schema validation (in worker threads too) and remote schemas are only worth it when one of them is on. */
const SCHEMA_RULES = ['schema-invalid', 'schema-unknown-field', 'schema-missing'];

/** The library entry point: read, model, index, run the rules, locate. Throws ConfigError for a bad config. */
export async function lintWith(opts: LintOptions): Promise<LintResult> {
  const cwd = opts.cwd ?? process.cwd();
  const config = opts.config ?? loadConfig({ cwd, file: opts.configFile, rules: opts.rules });
  const settings = resolveSettings(config, cwd, opts);
  const ruleSettings: Record<string, RuleSetting> = { ...config.rules };
  for (const [id, severity] of Object.entries(opts.ruleOverrides ?? {})) {
    ruleSettings[id] = { ...ruleSettings[id], severity };
  }
  const schema = new SchemaService(settings);
  const schemaOn = opts.rules.some((r) => SCHEMA_RULES.includes(r.meta.id) && ruleSettings[r.meta.id]?.severity !== 'off');
  let files = opts.files;
  let errors: string[] = [];
  if (!files) {
    // Large inputs are read and parsed on every core, and validated against the embedded schemas there.
    const loaded = await loadInputs(
      opts.paths?.length ? opts.paths : ['.'],
      { cwd, ignorePaths: config.ignorePaths, ignoreBase: config.dir, stdin: opts.stdin, stdinFilename: opts.stdinFilename },
      schemaOn ? [SchemaService.analyzerTask(settings)] : [],
    );
    files = loaded.files;
    errors = loaded.errors;
    for (const [file, results] of loaded.analyses) schema.accept(file, results[0]);
  }
  // Remote schemas are downloaded once per run, before any rule runs.
  if (schemaOn) await schema.prepare(files);
  return runRules({
    files,
    rules: opts.rules,
    settings,
    schema,
    ruleSettings,
    errors,
    cwd,
    keepSuppressed: opts.includeSuppressed,
  });
}
