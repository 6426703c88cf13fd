import type { ResourceIndex } from '../index/resource-index.js';
import { matchesSelector, toLabelSelector, type LabelSelector, type Labels } from '../index/labels.js';
import { gk, NAMESPACE, type GroupKind } from '../model/group-kinds.js';
import { splitApiVersion } from '../model/kinds.js';
import { pointer } from '../model/pointer.js';
import { isObject, type LoadedFile } from '../model/resources.js';
import type { JsonObject, JsonValue, Resource, Severity } from '../model/types.js';
import type { AnyRule, Report, RuleMeta } from '../engine/rule.js';
import { ApiResources } from './api-resources.js';
import type { CelOutcome, CelPort, CelProgram } from './cel-port.js';
import { compileMatchResources, labelsOf, NAMESPACE_NAME_LABEL, type AdmissionTarget, type MatchVerdict } from './match.js';
import { fieldPathToPointer } from './field-path.js';

export const VALIDATING_ADMISSION_POLICY = gk('admissionregistration.k8s.io', 'ValidatingAdmissionPolicy');
export const VALIDATING_ADMISSION_POLICY_BINDING = gk('admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding');

/** The rule id prefix of policy findings: `policy/<policy-name>`. */
export const POLICY_RULE_PREFIX = 'policy/';

/** An inline repository policy of `.kubewire.yaml` `policies:` (README "Policies"). */
export interface InlinePolicy {
  name: string;
  description?: string;
  match?: { kinds?: string[]; apiGroups?: string[]; namespaces?: string[]; labelSelector?: JsonObject };
  matchConditions?: { name: string; expression: string }[];
  variables?: { name: string; expression: string }[];
  validations: { expression: string; message?: string; messageExpression?: string; reason?: string; fieldPath?: string }[];
  severity?: Severity;
}

/** Who the offline CREATE request is made by (`request.userInfo`). */
export interface PolicyUser {
  username: string;
  uid?: string;
  groups: string[];
}

export const DEFAULT_POLICY_USER: PolicyUser = { username: 'kubewire', groups: ['system:authenticated'] };

/** A problem of an inline policy, found while compiling it: located in the config file by the caller. */
export interface InlineProblem {
  policy: string;
  /** Pointer into the config file. */
  at: string;
  message: string;
}

export interface PolicyOptions {
  cel: CelPort;
  inline?: readonly InlinePolicy[];
  user?: PolicyUser;
  /** Display paths of the files given as policies (`policies:`, --policy): a policy there without a binding gets an info. */
  policyFiles?: ReadonlySet<string>;
  /** Another run's objects whose policies, bindings and params apply here too (a rendered chart's run gets the plain input's). */
  inherited?: ResourceIndex;
  /** Rule ids turned off: not evaluated. */
  off?: (id: string) => boolean;
}

type Action = 'Deny' | 'Warn' | 'Audit';
const ACTION_SEVERITY: Record<Action, Severity> = { Deny: 'error', Warn: 'warning', Audit: 'info' };
const SEVERITY_ACTION: Record<Severity, Action> = { error: 'Deny', warning: 'Warn', info: 'Audit' };

/** Evaluation steps per policy and object beyond which an object is not evaluated further (bounds hostile input). */
const MAX_PARAMS_PER_BINDING = 100;

export const POLICY_MESSAGES = {
  violation: '{message}',
  evaluationError: 'Policy {policy} could not be evaluated on {kind} {name}: {error}',
  evaluationAbsent: 'Policy {policy} failed on {kind} {name}: {error}; the API server denies it unless it defaults that field',
  paramNotFound: 'No {paramKind} parameters {ref} for binding {binding} of policy {policy}: parameterNotFoundAction Deny',
  invalid: 'Policy {policy}: {problem}',
  authorizer: 'Policy {policy} uses authorizer, which needs a cluster: not evaluated offline',
  unbound: 'Policy {policy} has no ValidatingAdmissionPolicyBinding in the input: the API server does not run it',
} as const;

interface Expr {
  source: string;
  /** Where it is written: a pointer into the policy resource (or into the config file, for inline policies). */
  at: string;
  program: CelProgram | null;
}

interface Validation {
  expr: Expr;
  message?: string;
  messageExpr?: Expr;
  reason?: string;
  fieldPath?: string;
}

