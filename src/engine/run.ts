import { patchesOf } from '../index/patches.js';
import { push, ResourceIndex } from '../index/resource-index.js';
import { PositionResolver, type LocateTarget } from '../load/positions.js';
import { groupKindKey, WORKLOADS } from '../model/group-kinds.js';
import { parsePointer } from '../model/pointer.js';
import { resourcesOf, type LoadedFile } from '../model/resources.js';
import { SchemaService } from '../schema/check.js';
import { checkDeclared, Completeness } from './completeness.js';
import type { Range, Resource, ResourceRef, Severity } from '../model/types.js';
import { compareFindings, rulesBeyond, summarize, type Finding, type Fix, type LintResult, type RelatedLocation } from './result.js';
import type { AnyRule, FileReport, NewDocumentFix, Report, RuleContext, RuleMeta, Settings } from './rule.js';
import { judgesTemplatedValue } from './placeholders.js';
import { applyPrecedence } from './precedence.js';
import { annotationSuppression, CommentSuppressions } from './suppressions.js';
import { policyRules, type InlineProblem, type PolicyOptions } from '../policy/policies.js';
import { celPort } from '../policy/cel.js';
import { sha256Hex } from './sha256.js';

/** Related locations kept per finding. */
const MAX_RELATED = 10;

export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}

export interface RunOptions {
  files: LoadedFile[];
  rules: readonly AnyRule[];
  settings: Settings;
  /** Per-rule severity and options from config and --rule flags. */
  ruleSettings?: Record<string, RuleSetting>;
  /** One-line input errors gathered while loading. */
  errors?: string[];
  cwd: string;
  /** Keep suppressed findings (for SARIF --include-suppressed); they are always counted. */
  keepSuppressed?: boolean;
  /** Position resolvers kept across runs, by file object: the language server re-lints unchanged files. */
  positionCache?: WeakMap<LoadedFile, PositionResolver>;
  /** The run's schema service (remote schemas prepared, worker-thread verdicts accepted); made from settings when absent. */
  schema?: SchemaService;
  /** Resources of unchanged files kept across runs (by file object, for the namespace they were made with). */
  resourceCache?: WeakMap<LoadedFile, { namespace: string; resources: Resource[] }>;
  /**
   * Policies beyond the input's own ValidatingAdmissionPolicies (always evaluated, src/policy/): the
   * config's inline policies (located in `configFile`), the request's user, the policy files, the
   * objects of another run whose policies apply here too.
   */
  policies?: Omit<PolicyOptions, 'cel' | 'off'> & { configFile?: { path: string; text: string } };
}

export const INTERNAL_ERROR_RULE = 'internal-error';

/** A rule as the resource loop runs it, with what its reports read (its configured severity looked up once). */
interface RuleRun {
  rule: AnyRule;
  meta: RuleMeta;
  options: Record<string, unknown>;
  messages: Record<string, string>;
  /** The configured severity (severityFor), undefined when none. */
  configured: Severity | undefined;
  severity: Severity;
}

interface RawFinding {
  rule: RuleMeta;
  messageId: string;
  message: string;
  severity: Severity;
  file: LoadedFile;
  resource: Resource | null;
  /** Resource-relative pointer, or null with an explicit range. */
  at: string | null;
  target: LocateTarget;
  /**
   * The finding's range: given by a file rule, else written by locateAll (the finding is its own ask:
   * `pointer` and `target` in its document, `range` the answer).
   */
  range?: Range | null;
  /** The document pointer its position is asked for (set by locateAll). */
  pointer?: string;
  /** For file-level findings given as a pointer into a document. */
  docIndex?: number;
  related: Report['related'];
  fix?: Report['fix'];
  data?: Report['data'];
}

