// The engine's guarantees: completeness decided once for every reference rule, kinds as (group, kind),
// undeclared references caught, and the graph drawn from the same findings as lint.
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { resolveSettings } from '../src/config/settings.js';
import { defineRule } from '../src/engine/rule.js';
import { runRules } from '../src/engine/run.js';
import { buildGraph } from '../src/graph/build.js';
import { ResourceIndex } from '../src/index/resource-index.js';
import { loadText } from '../src/load/load.js';
import { GATEWAY, ISTIO_GATEWAY, KNATIVE_SERVICE, SERVICE } from '../src/model/group-kinds.js';
import { resourcesOf } from '../src/model/resources.js';

function run(docs: string[], completeness: 'auto' | 'complete' = 'auto', only?: string[]) {
  const files = docs.map((d, i) => loadText(d, `f${i}.yaml`));
  const chosen = only ? rules.filter((r) => only.includes(r.meta.id)) : rules;
  return runRules({ files, rules: chosen, settings: resolveSettings(null, process.cwd(), { completeness }), cwd: process.cwd() });
}

/** Four referrers of the Service `api` in namespace `b`, one per reference rule family. */
const REFERRERS = {
  'ingress-backend-service-missing': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: b }
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }
`,
  'route-backend-missing': `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: b }
spec:
  rules:
    - backendRefs: [{ name: api, port: 80 }]
