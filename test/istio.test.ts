// Unit tests of the Istio helpers shared by the mesh-* rules and the wiring graph (src/k8s/istio.ts).
import { describe, expect, it } from 'vitest';
import { ResourceIndex } from '../src/index/resource-index.js';
import {
  exportScopes,
  hostsOverlap,
  isMeshBound,
  istioGatewayHosts,
  istioProtocol,
  meshPresent,
  resolveHost,
  scopesOverlap,
  sidecarInjected,
  toFqdn,
  virtualServiceDestinations,
  virtualServiceGatewayRefs,
} from '../src/k8s/istio.js';
import { loadText } from '../src/load/load.js';
import { resourcesOf } from '../src/model/resources.js';
import type { Resource } from '../src/model/types.js';

function load(text: string): { index: ResourceIndex; resources: Resource[] } {
  const resources = resourcesOf(loadText(text, 'test.yaml'), 'default');
  return { index: new ResourceIndex(resources), resources };
}

describe('istioProtocol (SEMANTICS.md §5.3)', () => {
  it('follows ConvertProtocol exactly', () => {
    expect(istioProtocol(80, 'http-web', 'TCP', null)).toBe('HTTP');
    expect(istioProtocol(80, 'web', 'TCP', null)).toBeNull();
    expect(istioProtocol(80, 'grpc', 'TCP', null)).toBe('GRPC');
    expect(istioProtocol(80, 'tcp-db', 'TCP', null)).toBe('TCP');
    expect(istioProtocol(443, 'https', 'TCP', null)).toBe('HTTPS');
    expect(istioProtocol(5432, 'database', 'TCP', 'mysql')).toBe('MySQL');
    expect(istioProtocol(4222, 'tcp-client', 'TCP', 'nats.io/client')).toBeNull();
    expect(istioProtocol(53, 'dns', 'UDP', null)).toBe('UDP');
    expect(istioProtocol(8080, 'grpc-web-ui', 'TCP', null)).toBe('GRPC-Web');
    expect(istioProtocol(8080, 'GRPC-Web', 'TCP', null)).toBe('GRPC-Web');
    expect(istioProtocol(8080, 'h2', 'TCP', 'kubernetes.io/h2c')).toBe('HTTP2');
    expect(istioProtocol(8080, 'x', 'TCP', 'kubernetes.io/ws')).toBe('HTTP');
    expect(istioProtocol(8443, 'x', 'TCP', 'kubernetes.io/wss')).toBe('HTTPS');
    expect(istioProtocol(3128, 'http_proxy', 'TCP', null)).toBe('HTTP_PROXY');
    expect(istioProtocol(80, 'http2x-api', 'TCP', null)).toBeNull();
    expect(istioProtocol(80, 'HTTP', 'TCP', null)).toBe('HTTP');
    for (const port of [25, 53, 3306, 27017]) expect(istioProtocol(port, 'db', 'TCP', null)).toBe('TCP');
    expect(istioProtocol(5432, null, 'TCP', null)).toBeNull();
  });
});