/** Runs the rules over loaded files: the heart of `lint`, shared by the CLI, the Action and the language server. */
export function runRules(opts: RunOptions): LintResult {
  const { files, settings } = opts;
  const ruleSettings = opts.ruleSettings ?? {};
  const enabled: AnyRule[] = opts.rules.filter((r) => ruleSettings[r.meta.id]?.severity !== 'off');
  const optionsOf = new Map<string, Record<string, unknown>>();
  for (const r of enabled) {
    optionsOf.set(r.meta.id, { ...(r.meta.options?.defaults ?? {}), ...(ruleSettings[r.meta.id]?.options ?? {}) });
  }
  const internal = opts.rules.find((r) => r.meta.id === INTERNAL_ERROR_RULE)?.meta ?? INTERNAL_ERROR_META;
  const raw: RawFinding[] = [];
  const fileByPath = new Map(files.map((f) => [f.path, f]));

  const severityFor = (meta: RuleMeta, requested?: Severity): Severity => {
    const configured = ruleSettings[meta.id]?.severity;
    return configured && configured !== 'off' ? configured : (requested ?? meta.severity);
  };
  /** What every finding of a rule carries, from resource and file rules alike. */
  const common = (meta: RuleMeta, r: Pick<Report, 'messageId' | 'data' | 'severity'>, file: LoadedFile) => ({
    rule: meta,
    messageId: r.messageId,
    message: formatMessage(meta, r.messageId, r.data),
    severity: severityFor(meta, r.severity),
    file,
    ...(r.data ? { data: r.data } : {}),
  });

  // File-level rules: the text and documents of each file.
  const fileRules = enabled.filter((r) => r.checkFile !== undefined);
  for (const file of files) {
    for (const rule of fileRules) {
      try {
        rule.checkFile!({
          file,
          settings,
          options: optionsOf.get(rule.meta.id)!,
          report: (r: FileReport) =>
            raw.push({
              ...common(rule.meta, r, file),
              resource: null,
              at: r.range ? null : (r.at ?? ''),
              target: r.target ?? 'auto',
              ...(r.range ? { range: r.range } : { docIndex: r.docIndex ?? 0 }),
              related: [],
            }),
        });
      } catch (err) {
        raw.push(internalError(internal, rule.meta.id, err, file, null));
      }
    }
  }

  const resources = files.flatMap((f) => {
    const cached = opts.resourceCache?.get(f);
    if (cached && cached.namespace === settings.namespace) return cached.resources;
    const made = resourcesOf(f, settings.namespace);
    opts.resourceCache?.set(f, { namespace: settings.namespace, resources: made });
    return made;
  });
  const index = new ResourceIndex(resources, patchesOf(files, settings.namespace));
  const completeness = new Completeness(index, settings.completeness);
  const schema = opts.schema ?? new SchemaService(settings);
  schema.useInput(files); // CRDs of the input validate their custom resources (a no-op after prepare)
  // The policies of the input and the config: one rule `policy/<name>` each, evaluated once here.
  const policies = policyRules(index, { ...opts.policies, cel: celPort(), off: (id) => ruleSettings[id]?.severity === 'off' });
  for (const rule of policies.rules) {
    if (ruleSettings[rule.meta.id]?.severity === 'off' || enabled.some((r) => r.meta.id === rule.meta.id)) continue;
    enabled.push(rule);
    optionsOf.set(rule.meta.id, {});
  }
  const rulesByKind = new Map<string, AnyRule[]>();
  const everyKind: AnyRule[] = [];
  for (const rule of enabled) {
    if (!rule.check) continue;
    if (rule.meta.appliesTo === '*') everyKind.push(rule);
    else for (const kind of rule.meta.appliesTo) push(rulesByKind, groupKindKey(kind), rule);
  }

  const workloadRules = rulesByKind.get(groupKindKey(WORKLOADS)) ?? [];
  /**
   * The rules of a group/kind, with or without the workload rules, each with what its reports need:
   * one list per pair, not per resource.
   */
  const rulesFor = new Map<string, RuleRun[]>();
  const runOf = new Map<AnyRule, RuleRun>();
  const ruleRun = (rule: AnyRule): RuleRun => {
    let run = runOf.get(rule);
    if (!run) {
      const meta = rule.meta;
      const configured = ruleSettings[meta.id]?.severity;
      run = { rule, meta, options: optionsOf.get(meta.id)!, messages: meta.messages, configured: configured === 'off' ? undefined : configured, severity: meta.severity };
      runOf.set(rule, run);
    }
    return run;
  };
  for (const resource of resources) {
    // appliesTo: [WORKLOADS]: every object with a pod template, of any kind.
    const workload = workloadRules.length > 0 && index.templateOf(resource) !== undefined;
    const key = `${groupKindKey(resource)}\u0000${workload ? 'w' : ''}`;
    let rules = rulesFor.get(key);
    if (!rules) {
      const list = [...(rulesByKind.get(groupKindKey(resource)) ?? []), ...everyKind];
      if (workload) for (const r of workloadRules) if (!list.includes(r)) list.push(r);
      rulesFor.set(key, (rules = list.map(ruleRun)));
    }
    const file = fileByPath.get(resource.source.file)!;
    // One context per resource, its options and the rule its reports belong to set before each rule
    // runs (rules call `report` while they run, never after): no object and closure per rule and resource.
    // What `report` reads of the running rule, in variables of its own (not properties of rule or
    // meta objects, each of a shape of its own: read there, `report` was compiled again each time
    // another rule's findings came).
    let meta: RuleMeta;
    let messages: Record<string, string>;
    let configured: Severity | undefined;
    let severity: Severity;
    const ctx: RuleContext = {
      resource,
      index,
      settings,
      options: {},
      schema: () => schema.outcome(resource),
      report: (r: Report) => {
        // A placeholder is not a value: the file is linted, its template values are not judged.
        if (judgesTemplatedValue(resource, r.at, r.data)) return;
        if (r.missing) {
          checkDeclared(meta, r.missing);
          if (!completeness.judges(r.missing, resource.source.file)) return;
        }
        // One literal of one shape (no spreads): a run may report a hundred thousand of these.
        raw.push({
          rule: meta,
          messageId: r.messageId,
          message: fillTemplate(messages[r.messageId], meta, r.messageId, r.data),
          severity: configured ?? r.severity ?? severity,
          file,
          data: r.data,
          resource,
          at: r.at,
          target: r.target ?? 'auto',
          range: undefined,
          pointer: undefined,
          related: r.related, // undefined when none: no empty list per finding
          fix: r.fix,
        });
      },
    };
    for (let k = 0; k < rules.length; k++) {
      const run = rules[k];
      const rule = run.rule;
      ({ meta, messages, configured, severity } = run);
      ctx.options = run.options;
      try {
        rule.check!(ctx);
      } catch (err) {
        raw.push(internalError(internal, rule.meta.id, err, file, resource));
      }
    }
  }

  const located = locateAll(applyPrecedence(satisfiedByAVariant(raw, index)), fileByPath, opts.positionCache);
  located.push(...inlinePolicyFindings(policies.inlineProblems, enabled, opts.policies?.configFile, severityFor));
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of located) (f.suppression ? suppressed : findings).push(f);
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  const documents = files.reduce((n, f) => n + f.documents.length, 0);
  return {
    findings,
    suppressed: opts.keepSuppressed ? suppressed : [],
    summary: summarize(findings, suppressed.length, { files: files.length, documents, resources: resources.length }),
    rules: enabled.map((r) => r.meta),
    reportedRules: rulesBeyond(reportedMetas(raw), enabled.map((r) => r.meta)),
    files,
    errors: opts.errors ?? [],
    cwd: opts.cwd,
    index,
  };
}