`,
  'mesh-destination-host-missing': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: b }
spec:
  hosts: [web]
  http:
    - route: [{ destination: { host: api.b.svc.cluster.local } }]
`,
  'statefulset-service-missing': `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: b }
spec:
  serviceName: api
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: db }] }
`,
};
const RULE_IDS = Object.keys(REFERRERS);
/** A documentation snippet's form of a document: no namespace named (the reader's current one: the run's default namespace, b). */
const unpinned = (doc: string) => doc.replaceAll(', namespace: b', '');
const service = (name: string, namespace: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec: { selector: { app: ${name} }, ports: [{ port: 80 }] }\n`;

describe('completeness is the engine’s, the same for every reference rule', () => {
  const cases: { input: string; extra: string[]; completeness?: 'complete'; reported: boolean }[] = [
    { input: 'no Service anywhere', extra: [], reported: false },
    { input: 'Services only in another namespace, none named api', extra: [service('web', 'c')], reported: false },
    { input: 'another Service in namespace b', extra: [service('web', 'b')], reported: true },
    { input: 'a Service api in another namespace', extra: [service('api', 'c')], reported: true },
    { input: 'no Service, completeness: complete', extra: [], completeness: 'complete', reported: true },
  ];
  for (const c of cases) {
    it(`${c.input}: ${c.reported ? 'all report' : 'none reports'} the missing Service b/api`, () => {
      const got: Record<string, boolean> = {};
      for (const [id, doc] of Object.entries(REFERRERS)) {
        // A marker object in namespace b, so that b is not an empty namespace: completeness is about Services.
        const result = run([doc, ...c.extra], c.completeness ?? 'auto', [id]);
        got[id] = result.findings.some((f) => f.ruleId === id);
      }
      expect(got).toEqual(Object.fromEntries(RULE_IDS.map((id) => [id, c.reported])));
    });
  }

  // Paths: [referrer's file, the other Service's file]. The other Service (web in namespace b) puts
  // namespace b in the input only along the referrer's line of folders.
  const layouts: { layout: string; files: [string, string]; reported: boolean; snippet?: true }[] = [
    { layout: 'same folder', files: ['app/ref.yaml', 'app/web.yaml'], reported: true },
    { layout: 'the Service in a folder below', files: ['app/ref.yaml', 'app/services/web.yaml'], reported: true },
    { layout: 'the Service in a folder above', files: ['app/ingress/ref.yaml', 'app/web.yaml'], reported: true },
    { layout: 'the referrer at the top, the Service anywhere below', files: ['ref.yaml', 'examples/two/web.yaml'], reported: true },
    { layout: 'sibling folders (two examples)', files: ['examples/one/ref.yaml', 'examples/two/web.yaml'], reported: false },
    { layout: 'sibling folders, deeper', files: ['a/x/ref.yaml', 'a/y/z/web.yaml'], reported: false },
    // Documentation folders: the unit is the file (a snippet whose companions the reader creates).
    { layout: 'docs: another snippet in the same folder', files: ['docs/networking/ref.yaml', 'docs/networking/web.yaml'], reported: false, snippet: true },
    { layout: 'examples: a snippet above', files: ['site/examples/a/ref.yaml', 'site/examples/web.yaml'], reported: false, snippet: true },
    { layout: 'a folder merely named like docs (docs-site) is no documentation folder', files: ['docs-site/ref.yaml', 'docs-site/web.yaml'], reported: true, snippet: true },
    // An example application pinned to its namespace (examples/shop) is judged like any application.
    { layout: 'examples: an application whose files name their namespace', files: ['examples/shop/ref.yaml', 'examples/shop/web.yaml'], reported: true },
  ];
  for (const c of layouts) {
    it(`${c.layout}: ${c.reported ? 'all report' : 'none reports'} the missing Service b/api`, () => {
      const got: Record<string, boolean> = {};
      for (const [id, doc] of Object.entries(REFERRERS)) {
        const files = [loadText(c.snippet ? unpinned(doc) : doc, c.files[0]), loadText(c.snippet ? unpinned(service('web', 'b')) : service('web', 'b'), c.files[1])];
        const result = runRules({ files, rules: rules.filter((r) => r.meta.id === id), settings: resolveSettings(null, process.cwd(), c.snippet ? { namespace: 'b' } : {}), cwd: process.cwd() });
        got[id] = result.findings.some((f) => f.ruleId === id);
      }
      expect(got).toEqual(Object.fromEntries(RULE_IDS.map((id) => [id, c.reported])));
    });
  }

  it('docs: a snippet whose own file holds Services of the namespace is judged', () => {
    const got: Record<string, boolean> = {};
    for (const [id, doc] of Object.entries(REFERRERS)) {
      const files = [loadText(unpinned(`${doc}---\n${service('web', 'b')}`), 'docs/ref.yaml'), loadText(unpinned(service('other', 'b')), 'docs/other.yaml')];
      const result = runRules({ files, rules: rules.filter((r) => r.meta.id === id), settings: resolveSettings(null, process.cwd(), { namespace: 'b' }), cwd: process.cwd() });
      got[id] = result.findings.some((f) => f.ruleId === id);
    }
    expect(got).toEqual(Object.fromEntries(RULE_IDS.map((id) => [id, true])));
  });

  it('a reference rule may only report missing kinds it declares', () => {
    const sloppy = defineRule({
      meta: {
        id: 'test-sloppy',
        title: 'test rule',
        description: 'reports a Secret missing without declaring Secrets in meta.references',
        severity: 'error',
        category: 'wiring',
        appliesTo: [SERVICE],
        references: [SERVICE],
        messages: { missing: 'missing' },
      },
      check(ctx) {
        ctx.report({ messageId: 'missing', at: '', missing: { kinds: [{ group: '', kind: 'Secret' }], namespace: 'b', name: 'x' } });
      },
    });
    const files = [loadText(service('api', 'b'), 's.yaml')];
    const result = runRules({ files, rules: [sloppy], settings: resolveSettings(null, process.cwd(), { completeness: 'complete' }), cwd: process.cwd() });
    expect(result.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['internal-error', expect.stringContaining('reports a missing Secret, which is not in its meta.references')],
    ]);
  });
});

describe('kinds are (group, kind)', () => {
  const knative = `apiVersion: serving.knative.dev/v1
kind: Service
metadata: { name: hello, namespace: b }
spec:
  template:
    spec:
      containers: [{ image: hello, ports: [{ containerPort: 8080 }] }]
`;
  const istioGateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: b }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ['*'] }]
`;
  it('the index keeps a Knative Service apart from core Services, an Istio Gateway apart from Gateway API ones', () => {
    const index = new ResourceIndex([knative, istioGateway, service('api', 'b')].flatMap((d, i) => resourcesOf(loadText(d, `f${i}.yaml`), 'default')));
    // The core Service `hello` is the one Knative makes: found by lookups, never checked by rules.
    expect(index.all(SERVICE).map((r) => [r.name, r.producedBy?.group ?? ''])).toEqual([['api', ''], ['hello', 'serving.knative.dev']]);
    expect(index.unique.filter((r) => r.kind === 'Service').map((r) => `${r.group}/${r.name}`)).toEqual(['serving.knative.dev/hello', '/api']);
    expect(index.all(KNATIVE_SERVICE).map((r) => r.name)).toEqual(['hello']);
    expect(index.get(SERVICE, 'b', 'hello')!.producedBy).toBe(index.all(KNATIVE_SERVICE)[0]);
    expect(index.has(GATEWAY)).toBe(false);
    expect(index.inNamespace(ISTIO_GATEWAY, 'b').map((r) => r.name)).toEqual(['gw']);
  });
  it('no rule written for core Services judges a Knative Service, none written for Gateway API Gateways an Istio one', () => {
    const result = run([knative, istioGateway]);
    // The Istio Gateway's own selector is judged: the Knative Service's pods are pods of the input.
    const onThem = result.findings.filter(
      (f) => f.resource && !['schema-missing', 'network-policy-missing', 'mesh-gateway-selector-matches-nothing'].includes(f.ruleId),
    );
    expect(onThem.map((f) => `${f.ruleId} ${f.resource!.kind}`)).toEqual([]);
  });
  it('an Ingress backend naming a Knative Service is satisfied: Knative creates the core Service of that name', () => {
    const result = run([REFERRERS['ingress-backend-service-missing'], knative.replace('name: hello', 'name: api'), service('other', 'b')]);
    expect(result.findings.filter((f) => f.ruleId === 'ingress-backend-service-missing')).toEqual([]);
  });
});