interface Policy {
  name: string;
  id: string;
  resource: Resource | null;
  inlineIndex: number;
  paramKind: { apiVersion: string; kind: GroupKind } | null;
  failurePolicy: 'Fail' | 'Ignore';
  match: (t: AdmissionTarget, r: Resource) => MatchVerdict;
  matchConditions: { name: string; expr: Expr }[];
  variables: { name: string; expr: Expr }[];
  validations: Validation[];
  /** Compile problems: the policy is not evaluated. */
  problems: { at: string; problem: string }[];
  usesAuthorizer: boolean;
  usesNamespaceObject: boolean;
  meta: RuleMeta;
}

interface Binding {
  name: string;
  resource: Resource | null;
  actions: Action[];
  match: (t: AdmissionTarget) => MatchVerdict;
  paramRef: JsonObject | null;
}

/** Each report and the resource it is about. */
type Reports = Map<Resource, Report[]>;

/**
 * The rules `policy/<name>` of a run: the ValidatingAdmissionPolicies of the input (and of the policy
 * files), with their bindings, and the inline policies of the config, evaluated offline as the API
 * server evaluates them on a CREATE of each object of the input. Everything is evaluated here, once;
 * each rule's `check` hands the engine its reports on the resource it is called for, so the engine
 * applies severities, suppressions and completeness to them like to any rule's.
 */
