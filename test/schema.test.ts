// Schema validation: locations (kubeconform templates, local HTTP server, disk cache, failures),
// error reduction, embedded version selection, and the real corpus producing no false schema errors.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { rules } from '../rules/index.js';
import { lintWith } from '../src/engine/lint.js';
import { compareVersions, embeddedSchemas, selectVersion, shippedVersions } from '../src/schema/embedded.js';
import { checkLocation, expandLocation, normalizeLocation, templateData } from '../src/schema/locations.js';
import { compileExternal, EmbeddedValidators } from '../src/schema/validator.js';

const schemaRules = rules.filter((r) => r.meta.category === 'schema');
const NO_CONFIG = (dir: string) => ({ file: null, dir, rules: {}, extra: {} });

const WIDGET_SCHEMA = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: { size: { type: 'integer' }, port: { 'x-kubernetes-int-or-string': true } },
    },
  },
};

const WIDGETS = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: a
spec:
  size: big
  sise: 1
---
apiVersion: example.com/v1
kind: Gadget
metadata:
  name: b
`;

describe('schema locations (kubeconform conventions)', () => {
  it('fills every template field as kubeconform does', () => {
    expect(templateData('networking.k8s.io/v1', 'Ingress', '1.33')).toEqual({
      NormalizedKubernetesVersion: 'v1.33.0',
      StrictSuffix: '-strict',
      ResourceKind: 'ingress',
      ResourceAPIVersion: 'v1',
      Group: 'networking.k8s.io',
      KindSuffix: '-networking-v1',
    });
    expect(templateData('v1', 'Service', '1.30')).toMatchObject({ Group: 'v1', KindSuffix: '-v1', ResourceAPIVersion: 'v1' });
    const data = templateData('gateway.networking.k8s.io/v1', 'HTTPRoute', '1.33');
    expect(expandLocation('https://x.test/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json', data)).toBe(
      'https://x.test/gateway.networking.k8s.io/httproute_v1.json',
    );
    expect(expandLocation('/schemas', data)).toBe('/schemas/v1.33.0-standalone-strict/httproute-gateway-v1.json');
    expect(normalizeLocation('default')).toContain('yannh/kubernetes-json-schema');
    expect(checkLocation('s/{{ .Nope }}.json')).toMatch(/unknown template field/);
    expect(checkLocation('s/{{ .ResourceKind }}.json')).toBeNull();
  });
});

describe('embedded schemas', () => {
  it('ships at least one Kubernetes release of 1.30 or newer', () => {
    const shipped = shippedVersions();
    expect(shipped.length).toBeGreaterThan(0);
    expect(compareVersions(shipped[shipped.length - 1], '1.30')).toBeGreaterThanOrEqual(0);
  });
  it('selects the same release, else the newest older one, else the oldest', () => {
    expect(selectVersion('1.33', ['1.31', '1.33'])).toBe('1.33');
    expect(selectVersion('1.34', ['1.31', '1.33'])).toBe('1.33');
    expect(selectVersion('1.32', ['1.31', '1.33'])).toBe('1.31');
    expect(selectVersion('1.20', ['1.31', '1.33'])).toBe('1.31');
  });
});

describe('precompiled validators (npm run build)', () => {
  it('give the same problems as validators compiled at run time', () => {
    const set = embeddedSchemas(shippedVersions().at(-1)!)!;
    const precompiled = new EmbeddedValidators(set, set.hash);
    const lazy = new EmbeddedValidators(set, 'no precompiled module has this hash');
    const docs = [
      { apiVersion: 'v1', kind: 'Service', spec: { selectors: {}, ports: [{ port: 'http', protocol: 17 }, { name: 'x' }], type: 'Nodeport' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { labels: { a: true } }, spec: { template: { spec: { containers: [{ name: 'c', env: [{ name: 'A', value: 1 }], resources: { limits: { cpu: 1 } } }] } } } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', spec: { rules: [{ http: { paths: [{ path: '/', backend: { serviceName: 'x' } }] } }] } },
    ];
    for (const d of docs) {
      const a = precompiled.validator(d.apiVersion, d.kind)!(d);
      expect(a.length).toBeGreaterThan(0);
      expect(a).toEqual(lazy.validator(d.apiVersion, d.kind)!(d));
    }
  });
});

describe('error reduction', () => {
  it('collapses oneOf/anyOf branches into one problem per field', () => {
    const v = compileExternal({
      type: 'object',
      properties: {
        a: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        b: { anyOf: [{ type: 'string' }, { type: 'object', properties: { x: { type: 'integer' } } }] },
      },
    });
    expect(v({ a: true, b: { x: 'no' } })).toEqual([
      { kind: 'type', at: '/a', expected: ['string', 'integer'], value: true },
      { kind: 'type', at: '/b/x', expected: ['integer'], value: 'no' },
    ]);
  });
});

describe('external schema locations over HTTP', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  let cacheDir = '';
  let work = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/example.com/widget_v1.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(WIDGET_SCHEMA));
      } else if (req.url?.startsWith('/broken/')) {
        res.writeHead(500);
        res.end('boom');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    work = tempDir('kubewire-schema-');
    cacheDir = path.join(work, 'cache');
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  const run = (locations: string[], cache = cacheDir) =>
    lintWith({
      files: undefined,
      paths: ['-'],
      stdin: WIDGETS,
      stdinFilename: 'widgets.yaml',
      cwd: work,
      config: NO_CONFIG(work),
      rules: schemaRules,
      schemaLocations: locations,
      cacheDir: cache,
    });

  it('downloads, validates, caches on disk, and reads the cache next time', async () => {
    const location = `${base}/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json`;
    const first = await run([location]);
    const got = first.findings.map((f) => `${f.line} ${f.ruleId} ${f.messageId}`);
    expect(got).toEqual(['6 schema-invalid type', '7 schema-unknown-field unknownField', '10 schema-missing noSchema']);
    expect(first.findings[1].message).toBe('Unknown field "sise" in spec; did you mean "size"?');
    expect(first.findings[2].message).toContain(`${base}/example.com/gadget_v1.json`);
    expect(readdirSync(cacheDir).length).toBe(1); // the found schema, not the 404
    const before = requests.length;
    // A new store (another cache key) reads the widget schema from disk: only the 404 is asked again.
    const second = await run([location, `${work}/none/{{.ResourceKind}}.json`]);
    expect(second.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['6 schema-invalid', '7 schema-unknown-field', '10 schema-missing']);
    expect(requests.slice(before)).toEqual(['/example.com/gadget_v1.json']);
  });

  it('turns a failed download into schema-missing with the reason, never a crash', async () => {
    const result = await run([`${base}/broken/{{.ResourceKind}}.json`], path.join(work, 'cache2'));
    const missing = result.findings.filter((f) => f.ruleId === 'schema-missing');
    expect(missing.map((f) => f.messageId)).toEqual(['fetchFailed', 'fetchFailed']);
    expect(missing[0].message).toContain('HTTP 500');
    // Asked once per kind and run, though three rules prepare.
    expect(requests.filter((r) => r.startsWith('/broken/')).sort()).toEqual(['/broken/gadget.json', '/broken/widget.json']);
    expect(result.findings.filter((f) => f.ruleId !== 'schema-missing')).toEqual([]);
  });

  it('reports an unreachable server clearly', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await run([`http://127.0.0.1:${port}/{{.ResourceKind}}.json`], path.join(work, 'cache3'));
    expect(result.findings.map((f) => f.messageId)).toEqual(['fetchFailed', 'fetchFailed']);
    expect(result.findings[0].message).toMatch(/ECONNREFUSED/);
  });

  it('takes locations and the cache folder from the config file', async () => {
    const configDir = mkdtempSync(path.join(work, 'cfg-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path.join(configDir, '.kubewire.yaml'),
      `schemaLocations:\n  - "${base}/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json"\ncacheDir: cache-here\n`,
    );
    writeFileSync(path.join(configDir, 'w.yaml'), WIDGETS);
    const result = await lintWith({ paths: ['w.yaml'], cwd: configDir, rules: schemaRules });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['schema-invalid', 'schema-unknown-field', 'schema-missing']);
    expect(existsSync(path.join(configDir, 'cache-here'))).toBe(true);
  });
});

