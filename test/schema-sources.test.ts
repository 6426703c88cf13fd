// Where schemas come from: the embedded Kubernetes releases (1.27–1.35, chosen by the target
// version), the embedded Gateway API and Istio CRDs, and CustomResourceDefinitions of the input or of
// `crds:` — each finding at its exact line and column.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { KubewireConfig } from '../src/config/load-config.js';
import { lintWith } from '../src/engine/lint.js';
import { shippedVersions } from '../src/schema/embedded.js';
import { tempDir } from './temp.js';

const checked = rules.filter((r) => r.meta.category === 'schema' || r.meta.id === 'api-version-removed');

async function lintText(text: string, config: Partial<KubewireConfig> = {}, kubernetesVersion?: string, extra: Record<string, string> = {}) {
  const dir = tempDir('kubewire-schema-sources-');
  writeFileSync(path.join(dir, 'input.yaml'), text);
  for (const [name, content] of Object.entries(extra)) writeFileSync(path.join(dir, name), content);
  const result = await lintWith({ paths: ['input.yaml'], cwd: dir, config: { file: null, dir, rules: {}, ...config }, rules: checked, kubernetesVersion });
  return result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
}

const POD_WITH_HOSTNAME_OVERRIDE = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostnameOverride: web-0
  containers:
    - name: web
      image: nginx
`;

describe('Kubernetes releases', () => {
  it('ships every release from 1.27 to 1.35', () => {
    expect(shippedVersions()).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
  });

  it('knows a field added in 1.34 at 1.35 (the default) and not at 1.30', async () => {
    expect(await lintText(POD_WITH_HOSTNAME_OVERRIDE)).toEqual([]);
    expect(await lintText(POD_WITH_HOSTNAME_OVERRIDE, {}, '1.35')).toEqual([]);
    expect(await lintText(POD_WITH_HOSTNAME_OVERRIDE, {}, '1.30')).toEqual([
      expect.stringMatching(/^6:3 schema-unknown-field Unknown field "hostnameOverride" in spec/),
    ]);
  });

  it('validates a kind where its release serves it; once removed, api-version-removed reports it, not schema-missing', async () => {
    const text = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata:
  name: system
spec:
  priorityLevelConfiguration:
    name: global-default
  matchingPrecedence: high
`;
    expect(await lintText(text, {}, '1.31')).toEqual(['8:23 schema-invalid spec.matchingPrecedence must be an integer, got string "high"']);
    const at135 = await lintText(text, {}, '1.35');
    expect(at135).toEqual([expect.stringMatching(/^1:13 api-version-removed flowcontrol\.apiserver\.k8s\.io\/v1beta3 FlowSchema is no longer served since Kubernetes 1\.32/)]);
  });
});

const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: { type: integer, minimum: 1 }
                port: { x-kubernetes-int-or-string: true }
                template: { type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true }
                ports:
                  type: array
                  x-kubernetes-list-type: map
                  x-kubernetes-list-map-keys: [port, protocol]
                  items:
                    type: object
                    required: [port]
                    properties:
                      port: { type: integer }
                      protocol: { type: string, default: TCP }
                tags: { type: array, x-kubernetes-list-type: set, items: { type: string } }
                config: { type: object, nullable: true, additionalProperties: { type: string } }
                pipelines:
                  type: array
                  x-kubernetes-preserve-unknown-fields: true
                  items: { type: object, properties: { workers: { type: integer } } }
    - name: v0
      served: false
      storage: false
      schema:
        openAPIV3Schema: { type: object }
`;

const WIDGETS = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: good
spec:
  size: 2
  port: http
  template: { apiVersion: v1, kind: ConfigMap, data: { a: b } }
  ports: [{ port: 80 }, { port: 80, protocol: UDP }]
  tags: [a, b]
  config: null
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: bad
  labels: { app: web }
spec:
  size: big
  colour: red
  ports:
    - port: 80
    - port: 80
      protocol: TCP
  tags: [a, a]
  pipelines: [{ pipeline.id: main, workers: many }]
---
# Items of a list that preserves unknown fields keep theirs (ECK's Logstash pipelines).
apiVersion: example.com/v1
kind: Widget
metadata:
  name: pipelines
spec:
  size: 1
  pipelines: [{ pipeline.id: main, config.string: "input {}", workers: 2 }]
`;