/**
 * One application, many variants: the same object defined in several files (a base and an overlay,
 * provider folders, examples) may each be the one applied. A reference rule's finding on one variant
 * is dropped when another variant has the same field (the pointer exists there) and the same rule
 * found nothing wrong with it: the reference is satisfied by that variant. Findings of rules without
 * `meta.references` (the object's own validity) stand on every variant.
 */
function satisfiedByAVariant(raw: RawFinding[], index: ResourceIndex): RawFinding[] {
  const ids = new Map<Resource, number>();
  const id = (r: Resource): number => {
    let n = ids.get(r);
    if (n === undefined) ids.set(r, (n = ids.size));
    return n;
  };
  // Which findings are judged, each found once (most are not: then the list is returned as it is).
  const judged = new Uint8Array(raw.length);
  let any = false;
  for (let i = 0; i < raw.length; i++) {
    const f = raw[i];
    if (f.resource !== null && f.at !== null && (f.rule.references?.length ?? 0) > 0 && index.variants(f.resource).length > 1) {
      judged[i] = 1;
      any = true;
    }
  }
  if (!any) return raw;
  const reported = new Set<string>();
  for (let i = 0; i < raw.length; i++) if (judged[i] === 1) reported.add(`${raw[i].rule.id}\u0000${id(raw[i].resource!)}\u0000${raw[i].at}`);
  return raw.filter(
    (f, i) =>
      judged[i] === 0 ||
      !index
        .variants(f.resource!)
        .some((v) => v !== f.resource && hasPointer(v, f.at!) && !reported.has(`${f.rule.id}\u0000${id(v)}\u0000${f.at}`)),
  );
}

