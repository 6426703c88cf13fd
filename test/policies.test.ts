// Policies (src/policy/): ValidatingAdmissionPolicies and inline repository policies evaluated offline,
// end to end through the CLI at the exact line (the fixture folders under test/fixtures/policies pin
// every finding with `# expect:` markers and are checked by `kubewire test`), plus matching, params
// and evaluation cases through the library.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { resolveSettings } from '../src/config/settings.js';
import { runRules, type RunOptions } from '../src/engine/run.js';
import { ResourceIndex } from '../src/index/resource-index.js';
import { loadText } from '../src/load/load.js';
import { resourcesOf } from '../src/model/resources.js';
import { ApiResources, guessPlural } from '../src/policy/api-resources.js';
import { fieldPathToPointer } from '../src/policy/field-path.js';
import { matchResources, type AdmissionTarget } from '../src/policy/match.js';
import { readsIdentifier } from '../src/policy/policies.js';
import type { JsonObject } from '../src/model/types.js';
import { repoRoot } from './helpers.js';
import { parseSarif } from './sarif.js';
import { tempDir } from './temp.js';
import { installedTool, toolsDir } from './tools.js';

const bin = path.join(repoRoot, 'bin/kubewire.js');
const fixtures = path.join(repoRoot, 'test/fixtures/policies');

