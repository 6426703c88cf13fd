import type { ResourceIndex } from '../index/resource-index.js';
import type { LocateTarget } from '../load/positions.js';
import type { GroupKind } from '../model/group-kinds.js';
import type { LoadedFile } from '../model/resources.js';
import type { Range, Resource, Severity } from '../model/types.js';
import type { SchemaOutcome } from '../schema/check.js';

/** `policy`: a team's own ValidatingAdmissionPolicy or repository policy (`policy/<name>`, src/policy/). */
export type Category = 'wiring' | 'validity' | 'exposure' | 'deprecation' | 'schema' | 'mesh' | 'gateway' | 'input' | 'policy';

export interface RuleMeta {
  /** kebab-case; equals the rule's folder name. */
  id: string;
  /** One line: SARIF shortDescription. */
  title: string;
  /** A paragraph: SARIF fullDescription. */
  description: string;
  severity: Severity;
  category: Category;
  /**
   * The group/kinds the rule checks (`check` is called for each object of them), e.g. [SERVICE] from
   * src/model/group-kinds.ts; '*' for every object; [] for file-level rules.
   */
  appliesTo: readonly GroupKind[] | '*';
  /**
   * The group/kinds it looks up. A report that something is missing names one of them in `missing`,
   * and the engine keeps it only when the input is complete for it (see `Reference`).
   */
  references?: readonly GroupKind[];
  /** messageId → template with {placeholders}. */
  messages: Record<string, string>;
  /**
   * How to fix what the messages report: the prose a one-line message leaves out. Shown by
   * `kubewire explain` and carried in SARIF rule help.
   */
  remediation?: string;
  options?: { schema: object; defaults: Record<string, unknown> };
  /**
   * Rules whose finding at a sibling field of the same object makes this rule's finding moot: this
   * rule judges a detail of a reference (a subset, a port) that those rules find leads nowhere
   * (precedence rule 3 in src/engine/precedence.ts).
   */
  qualifies?: readonly string[];
  /** For exposure rules: SARIF security-severity, a number 0.1–10.0. */
  securitySeverity?: number;
  /**
   * The rule's docs (markdown): `kubewire explain`, SARIF help. The registry fills it from the rule's
   * README at build time (rules/help.ts); rule authors leave it out, library rules may set it.
   */
  help?: string;
}

/**
 * What a run knows beyond the resources: the CLI flags and config that shape every judgement,
 * resolved once by `resolveSettings` (src/config/settings.ts) for the CLI, Action, LSP and graph alike.
 */
export interface Settings {
  /** Namespace of objects without metadata.namespace. */
  readonly namespace: string;
  /** Target Kubernetes version, "1.33". */
  readonly kubernetesVersion: string;
  /** `complete`: a reference to a missing object is judged even where the input holds no object of its kind. */
  readonly completeness: 'auto' | 'complete';
  /** Folder that relative schema locations and the cache folder are resolved against. */
  readonly cwd: string;
  /** Extra JSON schema locations (kubeconform's -schema-location), tried after the embedded schemas. */
  readonly schemaLocations: readonly string[];
  /** Folder for downloaded schemas (absolute). */
  readonly cacheDir: string;
  /** The Gateway API release channel whose embedded CRDs validate Gateway API objects. */
  readonly gatewayApiChannel: 'standard' | 'experimental';
  /** CustomResourceDefinition files (absolute) or http(s) URLs whose custom resources are validated (`crds:`, --crd). */
  readonly crds: readonly string[];
}

/**
 * What a report of a missing object looked for: an object of `kinds`, named `name` (or selected, without
 * a name) in `namespace` (null for cluster-scoped kinds). The engine keeps the report only when the
 * input is complete for it (src/engine/completeness.ts), so every reference rule agrees on partial input.
 */
export interface Reference {
  /**
   * The kind looked for, first; then any kinds whose objects in `namespace` show that the input manages
   * it (a missing ReferenceGrant is judged where the input holds the Services it would grant access to).
   */
  kinds: readonly GroupKind[];
  namespace: string | null;
  name?: string;
  /**
   * A TLS certificate Secret: judged where the input holds certificate sources in the namespace
   * (kubernetes.io/tls Secrets, cert-manager Certificates…: tlsSecretSourcesIn), not merely Secrets.
   */
  tls?: true;
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

/**
 * A fix that adds a whole document (a Service `kubectl expose` would create): appended at the end of
 * the file of `nextTo`, after a `---` separator. The engine turns it into an insertion.
 */
export interface NewDocumentFix {
  /** The object whose file gets the new document (the workload the Service is for). */
  nextTo: Resource;
  /** The YAML of the new document, without the `---` separator, ending with a newline. */
  document: string;
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
  fix?: FixReport | NewDocumentFix;
  /** For a report that an object does not exist: what was looked for (kinds from meta.references). */
  missing?: Reference;
}

export interface RuleContext<Options = Record<string, unknown>> {
  resource: Resource;
  index: ResourceIndex;
  options: Options;
  settings: Settings;
  /** The schema verdict on this resource (an engine service: computed once per object, shared by the schema rules). */
  schema: () => SchemaOutcome;
  /**
   * A closure, not a method: rules may pass `ctx.report` on to helpers. Called while `check` runs,
   * never after: the rules of one resource share one context (runRules sets `options` per rule).
   */
  report: (r: Report) => void;
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
  report: (r: FileReport) => void;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  /** Called for each resource whose kind is in meta.appliesTo. */
  check?(ctx: RuleContext<Options>): void;
  /** Called once per file: for rules about the text and documents rather than objects. */
  checkFile?(ctx: FileRuleContext<Options>): void;
}

/** Identity helper that keeps a rule's option type while checking its shape. */
export function defineRule<Options = Record<string, unknown>>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

export type AnyRule = Rule<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