/** Whether the field at `at` exists in the object. */
function hasPointer(r: Resource, at: string): boolean {
  let node: unknown = r.value;
  for (const key of parsePointer(at)) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (typeof node === 'object' && node !== null) node = (node as Record<string, unknown>)[key];
    else return false;
    if (node === undefined) return false;
  }
  return true;
}

/** The problems of the config's inline policies (a CEL syntax error, say): findings in the config file. */
function inlinePolicyFindings(
  problems: readonly InlineProblem[],
  enabled: readonly AnyRule[],
  configFile: { path: string; text: string } | undefined,
  severityFor: (meta: RuleMeta, requested?: Severity) => Severity,
): Finding[] {
  if (problems.length === 0 || !configFile) return [];
  const resolver = new PositionResolver(configFile.text);
  const out: Finding[] = [];
  for (const p of problems) {
    const meta = enabled.find((r) => r.meta.id === `policy/${p.policy}`)?.meta;
    if (!meta) continue;
    const range = resolver.locate(0, p.at, 'value');
    out.push({
      ruleId: meta.id,
      messageId: 'invalid',
      severity: severityFor(meta, 'error'),
      message: p.message,
      data: { policy: p.policy },
      file: configFile.path,
      ...range,
      resource: null,
      path: null,
      related: [],
      fingerprint: fingerprintOf(meta.id, null, null, 'invalid', configFile.path, p.message),
    });
  }
  return out;
}

/** A position asked for by locateAll, answered in a second pass. */
interface Ask {
  pointer: string;
  target: LocateTarget;
  range?: Range | null;
}

/** The positions asked for in one document: in the order asked, and by target and pointer (shared asks). */
interface DocAsks {
  docIndex: number;
  list: Ask[];
  auto: Map<string, Ask> | null;
  key: Map<string, Ask> | null;
  value: Map<string, Ask> | null;
}

