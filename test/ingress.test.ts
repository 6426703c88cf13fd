// Shared Ingress helpers (src/k8s/ingress.ts) and robustness of the ingress-* rules on malformed input.
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { hostMatches, ingressBackends, ingressBackendServices, ingressClassOf } from '../src/k8s/ingress.js';
import { ResourceIndex } from '../src/index/resource-index.js';
import { SERVICE } from '../src/model/group-kinds.js';
import { resourcesOf } from '../src/model/resources.js';
import { loadText } from '../src/load/load.js';
import { checkFixture } from '../src/testing/fixtures.js';

function resource(text: string) {
  return resourcesOf(loadText(text, 'x.yaml'), 'default')[0];
}

describe('hostMatches', () => {
  it('matches a wildcard against exactly one label', () => {
    expect(hostMatches('*.example.com', 'shop.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'a.shop.example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('*.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('shop.example.com', '*.example.com')).toBe(false);
    expect(hostMatches('Shop.Example.com', 'shop.example.com')).toBe(true);
  });
});

describe('ingressBackends', () => {
  it('lists v1 service backends with pointers, default backend first, resource backends left out', () => {
    const ing = resource(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec:
  defaultBackend: { service: { name: web, port: { name: http } } }
  rules:
    - host: a.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: api, port: { number: 8080 } } } }
          - { path: /s, pathType: Prefix, backend: { resource: { kind: Bucket, name: b } } }
`);
    expect(ingressBackends(ing)).toEqual([
      {
        serviceName: 'web', port: { name: 'http' }, at: '/spec/defaultBackend', where: 'default',
        nameAt: '/spec/defaultBackend/service/name', portAt: '/spec/defaultBackend/service/port/name',
      },
      {
        serviceName: 'api', port: { number: 8080 }, at: '/spec/rules/0/http/paths/0/backend', where: 'path', host: 'a.example.com',
        nameAt: '/spec/rules/0/http/paths/0/backend/service/name', portAt: '/spec/rules/0/http/paths/0/backend/service/port/number',
      },
    ]);
  });

  it('ingressBackendServices: the Service each backend names, as index.get answers it, once per index', () => {
    const all = resourcesOf(
      loadText(
        `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  defaultBackend: { service: { name: web, port: { number: 80 } } }
  rules:
    - http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: missing, port: { number: 80 } } } }
          - { path: /a, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
---
apiVersion: v1
kind: Service
metadata: { name: missing, namespace: other }
`,
        'x.yaml',
      ),
      'default',
    );
    const [ing] = all;
    const index = new ResourceIndex(all);
    const services = ingressBackendServices(index, ing);
    expect(services).toEqual(ingressBackends(ing).map((b) => index.get(SERVICE, 'shop', b.serviceName)));
    expect(services.map((s) => s?.name ?? null)).toEqual(['web', null, 'web']);
    expect(ingressBackendServices(index, ing)).toBe(services);
    expect(ingressBackendServices(new ResourceIndex([ing]), ing)).toEqual([undefined, undefined, undefined]);
  });

  it('reads the v1beta1 shape only in v1beta1 objects', () => {
    const beta = resource(`apiVersion: extensions/v1beta1
kind: Ingress
metadata: { name: web }
spec:
  backend: { serviceName: web, servicePort: http }
  rules:
    - http: { paths: [ { path: /, backend: { serviceName: api, servicePort: 80 } } ] }
`);
    expect(ingressBackends(beta).map((b) => [b.serviceName, b.port, b.portAt])).toEqual([
      ['web', { name: 'http' }, '/spec/backend/servicePort'],
      ['api', { number: 80 }, '/spec/rules/0/http/paths/0/backend/servicePort'],
    ]);
    const v1 = resource(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec:
  backend: { serviceName: web, servicePort: http }
`);
    expect(ingressBackends(v1)).toEqual([]);
  });

  it('gives ingressClassName precedence over the annotation', () => {
    const ing = resource(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, annotations: { kubernetes.io/ingress.class: traefik } }
spec: { ingressClassName: nginx }
`);
    expect(ingressClassOf(ing)).toEqual({ name: 'nginx', source: 'spec', spec: 'nginx', annotation: 'traefik' });
  });
});

describe('ingress rules on malformed Ingresses', () => {
  const malformed = `# settings: {"completeness": "complete"}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: a }
spec: "not a mapping"
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: b, annotations: "x" }
spec:
  ingressClassName: 7
  defaultBackend: [1, 2]
  tls: [null, "x", { hosts: "a.example.com", secretName: 3 }, { hosts: [1, null, "ok.example.com"] }]
  rules: [null, 3, { host: 5, http: { paths: "x" } }, { http: { paths: [null, 1, { path: 3, pathType: 4, backend: { service: "x" } }] } }]
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: { name: c }
spec:
  backend: { serviceName: 3, servicePort: [] }
  rules: [{ http: { paths: [{ backend: null }] } }]
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: { name: d, annotations: { ingressclass.kubernetes.io/is-default-class: true } }
---
apiVersion: v1
kind: Service
metadata: { name: x }
spec: { ports: "none" }
---
apiVersion: v1
kind: Secret
metadata: { name: x }
data: "none"
`;
  const ours = rules.filter((r) => r.meta.id.startsWith('ingress-') || r.meta.id.startsWith('api-version-'));

  it('covers the 13 Ingress and 2 API version rules', () => {
    expect(ours).toHaveLength(15);
  });

  for (const rule of ours) {
    it(`${rule.meta.id} does not crash`, () => {
      const result = checkFixture(rule, malformed, 'malformed.yaml');
      expect(result.actual.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    });
  }
});