describe('pods of every workload kind (WORKLOADS)', () => {
  const selecting = (ns: string) =>
    `apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: ${ns} }\nspec: { selector: { app: web }, ports: [{ port: 80 }] }\n`;
  const rollout = (ns: string, app: string) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: r, namespace: ${ns} }\nspec:\n  selector: { matchLabels: { app: ${app} } }\n  template:\n    metadata: { labels: { app: ${app} } }\n    spec: { containers: [{ name: c, image: c }] }\n`;
  const podTemplate = (ns: string) =>
    `apiVersion: v1\nkind: PodTemplate\nmetadata: { name: t, namespace: ${ns} }\ntemplate:\n  metadata: { labels: { app: web } }\n  spec: { containers: [{ name: c, image: c }] }\n`;
  const prometheus = (ns: string) =>
    `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: { name: k8s, namespace: ${ns} }\nspec: { replicas: 1 }\n`;
  const ids = (docs: string[]) => run(docs, 'auto', ['service-selector-matches-nothing']).findings.map((f) => `${f.ruleId} ${f.messageId}`);
  it('a namespace whose only pods are a Rollout\'s holds pods: a selector that misses them is judged, one that matches is satisfied', () => {
    expect(ids([selecting('b'), rollout('b', 'other')])).toEqual(['service-selector-matches-nothing noMatch']);
    expect(ids([selecting('b'), rollout('b', 'web')])).toEqual([]);
  });
  it('a PodTemplate makes no pods: it is not selected, and a namespace holding only one holds no pods', () => {
    expect(ids([selecting('b'), podTemplate('b')])).toEqual([]);
    expect(run([selecting('b'), podTemplate('b')], 'complete', ['service-selector-matches-nothing']).findings.map((f) => f.messageId)).toEqual(['noWorkloads']);
  });
  it('operator-made pods count: a namespace holding a Prometheus holds pods', () => {
    expect(ids([selecting('b'), prometheus('b')])).toEqual(['service-selector-matches-nothing noMatch']);
    expect(ids([selecting('c'), prometheus('b')])).toEqual([]);
  });
  it('appliesTo WORKLOADS runs on every object with a pod template, not on operator-made ones', () => {
    const onRollout = run([rollout('b', 'web').replace('image: c }', 'image: c, ports: [{ containerPort: 70000 }] }'), prometheus('b')], 'auto', ['container-port-invalid']);
    expect(onRollout.findings.map((f) => `${f.ruleId} ${f.resource!.kind}`)).toEqual(['container-port-invalid Rollout']);
  });
});

describe('the graph and lint agree on broken wires', () => {
  it('every broken edge has a finding of its rule, and every such finding a broken edge', () => {
    const docs = [
      REFERRERS['ingress-backend-service-missing'],
      service('web', 'b'),
      `apiVersion: v1\nkind: Service\nmetadata: { name: cart, namespace: b }\nspec: { selector: { app: cart }, ports: [{ port: 80 }] }\n`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: b }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: web }] }\n`,
    ];
    const result = run(docs);
    const graph = buildGraph(result);
    const broken = graph.edges.filter((e) => e.broken).map((e) => e.from);
    const gating = result.findings.filter((f) => ['ingress-backend-service-missing', 'service-selector-matches-nothing'].includes(f.ruleId));
    expect(gating.map((f) => `${f.ruleId} ${f.resource!.name}`).sort()).toEqual(['ingress-backend-service-missing web', 'service-selector-matches-nothing cart']);
    expect(broken.sort()).toEqual(['/Service/b/cart', 'networking.k8s.io/Ingress/b/web']);
    // Turn the rules off and the graph has no broken wires: it never judges on its own.
    const quiet = runRules({
      files: docs.map((d, i) => loadText(d, `f${i}.yaml`)),
      rules,
      settings: resolveSettings(null, process.cwd()),
      ruleSettings: { 'ingress-backend-service-missing': { severity: 'off' }, 'service-selector-matches-nothing': { severity: 'off' } },
      cwd: process.cwd(),
    });
    expect(buildGraph(quiet).edges.filter((e) => e.broken)).toEqual([]);
  });
});

