// Helm charts and Kustomize roots rendered with the real tools, end to end through the built CLI:
// findings at the exact source file and line (patch, base, template), once across overlays; a root
// that fails to build; a chart with a missing dependency; the `kubectl kustomize` fallback (with a
// stand-in script, never a real kubectl); and without the tools, the notes of today.
// The tools come from scripts/install-tools.sh; without them the rendering tests are skipped.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';
import { tempDir } from './temp.js';
import { installedTool } from './tools.js';

const bin = path.join(repoRoot, 'bin/kubewire.js');
const KUSTOMIZE = installedTool('kustomize');
const HELM = installedTool('helm');

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
}

/** `kubewire lint <args> -f json` in `cwd`, looking for the tools in `toolsPath` only. */
function lint(cwd: string, args: string[], toolsPath: string, input = '') {
  const r = spawnSync(process.execPath, [bin, 'lint', ...args, '-f', 'json'], {
    cwd,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', KUBEWIRE_TOOLS_PATH: toolsPath },
  });
  expect(r.stderr).toBe('');
  const json = JSON.parse(r.stdout) as { findings: JsonFinding[] };
  return {
    code: r.status,
    json,
    findings: json.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`),
  };
}

function write(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const toolsFolder = (...tools: (string | null)[]): string => {
  const dir = tempDir('kubewire-tools-');
  for (const t of tools) if (t) write(dir, { [path.basename(t)]: `#!/bin/sh\nexec "${t}" "$@"\n` });
  for (const t of tools) if (t) chmodSync(path.join(dir, path.basename(t)), 0o755);
  return dir;
};

/** A base (Service, Deployment, Ingress), a component whose patch breaks the Service's targetPort, two overlays using both. */
const OVERLAYS: Record<string, string> = {
  'app/base/kustomization.yaml': 'resources:\n  - service.yaml\n  - deployment.yaml\n  - ingress.yaml\n',
  'app/base/service.yaml': [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector: { app: web }',
    '  ports:',
    '    - port: 80',
    '      targetPort: http',
    '',
  ].join('\n'),
  'app/base/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector: { matchLabels: { app: web } }',
    '  template:',
    '    metadata: { labels: { app: web } }',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '          ports:',
    '            - name: http',
    '              containerPort: 8080',
    '',
  ].join('\n'),
  'app/base/ingress.yaml': [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    'spec:',
    '  ingressClassName: nginx',
    '  rules:',
    '    - http:',
    '        paths:',
    '          - path: /',
    '            pathType: Prefix',
    '            backend:',
    '              service:',
    '                name: api',
    '                port: { number: 80 }',
    '',
  ].join('\n'),
  'app/components/metrics-port/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: port.yaml\n',
  'app/components/metrics-port/port.yaml': [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    'spec:',
    '  ports:',
    '    - port: 80',
    '      targetPort: metrics',
    '',
  ].join('\n'),
  'app/overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n  - ../../base\ncomponents:\n  - ../../components/metrics-port\n',
  'app/overlays/staging/kustomization.yaml': 'namespace: staging\nnamePrefix: staging-\nresources:\n  - ../../base\ncomponents:\n  - ../../components/metrics-port\n',
};

describe.skipIf(!KUSTOMIZE)('Kustomize roots built with kustomize', () => {
  const tools = KUSTOMIZE ? toolsFolder(KUSTOMIZE) : '';

  it('a patch that breaks a targetPort: on the patch line, once; a base Ingress naming a Service no overlay defines: on the base line, once', () => {
    const dir = write(tempDir('kubewire-overlays-'), OVERLAYS);
    const r = lint(dir, ['.', '--rule', 'schema-missing=off'], tools);
    expect(r.findings).toEqual([
      'app/base/ingress.yaml:14:23 ingress-backend-service-missing',
      'app/components/metrics-port/port.yaml:8:19 service-target-port-missing',
    ]);
    // Both overlays produced each; the message is one overlay's.
    expect(r.json.findings[1].message).toContain('targetPort "metrics"');
    expect(r.code).toBe(1);
  });

  it('the base and the component are judged only through the overlays: no note, no finding of their own', () => {
    const dir = write(tempDir('kubewire-overlays-'), { ...OVERLAYS, 'app/components/metrics-port/port.yaml': OVERLAYS['app/components/metrics-port/port.yaml'].replace('metrics', 'http') });
    const r = lint(dir, ['.'], tools);
    expect(r.findings).toEqual(['app/base/ingress.yaml:14:23 ingress-backend-service-missing']);
  });

  it('a root that fails to build: one error with the tool\'s message, at its kustomization file', () => {
    const dir = write(tempDir('kubewire-broken-'), { 'broken/kustomization.yaml': 'resources:\n  - service.yaml\n  - missing.yaml\n', 'broken/service.yaml': OVERLAYS['app/base/service.yaml'] });
    const r = lint(dir, ['.'], tools);
    expect(r.findings).toEqual(['broken/kustomization.yaml:1:1 input-build-failed']);
    expect(r.json.findings[0].message).toMatch(/^kustomize build broken failed: .*missing\.yaml/);
    expect(r.json.findings[0].message).not.toContain('kubewire-kustomize-');
  });

  it('falls back to `kubectl kustomize` when kustomize is not found (a stand-in kubectl that runs kustomize build)', () => {
    const dir = write(tempDir('kubewire-overlays-'), OVERLAYS);
    const standIn = tempDir('kubewire-kubectl-');
    const marker = path.join(standIn, 'called');
    write(standIn, { kubectl: `#!/bin/sh\n[ "$1" = kustomize ] || exit 3\nshift\ntouch "${marker}"\nexec "${KUSTOMIZE}" build "$@"\n` });
    chmodSync(path.join(standIn, 'kubectl'), 0o755);
    const r = lint(dir, ['.', '--rule', 'schema-missing=off'], standIn);
    expect(existsSync(marker)).toBe(true);
    expect(r.findings).toContain('app/components/metrics-port/port.yaml:8:19 service-target-port-missing');
  });
});