export function policyRules(index: ResourceIndex, opts: PolicyOptions): { rules: AnyRule[]; inlineProblems: InlineProblem[] } {
  const own = index.all(VALIDATING_ADMISSION_POLICY);
  const inheritedPolicies = opts.inherited ? opts.inherited.all(VALIDATING_ADMISSION_POLICY) : [];
  const inline = opts.inline ?? [];
  if (own.length === 0 && inheritedPolicies.length === 0 && inline.length === 0) return { rules: [], inlineProblems: [] };
  const api = new ApiResources(index);
  const policies = new Map<string, Policy>();
  const inlineProblems: InlineProblem[] = [];
  for (const r of [...own, ...inheritedPolicies]) {
    if (policies.has(r.name) || r.name === '') continue;
    policies.set(r.name, compileObjectPolicy(r, opts.cel, api, own.includes(r)));
  }
  inline.forEach((p, i) => {
    if (policies.has(p.name)) return;
    const policy = compileInlinePolicy(p, i, opts.cel, api);
    policies.set(p.name, policy);
    for (const x of policy.problems) inlineProblems.push({ policy: p.name, at: x.at, message: formatProblem(p.name, x.problem) });
  });

  const bindingsOf = new Map<string, Binding[]>();
  const ownBindings = new Set(index.all(VALIDATING_ADMISSION_POLICY_BINDING));
  const bindingObjects = [...ownBindings, ...(opts.inherited?.all(VALIDATING_ADMISSION_POLICY_BINDING) ?? [])];
  const seenBindings = new Set<string>();
  for (const b of bindingObjects) {
    if (seenBindings.has(b.name)) continue;
    seenBindings.add(b.name);
    const spec = isObject(b.value.spec) ? b.value.spec : {};
    if (typeof spec.policyName !== 'string') continue;
    const actions = (Array.isArray(spec.validationActions) ? spec.validationActions : []).filter((a): a is Action => a === 'Deny' || a === 'Warn' || a === 'Audit');
    const list = bindingsOf.get(spec.policyName) ?? [];
    list.push({ name: b.name, resource: b, actions, match: compileMatchResources(spec.matchResources), paramRef: isObject(spec.paramRef) ? spec.paramRef : null });
    bindingsOf.set(spec.policyName, list);
  }
  inline.forEach((p) => {
    bindingsOf.set(p.name, [{ name: p.name, resource: null, actions: [SEVERITY_ACTION[p.severity ?? 'error']], match: () => 'match', paramRef: null }]);
  });

  const reports = new Map<string, Reports>();
  const add = (p: Policy, r: Resource, report: Report) => {
    let m = reports.get(p.id);
    if (!m) reports.set(p.id, (m = new Map<Resource, Report[]>()));
    const list = m.get(r);
    if (list) list.push(report);
    else m.set(r, [report]);
  };

  const evaluating: { policy: Policy; bindings: Binding[] }[] = [];
  for (const p of policies.values()) {
    if (opts.off?.(p.id)) continue;
    const ownResource = p.resource && own.includes(p.resource) ? p.resource : null;
    if (p.problems.length > 0) {
      if (ownResource) for (const x of p.problems) add(p, ownResource, { messageId: 'invalid', data: { policy: p.name, problem: x.problem }, at: x.at, severity: 'error' });
      continue;
    }
    if (p.usesAuthorizer) {
      if (ownResource) add(p, ownResource, { messageId: 'authorizer', data: { policy: p.name }, at: '/metadata/name', severity: 'info' });
      continue;
    }
    const bindings = (bindingsOf.get(p.name) ?? []).filter((b) => b.actions.length > 0);
    // A paramKind without a binding paramRef: the API server fails every request the binding matches.
    for (const b of p.paramKind ? bindings.filter((x) => x.paramRef === null) : []) {
      if (b.resource && ownBindings.has(b.resource)) {
        add(p, b.resource, { messageId: 'invalid', data: { policy: p.name, problem: `binding ${b.name} has no spec.paramRef, but the policy has a paramKind (${p.paramKind!.kind.kind})` }, at: '/spec', severity: 'error' });
      }
    }
    if (bindings.length === 0) {
      if (ownResource && opts.policyFiles?.has(ownResource.source.file)) {
        add(p, ownResource, { messageId: 'unbound', data: { policy: p.name }, at: '/metadata/name', severity: 'info' });
      }
      continue;
    }
    evaluating.push({ policy: p, bindings: p.paramKind ? bindings.filter((b) => b.paramRef !== null) : bindings });
  }

  if (evaluating.length > 0) {
    const user = opts.user ?? DEFAULT_POLICY_USER;
    const runtimeProblems = new Map<Expr, string>();
    const namespaceCache = new Map<string, Resource | null>();
    const namespaceOf = (ns: string): Resource | null => {
      let n = namespaceCache.get(ns);
      if (n === undefined) {
        n = index.get(NAMESPACE, null, ns) ?? opts.inherited?.get(NAMESPACE, null, ns) ?? null;
        namespaceCache.set(ns, n);
      }
      return n;
    };
    for (const r of index.resources) {
      if (r.producedBy) continue;
      const a = api.of(r);
      const namespace = a.namespaced && r.namespace !== null ? r.namespace : '';
      const nsObject = namespace ? namespaceOf(namespace) : null;
      const target: AdmissionTarget = {
        api: a,
        name: r.name,
        namespace,
        labels: labelsOf(r.value),
        namespaceLabels: nsObject ? { ...labelsOf(nsObject.value), [NAMESPACE_NAME_LABEL]: namespace } : null,
      };
      let env: CelEnv | null = null;
      for (const { policy, bindings } of evaluating) {
        const verdict = policy.match(target, r);
        if (verdict !== 'match') continue;
        if (policy.usesNamespaceObject && namespace !== '' && !nsObject) continue;
        for (const b of bindings) {
          if (b.match(target) !== 'match') continue;
          // The CEL values of the request are made once per object, whatever the number of policies.
          env ??= {
            object: opts.cel.value(objectAsAdmitted(r, namespace)),
            oldObject: null,
            request: requestFor(r, a, namespace, user),
            namespaceObject: nsObject ? opts.cel.value(nsObject.value) : null,
          };
          for (const report of evaluateBinding(api, opts.cel, policy, b, r, namespace, env, index, opts.inherited, runtimeProblems)) add(policy, r, report);
        }
      }
    }
    // A wrong result type is the policy's fault, not the object's: one finding on the expression.
    for (const [expr, problem] of runtimeProblems) {
      const p = evaluating.find((e) => e.policy.validations.some((v) => v.expr === expr || v.messageExpr === expr) || e.policy.matchConditions.some((m) => m.expr === expr))!.policy;
      if (p.resource && own.includes(p.resource)) add(p, p.resource, { messageId: 'invalid', data: { policy: p.name, problem }, at: expr.at, severity: 'error' });
      else if (!p.resource) inlineProblems.push({ policy: p.name, at: expr.at, message: formatProblem(p.name, problem) });
    }
  }

  const rules: AnyRule[] = [];
  for (const p of policies.values()) {
    const byResource = reports.get(p.id);
    rules.push({
      meta: p.meta,
      check(ctx) {
        for (const report of byResource?.get(ctx.resource) ?? []) ctx.report(report);
      },
    });
  }
  return { rules, inlineProblems };
}

