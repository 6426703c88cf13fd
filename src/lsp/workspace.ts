import path from 'node:path';
import { ConfigError, findConfigFile, loadConfig, type KubewireConfig } from '../config/load-config.js';
import { resolveSettings } from '../config/settings.js';
import { SchemaService } from '../schema/check.js';
import type { LintResult } from '../engine/result.js';
import type { AnyRule } from '../engine/rule.js';
import { runRules } from '../engine/run.js';
import type { PositionResolver } from '../load/positions.js';
import { discoverFiles, SKIPPED_FOLDERS } from '../load/discover.js';
import { chartOfTemplate } from '../load/inputs.js';
import { displayPath, loadFiles, loadText } from '../load/load.js';
import type { LoadedFile } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import { IncrementalRules } from './incremental.js';

export interface WorkspaceSettings {
  /** Config file, absolute or relative to the workspace root; default: .kubewire.yaml found upward. */
  configPath?: string;
  /** Namespace of objects without metadata.namespace; default: the config's, else "default". */
  namespace?: string;
}

/**
 * The language server's model of a workspace: every manifest on disk, parsed once and kept, with the
 * editor's open documents laid over them. A change re-parses one file and re-runs the rules over the
 * cached files: the index is rebuilt from already parsed values (no I/O, no YAML parsing), checks
 * that consult it run again, and checks that judged a resource alone are replayed for unchanged
 * resources (see IncrementalRules).
 */
export class Workspace {
  /** Files read from disk, by absolute path. */
  private readonly disk = new Map<string, LoadedFile>();
  /** Open documents (the editor's text wins over the disk's), by absolute path. */
  private readonly open = new Map<string, LoadedFile>();
  private config!: KubewireConfig;
  /** The last config problem, shown to the user once per change. */
  configError: string | null = null;
  private brokenConfigFile: string | null = null;
  private readonly incremental: IncrementalRules;
  /** Parsed positions of unchanged files, reused by every run. */
  private readonly positions = new WeakMap<LoadedFile, PositionResolver>();
  /** Resources of unchanged files (their parsed values are the cache keys of IncrementalRules). */
  private resources = new WeakMap<LoadedFile, { namespace: string; resources: Resource[] }>();

  constructor(
    readonly root: string,
    private readonly rules: readonly AnyRule[],
    private settings: WorkspaceSettings = {},
  ) {
    this.incremental = new IncrementalRules(rules);
    this.reloadConfig();
  }

  /** Reads the config again (settings or the config file changed). */
  reloadConfig(settings: WorkspaceSettings = this.settings): void {
    this.settings = settings;
    // Rule options, severities and the default namespace may have changed: judge everything afresh
    // (new resource objects too: helpers memoize per resource, e.g. schema verdicts per Kubernetes version).
    this.incremental.reset();
    this.resources = new WeakMap();
    try {
      this.config = loadConfig({ cwd: this.root, file: settings.configPath || undefined, rules: this.rules });
      this.configError = null;
      this.brokenConfigFile = null;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.configError = err.message;
      this.config = { file: null, dir: this.root, rules: {} };
      // Still the config file: a change to it (the fix) reloads the config.
      this.brokenConfigFile = settings.configPath ? path.resolve(this.root, settings.configPath) : findConfigFile(this.root);
    }
  }

  /** The config file in use, or the broken one whose error is shown. */
  get configFile(): string | null {
    return this.config.file ?? this.brokenConfigFile;
  }

  /** Reads every manifest of the workspace (the same discovery as `kubewire lint .`). Returns the load errors. */
  scan(): string[] {
    const { files, errors } = loadFiles(['.'], { cwd: this.root, ignorePaths: this.config.ignorePaths, ignoreBase: this.config.dir });
    this.disk.clear();
    for (const f of files) this.disk.set(f.absPath, f);
    return errors;
  }

  /** Whether a path is a manifest the workspace scan would read (not ignored, right extension). */
  isMember(absPath: string): boolean {
    if (this.disk.has(absPath)) return true;
    const rel = path.relative(this.root, absPath);
    if (rel.startsWith('..') || path.isAbsolute(rel) || !/\.(ya?ml|json)$/i.test(absPath)) return false;
    // Never read, as in lint (and the busiest folders during installs and git operations).
    if (rel.split(path.sep).some((segment) => SKIPPED_FOLDERS.includes(segment))) return false;
    // A new file: ask discovery about its folder, so .gitignore and ignorePaths apply exactly as in lint.
    const found = discoverFiles([path.dirname(absPath)], { cwd: this.root, ignorePaths: this.config.ignorePaths, ignoreBase: this.config.dir });
    return found.files.includes(absPath);
  }

  /** A file changed or appeared on disk: read it again (open documents keep the editor's text). */
  diskChanged(absPath: string): void {
    if (!this.isMember(absPath)) return;
    const { files } = loadFiles([absPath], { cwd: this.root });
    const f = files[0];
    // A file read alone keeps what the workspace scan found it to be (a kustomize patch, say).
    const role = this.disk.get(absPath)?.role;
    if (f && role && !f.role) f.role = role;
    if (f) this.disk.set(absPath, f);
    else this.disk.delete(absPath);
  }

  diskDeleted(absPath: string): void {
    this.disk.delete(absPath);
  }

  /** The editor opened or changed a document: parse its text (only this file). */
  setOpen(absPath: string, text: string): LoadedFile {
    const shown = displayPath(this.root, absPath) || absPath;
    const chart = chartOfTemplate(absPath);
    // A chart template is not YAML: as in lint, it is not read (its chart's Chart.yaml carries the note).
    const f: LoadedFile = chart !== null ? { path: shown, absPath, text, documents: [], problems: [], role: { kind: 'chart-template', dir: displayPath(this.root, chart) || chart } } : loadText(text, shown, absPath);
    const role = this.disk.get(absPath)?.role;
    if (role && !f.role) f.role = role;
    this.open.set(absPath, f);
    return f;
  }

  close(absPath: string): void {
    this.open.delete(absPath);
  }

  isOpen(absPath: string): boolean {
    return this.open.has(absPath);
  }

  openPaths(): string[] {
    return [...this.open.keys()];
  }

  /** Disk files with open documents laid over them, in path order (the order `lint` reads them). */
  files(): LoadedFile[] {
    const merged = new Map(this.disk);
    for (const [p, f] of this.open) merged.set(p, f);
    return [...merged.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The last lint's checks: replayed from an unchanged object's earlier reports, or run. */
  get lastRun(): { replayed: number; run: number } {
    return { ...this.incremental.counts };
  }

  /** Runs every rule over the whole workspace (settings as `kubewire lint` builds them from the config). */
  async lint(): Promise<LintResult> {
    const config = this.config;
    const settings = resolveSettings(config, this.root, { namespace: this.settings.namespace });
    const files = this.files();
    // Remote schemas (cached on disk after the first download) are fetched before the rules run, as lint() does.
    const schema = new SchemaService(settings);
    await schema.prepare(files);
    this.incremental.beginRun();
    return runRules({
      files,
      rules: this.incremental.rules,
      settings,
      schema,
      ruleSettings: config.rules,
      cwd: this.root,
      positionCache: this.positions,
      resourceCache: this.resources,
    });
  }
}