/** A chart: a Deployment with a port named http, a Service, an Ingress, a `helm test` pod. */
const CHART: Record<string, string> = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'charts/web/values.yaml': 'containerPort: 8080\nservice:\n  port: 80\n  targetPort: http\ningress:\n  port: 80\n',
  'charts/web/templates/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}',
    'spec:',
    '  selector:',
    '    matchLabels: { app: {{ .Release.Name }} }',
    '  template:',
    '    metadata:',
    '      labels: { app: {{ .Release.Name }} }',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '          ports:',
    '            - name: http',
    '              containerPort: {{ .Values.containerPort }}',
    '',
  ].join('\n'),
  'charts/web/templates/service.yaml': [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: {{ .Release.Name }}',
    'spec:',
    '  selector:',
    '    app: {{ .Release.Name }}',
    '  ports:',
    '    - name: http',
    '      port: {{ .Values.service.port }}',
    '      targetPort: {{ .Values.service.targetPort }}',
    '',
  ].join('\n'),
  'charts/web/templates/ingress.yaml': [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: {{ .Release.Name }}',
    'spec:',
    '  ingressClassName: nginx',
    '  rules:',
    '    - http:',
    '        paths:',
    '          - path: /',
    '            pathType: Prefix',
    '            backend:',
    '              service:',
    '                name: {{ .Release.Name }}',
    '                port:',
    '                  number: {{ .Values.ingress.port }}',
    '',
  ].join('\n'),
  'charts/web/templates/tests/test-connection.yaml': [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: {{ .Release.Name }}-test',
    '  annotations:',
    '    "helm.sh/hook": test',
    'spec:',
    '  restartPolicy: Never',
    '  containers:',
    '    - name: wget',
    '      image: busybox:1.36',
    "      command: ['wget', '{{ .Release.Name }}:{{ .Values.service.port }}']",
    '',
  ].join('\n'),
};