function formatProblem(policy: string, problem: string): string {
  return POLICY_MESSAGES.invalid.replace('{policy}', policy).replace('{problem}', problem);
}

/** The object as admission sees it: a namespaced object carries the request's namespace in metadata. */
function objectAsAdmitted(r: Resource, namespace: string): JsonObject {
  const meta = r.value.metadata;
  if (namespace === '' || !isObject(meta) || meta.namespace === namespace) return r.value;
  return { ...r.value, metadata: { ...meta, namespace } };
}

/** The admission request of a CREATE of the object (`request`): strings and booleans only, a CEL value as it is. */
function requestFor(r: Resource, a: ReturnType<ApiResources['of']>, namespace: string, user: PolicyUser): JsonObject {
  const kind = { group: a.group, version: a.version, kind: a.kind };
  const resource = { group: a.group, version: a.version, resource: a.resource };
  return {
    uid: '',
    kind,
    resource,
    subResource: '',
    requestKind: kind,
    requestResource: resource,
    requestSubResource: '',
    name: r.name,
    namespace,
    operation: 'CREATE',
    userInfo: { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups },
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  };
}

const MISSING_PARAMS = Symbol('missing');

/** Evaluates one binding of a policy on one object: params, matchConditions, variables, validations. */
/** The variables of an expression (one literal shape: spreads were the hot spot of a 10k-object run). */
function activationOf(env: CelEnv, params: unknown, variables: Record<string, unknown>): Record<string, unknown> {
  return { object: env.object, oldObject: null, request: env.request, params, namespaceObject: env.namespaceObject, authorizer: null, variables };
}

/** The CEL values of one object's request: object, oldObject, request, namespaceObject. */
interface CelEnv {
  object: unknown;
  oldObject: null;
  request: JsonObject;
  namespaceObject: unknown;
}