describe('documentation snippets conflict only within their file', () => {
  const ingress = (name: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: ${name} }\nspec:\n  ingressClassName: example\n  rules:\n    - host: foo.bar.com\n      http:\n        paths:\n          - { path: /bar, pathType: Prefix, backend: { service: { name: s, port: { number: 80 } } } }\n`;
  const nodePort = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec:\n  type: NodePort\n  ports: [{ port: 80, nodePort: 30080 }]\n`;
  const pairing = ['ingress-host-path-conflict', 'service-node-port-collision'];
  const found = (files: [string, string][]) => {
    const loaded = files.map(([path, text]) => loadText(text, path));
    const result = runRules({ files: loaded, rules: rules.filter((r) => pairing.includes(r.meta.id)), settings: resolveSettings(null, process.cwd(), {}), cwd: process.cwd() });
    return [...new Set(result.findings.map((f) => `${f.file} ${f.ruleId}`))].sort();
  };
  it('two pages of a docs folder: no conflict', () => {
    expect(found([['docs/networking/fanout.yaml', ingress('a') + '---\n' + nodePort('x')], ['docs/networking/wildcard.yaml', ingress('b') + '---\n' + nodePort('y')]])).toEqual([]);
  });
  it('one snippet holding both, or two application folders: conflicts', () => {
    expect(found([['docs/networking/both.yaml', `${ingress('a')}---\n${ingress('b')}---\n${nodePort('x')}---\n${nodePort('y')}`]])).toEqual([
      'docs/networking/both.yaml ingress-host-path-conflict',
      'docs/networking/both.yaml service-node-port-collision',
    ]);
    expect(found([['team-a/app.yaml', ingress('a') + '---\n' + nodePort('x')], ['team-b/app.yaml', ingress('b') + '---\n' + nodePort('y')]])).toEqual([
      'team-a/app.yaml ingress-host-path-conflict',
      'team-a/app.yaml service-node-port-collision',
      'team-b/app.yaml ingress-host-path-conflict',
      'team-b/app.yaml service-node-port-collision',
    ]);
  });
});

describe('Completeness.judges asked again and again', () => {
  it('answers each question as a fresh instance does, whichever question came before', async () => {
    const { Completeness } = await import('../src/engine/completeness.js');
    const svc = (ns: string, name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  ports:\n    - port: 80\n`;
    const files = [loadText(svc('x', 'api'), 'a/svc.yaml'), loadText(svc('y', 'web'), 'b/svc.yaml'), loadText(svc('x', 'db'), 'a/deeper/svc.yaml')];
    const index = new ResourceIndex(files.flatMap((f) => resourcesOf(f, 'default')));
    const questions: [Parameters<InstanceType<typeof Completeness>['judges']>[0], string][] = [];
    for (const from of ['a/x.yaml', 'b/x.yaml', 'c/x.yaml', 'a/deeper/x.yaml'])
      for (const namespace of ['x', 'y', null])
        for (const name of [undefined, 'api', 'web']) {
          questions.push([{ kinds: [SERVICE], namespace, ...(name ? { name } : {}) }, from]);
          questions.push([{ kinds: [GATEWAY], namespace, ...(name ? { name } : {}) }, from]);
        }
    const fresh = questions.map(([ref, from]) => new Completeness(index, 'auto').judges(ref, from));
    expect(new Set(fresh).size).toBe(2);
    const one = new Completeness(index, 'auto');
    // Every question right after every other (and after itself): the last answer is never reused for another question.
    for (let i = 0; i < questions.length; i++) {
      for (let j = 0; j < questions.length; j++) {
        expect(one.judges(...questions[i]), `${i}`).toBe(fresh[i]);
        expect(one.judges({ ...questions[j][0] }, questions[j][1]), `${j} after ${i}`).toBe(fresh[j]);
      }
    }
  });
});
