#!/usr/bin/env node
// Generates a deterministic benchmark corpus: realistic multi-kind applications (Deployments,
// StatefulSets, Services, Ingresses, ConfigMaps, NetworkPolicies, HPAs, PDBs, CronJobs…) spread over
// files and folders like a real repository, from a seeded PRNG. Three slices:
//   clean    about 1 in 200 objects carries a typical mistake (a misspelled field, an unquoted YAML 1.1
//            boolean, a selector typo), so the run also exercises the lazy position path;
//   gateway  the same, plus Gateway API and Istio objects at the density of Services: per application
//            a Gateway, an HTTPRoute and a ReferenceGrant, an Istio Gateway, VirtualService and
//            DestinationRule (and one istio-ingressgateway Deployment for the Istio Gateways);
//   dirty    a repository whose NetworkPolicies leave egress open (each application's policy is
//            Ingress-only, so every workload gets network-policy-missing for Egress, an info) and a
//            mistake in 1 application of 10: findings in nearly every file, so positions are resolved
//            for nearly every file.
//
//   node bench/generate.mjs <documents> <out-dir> [seed] [slice]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: small, fast, deterministic (also the fuzzer's, scripts/fuzz.mjs). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['cart', 'checkout', 'payment', 'catalog', 'search', 'auth', 'profile', 'billing', 'orders', 'inventory',
  'shipping', 'email', 'notify', 'reco', 'ads', 'media', 'upload', 'report', 'audit', 'gateway', 'frontend', 'api', 'worker', 'cache'];
const TEAMS = ['shop', 'platform', 'data', 'payments', 'growth', 'identity', 'infra', 'search'];
const IMAGES = ['nginx:1.27', 'ghcr.io/acme/app:2.4.1', 'redis:7.2', 'postgres:16', 'busybox:1.36', 'envoyproxy/envoy:v1.30.1'];