function evaluateBinding(
  api: ApiResources,
  cel: CelPort,
  p: Policy,
  b: Binding,
  r: Resource,
  namespace: string,
  env: CelEnv,
  index: ResourceIndex,
  inherited: ResourceIndex | undefined,
  runtimeProblems: Map<Expr, string>,
): Report[] {
  const action = strongest(b.actions);
  const severity = ACTION_SEVERITY[action];
  const common = { policy: p.name, binding: b.name, action };
  let paramSets: (JsonObject | null)[] = [null];
  if (p.paramKind) {
    const found = resolveParams(api, p, b, namespace, index, inherited);
    if (found === 'skip') return [];
    if (found === MISSING_PARAMS || found.objects.length === 0) {
      const deny = b.paramRef?.parameterNotFoundAction !== 'Allow';
      if (!deny || p.failurePolicy === 'Ignore' || found === MISSING_PARAMS) return [];
      return [
        {
          messageId: 'paramNotFound',
          data: { ...common, paramKind: p.paramKind.kind.kind, ref: found.ref },
          at: '/kind',
          target: 'key',
          severity,
          missing: { kinds: [p.paramKind.kind], namespace: found.namespace, ...(found.name ? { name: found.name } : {}) },
        },
      ];
    }
    paramSets = found.objects.map((o) => cel.value(o.value) as JsonObject);
  }
  const out: Report[] = [];
  const failed = (expr: Expr, outcome: Extract<CelOutcome, { ok: false }>) => {
    if (p.failurePolicy === 'Ignore') return;
    out.push({
      messageId: outcome.absent ? 'evaluationAbsent' : 'evaluationError',
      data: { ...common, kind: r.kind, name: r.name, error: firstLine(outcome.error) },
      at: '/kind',
      target: 'key',
      // A field the API server may default is not a certain failure: an info, whatever the action.
      severity: outcome.absent ? 'info' : severity,
    });
    void expr;
  };
  for (const params of paramSets) {
    const activation = activationOf(env, params, {});
    let matched = true;
    for (const m of p.matchConditions) {
      const o = m.expr.program!.evaluate(activation);
      if (!o.ok) {
        failed(m.expr, o);
        matched = false;
        break;
      }
      if (typeof o.value !== 'boolean') {
        runtimeProblems.set(m.expr, `matchCondition ${m.name} must give a bool, got ${typeName(o.value)}`);
        matched = false;
        break;
      }
      if (!o.value) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    const variables: Record<string, unknown> = {};
    const variableErrors = new Map<string, Extract<CelOutcome, { ok: false }>>();
    for (const v of p.variables) {
      const o = v.expr.program!.evaluate(activationOf(env, params, variables));
      if (o.ok) variables[v.name] = o.value;
      else variableErrors.set(v.name, o);
    }
    const withVariables = activationOf(env, params, variables);
    for (const v of p.validations) {
      // A validation that reads a variable that failed fails with the variable's error (variables are lazy in the API server).
      const failedVariable = [...variableErrors].find(([name]) => new RegExp(`\\bvariables\\s*\\.\\s*${name}\\b`).test(v.expr.source));
      const o: CelOutcome = failedVariable ? failedVariable[1] : v.expr.program!.evaluate(withVariables);
      if (!o.ok) {
        failed(v.expr, o);
        continue;
      }
      if (typeof o.value !== 'boolean') {
        runtimeProblems.set(v.expr, `${pathOfExpr(v.expr)} must give a bool, got ${typeName(o.value)}`);
        continue;
      }
      if (o.value) continue;
      let message = v.message ?? `failed expression: ${v.expr.source.trim()}`;
      if (v.messageExpr) {
        const m = v.messageExpr.program!.evaluate(withVariables);
        if (m.ok && typeof m.value === 'string') {
          if (m.value.trim() !== '') message = m.value;
        } else if (m.ok) runtimeProblems.set(v.messageExpr, `${pathOfExpr(v.messageExpr)} must give a string, got ${typeName(m.value)}`);
      }
      const at = v.fieldPath ? fieldPathToPointer(v.fieldPath) : null;
      out.push({
        messageId: 'violation',
        data: { ...common, message: firstLine(message), ...(v.reason ? { reason: v.reason } : {}) },
        at: at ?? '/kind',
        target: at ? 'auto' : 'key',
        severity,
      });
    }
  }
  return out;
}

/** The params of a binding for an object: the objects, or why there are none. */
function resolveParams(
  api: ApiResources,
  p: Policy,
  b: Binding,
  objectNamespace: string,
  index: ResourceIndex,
  inherited: ResourceIndex | undefined,
): { objects: Resource[]; ref: string; namespace: string | null; name?: string } | typeof MISSING_PARAMS | 'skip' {
  const kind = p.paramKind!.kind;
  const ref = b.paramRef;
  // A paramKind without a paramRef: reported once on the binding (policyRules), not per object.
  if (!ref) return MISSING_PARAMS;
  const kindNamespaced = api.namespaced(kind.group, kind.kind);
  let namespace: string | null = null;
  if (kindNamespaced) {
    namespace = typeof ref.namespace === 'string' && ref.namespace !== '' ? ref.namespace : objectNamespace || null;
    // A namespaced paramKind for a cluster-scoped object without paramRef.namespace: the API server errors; nothing to judge offline.
    if (namespace === null) return 'skip';
  }
  const where = namespace ? ` in namespace ${namespace}` : '';
  if (typeof ref.name === 'string' && ref.name !== '') {
    const found = index.get(kind, namespace, ref.name) ?? inherited?.get(kind, namespace, ref.name);
    return { objects: found ? [found] : [], ref: `${ref.name}${where}`, namespace, name: ref.name };
  }
  const selector: LabelSelector = toLabelSelector(ref.selector);
  const candidates = [...index.inNamespace(kind, namespace), ...(inherited?.inNamespace(kind, namespace) ?? [])];
  const seen = new Set<string>();
  const objects: Resource[] = [];
  for (const c of candidates) {
    if (seen.has(c.key) || !matchesSelector(selector, labelsOf(c.value))) continue;
    seen.add(c.key);
    objects.push(c);
    if (objects.length >= MAX_PARAMS_PER_BINDING) break;
  }
  return { objects, ref: `selected by ${JSON.stringify(ref.selector ?? {})}${where}`, namespace };
}

function strongest(actions: readonly Action[]): Action {
  return actions.includes('Deny') ? 'Deny' : actions.includes('Warn') ? 'Warn' : 'Audit';
}

function firstLine(s: string): string {
  const line = s.split('\n')[0].trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function pathOfExpr(e: Expr): string {
  // /spec/validations/0/expression → spec.validations[0].expression
  return e.at
    .split('/')
    .filter(Boolean)
    .map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : i === 0 ? t : `.${t}`))
    .join('');
}