// The real applications of ../shared/corpus: every schema finding there must be true. Valid
// applications produce none (errors), only schema-missing infos for custom resources.
const corpus = path.resolve(__dirname, '../../shared/corpus');
describe.skipIf(!existsSync(corpus))('real corpus', () => {
  const valid = [
    'GoogleCloudPlatform__microservices-demo',
    'microservices-demo__microservices-demo',
    'istio__istio/samples/bookinfo',
    'stefanprodan__podinfo',
    'kubernetes-sigs__gateway-api/examples/standard',
  ];
  for (const dir of valid) {
    it(`finds no schema errors in ${dir}`, async () => {
      const result = await lintWith({ paths: [dir], cwd: corpus, config: NO_CONFIG(corpus), rules: schemaRules });
      expect(result.summary.resources).toBeGreaterThan(0);
      const errors = result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.file}:${f.line} ${f.message}`);
      expect(errors).toEqual([]);
    });
  }

  it('finds no schema errors in the Gateway API conformance manifests and experimental examples (experimental channel)', async () => {
    const config = { ...NO_CONFIG(corpus), gatewayApiChannel: 'experimental' as const };
    const paths = ['kubernetes-sigs__gateway-api/conformance', 'kubernetes-sigs__gateway-api/examples/experimental'];
    const result = await lintWith({ paths, cwd: corpus, config, rules: schemaRules });
    const errors = result.findings.filter((f) => f.severity !== 'info').map((f) => `${path.basename(f.file)}:${f.line}:${f.column} ${f.ruleId}`);
    // The conformance suite substitutes {GATEWAY_CONTROLLER_NAME} before applying: a placeholder value, never judged.
    expect(errors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'schema-missing')).toEqual([]);
  });

  it('finds the true mistakes of the linters\' test data, on the exact lines', async () => {
    const result = await lintWith({ paths: ['zegl__kube-score/score/testdata', 'kubernetes__website'], cwd: corpus, config: NO_CONFIG(corpus), rules: schemaRules });
    const at = (file: string) => result.findings.filter((f) => f.file.endsWith(file)).map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(at('ingress-v1-invalid-backend.yaml')).toEqual([
      '10:13 spec.rules[0].http.paths[0] is missing the required field "pathType"',
      '12:15 Unknown field "serviceName" in spec.rules[0].http.paths[0].backend (fields there: resource, service)',
      '13:15 Unknown field "servicePort" in spec.rules[0].http.paths[0].backend (fields there: resource, service)',
    ]);
    expect(at('pod-topology-spread-constraints-invalid-whenunsatisfiable.yaml')).toEqual([
      '11:24 spec.topologySpreadConstraints[0].whenUnsatisfiable must be one of "DoNotSchedule", "ScheduleAnyway", got string "DoNotSCHEDULE"; did you mean "DoNotSchedule"?',
    ]);
    expect(at('dual-stack-ipv6-svc.yaml')[0]).toMatch(/^6:3 Unknown field "ipFamily" in spec/);
    const text = readFileSync(path.join(corpus, 'kubernetes__website/content/en/examples/service/networking/dual-stack-ipv6-svc.yaml'), 'utf8');
    expect(text.split('\n')[5]).toMatch(/^ {2}ipFamily:/);
  });
});
