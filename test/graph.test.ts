import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { graphOf } from './helpers.js';
import { renderDot, renderMermaid } from '../src/graph/render.js';
import type { WiringGraph } from '../src/graph/model.js';
import { loadText } from '../src/load/load.js';

/** `kubewire graph --format json`: the graph with a version and a summary. */
function parseGraphJson(text: string): WiringGraph & { version: number; summary: { nodes: number; edges: number; broken: number } } {
  return JSON.parse(text) as WiringGraph & { version: number; summary: { nodes: number; edges: number; broken: number } };
}

function io(cwd: string, stdin = ''): Io & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    readStdin: () => Promise.resolve(Buffer.from(stdin)),
    cwd,
    env: {},
    isTTY: false,
  };
  return o;
}

const APP = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: shop }
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: web, port: { name: http } } } }
          - { path: /api, pathType: Prefix, backend: { service: { name: api, port: { number: 8080 } } } }
          - { path: /old, pathType: Prefix, backend: { service: { name: web, port: { number: 9999 } } } }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }]
---
apiVersion: v1
kind: Service
metadata: { name: cart, namespace: shop }
spec:
  selector: { app: cart-v2 }
  ports: [{ port: 7070 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: web, ports: [{ name: http, containerPort: 8080 }] }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: cart, namespace: shop }