/** Identifiers an expression reads, outside string literals: for what needs a cluster or a param. */
export function readsIdentifier(source: string, name: string): boolean {
  const code = source.replace(/(?:[rRbB]{0,2})("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g, '""');
  return new RegExp(`(^|[^.\\w])${name}\\b`).test(code);
}

interface ExprSpec {
  source: unknown;
  at: string;
}

/** Compiles what a policy holds; problems are collected, not thrown. */
function compileAll(
  cel: CelPort,
  parts: { matchConditions: { name: string; e: ExprSpec }[]; variables: { name: string; e: ExprSpec }[]; validations: (Omit<Validation, 'expr' | 'messageExpr'> & { e: ExprSpec; m?: ExprSpec })[] },
  hasParamKind: boolean,
  problems: Policy['problems'],
): Pick<Policy, 'matchConditions' | 'variables' | 'validations' | 'usesAuthorizer' | 'usesNamespaceObject'> {
  let usesAuthorizer = false;
  let usesNamespaceObject = false;
  const variableNames = new Set<string>();
  const compile = (e: ExprSpec, what: string): Expr => {
    const path = e.at
      .split('/')
      .filter(Boolean)
      .map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : i === 0 ? t : `.${t}`))
      .join('');
    if (typeof e.source !== 'string' || e.source.trim() === '') {
      problems.push({ at: e.at, problem: `${path} is missing or empty` });
      return { source: '', at: e.at, program: null };
    }
    const source = e.source;
    // The authorizer needs a cluster (and its functions are not in the offline environment): the policy is not evaluated.
    if (readsIdentifier(source, 'authorizer')) {
      usesAuthorizer = true;
      return { source, at: e.at, program: null };
    }
    if (readsIdentifier(source, 'namespaceObject')) usesNamespaceObject = true;
    if (!hasParamKind && readsIdentifier(source, 'params')) {
      problems.push({ at: e.at, problem: `${path} reads params, but the policy has no spec.paramKind` });
      return { source, at: e.at, program: null };
    }
    for (const m of source.matchAll(/(?:^|[^.\w])variables\s*\.\s*([A-Za-z_]\w*)/g)) {
      if (!variableNames.has(m[1])) {
        problems.push({ at: e.at, problem: `${path} reads variables.${m[1]}, which is not declared ${what === 'variable' ? 'before it' : 'in spec.variables'}` });
        return { source, at: e.at, program: null };
      }
    }
    const c = cel.compile(source);
    if (!c.ok) {
      problems.push({ at: e.at, problem: `${path} does not compile: ${firstLine(c.error)}` });
      return { source, at: e.at, program: null };
    }
    return { source, at: e.at, program: c.program };
  };
  const matchConditions = parts.matchConditions.map((m) => ({ name: m.name, expr: compile(m.e, 'matchCondition') }));
  const variables = parts.variables.map((v) => {
    const expr = compile(v.e, 'variable');
    variableNames.add(v.name);
    return { name: v.name, expr };
  });
  const validations = parts.validations.map(({ e, m, ...rest }) => ({ ...rest, expr: compile(e, 'validation'), ...(m ? { messageExpr: compile(m, 'messageExpression') } : {}) }));
  return { matchConditions, variables, validations, usesAuthorizer, usesNamespaceObject };
}

