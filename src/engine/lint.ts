import { loadConfig, type KubewireConfig } from '../config/load-config.js';
import { resolveRenderSettings, resolveSettings } from '../config/settings.js';
import path from 'node:path';
import { displayPath, loadFiles, planInputs } from '../load/load.js';
import { holdsAdmissionPolicy, type InlinePolicy } from '../policy/policies.js';
import { loadPolicyCel } from '../policy/cel.js';
import { loadInputs } from '../load/parallel.js';
import { mapRenderedFindings } from '../render/map.js';
import { renderedStdin, renderInputs, type RenderedFile } from '../render/render.js';
import { SchemaService } from '../schema/check.js';
import type { LoadedFile } from '../model/resources.js';
import type { Severity } from '../model/types.js';
import { rulesBeyond, summarize, type LintResult } from './result.js';
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
  /** false: do not render Helm charts and Kustomize roots with their tools (--no-render); over the config's `render.enabled`. */
  render?: boolean;
  /** CustomResourceDefinition files or URLs (--crd), added to the config's `crds`. */
  crds?: readonly string[];
  /** Files or folders of ValidatingAdmissionPolicies and bindings (--policy, relative to cwd), added to the config's `policies`. */
  policies?: readonly string[];
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
  let rendered: RenderedFile[] = [];
  if (!files) {
    const paths = opts.paths?.length ? opts.paths : ['.'];
    const loadOptions = { cwd, ignorePaths: config.ignorePaths, ignoreBase: config.dir, stdin: opts.stdin, stdinFilename: opts.stdinFilename };
    const plan = planInputs(paths, loadOptions);
    // Charts and Kustomize roots are rendered by their tools (child processes) while the input is parsed.
    const rendering = renderInputs(plan, resolveRenderSettings(config, { enabled: opts.render }), { cwd, namespace: settings.namespace, kubernetesVersion: settings.kubernetesVersion });
    // Large inputs are read and parsed on every core, and validated against the embedded schemas there.
    // The texts of the files are not kept (src/load/texts.ts): read again where a finding is located.
    const textChanged = (f: LoadedFile) => errors.push(`${f.path} changed on disk during the run: its findings are reported at line 1; lint again`);
    const loaded = await loadInputs(paths, { ...loadOptions, textChanged }, schemaOn ? [SchemaService.analyzerTask(settings)] : [], plan);
    files = loaded.files;
    errors = loaded.errors;
    for (const [file, results] of loaded.analyses) schema.accept(file, results[0]);
    const r = await rendering;
    for (const [file, outcome] of r.outcomes) {
      const role = plan.roles.get(file);
      if (role?.kind === 'chart' || role?.kind === 'kustomization') role.render = outcome;
    }
    // The files a build holds the objects of are judged in the build, not as written.
    for (const f of files) {
      const dir = r.consumed.get(f.absPath);
      if (dir !== undefined && f.role === undefined) f.role = { kind: 'rendered', dir };
    }
    rendered = r.rendered;
    files = [...files, ...rendered.map((x) => x.file)];
    if (plan.stdin) {
      const piped = renderedStdin(plan.stdin, cwd);
      if (piped) rendered.push(piped);
    }
  }
  // Policy files (`policies:`, --policy) are objects of the input too, wherever they are.
  const policyInput = loadPolicyFiles(config, opts.policies ?? [], cwd, files);
  files = [...files, ...policyInput.files];
  errors = [...errors, ...policyInput.errors];
  // The CEL module is loaded only for a run with policies (the config's, or one in the input).
  if ((config.policies?.length ?? 0) > 0 || files.some(holdsAdmissionPolicy)) await loadPolicyCel();
  // Remote schemas are downloaded once per run, before any rule runs.
  if (schemaOn) await schema.prepare(files);
  const policies = {
    inline: (config.policies ?? []).filter((p): p is InlinePolicy => typeof p !== 'string'),
    ...(config.policyUser ? { user: { ...config.policyUser, groups: config.policyUser.groups ?? [] } } : {}),
    policyFiles: policyInput.paths,
    ...(config.file && config.text !== undefined ? { configFile: { path: displayPath(cwd, config.file), text: config.text } } : {}),
  };
  const common = { rules: opts.rules, settings, schema, ruleSettings, cwd, keepSuppressed: opts.includeSuppressed, policies };
  // Each chart and each root is one application of its own (overlays go to different clusters): its
  // output is judged alone; the plain files of the input together.
  const own = rendered.filter((r) => r.file.absPath === '');
  const ownFiles = new Set<LoadedFile>(own.map((r) => r.file));
  const base = runRules({ ...common, files: files.filter((f) => !ownFiles.has(f)), errors });
  // A chart's objects without metadata.namespace are in its release namespace.
  // The policies, bindings and params of the plain input apply to every application; their own problems are reported once, there.
  const appPolicies = { ...policies, inline: [], inherited: base.index };
  const apps = own.map((r) => runRules({ ...common, policies: appPolicies, files: [r.file], ...(r.namespace ? { settings: { ...settings, namespace: r.namespace } } : {}) }));
  return mapRenderedFindings(apps.length > 0 ? merge(base, apps) : base, rendered, cwd, opts.includeSuppressed);
}

/** The files of `policies:` and --policy not already in the input: loaded like input files. */
function loadPolicyFiles(config: KubewireConfig, flags: readonly string[], cwd: string, files: readonly LoadedFile[]): { files: LoadedFile[]; errors: string[]; paths: Set<string> } {
  const abs = [
    ...(config.policies ?? []).filter((p): p is string => typeof p === 'string').map((p) => path.resolve(config.dir, p)),
    ...flags.map((p) => path.resolve(cwd, p)),
  ];
  if (abs.length === 0) return { files: [], errors: [], paths: new Set() };
  const loaded = loadFiles(abs, { cwd });
  const have = new Map(files.map((f) => [f.absPath, f]));
  const paths = new Set(loaded.files.map((f) => f.path));
  return { files: loaded.files.filter((f) => !have.has(f.absPath)), errors: loaded.errors, paths };
}

/** One result of several runs: the plain input's (its index) and each rendered application's. */
function merge(base: LintResult, apps: LintResult[]): LintResult {
  const all = [base, ...apps];
  const findings = all.flatMap((r) => r.findings);
  const sum = (k: 'files' | 'documents' | 'resources' | 'suppressed') => all.reduce((n, r) => n + r.summary[k], 0);
  return {
    ...base,
    findings,
    suppressed: all.flatMap((r) => r.suppressed),
    summary: summarize(findings, sum('suppressed'), { files: sum('files'), documents: sum('documents'), resources: sum('resources') }),
    reportedRules: rulesBeyond(all.flatMap((r) => r.reportedRules ?? []), base.rules),
    files: all.flatMap((r) => r.files),
  };
}