describe.skipIf(!HELM)('Helm charts rendered with helm template', () => {
  const tools = HELM ? toolsFolder(HELM) : '';

  it('a correct chart, its test hook pod included: nothing', () => {
    const dir = write(tempDir('kubewire-chart-'), CHART);
    expect(lint(dir, ['.'], tools).findings).toEqual([]);
  });

  it('values that break a Service: on the template line that writes targetPort (values from .kubewire.yaml)', () => {
    const dir = write(tempDir('kubewire-chart-'), {
      ...CHART,
      'charts/web/values-broken.yaml': 'service:\n  targetPort: htttp\n',
      '.kubewire.yaml': 'render:\n  charts:\n    charts/web:\n      releaseName: shop\n      namespace: store\n      values: [values-broken.yaml]\n',
    });
    const r = lint(dir, ['.'], tools);
    expect(r.findings).toEqual(['charts/web/templates/service.yaml:11:7 service-target-port-missing']);
    expect(r.json.findings[0].message).toContain('Service shop');
    expect(r.json.findings[0].message).toContain('did you mean "http"');
  });

  it('a kubewire-disable comment on the template line applies', () => {
    const dir = write(tempDir('kubewire-chart-'), {
      ...CHART,
      'charts/web/values.yaml': CHART['charts/web/values.yaml'].replace('targetPort: http', 'targetPort: htttp'),
      'charts/web/templates/service.yaml': CHART['charts/web/templates/service.yaml'].replace(
        '      targetPort: {{ .Values.service.targetPort }}',
        '      targetPort: {{ .Values.service.targetPort }} # kubewire-disable-line service-target-port-missing -- set per cluster',
      ),
    });
    expect(lint(dir, ['.'], HELM ? toolsFolder(HELM) : '').findings).toEqual([]);
  });

  it('an Ingress on the container port instead of the Service port: on the template line that writes number', () => {
    const dir = write(tempDir('kubewire-chart-'), { ...CHART, 'charts/web/values.yaml': CHART['charts/web/values.yaml'].replace('ingress:\n  port: 80', 'ingress:\n  port: 8080') });
    const r = lint(dir, ['.'], tools);
    expect(r.findings).toEqual(['charts/web/templates/ingress.yaml:16:19 ingress-backend-port-missing']);
    expect(r.json.findings[0].message).toContain('use the Service port 80');
  });

  it('a test hook pod is no endpoint: a Service that only it matches selects nothing (on the template line of selector)', () => {
    const dir = write(tempDir('kubewire-chart-'), {
      ...CHART,
      'charts/web/templates/tests/test-connection.yaml': CHART['charts/web/templates/tests/test-connection.yaml'].replace('metadata:\n', 'metadata:\n  labels: { app: probe }\n'),
      'charts/web/templates/probe-service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: probe\nspec:\n  selector:\n    app: probe\n  ports:\n    - port: 80\n',
    });
    const r = lint(dir, ['.'], tools);
    expect(r.findings).toEqual(['charts/web/templates/probe-service.yaml:6:3 service-selector-matches-nothing']);
  });

  it('a chart with a missing dependency: one info naming it, nothing rendered', () => {
    const dir = write(tempDir('kubewire-chart-'), {
      ...CHART,
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.invalid\n',
    });
    const r = lint(dir, ['.'], tools);
    expect(r.findings).toEqual(['charts/web/Chart.yaml:1:1 input-not-rendered']);
    expect(r.json.findings[0].message).toContain('redis (https://charts.example.invalid)');
  });

  it('a chart that fails to render: one error with helm\'s message, at Chart.yaml', () => {
    const dir = write(tempDir('kubewire-chart-'), { ...CHART, 'charts/web/templates/service.yaml': CHART['charts/web/templates/service.yaml'].replace('.Values.service.port', '.Values.nothing.port') });
    const r = lint(dir, ['.'], tools);
    expect(r.findings).toEqual(['charts/web/Chart.yaml:1:1 input-build-failed']);
    expect(r.json.findings[0].message).toContain('nil pointer');
  });

  it('piped `helm template` output maps back to the templates when its # Source: files are under the working directory', () => {
    const dir = write(tempDir('kubewire-chart-'), { ...CHART, 'charts/web/values.yaml': CHART['charts/web/values.yaml'].replace('targetPort: http', 'targetPort: htttp') });
    const rendered = spawnSync(HELM!, ['template', 'web', './web'], { cwd: path.join(dir, 'charts'), encoding: 'utf8' });
    expect(rendered.status).toBe(0);
    const r = lint(path.join(dir, 'charts'), ['-'], tools, rendered.stdout);
    expect(r.findings).toEqual(['web/templates/service.yaml:11:7 service-target-port-missing']);
  });
});

describe('bounds', () => {
  it('a tool past the time bound is stopped: one info, nothing rendered (a stand-in helm that never answers)', () => {
    const dir = write(tempDir('kubewire-chart-'), { ...CHART, '.kubewire.yaml': 'render:\n  timeoutSeconds: 1\n' });
    const standIn = write(tempDir('kubewire-slow-helm-'), { helm: '#!/bin/sh\nexec sleep 60\n' });
    chmodSync(path.join(standIn, 'helm'), 0o755);
    const r = lint(dir, ['.'], standIn);
    expect(r.findings).toEqual(['charts/web/Chart.yaml:1:1 input-not-rendered']);
    expect(r.json.findings[0].message).toBe('charts/web was not rendered (helm template charts/web): not rendered within 1 s');
  });
});

describe('without the tools', () => {
  it('charts and roots are linted as files, with one note each (as before rendering existed)', () => {
    const dir = write(tempDir('kubewire-notools-'), { ...OVERLAYS, ...CHART });
    const r = lint(dir, ['.', '--rule', 'schema-missing=off'], tempDir('kubewire-no-tools-'));
    expect(r.findings.filter((f) => f.includes('input-not-rendered'))).toEqual([
      'app/base/kustomization.yaml:1:1 input-not-rendered',
      'app/components/metrics-port/kustomization.yaml:1:1 input-not-rendered',
      'app/overlays/prod/kustomization.yaml:1:1 input-not-rendered',
      'app/overlays/staging/kustomization.yaml:1:1 input-not-rendered',
      'charts/web/Chart.yaml:1:1 input-not-rendered',
    ]);
  });

  // An honest placeholder: counted as skipped, it says why the rendering tests did not run.
  if (!KUSTOMIZE) it.todo('kustomize is not installed (bash scripts/install-tools.sh): the Kustomize rendering tests were skipped');
  if (!HELM) it.todo('helm is not installed (bash scripts/install-tools.sh): the Helm rendering tests were skipped');
});