const list = (v: JsonValue | undefined): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function compileObjectPolicy(r: Resource, cel: CelPort, api: ApiResources, ownInput: boolean): Policy {
  void api;
  void ownInput;
  const spec = isObject(r.value.spec) ? r.value.spec : {};
  const problems: Policy['problems'] = [];
  let paramKind: Policy['paramKind'] = null;
  if (isObject(spec.paramKind)) {
    const apiVersion = str(spec.paramKind.apiVersion);
    const kind = str(spec.paramKind.kind);
    if (!apiVersion || !kind) problems.push({ at: '/spec/paramKind', problem: 'spec.paramKind needs apiVersion and kind' });
    else paramKind = { apiVersion, kind: gk(splitApiVersion(apiVersion).group, kind) };
  }
  const compiled = compileAll(
    cel,
    {
      matchConditions: list(spec.matchConditions).map((m, i) => ({ name: str(m.name) ?? String(i), e: { source: m.expression, at: pointer('spec', 'matchConditions', i, 'expression') } })),
      variables: list(spec.variables).map((v, i) => ({ name: str(v.name) ?? String(i), e: { source: v.expression, at: pointer('spec', 'variables', i, 'expression') } })),
      validations: list(spec.validations).map((v, i) => ({
        e: { source: v.expression, at: pointer('spec', 'validations', i, 'expression') },
        ...(v.messageExpression !== undefined ? { m: { source: v.messageExpression, at: pointer('spec', 'validations', i, 'messageExpression') } } : {}),
        ...(str(v.message) !== undefined ? { message: str(v.message) } : {}),
        ...(str(v.reason) !== undefined ? { reason: str(v.reason) } : {}),
        ...(str(v.fieldPath) !== undefined ? { fieldPath: str(v.fieldPath) } : {}),
      })),
    },
    paramKind !== null,
    problems,
  );
  const matchConstraints = spec.matchConstraints;
  // A policy without matchConstraints.resourceRules matches nothing (the API server requires them).
  const matches = isObject(matchConstraints) && Array.isArray(matchConstraints.resourceRules) ? compileMatchResources(matchConstraints) : () => 'no' as const;
  return {
    name: r.name,
    id: `${POLICY_RULE_PREFIX}${r.name}`,
    resource: r,
    inlineIndex: -1,
    paramKind,
    failurePolicy: spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    match: matches,
    ...compiled,
    problems,
    meta: policyMeta(r.name, objectDescription(r, spec), paramKind?.kind ?? null, objectHelp(r, spec)),
  };
}

function compileInlinePolicy(p: InlinePolicy, i: number, cel: CelPort, api: ApiResources): Policy {
  void api;
  const base = pointer('policies', i);
  const problems: Policy['problems'] = [];
  const compiled = compileAll(
    cel,
    {
      matchConditions: (p.matchConditions ?? []).map((m, j) => ({ name: m.name, e: { source: m.expression, at: `${base}${pointer('matchConditions', j, 'expression')}` } })),
      variables: (p.variables ?? []).map((v, j) => ({ name: v.name, e: { source: v.expression, at: `${base}${pointer('variables', j, 'expression')}` } })),
      validations: p.validations.map((v, j) => ({
        e: { source: v.expression, at: `${base}${pointer('validations', j, 'expression')}` },
        ...(v.messageExpression !== undefined ? { m: { source: v.messageExpression, at: `${base}${pointer('validations', j, 'messageExpression')}` } } : {}),
        ...(v.message !== undefined ? { message: v.message } : {}),
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
        ...(v.fieldPath !== undefined ? { fieldPath: v.fieldPath } : {}),
      })),
    },
    false,
    problems,
  );
  const kinds = p.match?.kinds ?? [];
  const groups = p.match?.apiGroups;
  const namespaces = p.match?.namespaces;
  const selector = p.match?.labelSelector ? toLabelSelector(p.match.labelSelector) : null;
  const match = (t: AdmissionTarget): MatchVerdict => {
    if (kinds.length > 0 && !kinds.includes(t.api.kind) && !kinds.includes('*')) return 'no';
    if (groups && !groups.includes(t.api.group) && !groups.includes('*')) return 'no';
    if (namespaces && !namespaces.includes(t.namespace)) return 'no';
    if (selector && !matchesSelector(selector, t.labels)) return 'no';
    return 'match';
  };
  const description = inlineDescription(p);
  return {
    name: p.name,
    id: `${POLICY_RULE_PREFIX}${p.name}`,
    resource: null,
    inlineIndex: i,
    paramKind: null,
    failurePolicy: 'Fail',
    match,
    ...compiled,
    problems,
    meta: policyMeta(p.name, description, null, inlineHelp(p), p.severity ?? 'error'),
  };
}

function inlineDescription(p: InlinePolicy): string {
  return p.description ?? `Repository policy ${p.name} (.kubewire.yaml): ${p.validations.map((v) => v.message ?? v.expression).join('; ')}`;
}