describe('CustomResourceDefinitions', () => {
  it('of the input validate their custom resources: unknown field, wrong type, duplicates, at the exact lines', async () => {
    expect(await lintText(`${WIDGET_CRD}---\n${WIDGETS}`)).toEqual([
      '64:9 schema-invalid spec.size must be an integer, got string "big"',
      '65:3 schema-unknown-field Unknown field "colour" in spec (fields there: config, pipelines, port, ports, size, tags, template)',
      '68:7 schema-invalid spec.ports[1] duplicates item 0 (same port, protocol: 80,"TCP")',
      '70:13 schema-invalid spec.tags[1] duplicates item 0 (the list is a set)',
      '71:45 schema-invalid spec.pipelines[0].workers must be an integer, got string "many"',
    ]);
  });

  it('of crds: in the config, and of --crd, validate the same way; a version not served has no schema', async () => {
    const config = { crds: ['widgets-crd.yaml'] };
    const found = await lintText(WIDGETS, config, undefined, { 'widgets-crd.yaml': WIDGET_CRD });
    expect(found[0]).toBe('19:9 schema-invalid spec.size must be an integer, got string "big"');
    expect(found).toHaveLength(5);
    const v0 = await lintText(`apiVersion: example.com/v0\nkind: Widget\nmetadata:\n  name: old\n`, config, undefined, { 'widgets-crd.yaml': WIDGET_CRD });
    expect(v0).toEqual([expect.stringMatching(/^2:7 schema-missing No schema for example\.com\/v0 Widget \(1 in the input\)/)]);
  });

  it('give schema-missing once per apiVersion and kind, on the first object, counting them', async () => {
    const text = ['a', 'b', 'c'].map((n) => `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: ${n}\n`).join('---\n');
    expect(await lintText(text)).toEqual([expect.stringMatching(/^2:7 schema-missing No schema for cert-manager\.io\/v1 Certificate \(3 in the input\)/)]);
  });
});

describe('embedded Gateway API and Istio CRDs', () => {
  const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
spec:
  parentRefs: [{ name: gw }]
  rules:
    - backendRefs: [{ name: web, port: 80 }]
      retry: { attempts: 2 }
`;

  it('validate Gateway API objects against the standard channel by default, the experimental one by config', async () => {
    expect(await lintText(route)).toEqual([expect.stringMatching(/^9:7 schema-unknown-field Unknown field "retry" in spec\.rules\[0\]/)]);
    expect(await lintText(route, { gatewayApiChannel: 'experimental' })).toEqual([]);
  });

  it('validate Istio objects', async () => {
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
spec:
  hosts: [web]
  http:
    - route:
        - destination: { host: web, port: { number: web } }
`;
    expect(await lintText(vs)).toEqual(['9:53 schema-invalid spec.http[0].route[0].destination.port.number must be an integer, got string "web"']);
  });
});

describe('CEL validation rules (x-kubernetes-validations)', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: pools.example.com
spec:
  group: example.com
  names: { kind: Pool, plural: pools }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-validations:
                - rule: self.max >= self.min
                  messageExpression: "'max (' + string(self.max) + ') must not be below min (' + string(self.min) + ')'"
                  fieldPath: .max
                - rule: "!has(self.cidr) || cidr(self.cidr).prefixLength() >= 16"
                  message: the pool is larger than a /16
                  fieldPath: .cidr
              properties:
                min: { type: integer, default: 1 }
                max: { type: integer }
                cidr: { type: string }
`;
  const pools = `apiVersion: example.com/v1
kind: Pool
metadata:
  name: small
spec:
  max: 0
  cidr: 10.0.0.0/8
---
apiVersion: example.com/v1
kind: Pool
metadata:
  name: typo
spec:
  max: "none"
`;

  it('of a CRD in the input: messageExpression, fieldPath and defaults, each finding at its exact line; a field with a schema error is not judged', async () => {
    expect(await lintText(`${crd}---\n${pools}`)).toEqual([
      '36:8 schema-cel-invalid spec.max: max (0) must not be below min (1)',
      '37:9 schema-cel-invalid spec.cidr: the pool is larger than a /16',
      '44:8 schema-invalid spec.max must be an integer, got string "none"',
    ]);
  });

  it('of crds: in the config, the same', async () => {
    expect(await lintText(pools, { crds: ['pools-crd.yaml'] }, undefined, { 'pools-crd.yaml': crd })).toEqual([
      '6:8 schema-cel-invalid spec.max: max (0) must not be below min (1)',
      '7:9 schema-cel-invalid spec.cidr: the pool is larger than a /16',
      '14:8 schema-invalid spec.max must be an integer, got string "none"',
    ]);
  });

  it('the same value in several objects (judged once): each object gets its findings at its own lines', async () => {
    const same = (name: string) => `apiVersion: example.com/v1\nkind: Pool\nmetadata:\n  name: ${name}\nspec:\n  max: 0\n  cidr: 10.0.0.0/8\n`;
    expect(await lintText(`${crd}---\n${same('a')}---\n${same('b')}---\n${pools}`)).toEqual([
      '36:8 schema-cel-invalid spec.max: max (0) must not be below min (1)',
      '37:9 schema-cel-invalid spec.cidr: the pool is larger than a /16',
      '44:8 schema-cel-invalid spec.max: max (0) must not be below min (1)',
      '45:9 schema-cel-invalid spec.cidr: the pool is larger than a /16',
      '52:8 schema-cel-invalid spec.max: max (0) must not be below min (1)',
      '53:9 schema-cel-invalid spec.cidr: the pool is larger than a /16',
      '60:8 schema-invalid spec.max must be an integer, got string "none"',
    ]);
  });

  it('of the embedded Gateway API CRDs', async () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
spec:
  rules:
    - matches:
        - path: { type: PathPrefix, value: "/a b" }
      backendRefs: [{ name: web }]
`;
    expect(await lintText(route)).toEqual([
      expect.stringMatching(/^8:11 schema-cel-invalid spec\.rules\[0\]\.matches\[0\]\.path: must only contain valid characters/),
      '9:21 schema-cel-invalid spec.rules[0].backendRefs[0]: Must have port for Service reference',
    ]);
  });
});