/** Resolves pointers to ranges (parsing only the files that have findings), applies suppressions, fingerprints. */
function locateAll(raw: RawFinding[], fileByPath: Map<string, LoadedFile>, cache?: WeakMap<LoadedFile, PositionResolver>): Finding[] {
  const resolvers = new Map<string, PositionResolver>();
  const resolver = (file: LoadedFile): PositionResolver => {
    let r = resolvers.get(file.path);
    if (!r) {
      // The line reader only for text js-yaml read without a problem.
      r = cache?.get(file) ?? new PositionResolver(file.text, file.problems.length === 0);
      cache?.set(file, r);
      resolvers.set(file.path, r);
    }
    return r;
  };
  // Every position is asked for first and answered file by file, document by document (in the
  // order asked within a document): each document is then read once, whatever order the rules
  // reported in (a finding and its related locations are often in different documents).
  // The same related place asked twice (peers name the same few objects, finding after finding) is
  // one ask; its range is copied into each finding. A fix's range is its own object: never shared.
  const asks = new Map<string, { file: LoadedFile; docs: Map<number, DocAsks> }>();
  // Findings come resource by resource: the document of the last ask is most often the next one's.
  let lastFile: LoadedFile | null = null;
  let lastDoc: DocAsks | null = null;
  const docAsks = (file: LoadedFile, docIndex: number): DocAsks => {
    if (lastFile === file && lastDoc!.docIndex === docIndex) return lastDoc!;
    let byFile = asks.get(file.path);
    if (!byFile) asks.set(file.path, (byFile = { file, docs: new Map() }));
    let doc = byFile.docs.get(docIndex);
    if (!doc) byFile.docs.set(docIndex, (doc = { docIndex, list: [], auto: null, key: null, value: null }));
    lastFile = file;
    lastDoc = doc;
    return doc;
  };
  const ask = (file: LoadedFile, docIndex: number, pointer: string, target: LocateTarget, shared = true): Ask => {
    const doc = docAsks(file, docIndex);
    if (!shared) {
      const a: Ask = { pointer, target, range: null };
      doc.list.push(a);
      return a;
    }
    const byPointer = (doc[target] ??= new Map<string, Ask>());
    let a = byPointer.get(pointer);
    if (!a) {
      a = { pointer, target, range: null };
      doc.list.push(a);
      byPointer.set(pointer, a);
    }
    return a;
  };
  const askFor = (resource: Resource, at: string, target: LocateTarget, shared = true): Ask => {
    const shown = textOf(resource);
    return shown === resource
      ? ask(fileByPath.get(resource.source.file)!, resource.source.docIndex, resource.source.basePointer + at, target, shared)
      : ask(fileByPath.get(shown.source.file)!, shown.source.docIndex, `${shown.source.basePointer}/metadata/name`, 'auto', shared);
  };
  /** A finding's own position: the finding is the ask (no object per finding beside it). */
  const askOwn = (f: RawFinding): void => {
    let file = f.file;
    let docIndex = f.docIndex ?? 0;
    let pointer = f.at ?? '';
    if (f.resource) {
      const shown = textOf(f.resource);
      if (shown !== f.resource) {
        pointer = '/metadata/name';
        f.target = 'auto';
      }
      file = fileByPath.get(shown.source.file)!;
      docIndex = shown.source.docIndex;
      pointer = shown.source.basePointer + pointer;
    }
    f.pointer = pointer;
    docAsks(file, docIndex).list.push(f as Ask);
  };
  const n = raw.length;
  /** Per finding: its related locations' asks, its fix's ask. */
  const relatedAsks: (Ask[] | null)[] = new Array<Ask[] | null>(n);
  const fixAsks: (Ask | null)[] = new Array<Ask | null>(n);
  // A rule may give many findings one list of related reports (the peers of a route): its asks are
  // made once, and its related locations once (`shared`: the asks of a list given more than once).
  const asksOf = new Map<NonNullable<Report['related']>, Ask[]>();
  const shared = new Map<Ask[], RelatedLocation[] | null>();
  for (let i = 0; i < n; i++) {
    const f = raw[i];
    // A finding's own position is its own ask: findings rarely share one (a finding per item of a
    // long list: each its own pointer), and a map of every pointer would cost more than it saves.
    if (!f.range) askOwn(f);
    // A handful of related locations per finding (rules that list peers count the rest in the message): reports stay bounded.
    const related = f.related;
    if (!related || related.length === 0) relatedAsks[i] = null;
    else {
      let list = asksOf.get(related);
      if (list) {
        if (!shared.has(list)) shared.set(list, null);
      } else {
        list = [];
        for (let j = 0; j < related.length && j < MAX_RELATED; j++) list.push(askFor(related[j].resource, related[j].at, 'auto'));
        asksOf.set(related, list);
      }
      relatedAsks[i] = list;
    }
    // A fix of the field the finding marks by its value (a rule reporting with target 'value') is at
    // the finding's own position: answered once, the fix's range being that answer (the finding
    // copies its numbers; 100,000 invalid port names each with a rename fix).
    const fix = f.fix && f.resource && !('nextTo' in f.fix) ? f.fix : null;
    fixAsks[i] = !fix ? null : fix.at === f.at && f.target === 'value' && !f.range ? (f as Ask) : askFor(f.resource!, fix.at, 'value', false);
  }
  for (const { file, docs } of asks.values()) {
    const r = resolver(file);
    for (const doc of docs.values()) r.locateEach(doc.docIndex, doc.list);
  }
  asks.clear();
  asksOf.clear();
  lastDoc = null;

  return makeFindings(raw, relatedAsks, fixAsks, shared, fileByPath);
}

/**
 * The findings of located raw findings, with their related locations, fixes and suppressions. A
 * function of its own: its loop is compiled apart from the gathering of asks (a change of shape met
 * there, such as the first finding with related locations, does not recompile this one).
 */