export function generateCorpus(total, outDir, seed = 42, slice = 'clean') {
  if (!['clean', 'gateway', 'dirty'].includes(slice)) throw new Error(`unknown slice ${slice}`);
  const rnd = prng(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  rmSync(outDir, { recursive: true, force: true });
  let docs = 0;
  let files = 0;
  let bytes = 0;
  let app = 0;
  const prelude = [];
  if (slice === 'gateway') {
    const labels = { app: 'istio-ingressgateway', istio: 'ingressgateway' };
    prelude.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'istio-ingressgateway', namespace: 'istio-system', labels },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.22.0', ports: [{ containerPort: 8080 }, { containerPort: 8443 }] }] } } },
    });
  }
  if (prelude.length) {
    mkdirSync(path.join(outDir, 'cluster'), { recursive: true });
    const text = prelude.map((o) => '---\n' + toYaml(o, 0)).join('');
    writeFileSync(path.join(outDir, 'cluster', 'base.yaml'), text);
    files++;
    bytes += text.length;
    docs += prelude.length;
  }
  while (docs < total) {
    const team = pick(TEAMS);
    const name = `${pick(WORDS)}-${app}`;
    const ns = `${team}-${Math.floor(app / 40)}`;
    const port = pick([8080, 8000, 3000, 9090, 5000]);
    const mistake = rnd() < (slice === 'dirty' ? 0.1 : 0.005) ? int(1, 3) : 0;
    const labels = { app: name, 'app.kubernetes.io/part-of': team, tier: pick(['web', 'backend', 'cache']) };
    const objects = [];
    const stateful = rnd() < 0.15;
    const container = {
      name,
      image: pick(IMAGES),
      ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }, { name: 'metrics', containerPort: 9102 }],
      env: [
        { name: 'LOG_LEVEL', value: pick(['info', 'debug', 'warn']) },
        { name: 'FEATURE_X', value: mistake === 2 ? true : 'true' },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${name}-db`, key: 'password' } } },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        ...Array.from({ length: int(4, 14) }, (_, i) => ({ name: `${pick(WORDS).toUpperCase()}_SERVICE_ADDR_${i}`, value: `${pick(WORDS)}-${int(0, 999)}.${ns}.svc.cluster.local:${pick([80, 8080, 9090])}` })),
      ],
      envFrom: [{ configMapRef: { name: `${name}-config` } }],
      volumeMounts: [
        { name: 'config', mountPath: '/etc/app', readOnly: true },
        { name: 'tmp', mountPath: '/tmp' },
      ],
      resources: { requests: { cpu: pick(['100m', '250m', 0.5]), memory: pick(['128Mi', '256Mi', '1Gi']) }, limits: { cpu: pick([1, 2, '1500m']), memory: pick(['512Mi', '1Gi', '2Gi']) } },
      readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 },
      livenessProbe: { httpGet: { path: '/healthz', port }, initialDelaySeconds: int(5, 30) },
      securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    };
    if (mistake === 1) {
      container.imagePullPolicy = undefined;
      container.imagePulPolicy = 'Always';
    }
    const template = {
      metadata: { labels, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9102' } },
      spec: {
        serviceAccountName: name,
        containers: [container],
        terminationGracePeriodSeconds: 30,
        volumes: [{ name: 'config', configMap: { name: `${name}-config` } }, { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: name } } } },
            ],
          },
        },
        tolerations: rnd() < 0.3 ? [{ key: 'dedicated', operator: 'Equal', value: team, effect: 'NoSchedule' }] : undefined,
      },
    };
    objects.push({
      apiVersion: 'apps/v1',
      kind: stateful ? 'StatefulSet' : 'Deployment',
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: int(1, 5),
        ...(stateful ? { serviceName: `${name}-headless` } : { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } }),
        selector: { matchLabels: { app: name } },
        template,
      },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns, labels },
      spec: {
        type: 'ClusterIP',
        selector: { app: mistake === 3 ? `${name}x` : name },
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'metrics', port: 9102, targetPort: 9102 }],
      },
    });
    if (stateful) {
      objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `${name}-headless`, namespace: ns }, spec: { clusterIP: 'None', selector: { app: name }, ports: [{ name: 'http', port }] } });
    }
    objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } });
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-config`, namespace: ns },
      data: {
        ...Object.fromEntries(Array.from({ length: int(3, 12) }, (_, i) => [`key_${i}`, `value-${int(0, 1e6)}`])),
        'app.properties': Array.from({ length: int(5, 25) }, (_, i) => `${pick(WORDS)}.setting${i}=${int(0, 1e5)}`).join('\n') + '\n',
      },
    });
    if (rnd() < 0.5) {
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name, namespace: ns, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: [`${name}.example.com`], secretName: `${name}-tls` }],
          rules: [{ host: `${name}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { name: 'http' } } } }] } }],
        },
      });
    }
    if (slice === 'dirty') objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${name}-allow`, namespace: ns },
      spec: {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [name, `${name}-cleanup`] }] },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': team } } }], ports: [{ port: 'http', protocol: 'TCP' }] }],
      },
    });
    else objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${name}-allow`, namespace: ns },
      spec: {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [name, `${name}-cleanup`] }] },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': team } } }], ports: [{ port: 'http', protocol: 'TCP' }] }],
        egress: [
          { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ port: 53, protocol: 'UDP' }] },
          { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443, protocol: 'TCP' }, { port: 5432, protocol: 'TCP' }] },
        ],
      },
    });
    if (rnd() < 0.35) {
      objects.push({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace: ns },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: 2,
          maxReplicas: int(4, 20),
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        },
      });
    }
    if (rnd() < 0.3) objects.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: ns }, spec: { minAvailable: 1, selector: { matchLabels: { app: name } } } });
    if (rnd() < 0.15) {
      objects.push({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: `${name}-cleanup`, namespace: ns },
        spec: { schedule: `${int(0, 59)} ${int(0, 23)} * * *`, jobTemplate: { spec: { template: { metadata: { labels: { app: `${name}-cleanup` } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'cleanup', image: 'busybox:1.36', args: ['sh', '-c', 'echo done'] }] } } } } },
      });
    }
    if (slice === 'gateway') objects.push(...meshObjects(name, ns));
    const room = total - docs;
    objects.splice(room);
    const dir = path.join(outDir, team, `app-${String(app).padStart(5, '0')}`);
    mkdirSync(dir, { recursive: true });
    // Real repositories mix one-object files and multi-document files.
    const chunks = rnd() < 0.85 ? [objects] : [objects.slice(0, 2), objects.slice(2)].filter((c) => c.length);
    chunks.forEach((chunk, i) => {
      const text = `# ${name} (${team})\n` + chunk.map((o) => '---\n' + toYaml(o, 0)).join('');
      writeFileSync(path.join(dir, `${i === 0 ? 'workload' : 'extras'}.yaml`), text);
      files++;
      bytes += text.length;
    });
    docs += objects.length;
    app++;
  }
  return { documents: docs, files, bytes };
}

