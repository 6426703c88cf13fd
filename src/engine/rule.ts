import type { ResourceIndex } from '../index/resource-index.js';
import type { LocateTarget } from '../load/positions.js';
import type { LoadedFile } from '../model/resources.js';
import type { Range, Resource, Severity } from '../model/types.js';

export type Category = 'wiring' | 'validity' | 'exposure' | 'deprecation' | 'schema' | 'mesh' | 'gateway' | 'input';

export interface RuleMeta {
  /** kebab-case; equals the rule's folder name. */
  id: string;
  /** One line: SARIF shortDescription. */
  title: string;
  /** A paragraph: SARIF fullDescription. */
  description: string;
  severity: Severity;
  category: Category;
  /** Kinds the rule checks (`check` is called for each), e.g. ['Service']; [] for file-level rules. */
  appliesTo: string[];
  /** Kinds it looks up: reference rules stay silent when the input holds none (completeness principle). */
  references?: string[];
  /** messageId → template with {placeholders}. */
  messages: Record<string, string>;
  /**
   * How to fix what the messages report: the prose a one-line message leaves out. Shown by
   * `kubewire explain` and carried in SARIF rule help.
   */
  remediation?: string;
  options?: { schema: object; defaults: Record<string, unknown> };
  /** For exposure rules: SARIF security-severity, a number 0.1–10.0. */
  securitySeverity?: number;
}

/** What a run knows beyond the resources: the CLI flags and config that shape every rule's judgement. */
export interface Settings {
  /** Namespace of objects without metadata.namespace. */
  namespace: string;
  /** Target Kubernetes version, "1.33". */
  kubernetesVersion: string;
  /** `complete`: reference rules judge even when the input holds none of the referenced kind. */
  completeness: 'auto' | 'complete';
  /** Extra settings for rule families (schema locations, cache folder): read by the rules that own them. */
  [key: string]: unknown;
}

export interface RelatedReport {
  resource: Resource;
  at: string;
  message: string;
}

export interface FixReport {
  /** Pointer of the scalar to replace. */
  at: string;
  /** The new scalar text, as it should appear in the YAML. */
  replace: string;
  description: string;
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  /** RFC 6901 pointer into the resource (relative to the resource, not the document). */
  at: string;
  /** Which part of the field to mark: by default a scalar's value, a collection's key. */
  target?: LocateTarget;
  /** Overrides the rule's default severity for this finding (a partial case of an error rule, say). Config still wins. */
  severity?: Severity;
  related?: RelatedReport[];
  fix?: FixReport;
}

export interface RuleContext<Options = Record<string, unknown>> {
  resource: Resource;
  index: ResourceIndex;
  options: Options;
  settings: Settings;
  /** True when the input holds an object of any of these kinds, or the config declares it complete. */
  isComplete(...kinds: string[]): boolean;
  report(r: Report): void;
}

/** A finding about a file: at an explicit range, or at a pointer into one of its documents. */
export interface FileReport {
  messageId: string;
  data?: Record<string, string | number>;
  range?: Range;
  /** With `at`: the document the pointer is in. */
  docIndex?: number;
  at?: string;
  target?: LocateTarget;
  severity?: Severity;
}

export interface FileRuleContext<Options = Record<string, unknown>> {
  file: LoadedFile;
  options: Options;
  settings: Settings;
  report(r: FileReport): void;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  /** Called for each resource whose kind is in meta.appliesTo. */
  check?(ctx: RuleContext<Options>): void;
  /** Called once per file: for rules about the text and documents rather than objects. */
  checkFile?(ctx: FileRuleContext<Options>): void;
  /**
   * Called once per run, before any check, by the async `lint()` entry point: for rules that need
   * I/O first (downloading schemas). Checks stay synchronous and must cope without it (the fixture
   * harness calls runRules directly).
   */
  prepare?(ctx: PrepareContext): Promise<void>;
  /**
   * Per-document work that may run in the worker thread that parsed the file (large inputs are
   * parsed on every core): `module` exports `analyze(file, options)`, whose result `accept` receives
   * in the main thread before the checks run (typically to fill a cache the checks read). Rules
   * sharing one module share one analysis. Optional: checks must give the same findings without it.
   */
  documentAnalyzer?: DocumentAnalyzer;
}

export interface DocumentAnalyzer {
  /** URL or path of an ES module exporting `analyze(file: LoadedFile, options: unknown): unknown`. */
  module: string;
  options(settings: Settings): unknown;
  accept(settings: Settings, file: LoadedFile, analysis: unknown): void;
}

/** What a rule's `prepare` sees: the loaded input and the run's settings (the same object its checks get). */
export interface PrepareContext {
  files: readonly LoadedFile[];
  settings: Settings;
}

/** Identity helper that keeps a rule's option type while checking its shape. */
export function defineRule<Options = Record<string, unknown>>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

export type AnyRule = Rule<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