function kubewire(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', KUBEWIRE_TOOLS_PATH: process.env.KUBEWIRE_TOOLS_PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(files: Record<string, string>): string {
  const dir = tempDir('kubewire-policies-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Lints YAML texts with policies only (no built-in rule), returning "file:line:col severity rule message" lines. */
function lintPolicies(texts: Record<string, string>, opts: Partial<RunOptions> = {}): string[] {
  const files = Object.entries(texts).map(([name, text]) => loadText(text, name));
  const result = runRules({ files, rules: [], settings: resolveSettings(null, repoRoot, {}), cwd: repoRoot, ...opts });
  return result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.messageId} ${f.message}`);
}

const vap = (name: string, spec: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ${name}
spec:
${spec}`;
const binding = (name: string, spec: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: ${name}
spec:
  policyName: ${name}
${spec}`;
const SERVICES_RULE = `  matchConstraints:
    resourceRules:
    - apiGroups: [""]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["services"]
`;
const service = (name: string, ns: string, extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
${extra}spec:
  ports:
    - port: 80
`;

describe('kubewire test over the policy fixtures (end to end, at the exact line)', () => {
  const dirs = readdirSync(fixtures).filter((d) => !d.startsWith('.'));
  it.each(dirs)('%s: every finding expected, every marker met', (dir) => {
    const r = kubewire(['test', dir], fixtures);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`ok   ${dir}\n1 of 1 fixture folder(s) as expected (${r.stdout.match(/\((\d+) file/)?.[1]} file(s) with findings or markers)\n`);
    expect(r.code).toBe(0);
  });
  it('covers the forms the issue names', () => {
    expect(dirs.sort()).toEqual(['bad-policies', 'gateway-api', 'inline', 'k8s-docs', 'replica-limit', 'servicecidr']);
  });
});

describe('kubewire test', () => {
  it('prints missing and unexpected findings and exits 1', () => {
    const dir = folder({
      'policy.yaml': `${vap('team', `${SERVICES_RULE}  validations:\n  - expression: "has(object.metadata.labels)"\n    message: needs labels\n`)}---\n${binding('team', '  validationActions: [Deny]\n')}`,
      'svc.yaml': `${service('web', 'shop')}---\n${service('api', 'shop', '  labels: { team: x }   # expect: policy/team\n')}`,
      '.kubewire.yaml': 'rules:\n  service-without-selector: off\n',
    });
    const r = kubewire(['test', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL .\n');
    expect(r.stdout).toContain('svc.yaml: unexpected: line 2:1 policy/team violation {"policy":"team","binding":"team","action":"Deny","message":"needs labels"}: needs labels');
    expect(r.stdout).toContain('svc.yaml: missing: line 15 policy/team');
  });
  it('fails a malformed marker and a valid* file that expects findings', () => {
    const dir = folder({ 'valid-svc.yaml': `${service('web', 'shop')}# expect: service-without-selector\n`, 'bad.yaml': '# expect: Not A Rule\n' });
    const r = kubewire(['test', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bad\.yaml: malformed marker: line 1/);
    expect(r.stdout).toContain('valid-svc.yaml: a valid* fixture must not expect findings');
  });
  it('exits 2 on a usage error', () => {
    expect(kubewire(['test', '-'], fixtures).code).toBe(2);
  });
});

describe('kubewire lint with policies', () => {
  const policy = `${vap('no-lb', `${SERVICES_RULE}  validations:\n  - expression: "!has(object.spec.type) || object.spec.type != 'LoadBalancer'"\n    message: no LoadBalancer Services\n`)}---\n${binding('no-lb', '  validationActions: [Warn]\n')}`;
  const lb = `apiVersion: v1\nkind: Service\nmetadata:\n  name: edge\nspec:\n  type: LoadBalancer\n  selector: { app: edge }\n  ports:\n    - port: 80\n`;
  it('--policy takes policies from outside the input; --rule and comments turn them off like any rule', () => {
    const dir = folder({ 'policies/no-lb.yaml': policy, 'app/svc.yaml': lb, 'app/quiet.yaml': lb.replace('edge', 'quiet').replace('kind: Service', 'kind: Service   # kubewire-disable-line policy/no-lb -- accepted') });
    const r = kubewire(['lint', 'app', '--policy', 'policies/no-lb.yaml', '-f', 'compact', '--rule', 'service-load-balancer-unrestricted=off', '--rule', 'service-selector-matches-nothing=off'], dir);
    expect(r.stdout).toBe('app/svc.yaml:2:1: warning no LoadBalancer Services [policy/no-lb]\n');
    expect(r.code).toBe(0);
    const off = kubewire(['lint', 'app', '--policy', 'policies/no-lb.yaml', '-f', 'compact', '--rule', 'policy/no-lb=off', '--rule', 'service-load-balancer-unrestricted=off', '--rule', 'service-selector-matches-nothing=off'], dir);
    expect(off).toMatchObject({ code: 0, stdout: '' });
    const error = kubewire(['lint', 'app', '--policy', 'policies/no-lb.yaml', '-f', 'compact', '--rule', 'policy/no-lb=error', '--rule', 'service-load-balancer-unrestricted=off', '--rule', 'service-selector-matches-nothing=off'], dir);
    expect(error).toMatchObject({ code: 1, stdout: 'app/svc.yaml:2:1: error no LoadBalancer Services [policy/no-lb]\n' });
  });
  it('config policies: files, rules settings, and kubewire rules / explain list them', () => {
    const dir = folder({
      'policies/no-lb.yaml': policy,
      'svc.yaml': lb,
      '.kubewire.yaml': 'policies:\n  - policies/no-lb.yaml\n  - name: team-label\n    description: Every Service names its team\n    match: { kinds: [Service] }\n    validations:\n      - expression: "has(object.metadata.labels)"\n        message: no labels\n        fieldPath: metadata.name\nrules:\n  policy/no-lb: info\n  service-load-balancer-unrestricted: off\n  service-selector-matches-nothing: off\n',
    });
    const r = kubewire(['lint', 'svc.yaml', '-f', 'compact'], dir);
    expect(r.stdout).toBe('svc.yaml:2:1: info no LoadBalancer Services [policy/no-lb]\nsvc.yaml:4:9: error no labels [policy/team-label]\n');
    const list = kubewire(['rules'], dir);
    expect(list.stdout).toMatch(/^policy\/no-lb +error +policy +ValidatingAdmissionPolicy no-lb \(policies\/no-lb\.yaml\): no LoadBalancer Services$/m);
    expect(list.stdout).toMatch(/^policy\/team-label +error +policy +Every Service names its team$/m);
    const explain = kubewire(['explain', 'policy/team-label'], dir);
    expect(explain.stdout).toContain('# policy/team-label\n\nEvery Service names its team');
    expect(explain.stdout).toContain('README.md#policies');
    const sarif = parseSarif(kubewire(['lint', 'svc.yaml', '-f', 'sarif'], dir).stdout);
    const descriptors = sarif.runs[0].tool.driver.rules ?? [];
    expect(descriptors.filter((d) => d.id.startsWith('policy/')).map((d) => d.id).sort()).toEqual(['policy/no-lb', 'policy/team-label']);
    expect(descriptors.find((d) => d.id === 'policy/team-label')?.shortDescription?.text).toBe('Every Service names its team');
    expect(descriptors.find((d) => d.id === 'policy/team-label')?.help?.markdown).toContain('`has(object.metadata.labels)`: no labels');
  });
  it('a bad inline policy is one finding in the config file, and the other policies run', () => {
    const dir = folder({
      'svc.yaml': lb,
      '.kubewire.yaml': 'policies:\n  - name: broken\n    validations:\n      - expression: "object.spec.type =="\n  - name: fine\n    match: { kinds: [Service] }\n    validations:\n      - expression: "false"\n        message: always\nrules:\n  service-load-balancer-unrestricted: off\n  service-selector-matches-nothing: off\n',
    });
    const r = kubewire(['lint', 'svc.yaml', '-f', 'compact'], dir);
    expect(r.stdout).toBe(
      '.kubewire.yaml:4:21: error Policy broken: policies[0].validations[0].expression does not compile: Unexpected token: EOF [policy/broken]\nsvc.yaml:2:1: error always [policy/fine]\n',
    );
  });
  it.skipIf(installedTool('kustomize') === null)('a Kustomize root\'s build is judged by the policies of the plain input (needs scripts/install-tools.sh)', () => {
    const dir = folder({
      'policies.yaml': policy.replace('validationActions: [Warn]', 'validationActions: [Deny]'),
      'app/kustomization.yaml': 'resources: [svc.yaml]\nnamespace: shop\n',
      'app/svc.yaml': lb,
      '.kubewire.yaml': 'rules:\n  service-load-balancer-unrestricted: off\n  service-selector-matches-nothing: off\n',
    });
    const r = spawnSync(process.execPath, [bin, 'lint', '.', '-f', 'compact'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', KUBEWIRE_TOOLS_PATH: toolsDir() } });
    expect(r.stdout).toMatch(/^app\/svc\.yaml:2:\d+: error no LoadBalancer Services \[policy\/no-lb\]\n$/);
  });
  it('an inline policy with an unknown key is a config error', () => {
    const dir = folder({ 'svc.yaml': lb, '.kubewire.yaml': 'policies:\n  - name: x\n    validations: [{ expression: "true" }]\n    matches: {}\n' });
    const r = kubewire(['lint', 'svc.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.kubewire\.yaml:4:5: unknown key "matches" in policies\[0\]/);
  });
});

describe('matching offline', () => {
  const api = new ApiResources(new ResourceIndex([]));
  const target = (apiVersion: string, kind: string, over: Partial<AdmissionTarget> = {}): AdmissionTarget => {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return { api: api.of({ group, version, kind }), name: 'x', namespace: 'shop', labels: {}, namespaceLabels: null, ...over };
  };
  const rule = (r: JsonObject): JsonObject => ({ resourceRules: [{ operations: ['CREATE'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], ...r }] });
  it('names resources by plural: built-in, irregular, guessed, from CRDs of the input', () => {
    expect(api.of({ group: '', version: 'v1', kind: 'Endpoints' }).resource).toBe('endpoints');
    expect(api.of({ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' }).resource).toBe('ingresses');
    expect(api.of({ group: 'gateway.networking.k8s.io', version: 'v1', kind: 'GatewayClass' })).toMatchObject({ resource: 'gatewayclasses', known: 'guessed' });
    expect(guessPlural('NetworkPolicy')).toBe('networkpolicies');
    const crd = resourcesOf(loadText('apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: octopi.example.com }\nspec:\n  group: example.com\n  scope: Cluster\n  names: { kind: Octopus, plural: octopi }\n', 'crd.yaml'), 'default');
    expect(new ApiResources(new ResourceIndex(crd)).of({ group: 'example.com', version: 'v1', kind: 'Octopus' })).toMatchObject({ resource: 'octopi', namespaced: false, known: 'crd' });
  });
  it('matches * but never a subresource-only rule; a manifest is a CREATE', () => {
    const t = target('apps/v1', 'Deployment');
    expect(matchResources(rule({}), t)).toBe('match');
    expect(matchResources(rule({ resources: ['*/*'] }), t)).toBe('match');
    expect(matchResources(rule({ resources: ['deployments/scale'] }), t)).toBe('no');
    expect(matchResources(rule({ resources: ['*/scale'] }), t)).toBe('no');
    expect(matchResources(rule({ resources: ['deployments'] }), t)).toBe('match');
    expect(matchResources(rule({ operations: ['UPDATE', 'DELETE'] }), t)).toBe('no');
    expect(matchResources(rule({ operations: ['*'] }), t)).toBe('match');
    expect(matchResources(rule({ resourceNames: ['other'] }), t)).toBe('no');
    expect(matchResources(rule({ scope: 'Cluster' }), t)).toBe('no');
    expect(matchResources(rule({ scope: 'Namespaced' }), t)).toBe('match');
  });
  it('excludeResourceRules and objectSelector', () => {
    const t = target('v1', 'Service', { labels: { tier: 'web' } });
    expect(matchResources({ ...rule({}), excludeResourceRules: [{ operations: ['*'], apiGroups: [''], apiVersions: ['v1'], resources: ['services'] }] }, t)).toBe('no');
    expect(matchResources({ ...rule({}), objectSelector: { matchLabels: { tier: 'web' } } }, t)).toBe('match');
    expect(matchResources({ ...rule({}), objectSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] } }, t)).toBe('no');
  });
  it('matchPolicy: Equivalent matches another version and a group serving the same resource; Exact does not', () => {
    const old = target('extensions/v1beta1', 'Ingress');
    const r = { operations: ['CREATE'], apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], resources: ['ingresses'] };
    expect(matchResources({ resourceRules: [r] }, old)).toBe('match');
    expect(matchResources({ resourceRules: [r], matchPolicy: 'Exact' }, old)).toBe('no');
    const beta = target('networking.k8s.io/v1beta1', 'Ingress');
    expect(matchResources({ resourceRules: [r] }, beta)).toBe('match');
    expect(matchResources({ resourceRules: [r], matchPolicy: 'Exact' }, beta)).toBe('no');
  });
  it('namespaceSelector: the Namespace of the input with kubernetes.io/metadata.name, else only that label is known', () => {
    const sel = (s: JsonObject): JsonObject => ({ ...rule({}), namespaceSelector: s });
    const known = target('v1', 'Service', { namespaceLabels: { env: 'prod', 'kubernetes.io/metadata.name': 'shop' } });
    expect(matchResources(sel({ matchLabels: { env: 'prod' } }), known)).toBe('match');
    expect(matchResources(sel({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }), known)).toBe('match');
    const absent = target('v1', 'Service');
    expect(matchResources(sel({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }), absent)).toBe('match');
    expect(matchResources(sel({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['shop'] }] }), absent)).toBe('no');
    expect(matchResources(sel({ matchLabels: { env: 'prod' } }), absent)).toBe('unknown');
    expect(matchResources(sel({ matchLabels: { env: 'prod', 'kubernetes.io/metadata.name': 'other' } }), absent)).toBe('no');
    // A cluster-scoped object other than a Namespace is never exempted by a namespaceSelector.
    expect(matchResources(sel({ matchLabels: { env: 'prod' } }), target('rbac.authorization.k8s.io/v1', 'ClusterRole', { namespace: '' }))).toBe('match');
    // A Namespace is judged by its own labels.
    expect(matchResources(sel({ matchLabels: { env: 'prod' } }), target('v1', 'Namespace', { namespace: '', name: 'shop', labels: { env: 'prod' } }))).toBe('match');
  });
  it('reads fieldPath as a pointer, and knows which variables an expression reads', () => {
    expect(fieldPathToPointer('spec.ports[0].name')).toBe('/spec/ports/0/name');
    expect(fieldPathToPointer("metadata.labels['app.kubernetes.io/name']")).toBe('/metadata/labels/app.kubernetes.io~1name');
    expect(fieldPathToPointer('spec..x[')).toBeNull();
    expect(readsIdentifier("authorizer.group('').resource('pods').check('get').allowed()", 'authorizer')).toBe(true);
    expect(readsIdentifier("object.metadata.name != 'authorizer'", 'authorizer')).toBe(false);
    expect(readsIdentifier('object.params == 1', 'params')).toBe(false);
  });
});

describe('params, actions and failures', () => {
  const replicas = `${vap('max', `  paramKind: { apiVersion: v1, kind: ConfigMap }
  matchConstraints:
    resourceRules:
    - { apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"] }
  validations:
  - expression: "object.spec.replicas <= int(params.data.max)"
    messageExpression: "'at most ' + params.data.max + ' replicas'"
`)}`;
  const deployment = (ns: string, n: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: ${ns} }\nspec:\n  replicas: ${n}\n`;
  const cm = (name: string, ns: string, max: number, labels = '{}') => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: ${ns}, labels: ${labels} }\ndata: { max: "${max}" }\n`;
  it('paramRef by name in the object\'s namespace, and by selector (each param judged)', () => {
    const byName = lintPolicies({ 'p.yaml': `${replicas}---\n${binding('max', '  validationActions: [Deny]\n  paramRef: { name: limits, parameterNotFoundAction: Deny }\n')}`, 'a.yaml': `${cm('limits', 'shop', 3)}---\n${deployment('shop', 5)}` });
    expect(byName).toEqual(['a.yaml:7:1 error policy/max violation at most 3 replicas']);
    const bySelector = lintPolicies({
      'p.yaml': `${replicas}---\n${binding('max', '  validationActions: [Warn]\n  paramRef: { namespace: limits, selector: { matchLabels: { tier: web } }, parameterNotFoundAction: Deny }\n')}`,
      'a.yaml': `${cm('a', 'limits', 3, '{ tier: web }')}---\n${cm('b', 'limits', 4, '{ tier: web }')}---\n${cm('c', 'limits', 1, '{ tier: db }')}---\n${deployment('shop', 5)}`,
    });
    expect(bySelector).toEqual(['a.yaml:17:1 warning policy/max violation at most 3 replicas', 'a.yaml:17:1 warning policy/max violation at most 4 replicas']);
  });
  it('parameterNotFoundAction: Deny is judged where the input holds params of the kind (completeness), Allow never', () => {
    const deny = `${replicas}---\n${binding('max', '  validationActions: [Deny]\n  paramRef: { name: limits, parameterNotFoundAction: Deny }\n')}`;
    expect(lintPolicies({ 'p.yaml': deny, 'a.yaml': deployment('shop', 5) })).toEqual([]);
    expect(lintPolicies({ 'p.yaml': deny, 'a.yaml': `${cm('other', 'shop', 3)}---\n${deployment('shop', 5)}` })).toEqual([
      'a.yaml:7:1 error policy/max paramNotFound No ConfigMap parameters limits in namespace shop for binding max of policy max: parameterNotFoundAction Deny',
    ]);
    const allow = deny.replace('parameterNotFoundAction: Deny', 'parameterNotFoundAction: Allow');
    expect(lintPolicies({ 'p.yaml': allow, 'a.yaml': `${cm('other', 'shop', 3)}---\n${deployment('shop', 5)}` })).toEqual([]);
  });
  it('Audit is an info; failurePolicy Ignore drops evaluation errors, Fail reports them', () => {
    const p = (failure: string, actions: string) =>
      `${vap('labels', `  failurePolicy: ${failure}\n${SERVICES_RULE}  validations:\n  - expression: "int(object.metadata.name) > 0"\n`)}---\n${binding('labels', `  validationActions: ${actions}\n`)}`;
    const audit = lintPolicies({ 'p.yaml': p('Fail', '[Audit]'), 's.yaml': service('web', 'shop') });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatch(/^s\.yaml:2:1 info policy\/labels evaluationError Policy labels could not be evaluated on Service web: /);
    expect(lintPolicies({ 'p.yaml': p('Ignore', '[Deny]'), 's.yaml': service('web', 'shop') })).toEqual([]);
  });
  it('authorizer needs a cluster: one info naming the policy; a policy file without a binding: one info', () => {
    const authz = `${vap('authz', `${SERVICES_RULE}  validations:\n  - expression: "authorizer.group('').resource('services').check('create').allowed()"\n`)}---\n${binding('authz', '  validationActions: [Deny]\n')}`;
    expect(lintPolicies({ 'p.yaml': authz, 's.yaml': service('web', 'shop') })).toEqual([
      'p.yaml:4:9 info policy/authz authorizer Policy authz uses authorizer, which needs a cluster: not evaluated offline',
    ]);
    const unbound = vap('lonely', `${SERVICES_RULE}  validations:\n  - expression: "false"\n`);
    expect(lintPolicies({ 'p.yaml': unbound, 's.yaml': service('web', 'shop') })).toEqual([]);
    expect(lintPolicies({ 'p.yaml': unbound, 's.yaml': service('web', 'shop') }, { policies: { policyFiles: new Set(['p.yaml']) } })).toEqual([
      'p.yaml:4:9 info policy/lonely unbound Policy lonely has no ValidatingAdmissionPolicyBinding in the input: the API server does not run it',
    ]);
  });
  it('namespaceObject and request.userInfo (a configurable user)', () => {
    const p = `${vap('ns', `${SERVICES_RULE}  validations:\n  - expression: "namespaceObject.metadata.labels['env'] == 'prod' || request.userInfo.username == 'ci'"\n    messageExpression: "'not in prod: ' + request.userInfo.username"\n`)}---\n${binding('ns', '  validationActions: [Deny]\n')}`;
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: dev, labels: { env: dev } }\n';
    expect(lintPolicies({ 'p.yaml': p, 's.yaml': `${ns}---\n${service('web', 'dev')}` })).toEqual(['s.yaml:6:1 error policy/ns violation not in prod: kubewire']);
    expect(lintPolicies({ 'p.yaml': p, 's.yaml': `${ns}---\n${service('web', 'dev')}` }, { policies: { user: { username: 'ci', groups: [] } } })).toEqual([]);
    // Without the Namespace in the input, namespaceObject is unknown: not evaluated.
    expect(lintPolicies({ 'p.yaml': p, 's.yaml': service('web', 'dev') })).toEqual([]);
  });
  it('a runaway expression stops at the step bound with one finding, not a hang', () => {
    const p = `${vap('slow', `${SERVICES_RULE}  validations:\n  - expression: "[0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b, [0,1,2,3,4,5,6,7,8,9].all(c, [0,1,2,3,4,5,6,7,8,9].all(d, [0,1,2,3,4,5,6,7,8,9].all(e, [0,1,2,3,4,5,6,7,8,9].all(f, [0,1,2,3,4,5,6,7,8,9].all(g, true)))))))"\n`)}---\n${binding('slow', '  validationActions: [Deny]\n')}`;
    const out = lintPolicies({ 'p.yaml': p, 's.yaml': service('web', 'shop') });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^s\.yaml:2:1 error policy\/slow evaluationError .*evaluation stopped/);
  });
  it('built-in rules are unaffected by policies in the input', () => {
    const files = [loadText(`${vap('x', `${SERVICES_RULE}  validations:\n  - expression: "true"\n`)}`, 'p.yaml')];
    const result = runRules({ files, rules, settings: resolveSettings(null, repoRoot, {}), cwd: repoRoot });
    expect(result.findings.filter((f) => f.ruleId.startsWith('policy/'))).toEqual([]);
  });
});

describe('the copies of upstream policies', () => {
  const shared = path.resolve(repoRoot, '../shared');
  const copies: [string, string][] = [
    ['gateway-api/vap_safeupgrades.yaml', 'schemas-src/gateway-api-v1.6.1/standard/gateway.networking.k8s.io_vap_safeupgrades.yaml'],
    ['servicecidr/vap-servicecidr-default.yaml', 'corpus/kubernetes__website/content/en/examples/service/networking/vap-servicecidr-default.yaml'],
    ['servicecidr/vap-servicecidr-deny.yaml', 'corpus/kubernetes__website/content/en/examples/service/networking/vap-servicecidr-deny.yaml'],
  ];
  it.skipIf(!existsSync(shared))('are the upstream texts below their source note (needs ../shared)', () => {
    for (const [copy, source] of copies) {
      const text = readFileSync(path.join(fixtures, copy), 'utf8').replace(/^(#.*\n)+/, '');
      expect(text, copy).toBe(readFileSync(path.join(shared, source), 'utf8'));
    }
  });
});