describe('hosts', () => {
  it('expands only names without a dot (ConvertHostToFQDN)', () => {
    expect(toFqdn('reviews', 'bookinfo')).toBe('reviews.bookinfo.svc.cluster.local');
    expect(toFqdn('reviews.bookinfo', 'shop')).toBe('reviews.bookinfo');
    expect(toFqdn('*.example.com', 'shop')).toBe('*.example.com');
    expect(toFqdn('*', 'shop')).toBe('*');
  });
  it('overlaps like host.Name.Matches', () => {
    expect(hostsOverlap('*', 'a.example.com')).toBe(true);
    expect(hostsOverlap('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostsOverlap('a.example.com', '*.example.com')).toBe(true);
    expect(hostsOverlap('*.example.com', 'example.com')).toBe(false);
    expect(hostsOverlap('*.example.com', 'badexample.com')).toBe(false);
    expect(hostsOverlap('*.com', '*.example.com')).toBe(true);
    expect(hostsOverlap('*.a.com', '*.b.com')).toBe(false);
    expect(hostsOverlap('a.com', 'b.com')).toBe(false);
  });
});

const WORLD = `
apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: bookinfo }
spec:
  selector: { app: reviews }
  ports: [{ name: http, port: 9080 }]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: google, namespace: egress }
spec:
  hosts: ["*.googleapis.com", api.example.com]
  ports: [{ number: 443, name: https, protocol: HTTPS }]
  resolution: NONE
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: front, namespace: bookinfo }
spec:
  hosts: [reviews]
  gateways: [mesh, edge/public, local]
  http:
    - match:
        - gateways: [local]
      route:
        - destination: { host: reviews, subset: v1, port: { number: 9080 } }
        - destination: { host: ratings }
      mirror: { host: storage.googleapis.com }
      mirrors:
        - destination: { host: api.example.com }
  tcp:
    - route:
        - destination: { host: reviews.bookinfo }
`;

describe('resolveHost and virtualServiceDestinations', () => {
  const { index, resources } = load(WORLD);
  const vs = resources.find((r) => r.kind === 'VirtualService')!;

  it('resolves short names, FQDNs, ServiceEntry hosts and wildcards', () => {
    expect(resolveHost(index, 'reviews', 'bookinfo').target?.resource.name).toBe('reviews');
    expect(resolveHost(index, 'reviews.bookinfo.svc.cluster.local', 'shop').target?.kind).toBe('Service');
    expect(resolveHost(index, 'reviews', 'shop').target).toBeNull();
    expect(resolveHost(index, 'reviews', 'shop').service).toEqual({ name: 'reviews', namespace: 'shop' });
    expect(resolveHost(index, 'storage.googleapis.com', 'shop').target?.host).toBe('*.googleapis.com');
    expect(resolveHost(index, 'api.example.com', 'shop').target?.kind).toBe('ServiceEntry');
    expect(resolveHost(index, 'reviews.bookinfo', 'shop').partialOf?.name).toBe('reviews');
    expect(resolveHost(index, 'reviews.bookinfo.svc.corp.example', 'shop').target?.resource.name).toBe('reviews');
    expect(resolveHost(index, 'unknown.example.org', 'shop').hostClass).toBe('external');
  });

  it('lists every destination with its resolution, subset, port and pointer', () => {
    const ds = virtualServiceDestinations(index, vs);
    expect(ds.map((d) => [d.host, d.role, d.section, d.subset, d.port, d.at, d.target?.resource.name ?? null])).toEqual([
      ['reviews', 'route', 'http', 'v1', 9080, '/spec/http/0/route/0/destination', 'reviews'],
      ['ratings', 'route', 'http', null, null, '/spec/http/0/route/1/destination', null],
      ['storage.googleapis.com', 'mirror', 'http', null, null, '/spec/http/0/mirror', 'google'],
      ['api.example.com', 'mirror', 'http', null, null, '/spec/http/0/mirrors/0/destination', 'google'],
      ['reviews.bookinfo', 'route', 'tcp', null, null, '/spec/tcp/0/route/0/destination', null],
    ]);
  });

  it('reads gateway references, mesh binding and exportTo scopes', () => {
    expect(virtualServiceGatewayRefs(vs).map((g) => [g.namespace, g.name, g.at])).toEqual([
      ['edge', 'public', '/spec/gateways/1'],
      ['bookinfo', 'local', '/spec/gateways/2'],
      ['bookinfo', 'local', '/spec/http/0/match/0/gateways/0'],
    ]);
    expect(isMeshBound(vs)).toBe(true);
    expect([...exportScopes(vs)]).toEqual(['*']);
    expect(scopesOverlap(new Set(['a']), new Set(['b']))).toBe(false);
    expect(scopesOverlap(new Set(['a']), new Set(['*']))).toBe(true);
    expect(scopesOverlap(new Set(), new Set(['*']))).toBe(false);
  });
});

describe('Istio Gateway hosts', () => {
  it('normalises ./h, */h and ns/h', () => {
    const { resources } = load(`
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: edge }
spec:
  servers:
    - port: { number: 80, name: http, protocol: HTTP }
      hosts: ["./a.example.com", "*/b.example.com", "web/c.example.com", "d.example.com", "*/*"]
`);
    expect(istioGatewayHosts(resources[0]).map((h) => [h.namespace, h.hostname])).toEqual([
      ['edge', 'a.example.com'],
      [null, 'b.example.com'],
      ['web', 'c.example.com'],
      [null, 'd.example.com'],
      [null, '*'],
    ]);
  });
});

describe('mesh presence and injection', () => {
  it('needs Istio objects or injection labels', () => {
    expect(meshPresent(load('apiVersion: v1\nkind: Service\nmetadata: { name: a }\n').index)).toBe(false);
    expect(meshPresent(load('apiVersion: v1\nkind: Namespace\nmetadata: { name: a, labels: { istio-injection: disabled } }\n').index)).toBe(false);
    expect(meshPresent(load('apiVersion: v1\nkind: Namespace\nmetadata: { name: a, labels: { istio.io/rev: canary } }\n').index)).toBe(true);
    expect(meshPresent(load('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: { name: a }\n').index)).toBe(true);
  });

  it('decides sidecar injection conservatively', () => {
    const { index } = load(`
apiVersion: v1
kind: Namespace
metadata: { name: meshed, labels: { istio-injection: enabled } }
---
apiVersion: v1
kind: Namespace
metadata: { name: optout, labels: { istio-injection: disabled, istio.io/rev: canary } }
---
apiVersion: v1
kind: Pod
metadata: { name: a, namespace: meshed }
spec: { containers: [{ name: a, image: a }] }
---
apiVersion: v1
kind: Pod
metadata: { name: b, namespace: meshed, annotations: { sidecar.istio.io/inject: "false" } }
spec: { containers: [{ name: b, image: b }] }
---
apiVersion: v1
kind: Pod
metadata: { name: c, namespace: optout, labels: { sidecar.istio.io/inject: "true" } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: d, namespace: unknown, labels: { sidecar.istio.io/inject: "true" } }
spec: { containers: [{ name: d, image: d }] }
---
apiVersion: v1
kind: Pod
metadata: { name: e, namespace: unknown }
spec: { containers: [{ name: e, image: e }] }
---
apiVersion: v1
kind: Pod
metadata: { name: f, namespace: meshed }
spec: { hostNetwork: true, containers: [{ name: f, image: f }] }
`);
    const injected = Object.fromEntries(index.templates.map((t) => [t.owner.name, sidecarInjected(index, t) !== null]));
    expect(injected).toEqual({ a: true, b: false, c: false, d: true, e: false, f: false });
  });
});