spec:
  selector: { matchLabels: { app: cart } }
  template:
    metadata: { labels: { app: cart } }
    spec:
      containers: [{ name: cart, image: cart }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-in, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress: [{ ports: [{ port: 8080 }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

describe('wiring graph model', () => {
  const g = graphOf([loadText(APP, 'app.yaml')]);
  const edge = (from: string, to: string) => g.edges.filter((e) => e.from.includes(from) && e.to.includes(to));

  it('draws Ingress → Service with the route and port, merging paths to the same wire', () => {
    const e = edge('Ingress/shop/shop', '/Service/shop/web').find((x) => !x.broken)!;
    expect(e.label).toBe('shop.example.com/ → :http');
    expect(e.relation).toBe('routes');
  });

  it('marks a backend Service that does not exist and a port the Service lacks', () => {
    const missing = edge('Ingress/shop/shop', 'missing:Service/shop/api')[0];
    expect(missing.broken).toBe('no Service api in namespace shop');
    expect(g.nodes.find((n) => n.id === 'missing:Service/shop/api')).toMatchObject({ missing: true, kind: 'Service', name: 'api' });
    const badPort = edge('Ingress/shop/shop', '/Service/shop/web').find((x) => x.broken)!;
    expect(badPort).toMatchObject({ broken: 'Service web has no port 9999', label: 'shop.example.com/old → :9999' });
  });

  it('draws Service → workload with the resolved named targetPort, and a selector matching nothing as broken', () => {
    expect(edge('/Service/shop/web', 'apps/Deployment/shop/web')[0]).toMatchObject({ label: '80 → http (8080)', relation: 'routes' });
    expect(g.edges.some((e) => e.broken === undefined && e.from.includes('Service/shop/web') && e.to.includes('Deployment/shop/cart'))).toBe(false);
    expect(edge('/Service/shop/cart', 'missing:Pods/shop/')[0].broken).toBe('selector app=cart-v2 matches no pods');
  });

  it('draws NetworkPolicy coverage with the allowed ports; a namespace-wide policy is a node note, not 1 edge per workload', () => {
    expect(edge('NetworkPolicy/shop/web-in', 'Deployment/shop/web')[0]).toMatchObject({ relation: 'covers', label: 'ingress: 8080' });
    const deny = g.nodes.find((n) => n.name === 'default-deny')!;
    expect(deny.detail).toBe('all pods; ingress: deny; egress: deny');
    expect(g.edges.some((e) => e.from === deny.id)).toBe(false);
  });

  it('an evidently partial input has no broken wires, unless the config declares it complete', () => {
    const onlyIngress = loadText(APP.split('---\n')[0], 'ingress.yaml');
    const partial = graphOf([onlyIngress]);
    expect(partial.edges.map((e) => e.to)).toContain('missing:Service/shop/web');
    expect(partial.edges.filter((e) => e.broken)).toEqual([]);
    const complete = graphOf([onlyIngress], { completeness: 'complete' });
    expect(complete.edges.filter((e) => e.broken).map((e) => e.broken)).toEqual([
      'no Service api in namespace shop',
      'no Service web in namespace shop',
    ]);
  });

  it('is deterministic whatever the file order', () => {
    const docs = APP.split('---\n');
    const reversed = graphOf(docs.reverse().map((d, i) => loadText(d, `f${i}.yaml`)));
    expect(renderMermaid({ ...reversed, nodes: reversed.nodes.map((n) => ({ ...n, file: 'x' })) })).toBe(
      renderMermaid({ ...g, nodes: g.nodes.map((n) => ({ ...n, file: 'x' })) }),
    );
  });
});

describe('kubewire graph', () => {
  const dir = tempDir('kubewire-graph-');
  writeFileSync(path.join(dir, 'app.yaml'), APP);

  it('prints Mermaid by default: one subgraph per namespace, broken wires as red ✗ edges', async () => {
    const o = io(dir);
    expect(await main(['graph'], o)).toBe(0);
    expect(o.out).toMatch(/^flowchart LR\n {2}subgraph ns0\["namespace shop"\]\n/);
    expect(o.out).toContain('(["Ingress shop"])');
    expect(o.out).toContain('["Service web<br/>LoadBalancer"]');
    expect(o.out).toContain('["✗ Service api<br/>not found"]:::missing');
    expect(o.out).toMatch(/n\d+ --x\|"✗ no Service api in namespace shop · shop.example.com\/api → :8080"\| n\d+/);
    expect(o.out).toMatch(/linkStyle [\d,]+ stroke:#cf222e/);
    expect(o.err).toContain('3 broken wires in the graph');
  });

  it('prints DOT with a cluster per namespace and JSON with nodes and edges', async () => {
    const d = io(dir);
    expect(await main(['graph', '.', '--format', 'dot'], d)).toBe(0);
    expect(d.out).toMatch(/^digraph kubewire \{\n {2}rankdir=LR;/);
    expect(d.out).toContain('subgraph cluster_0 {\n    label="namespace shop";');
    expect(d.out).toMatch(/-> "missing:Service\/shop\/api" \[label="✗ no Service api in namespace shop · shop.example.com\/api → :8080", color="#cf222e"/);
    const j = io(dir);
    expect(await main(['graph', '--format', 'json'], j)).toBe(0);
    const parsed = parseGraphJson(j.out);
    expect(parsed.summary).toEqual({ nodes: parsed.nodes.length, edges: parsed.edges.length, broken: 3 });
    expect(parsed.nodes[0]).toMatchObject({ kind: 'Ingress', name: 'shop', namespace: 'shop', file: 'app.yaml', missing: false });
  });

  it('reads stdin, and rejects an unknown format with exit 2', async () => {
    const s = io(dir, APP);
    expect(await main(['graph', '-', '--format', 'json'], s)).toBe(0);
    expect(parseGraphJson(s.out).nodes.some((n) => n.file === '<stdin>')).toBe(true);
    const bad = io(dir);
    expect(await main(['graph', '--format', 'png'], bad)).toBe(2);
    expect(bad.err).toContain('unknown graph format "png" (formats: mermaid, dot, json)');
  });

  it('stays readable for a 50-service application: grouped by namespace, within GitHub’s Mermaid size limit', () => {
    const docs: string[] = [];
    for (let i = 0; i < 50; i++) {
      const ns = `team-${i % 5}`;
      docs.push(`apiVersion: v1
kind: Service
metadata: { name: svc-${i}, namespace: ${ns} }
spec: { selector: { app: app-${i} }, ports: [{ name: http, port: 80, targetPort: http }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: app-${i}, namespace: ${ns} }
spec:
  template:
    metadata: { labels: { app: app-${i} } }
    spec: { containers: [{ name: c, image: x, ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ing-${i}, namespace: ${ns} }
spec: { rules: [{ host: s${i}.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: svc-${i}, port: { number: 80 } } } }] } }] }`);
    }
    const big = graphOf([loadText(docs.join('\n---\n'), 'big.yaml')]);
    const m = renderMermaid(big);
    expect(big.nodes).toHaveLength(150);
    expect(big.edges).toHaveLength(100);
    expect(m.match(/^ {2}subgraph /gm)).toHaveLength(5);
    expect(m.length).toBeLessThan(50_000); // GitHub's Mermaid renderer refuses larger diagrams
  });
});

const hasGraphviz = spawnSync('dot', ['-V'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasGraphviz)('DOT output with Graphviz', () => {
  it('renders to SVG with dot, broken wires in red', () => {
    const out = spawnSync('dot', ['-Tsvg'], { input: renderDot(graphOf([loadText(APP, 'app.yaml')])), encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('<title>cluster_0</title>');
    expect(out.stdout).toContain('✗ no Service api in namespace shop');
    expect(out.stdout).toMatch(/stroke="#cf222e"/);
  });
});

if (!hasGraphviz) {
  describe('DOT output with Graphviz', () => {
    it.skip('skipped: Graphviz (dot) is not installed (apt-get install -y graphviz)', () => {});
  });
}

describe('wiring graph: routing custom resources', () => {
  const CRDS = `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: { name: web, namespace: shop }
spec:
  routes:
    - match: Host(\`shop.example.com\`)
      kind: Rule
      services:
        - { name: web, port: 80 }
        - { name: gone, port: 80 }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { selector: { app: web }, ports: [{ name: http, port: 80 }] }
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: { name: web, namespace: shop }
spec: { selector: { matchLabels: { app: web } }, endpoints: [{ port: http }] }
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ containerPort: 80 }] }] }
  strategy:
    canary:
      stableService: web
      canaryService: web-canary
`;
  const g = graphOf([loadText(CRDS, 'crds.yaml')]);
  const edge = (from: string, to: string) => g.edges.filter((e) => e.from.includes(from) && e.to.includes(to));

  it('draws Traefik IngressRoute → Service, broken where traefik-route-service-missing reported', () => {
    expect(edge('IngressRoute/shop/web', '/Service/shop/web')[0]).toMatchObject({ relation: 'routes', label: 'routes[0] → :80', source: 'traefik' });
    expect(edge('IngressRoute/shop/web', 'missing:Service/shop/gone')[0].broken).toBe('no Service gone in namespace shop');
  });

  it('draws Rollout → its Services and ServiceMonitor → the Services it scrapes', () => {
    expect(edge('Rollout/shop/web', '/Service/shop/web')[0]).toMatchObject({ relation: 'covers', label: 'stableService' });
    expect(edge('Rollout/shop/web', 'missing:Service/shop/web-canary')[0].broken).toBe('no Service web-canary in namespace shop');
    expect(edge('ServiceMonitor/shop/web', '/Service/shop/web')[0]).toMatchObject({ relation: 'covers', label: 'scrapes http' });
    expect(edge('ServiceMonitor/shop/web', '/Service/shop/web')[0].broken).toBeUndefined();
  });
});