function makeFindings(
  raw: RawFinding[],
  relatedAsks: (Ask[] | null)[],
  fixAsks: (Ask | null)[],
  shared: Map<Ask[], RelatedLocation[] | null>,
  fileByPath: Map<string, LoadedFile>,
): Finding[] {
  const n = raw.length;
  const comments = new Map<string, CommentSuppressions>();
  /** One reference object per resource, shared by its findings. */
  const refs = new Map<Resource, ResourceRef>();
  const out = new Array<Finding>(n);
  for (let i = 0; i < n; i++) {
    const f = raw[i];
    const range = f.range!;
    const ra = relatedAsks[i];
    // Most findings relate nothing: they share one frozen empty list (no code adds to a finding's list).
    let related = NO_RELATED;
    if (ra) {
      const known = shared.size > 0 ? shared.get(ra) : undefined;
      if (known) related = known;
      else {
        related = [];
        for (let j = 0; j < ra.length; j++) {
          const r = f.related![j];
          const at = ra[j].range!;
          related.push({ file: r.resource.source.file, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn, message: r.message });
        }
        // Findings given one list of related reports share its located list (no code adds to one).
        if (known === null) shared.set(ra, related);
      }
    }
    let ref: ResourceRef | null = null;
    if (f.resource) {
      const res = f.resource;
      ref = refs.get(res) ?? null;
      if (!ref) {
        refs.set(res, (ref = { apiVersion: res.apiVersion, kind: res.kind, namespace: res.namespace, name: res.name }));
        keyOfRef.set(ref, res.key);
      }
    }
    // One shape for every finding: `data` is undefined when a rule gave none (JSON leaves it out).
    const finding: Finding = {
      ruleId: f.rule.id,
      messageId: f.messageId,
      severity: f.severity,
      message: f.message,
      data: f.data,
      file: f.file.path,
      line: range.line,
      column: range.column,
      endLine: range.endLine,
      endColumn: range.endColumn,
      resource: ref,
      path: f.resource ? (f.at ?? '') : null,
      related,
    } as Finding;
    // The fingerprint is worked out when first read (SARIF hashes its own; most runs read none).
    Object.defineProperty(finding, 'fingerprint', LAZY_FINGERPRINT);
    if (f.fix && f.resource) {
      const fix = 'nextTo' in f.fix ? newDocumentFix(f.fix, fileByPath) : { range: fixAsks[i]!.range!, text: f.fix.replace, description: f.fix.description };
      if (fix) finding.fix = fix;
    }
    let reason = f.resource ? annotationSuppression(f.resource, f.rule.id) : null;
    if (reason !== null) finding.suppression = { kind: 'annotation', justification: reason };
    else {
      let c = comments.get(f.file.path);
      if (!c) comments.set(f.file.path, (c = new CommentSuppressions(f.file.text)));
      reason = c.match(f.rule.id, range.line);
      if (reason !== null) finding.suppression = { kind: 'comment', justification: reason };
    }
    out[i] = finding;
  }
  return out;
}

/** A new document appended to the end of a file: an insertion at its end, after a `---` separator. */
function newDocumentFix(fix: NewDocumentFix, fileByPath: Map<string, LoadedFile>): Fix | undefined {
  const target = fix.nextTo.producedBy ? undefined : fileByPath.get(fix.nextTo.source.file);
  if (!target) return undefined;
  const lines = target.text.split('\n');
  const line = lines.length;
  const column = lines[line - 1].length + 1;
  const eol = target.text.includes('\r\n') ? '\r\n' : '\n';
  const lead = target.text === '' || target.text.endsWith('\n') ? '' : eol;
  const text = `${lead}---${eol}${fix.document.replace(/\r?\n/g, eol)}`;
  return { file: target.path, range: { line, column, endLine: line, endColumn: column }, text, description: fix.description };
}

/** The object whose text stands for `resource`: an operator-made object has none, the custom resource that makes it does. */
function textOf(resource: Resource): Resource {
  let r = resource;
  while (r.producedBy) r = r.producedBy;
  return r;
}

/** The related locations of a finding that relates nothing: one list for all (never added to). */
const NO_RELATED = Object.freeze([]) as unknown as RelatedLocation[];

/** The resource key of each finding's ResourceRef (one per resource): what its fingerprint hashes. */
const keyOfRef = new WeakMap<ResourceRef, string>();

/**
 * Finding.fingerprint: stable across line moves, the rule, the resource's key, the pointer and the
 * messageId (for findings about the text: the file and the message), hashed. Computed from the
 * finding's own fields when first read, then kept as a plain property; spreads, JSON.stringify and
 * Object.keys see it as before.
 */
