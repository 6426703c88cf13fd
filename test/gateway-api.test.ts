// Unit tests of the Gateway API helpers shared by the route-*/gateway-* rules and the wiring graph.
import { describe, expect, it } from 'vitest';
import { ResourceIndex } from '../src/index/resource-index.js';
import {
  admits,
  backendRefs,
  definitionsOf,
  grantFor,
  hostnamesIntersect,
  listeners,
  parentRefs,
  routeBackends,
} from '../src/k8s/gateway-api.js';
import { loadText } from '../src/load/load.js';
import { resourcesOf } from '../src/model/resources.js';
import type { Resource } from '../src/model/types.js';

function load(text: string): { index: ResourceIndex; resources: Resource[] } {
  const resources = resourcesOf(loadText(text, 'test.yaml'), 'default');
  return { index: new ResourceIndex(resources), resources };
}

describe('hostnamesIntersect', () => {
  it('matches wildcards as suffixes over any number of labels, never the bare domain', () => {
    expect(hostnamesIntersect('*.example.com', 'a.example.com')).toBe(true);
    expect(hostnamesIntersect('a.b.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'example.com')).toBe(false);
    expect(hostnamesIntersect('*.example.com', 'badexample.com')).toBe(false);
    expect(hostnamesIntersect('*.example.com', '*.a.example.com')).toBe(true);
    expect(hostnamesIntersect('*.a.example.com', '*.b.example.com')).toBe(false);
    expect(hostnamesIntersect('Shop.Example.com', 'shop.example.com')).toBe(true);
    expect(hostnamesIntersect('shop.example.com', 'shop.example.org')).toBe(false);
  });
});

describe('references with defaults', () => {
  const { resources } = load(`
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: shop }
spec:
  parentRefs:
    - name: gw
    - group: ""
      kind: Service
      name: echo
      namespace: mesh
      sectionName: http
  rules:
    - backendRefs:
        - name: web
          port: 80
          filters:
            - type: RequestMirror
              requestMirror: { backendRef: { name: shadow, namespace: qa, port: 8080 } }
        - group: storage.example.com
          kind: Bucket
          name: assets
      filters:
        - type: RequestMirror
          requestMirror: { backendRef: { name: audit } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: vs }
spec: { hosts: [web] }
`);
  const route = resources[0];

  it('defaults parentRef group, kind and namespace', () => {
    const [gw, svc] = parentRefs(route);
    expect(gw).toMatchObject({ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'shop', name: 'gw', sectionName: null });
    expect(svc).toMatchObject({ group: '', kind: 'Service', namespace: 'mesh', sectionName: 'http', explicitNamespace: true });
  });

  it('lists backendRefs and mirror backends with defaults and pointers', () => {
    const refs = backendRefs(route).map((b) => [b.group, b.kind, b.namespace, b.name, b.port, b.via, b.crossNamespace, b.at]);
    expect(refs).toEqual([
      ['', 'Service', 'shop', 'web', 80, 'backendRef', false, '/spec/rules/0/backendRefs/0'],
      ['', 'Service', 'qa', 'shadow', 8080, 'mirror', true, '/spec/rules/0/backendRefs/0/filters/0/requestMirror/backendRef'],
      ['storage.example.com', 'Bucket', 'shop', 'assets', null, 'backendRef', false, '/spec/rules/0/backendRefs/1'],
      ['', 'Service', 'shop', 'audit', null, 'mirror', false, '/spec/rules/0/filters/0/requestMirror/backendRef'],
    ]);
  });

  it('gives the wiring graph the Service backends of routes only', () => {
    expect(routeBackends(route)).toEqual([
      { namespace: 'shop', name: 'web', port: 80, at: '/spec/rules/0/backendRefs/0' },
      { namespace: 'qa', name: 'shadow', port: 8080, at: '/spec/rules/0/backendRefs/0/filters/0/requestMirror/backendRef' },
      { namespace: 'shop', name: 'audit', port: null, at: '/spec/rules/0/filters/0/requestMirror/backendRef' },
    ]);
    expect(routeBackends(resources[1])).toEqual([]);
  });
});

describe('admission and grants', () => {
  const { index, resources } = load(`
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  listeners:
    - { name: same, port: 80, protocol: HTTP }
    - name: by-name
      port: 81
      protocol: HTTP
      allowedRoutes:
        namespaces:
          from: Selector
          selector: { matchLabels: { kubernetes.io/metadata.name: shop } }
    - { name: tcp, port: 5432, protocol: TCP, allowedRoutes: { namespaces: { from: All } } }
    - { name: custom, port: 7000, protocol: example.com/quic, allowedRoutes: { namespaces: { from: All } } }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: shop }
spec: {}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r2, namespace: unknown }
spec: {}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: g, namespace: backends }
spec:
  from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop }]
  to: [{ group: "", kind: Service, name: api }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  listeners:
    - { name: other, port: 8080, protocol: HTTP }
`);
  const gw = resources[1];
  const [route, unknownNs] = [resources[2], resources[3]];
  const ls = listeners(gw);

  it('applies from Same by default, Selector with the automatic name label, kinds by protocol', () => {
    expect(admits(index, gw, ls[0], route)).toMatchObject({ result: 'no', reason: 'namespace' });
    expect(admits(index, gw, ls[1], route)).toEqual({ result: 'yes' });
    expect(admits(index, gw, ls[1], unknownNs)).toEqual({ result: 'unknown' });
    expect(admits(index, gw, ls[2], route)).toMatchObject({ result: 'no', reason: 'kind' });
    expect(admits(index, gw, ls[3], route)).toEqual({ result: 'unknown' });
  });

  it('resolves ReferenceGrants in the target namespace by from and to', () => {
    const from = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' };
    expect(grantFor(index, from, { group: '', kind: 'Service', namespace: 'backends', name: 'api' })?.name).toBe('g');
    expect(grantFor(index, from, { group: '', kind: 'Service', namespace: 'backends', name: 'web' })).toBeUndefined();
    expect(grantFor(index, { ...from, kind: 'GRPCRoute' }, { group: '', kind: 'Service', namespace: 'backends', name: 'api' })).toBeUndefined();
    expect(grantFor(index, from, { group: '', kind: 'Service', namespace: 'shop', name: 'api' })).toBeUndefined();
  });

  it('keeps every definition of a Gateway, the canonical one first', () => {
    const defs = definitionsOf(index, index.canonical(gw));
    expect(defs.map((d) => listeners(d).map((l) => l.name))).toEqual([['same', 'by-name', 'tcp', 'custom'], ['other']]);
  });
});