/** Gateway API and Istio objects for one application, wired to its Service (port 80, pods labelled app: <name>). */
function meshObjects(name, ns) {
  const host = `${name}.example.com`;
  return [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: `${name}-gw`, namespace: ns },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', hostname: host, port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }] },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, namespace: ns },
      spec: {
        parentRefs: [{ name: `${name}-gw`, sectionName: 'http' }],
        hostnames: [host],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name, port: 80, weight: 90 }, { name, port: 9102, weight: 10 }] },
          { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name, port: 80 }] },
        ],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: `${name}-from-edge`, namespace: ns },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service', name }] },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: `${name}-gateway`, namespace: ns },
      spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [host] }] },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, namespace: ns },
      spec: {
        hosts: [host],
        gateways: [`${name}-gateway`],
        http: [{ match: [{ uri: { prefix: '/' } }], route: [{ destination: { host: name, port: { number: 80 }, subset: 'stable' } }], timeout: '5s', retries: { attempts: 3, perTryTimeout: '2s' } }],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name, namespace: ns },
      spec: { host: name, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } }, subsets: [{ name: 'stable', labels: { app: name } }] },
    },
  ];
}

/** A small block-style YAML writer (what people write by hand; no flow style, quoted where YAML 1.1 needs it). */
function toYaml(v, indent) {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined) continue;
    out += pad + key(k) + ':' + block(val, indent) ;
  }
  return out;
}

function block(val, indent) {
  if (Array.isArray(val)) {
    let out = '\n';
    for (const item of val) {
      if (item && typeof item === 'object') {
        const inner = toYaml(item, indent + 4);
        out += ' '.repeat(indent + 2) + '- ' + inner.slice(indent + 4);
      } else {
        out += ' '.repeat(indent + 2) + '- ' + scalar(item) + '\n';
      }
    }
    return out;
  }
  if (val && typeof val === 'object') return '\n' + toYaml(val, indent + 2);
  if (typeof val === 'string' && val.includes('\n')) {
    const pad = ' '.repeat(indent + 2);
    return ' |\n' + val.trimEnd().split('\n').map((l) => pad + l).join('\n') + '\n';
  }
  return ' ' + scalar(val) + '\n';
}

function key(k) {
  return /^[A-Za-z0-9_./-]+$/.test(k) ? k : JSON.stringify(k);
}

function scalar(v) {
  if (typeof v === 'string') {
    return /^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+(e\d+)?|.*[:#{}[\],&*!|>'"%@`].*|\s.*|.*\s)$/i.test(v) || v === '' ? JSON.stringify(v) : v;
  }
  return String(v);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [n, out, seed, slice] = process.argv.slice(2);
  if (!n || !out) {
    console.error('usage: node bench/generate.mjs <documents> <out-dir> [seed] [clean|gateway|dirty]');
    process.exit(2);
  }
  const r = generateCorpus(Number(n), out, seed ? Number(seed) : 42, slice ?? 'clean');
  console.log(`${r.documents} documents, ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB in ${out}`);
}