export function fingerprintOf(ruleId: string, resourceKey: string | null, path: string | null, messageId: string, file: string, message: string): string {
  const identity = resourceKey !== null ? `${resourceKey}\u0000${path ?? ''}\u0000${messageId}` : `${file}\u0000${message}`;
  return sha256Hex(`${ruleId}\u0000${identity}`).slice(0, 32);
}

function keepFingerprint(finding: Finding, value: string): void {
  Object.defineProperty(finding, 'fingerprint', { value, writable: true, enumerable: true, configurable: true });
}

/** One descriptor for every finding (one getter and setter: the findings share one hidden class). */
const LAZY_FINGERPRINT: PropertyDescriptor = {
  get(this: Finding): string {
    const key = this.resource ? (keyOfRef.get(this.resource) ?? null) : null;
    const value = fingerprintOf(this.ruleId, key, this.path, this.messageId, this.file, this.message);
    // A finding a caller froze keeps its accessor: worked out on every read.
    if (Object.isExtensible(this)) keepFingerprint(this, value);
    return value;
  },
  set(this: Finding, value: string): void {
    keepFingerprint(this, value);
  },
  enumerable: true,
  configurable: true,
};

/** Message templates cut at their placeholders, once per template: literal, name, literal, name, …, literal. */
const templateParts = new Map<string, string[]>();

/** Fills a message template; a missing placeholder is a bug in the rule and throws (becoming internal-error). */
export function formatMessage(meta: RuleMeta, messageId: string, data: Record<string, string | number> = {}): string {
  return fillTemplate(meta.messages[messageId], meta, messageId, data);
}

/** formatMessage with the template read by the caller (`meta` is read only to say what is wrong). */
function fillTemplate(template: string | undefined, meta: RuleMeta, messageId: string, data: Record<string, string | number> = {}): string {
  if (template === undefined) throw new Error(`rule ${meta.id} has no message "${messageId}"`);
  let parts = templateParts.get(template);
  if (!parts) templateParts.set(template, (parts = template.split(/\{(\w+)\}/)));
  if (parts.length === 1) return parts[0];
  // Joined in one piece: a flat string, not a tree of concatenations that lives as long as the
  // finding (and is flattened again, in place, when the report is written).
  const out = new Array<string>(parts.length);
  out[0] = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    // One lookup per placeholder: `in` only for an undefined value (a missing key, or one set to undefined).
    const value = data[name];
    if (value === undefined && !(name in data)) throw new Error(`rule ${meta.id} message "${messageId}" needs {${name}}`);
    out[i] = typeof value === 'string' ? value : String(value);
    out[i + 1] = parts[i + 1];
  }
  return out.join('');
}

/** The message of internal-error findings; rules/internal-error carries it in its meta. */
export const INTERNAL_ERROR_MESSAGE = 'Rule {rule} crashed on this resource: {error}. Please report this bug';

/** Used when a caller runs a rule set without the internal-error rule: crashes are still reported. */
const INTERNAL_ERROR_META: RuleMeta = {
  id: INTERNAL_ERROR_RULE,
  title: 'A rule crashed on this resource',
  description: 'A rule threw an exception on this resource; the run went on without it.',
  severity: 'error',
  category: 'input',
  appliesTo: [],
  messages: { crashed: INTERNAL_ERROR_MESSAGE },
};

function internalError(meta: RuleMeta, ruleId: string, err: unknown, file: LoadedFile, resource: Resource | null): RawFinding {
  const error = err instanceof Error ? err.message : String(err);
  return {
    rule: meta,
    messageId: 'crashed',
    message: formatMessage(meta, 'crashed', { rule: ruleId, error }),
    severity: 'error',
    file,
    resource,
    at: resource ? '' : null,
    target: 'auto',
    ...(resource ? {} : { range: { line: 1, column: 1, endLine: 1, endColumn: 2 } }),
    related: [],
  };
}

/** The rules that reported, once each (an index loop, no list of a rule per finding). */
function reportedMetas(raw: readonly RawFinding[]): Set<RuleMeta> {
  const out = new Set<RuleMeta>();
  for (let i = 0; i < raw.length; i++) out.add(raw[i].rule);
  return out;
}