function objectDescription(r: Resource, spec: JsonObject): string {
  const annotations = isObject(r.value.metadata) && isObject(r.value.metadata.annotations) ? r.value.metadata.annotations : {};
  const described = str(annotations['kubewire.io/description']) ?? str(annotations.description);
  if (described) return described;
  const messages = list(spec.validations).map((v) => str(v.message) ?? str(v.expression) ?? '').filter(Boolean);
  return `ValidatingAdmissionPolicy ${r.name} (${r.source.file})${messages.length ? `: ${messages.join('; ')}` : ''}`;
}

function objectHelp(r: Resource, spec: JsonObject): string {
  const rows = list(spec.validations).map((v) => `- \`${(str(v.expression) ?? '').replace(/\s+/g, ' ').trim()}\`${str(v.message) ? `: ${str(v.message)}` : ''}`);
  return [
    `# policy/${r.name}`,
    '',
    `ValidatingAdmissionPolicy \`${r.name}\`, defined in \`${r.source.file}\`, evaluated offline on a CREATE of each object it and its bindings match (README "Policies").`,
    '',
    '## Validations',
    '',
    ...(rows.length ? rows : ['(none)']),
    '',
    '## How to fix',
    '',
    'Change the object so that the validation holds, or suppress the finding like any rule\'s (`# kubewire-disable-line policy/<name>`, the `kubewire.io/ignore` annotation, or `rules:` in `.kubewire.yaml`).',
    '',
  ].join('\n');
}

function inlineHelp(p: InlinePolicy): string {
  const rows = p.validations.map((v) => `- \`${v.expression.replace(/\s+/g, ' ').trim()}\`${v.message ? `: ${v.message}` : ''}`);
  return [
    `# policy/${p.name}`,
    '',
    p.description ?? `Repository policy \`${p.name}\` of \`.kubewire.yaml\` (README "Policies").`,
    '',
    '## Validations',
    '',
    ...rows,
    '',
    '## How to fix',
    '',
    'Change the object so that the validation holds, or suppress the finding like any rule\'s.',
    '',
  ].join('\n');
}

export function policyMeta(name: string, description: string, paramKind: GroupKind | null, help: string, severity: Severity = 'error'): RuleMeta {
  const title = description.split('\n')[0];
  return {
    id: `${POLICY_RULE_PREFIX}${name}`,
    title: title.length > 120 ? `${title.slice(0, 117)}...` : title,
    description,
    severity,
    category: 'policy',
    appliesTo: '*',
    ...(paramKind ? { references: [paramKind] } : {}),
    messages: { ...POLICY_MESSAGES },
    remediation: 'Change the object so that the policy holds, or suppress the finding like any rule\'s (comment, annotation, or rules: in .kubewire.yaml).',
    help,
  };
}

export type { Labels };

/**
 * The rules of the policies a config and --policy name, without evaluating anything: what `kubewire
 * rules` lists and `kubewire explain` prints. Policies found in the linted input are rules of that run only.
 */
export function configuredPolicyMetas(resources: readonly Resource[], inline: readonly InlinePolicy[]): RuleMeta[] {
  const out = new Map<string, RuleMeta>();
  for (const r of resources) {
    if (r.group !== VALIDATING_ADMISSION_POLICY.group || r.kind !== VALIDATING_ADMISSION_POLICY.kind || r.name === '' || out.has(r.name)) continue;
    const spec = isObject(r.value.spec) ? r.value.spec : {};
    const paramKind = isObject(spec.paramKind) && typeof spec.paramKind.apiVersion === 'string' && typeof spec.paramKind.kind === 'string'
      ? gk(splitApiVersion(spec.paramKind.apiVersion).group, spec.paramKind.kind)
      : null;
    out.set(r.name, policyMeta(r.name, objectDescription(r, spec), paramKind, objectHelp(r, spec)));
  }
  for (const p of inline) {
    if (out.has(p.name)) continue;
    const description = inlineDescription(p);
    out.set(p.name, policyMeta(p.name, description, null, inlineHelp(p), p.severity ?? 'error'));
  }
  return [...out.values()];
}

/** Whether a file holds a ValidatingAdmissionPolicy document (a List of them counts too): the run needs CEL. */
export function holdsAdmissionPolicy(file: LoadedFile): boolean {
  // The documents first: the text of a file read from disk may have to be read again (src/load/texts.ts).
  return file.documents.some((d) => isObject(d.value) && (d.value.kind === 'ValidatingAdmissionPolicy' || d.value.kind === 'List')) && file.text.includes('ValidatingAdmissionPolicy');
}
