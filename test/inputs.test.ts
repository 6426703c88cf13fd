// What kubewire reads as a Kubernetes object, end to end through the built CLI: tool documents,
// Kustomize roots and their patches, Helm charts, templates outside a chart, Helm hooks in rendered input.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { repoRoot } from './helpers.js';

const bin = path.join(repoRoot, 'bin/kubewire.js');

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
}

/** `kubewire lint <args> -f json` in `cwd`: the findings as `file:line:column rule messageId`, and the raw run. */
function lint(cwd: string, args: string[], input = '') {
  // Without the tools (--no-render): how charts and roots read as files; test/render.test.ts renders them.
  const r = spawnSync(process.execPath, [bin, 'lint', ...args, '--no-render', '-f', 'json'], { cwd, input, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', KUBEWIRE_TOOLS_PATH: process.env.KUBEWIRE_TOOLS_PATH ?? '' } });
  expect(r.stderr).toBe('');
  const json = JSON.parse(r.stdout) as { findings: JsonFinding[]; summary: { files: number; resources: number } };
  return {
    code: r.status,
    json,
    findings: json.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`),
  };
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

/**
 * One file per row of the table of tool documents: each would be a broken object if judged (no
 * metadata.name, no schema, no kind…), so any finding means the document was taken for an API object.
 */
const TOOL_FILES: Record<string, string> = {
  'kustomize-kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
  'kustomize-component.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches: []\n',
  'kustomize-builtin.yaml': 'apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata:\n  name: prefix\nprefix: prod-\nfieldSpecs: [{ path: metadata/name }]\n',
  'krm-function.yaml':
    'apiVersion: example.com/v1\nkind: SetNamespace\nmetadata:\n  annotations:\n    config.kubernetes.io/function: |\n      container:\n        image: example/set-namespace:v1\nnamespace: prod\n',
  'values.yaml': 'kind: Service\nservice:\n  type: ClusterIP\n  port: 80\n',
  'values-production.yaml': 'apiVersion: v1\nkind: Service\nspec:\n  ports: []\n',
  'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts: [{ image: web }]\n',
  'kind-cluster.yaml': 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: [{ role: control-plane }]\n',
  'kubeadm.yaml': 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.0.0/16\n',
  'kubelet.yaml': 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nport: 10250\n',
  'kube-proxy.yaml': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n',
  'scheduler.yaml': 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles: []\n',
  'apiserver.yaml': 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources: []\n',
  'audit-policy.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{ level: Metadata }]\n',
  'kubeconfig.yaml': 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n',
  'Kptfile.yaml': 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: app\npipeline: {}\n',
  'kuttl-step.yaml': 'apiVersion: kuttl.dev/v1beta1\nkind: TestStep\ncommands: [{ command: kubectl get pods }]\n',
  'chainsaw-test.yaml': 'apiVersion: chainsaw.kyverno.io/v1alpha1\nkind: Test\nspec:\n  steps: []\n',
  'envoy-gateway.yaml': 'apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: EnvoyGateway\nprovider:\n  type: Kubernetes\ngateway:\n  controllerName: gateway.envoyproxy.io/gatewayclass-controller\n',
  'istio-operator.yaml': 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: demo\n',
  'kapp-config.yaml': 'apiVersion: kapp.k14s.io/v1alpha1\nkind: Config\nrebaseRules:\n  - path: [spec, replicas]\n    type: copy\n    sources: [existing]\n',
  'expected-chart.yaml': 'apiVersion: v2\nname: traefik\nversion: 39.0.0\nappVersion: v3.6.0\n',
  'dns-api.json': '{\n  "kind": "discovery#restDescription",\n  "discoveryVersion": "v1",\n  "name": "dns",\n  "version": "v1"\n}\n',
};

describe('tool documents are not Kubernetes objects', () => {
  const dir = tempDir('kubewire-tools-');
  write(dir, TOOL_FILES);
  write(dir, { 'chart/Chart.lock': 'dependencies:\n- name: redis\n  repository: https://charts.example.com\n  version: 1.0.0\ndigest: sha256:0\n' });

  // One run over the table (a CLI start per row would cost seconds each); judged per file.
  let run: ReturnType<typeof lint> | undefined;
  const runOnce = () => (run ??= lint(dir, [...Object.keys(TOOL_FILES), '--rule', 'input-not-rendered=off']));
  it.each(Object.keys(TOOL_FILES))('%s: no finding at all, no object', (file) => {
    expect(runOnce().findings.filter((f) => f.startsWith(`${file}:`))).toEqual([]);
  });
  it('the whole table: no object, exit 0', () => {
    expect(runOnce().json.summary).toMatchObject({ files: Object.keys(TOOL_FILES).length, resources: 0 });
    expect(runOnce().code).toBe(0);
  });
  it('Chart.lock of a chart, named explicitly: no finding', () => {
    // The chart folder has no Chart.yaml here: a Chart.lock is Helm's only inside a chart.
    write(dir, { 'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n' });
    expect(lint(dir, ['chart/Chart.lock']).findings).toEqual([]);
  });
});

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports:\n    - port: 80\n      targetPort: http\n';
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - name: http\n              containerPort: 8080\n';

const KUSTOMIZE: Record<string, string> = {
  'app/base/kustomization.yaml': 'resources:\n  - service.yaml\n  - deployment.yaml\n',
  'app/base/service.yaml': SERVICE,
  'app/base/deployment.yaml': DEPLOYMENT,
  'app/overlays/prod/kustomization.yaml': [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - ../../base',
    'patches:',
    '  - path: service-type.yaml',
    '  - patch: |-', // inline: not a file
    '      - op: replace',
    '        path: /spec/replicas',
    '        value: 3',
    '    target: { kind: Deployment, name: web }',
    'patchesStrategicMerge:',
    '  - delete-debug.yaml',
    'patchesJson6902:',
    '  - target: { group: apps, version: v1, kind: Deployment, name: web }',
    '    path: replicas.yaml',
    '',
  ].join('\n'),
  // A patch that only sets `type`: no ports, no selector — a whole Service would be broken.
  'app/overlays/prod/service-type.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n',
  // `$patch: delete` is no field of a Deployment.
  'app/overlays/prod/delete-debug.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: debug\n$patch: delete\n',
  'app/overlays/prod/replicas.yaml': '- op: replace\n  path: /spec/replicas\n  value: 3\n',
  // A component's patches are patches too (a component is a root of its own).
  'app/components/tls/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: https.yaml\n',
  'app/components/tls/https.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - name: https\n      port: 443\n      targetPort: https\n',
};

describe('Kustomize roots and their patches', () => {
  const dir = tempDir('kubewire-kustomize-');
  write(dir, KUSTOMIZE);

  it('patches are never judged as objects; one info per root, at line 1 of its kustomization', () => {
    const r = lint(dir, ['.']);
    expect(r.findings).toEqual([
      'app/base/kustomization.yaml:1:1 input-not-rendered',
      'app/components/tls/kustomization.yaml:1:1 input-not-rendered',
      'app/overlays/prod/kustomization.yaml:1:1 input-not-rendered',
    ]);
    expect(r.json.findings.map((f) => f.severity)).toEqual(['info', 'info', 'info']);
    expect(r.json.findings[2].message).toBe(
      'Kustomize root app/overlays/prod not built: resources linted as plain YAML, patches not applied; to lint it: kustomize build app/overlays/prod | kubewire lint -',
    );
    // The base's Service and Deployment are judged as plain YAML (and are fine); the patches are no objects.
    expect(r.json.summary.resources).toBe(2);
  });
  it('a root resolves patch paths against its own folder, from any working directory', () => {
    const r = lint(path.join(dir, 'app'), ['overlays', '--rule', 'input-not-rendered=off']);
    expect(r.findings).toEqual([]);
  });
  it('a Flux Kustomization object saved as kustomization.yaml is an object, not a root', () => {
    const flux = tempDir('kubewire-flux-');
    write(flux, {
      'apps/kustomization.yaml':
        'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n',
    });
    const r = lint(flux, ['.']);
    expect(r.findings).toEqual(['apps/kustomization.yaml:2:7 schema-missing']);
    expect(r.json.summary.resources).toBe(1);
  });
  it('a patch of a root that was not built makes a variant of its target: what it adds satisfies references, the objects as written are judged', () => {
    const root = tempDir('kubewire-patch-variant-');
    write(root, {
      'base/kustomization.yaml': 'resources:\n  - gateway.yaml\n',
      'base/gateway.yaml':
        'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  gatewayClassName: example\n  listeners:\n    - { name: http, protocol: HTTP, port: 80 }\n',
      'overlay/kustomization.yaml': 'resources:\n  - ../base\n  - route.yaml\npatches:\n  - path: add-listener.yaml\n',
      // Adds the listener http-auth (lists of maps merge on name, as kustomize merges them).
      'overlay/add-listener.yaml':
        'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  listeners:\n    - { name: http-auth, protocol: HTTP, port: 83 }\n',
      'overlay/route.yaml':
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: auth\nspec:\n  parentRefs:\n    - name: gw\n      sectionName: http-auth\n    - name: gw\n      sectionName: https\n',
    });
    const r = lint(root, ['.', '--rule', 'input-not-rendered=off']);
    // http-auth exists in the patched variant; https in no variant.
    expect(r.findings).toEqual(['overlay/route.yaml:10:20 route-parent-missing']);
  });
  it('a patch file linted without its root is judged as a whole object, as before', () => {
    // Proof that the patches above would be findings without their root: the Service has no ports.
    const r = lint(path.join(dir, 'app/overlays/prod'), ['service-type.yaml']);
    expect(r.findings.length).toBeGreaterThan(0);
  });
  it('a file named as a patch that no root uses is kubectl patch\'s input: no finding; the same object under another name is judged', () => {
    const partial = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          image: example/sidecar:1\n';
    const root = tempDir('kubewire-kubectl-patch-');
    write(root, { 'e2e/sidecar-patch.yaml': partial, 'e2e/patch_env.yml': partial, 'e2e/dispatcher.yaml': partial });
    const r = lint(root, ['.']);
    expect(r.findings.filter((f) => f.startsWith('e2e/') && !f.startsWith('e2e/dispatcher.yaml'))).toEqual([]);
    expect(r.findings.some((f) => f.startsWith('e2e/dispatcher.yaml'))).toBe(true);
  });
});

const CHART: Record<string, string> = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'charts/web/values.yaml': 'service:\n  type: ClusterIP\n  port: 80\n',
  'charts/web/values.schema.json': '{ "$schema": "https://json-schema.org/draft-07/schema#", "type": "object" }\n',
  'charts/web/ci/ingress-values.yaml': 'apiVersion: v1\nkind: Service\ningress:\n  enabled: true\n',
  'charts/web/templates/service.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\n  labels:\n    {{- include "web.labels" . | nindent 4 }}\nspec:\n  type: {{ .Values.service.type }}\n  ports:\n    - port: {{ .Values.service.port }}\n',
  // Plain YAML inside templates/ is a template too: helm renders it.
  'charts/web/templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n',
  'charts/web/templates/tests/test-connection.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "{{ .Release.Name }}-test"\n  annotations:\n    "helm.sh/hook": test\nspec:\n  containers: []\n',
  'charts/web/templates/_helpers.tpl': '{{- define "web.fullname" -}}web{{- end }}\n',
};

describe('Helm charts', () => {
  const dir = tempDir('kubewire-chart-');
  write(dir, CHART);

  it('templates are not read; one info per chart, at line 1 of Chart.yaml; values and ci files are Helm\'s', () => {
    const r = lint(dir, ['.']);
    expect(r.findings).toEqual(['charts/web/Chart.yaml:1:1 input-not-rendered']);
    expect(r.json.findings[0].message).toBe(
      'Helm chart web was not rendered: its templates are not linted; to lint them: helm template charts/web | kubewire lint -',
    );
    // Chart.yaml, values.yaml, values.schema.json, ci/ingress-values.yaml: read, but no objects.
    expect(r.json.summary).toMatchObject({ files: 4, resources: 0 });
  });
  it('a template named explicitly is not read either: its chart gives the one info', () => {
    const r = lint(dir, ['charts/web/templates/service.yaml', 'charts/web/templates/configmap.yaml']);
    expect(r.findings).toEqual(['charts/web/Chart.yaml:1:1 input-not-rendered']);
  });
});

describe('templates outside a chart', () => {
  const dir = tempDir('kubewire-template-');
  write(dir, {
    // Parses as YAML only by accident: `{{ include … }}` is a flow mapping.
    'loose/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  type: {{ .Values.type }}\n  ports:\n    - port: {{ .Values.port }}\n',
    // Not YAML at all.
    'loose/deployment.yaml': '{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n{{- end }}\n',
    // YAML that carries actions inside strings is YAML (a Prometheus rule).
    'loose/rule.yaml':
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: web\nspec:\n  groups:\n    - name: web\n      rules:\n        - alert: Down\n          expr: up == 0\n          annotations:\n            summary: Instance {{ $labels.instance }} is down\n',
    // A Go text/template of a CLI's tests (no Helm object): parses by accident.
    'go/podinfo.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: podinfo\n  namespace: {{ .fluxns }}\nspec:\n  ports:\n    - port: 9898\n',
    // An operator's Go template that is not YAML.
    'go/metricbeat.tpl.yml': 'metricbeat.modules:\n  - module: elasticsearch\n    hosts: ["{{ .URL }}"]\n{{- if isVersionGTE "8.7.0" }}\n    xpack.enabled: true\n{{- end }}\n',
    // A placeholder a test replaces, where it breaks the YAML.
    'go/ipfamilies.yml': 'apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata:\n  name: ipfamilies\nspec:\n  networks:\n  - cidr: {IPv6}/128\n',
    // A Grafana dashboard in a ConfigMap: `{{ }}` on the continuation line of a quoted string is text.
    'addons/grafana.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dashboards\ndata:\n  workload.json: "{\\"legendFormat\\":\\"{{\n    source_workload }}.{{ source_workload_namespace }} : {{ response_code }}\\",\\"refId\\":\\"A\\"}"\n',
  });

  it('one info per file, at the first template token, never a cascade; Helm named only for Helm', () => {
    const r = lint(dir, ['.', '--rule', 'schema-missing=off']);
    expect(r.findings).toEqual([
      'go/ipfamilies.yml:7:11 input-not-rendered',
      'go/metricbeat.tpl.yml:3:14 input-not-rendered',
      'go/podinfo.yaml:5:14 input-not-rendered',
      'loose/deployment.yaml:1:1 input-not-rendered',
      'loose/service.yaml:4:9 input-not-rendered',
    ]);
    expect(r.json.findings.every((f) => f.severity === 'info')).toBe(true);
    expect(r.code).toBe(0);
    const message = (file: string) => r.json.findings.find((f) => f.file === file)?.message;
    expect(message('loose/service.yaml')).toBe(
      'Helm template syntax {{ include "web.fullname" . }}: the file is a template, not linted; render it first: helm template <release> <chart> | kubewire lint -',
    );
    expect(message('go/podinfo.yaml')).toBe('Go template syntax {{ .fluxns }}: the file is a template, not linted; lint the output of the tool that renders it');
    expect(message('go/metricbeat.tpl.yml')).toMatch(/^Go template syntax \{\{ \.URL \}\}/);
    expect(message('go/ipfamilies.yml')).toMatch(/^Placeholder \{IPv6\} stands for a value/);
    // The ConfigMap and the PrometheusRule are objects.
    expect(r.json.summary.resources).toBe(2);
  });
});

describe('placeholders inside values', () => {
  const dir = tempDir('kubewire-placeholder-');
  const ingress = (host: string) =>
    [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: kibana',
      'spec:',
      '  ingressClassName: nginx',
      '  rules:',
      `    - host: "${host}"`,
      '      http:',
      '        paths:',
      '          - path: /',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      '                name: kibana',
      '                port: { number: 5601 }',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: kibana',
      'spec:',
      '  selector: { app: kibana }',
      '  ports: [{ port: 5601 }]',
      '',
    ].join('\n');
  // A Gateway whose class a harness fills in, and a route in another file that names the Gateway.
  const gateway =
    'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: same-namespace\nspec:\n  gatewayClassName: "{GATEWAY_CLASS_NAME}"\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n';
  const route = (parent: string) =>
    `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  parentRefs:\n    - name: "${parent}"\n  rules:\n    - backendRefs:\n        - name: kibana\n          port: 5601\n`;

  it('a value holding a placeholder is not judged; the file and its objects are linted', () => {
    write(dir, { 'recipe/ingress.yaml': ingress('kibana.{{YOUR_DOMAIN}}'), 'e2e/base.yaml': gateway, 'e2e/route.yaml': route('same-namespace'), 'e2e/bench.yaml': route('{REF_GATEWAY_NAME}').replace('name: web', 'name: bench') });
    const r = lint(dir, ['.', '--rule', 'input-not-rendered=off', '--rule', 'schema-missing=off']);
    expect(r.findings).toEqual([]);
    // Ingress, Service, Gateway, two HTTPRoutes: the Gateway with a placeholder class still exists for the route.
    expect(r.json.summary.resources).toBe(5);
  });
  it('names holding a word a script replaces (REPLACEME, ROLLOUT_NAME) are not judged; other capitals are', () => {
    const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: { app: x }\n  ports: [{ port: 80 }]\n`;
    const words = tempDir('kubewire-placeholder-words-');
    write(words, { 'a.yaml': svc('REPLACEME-canary'), 'b.yaml': svc('ROLLOUT_NAME-active'), 'c.yaml': svc('Canary-Service') });
    const r = lint(words, ['.', '--rule', 'service-selector-matches-nothing=off']);
    expect(r.findings).toEqual(['c.yaml:4:9 service-name-invalid']);
    // A whole value in angle brackets is the reader's to fill in; the same value bare is judged.
    const pod = (lun: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: fc\nspec:\n  containers: [{ name: c, image: "c:1" }]\n  volumes:\n    - name: fc\n      fc: { targetWWNs: ["500a0982991b8dc5"], lun: ${lun} }\n`;
    write(words, { 'a.yaml': pod('"<ADD LUN ID Here>"'), 'b.yaml': pod('"ADD LUN ID Here"'), 'c.yaml': svc('canary-service') });
    expect(lint(words, ['.', '--rule', 'service-selector-matches-nothing=off']).findings).toEqual(['b.yaml:9:52 schema-invalid']);
  });
  it('the same values without placeholders are judged', () => {
    // Proof that the test above can fail: an invalid host, a missing Gateway and GatewayClass.
    write(dir, { 'recipe/ingress.yaml': ingress('kibana_example.com'), 'e2e/base.yaml': gateway.replace('"{GATEWAY_CLASS_NAME}"', 'missing-class'), 'e2e/bench.yaml': route('absent').replace('name: web', 'name: bench') });
    const rules = new Set(lint(dir, ['.', '--rule', 'input-not-rendered=off', '--rule', 'schema-missing=off']).json.findings.map((f) => f.ruleId));
    expect(rules).toContain('ingress-host-invalid');
    expect(rules).toContain('route-parent-missing');
  });
});

describe('JSON files', () => {
  const dir = tempDir('kubewire-json-');
  write(dir, {
    'tsconfig.json': '{\n  // JSONC: comments are allowed\n  "compilerOptions": { "strict": true, },\n}\n',
    'package.json': '{ "name": "app", "version": "1.0.0", "scripts": { "test": "vitest" } }\n',
    'data/stream.json': '{"id": 1, "rating": 5}\n{"id": 2, "rating": 4}\n',
    '.markdownlint.json': '{ "MD029": false, "MD013": false, "MD029": { "style": "one" } }\n',
    'data/list.json': '[{ "apiVersion": "v1", "kind": "Service" }]\n',
    // A manifest in JSON is linted like YAML, duplicate keys included.
    'k8s/service.json': '{\n  "apiVersion": "v1",\n  "kind": "Service",\n  "metadata": { "name": "web", "name": "web2" },\n  "spec": { "selector": { "app": "web" }, "ports": [{ "port": 80 }] }\n}\n',
    'k8s/list.json': '{ "apiVersion": "v1", "kind": "List", "items": [{ "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "cfg" } }] }\n',
  });

  it('only JSON objects with apiVersion and kind are read as manifests; other JSON gives no finding', () => {
    const r = lint(dir, ['.', '--rule', 'schema-missing=off']);
    expect(r.findings).toEqual(['k8s/service.json:4:32 yaml-duplicate-key']);
    expect(r.json.summary).toMatchObject({ files: 7, resources: 2 });
  });
  it('named on the command line, a JSON file that is no manifest gives no finding either', () => {
    const r = lint(dir, ['tsconfig.json', 'package.json', 'data/stream.json', '.markdownlint.json', 'data/list.json']);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});

/** `helm template` output: a Service, its Deployment, and a `helm test` pod whose labels match the Service. */
const RENDERED = [
  '---',
  '# Source: web/templates/service.yaml',
  SERVICE.trimEnd(),
  '---',
  '# Source: web/templates/deployment.yaml',
  DEPLOYMENT.trimEnd(),
  '---',
  '# Source: web/templates/tests/test-connection.yaml',
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web-test-connection',
  '  labels: { app: web, role: test }',
  '  annotations:',
  '    "helm.sh/hook": test',
  'spec:',
  '  restartPolicy: Never',
  '  containers:',
  '    - name: wget',
  '      image: busybox',
  '      command: [wget, "web:80"]',
  '      readinessProbe:',
  '        httpGet: { port: metrics }',
  '---',
  '# Source: web/templates/service-test.yaml',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: web-test',
  'spec:',
  '  selector: { app: web, role: test }',
  '  ports:',
  '    - port: 80',
  '',
].join('\n');

describe('Helm hooks in rendered input', () => {
  const dir = tempDir('kubewire-rendered-');

  it('a helm test pod gives no endpoints and is not judged as a workload', () => {
    const r = lint(dir, ['-', '--stdin-filename', 'rendered.yaml'], RENDERED);
    // Service web selects Deployment web only (the test pod, without port "http", is no endpoint of it);
    // the test pod's probe on a port it lacks is not judged; Service web-test selects nothing that runs.
    expect(r.findings).toEqual(['rendered.yaml:55:31 service-selector-matches-nothing']);
  });
  it('the same pod without the hook annotation is an endpoint and a workload', () => {
    const r = lint(dir, ['-', '--stdin-filename', 'rendered.yaml'], RENDERED.replace('"helm.sh/hook": test', 'team: qa'));
    expect(r.findings).toEqual([
      'rendered.yaml:11:19 service-target-port-missing',
      'rendered.yaml:47:26 probe-port-missing',
      'rendered.yaml:57:13 service-target-port-undeclared',
    ]);
  });
});

describe('a repository with all of them', () => {
  const dir = tempDir('kubewire-all-');
  write(dir, { ...Object.fromEntries(Object.entries(TOOL_FILES).map(([f, t]) => [`tools/${f}`, t])), ...KUSTOMIZE, ...CHART });

  it('kubewire lint . gives only the infos per chart and per root', () => {
    const r = lint(dir, ['.']);
    expect(r.findings).toEqual([
      'app/base/kustomization.yaml:1:1 input-not-rendered',
      'app/components/tls/kustomization.yaml:1:1 input-not-rendered',
      'app/overlays/prod/kustomization.yaml:1:1 input-not-rendered',
      'charts/web/Chart.yaml:1:1 input-not-rendered',
    ]);
    expect(r.code).toBe(0);
  });
});
