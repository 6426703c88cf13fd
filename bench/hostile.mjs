#!/usr/bin/env node
// The hostile slice of `npm run bench`: input shapes a linter in CI on a big monorepo meets, each of
// which once made kubewire quadratic (or worse). For each case, at size n/2 and n, as whole processes:
//   floor     js-yaml 4.1.0 loadAll of the same files (bench/floor-js-yaml4.mjs)
//   kubewire  `kubewire lint . --format json` (and, for the report case, the size of that report)
// (the floor and kubewire in turn, HOSTILE_RUNS times, default 3: medians of the times, and of each turn's ratios)
// and prints kubewire ÷ floor at n in CPU time (target ≤ 4×; CPU time, as this 2-core machine is
// shared and wall time follows its load; wall times are shown too) and the doubling factor,
// CPU(n) ÷ CPU(n/2) (2.00 = linear; target ≤ 2.5). A run over HOSTILE_TIMEOUT seconds (default 120) is stopped and
// shown as "> limit".
//
//   node bench/hostile.mjs                      every case
//   node bench/hostile.mjs ingress-same-route   some cases
//   HOSTILE_SCALE=0.5 node bench/hostile.mjs    every size halved
//   HOSTILE_RUNS=1 node bench/hostile.mjs      one run each (quicker, noisier)
//   KUBEWIRE_BIN=/other/checkout/bin/kubewire.js node bench/hostile.mjs   another build (before/after)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT = Number(process.env.HOSTILE_TIMEOUT) || 120;
/** Runs per case (the floor and kubewire in turn); the medians are shown. */
const RUNS = Math.max(1, Number(process.env.HOSTILE_RUNS) || 3);
const SCALE = Number(process.env.HOSTILE_SCALE) || 1;
const BIN = path.resolve(process.env.KUBEWIRE_BIN ?? path.join(root, 'bin/kubewire.js'));
const TARGET_RATIO = 4;
const TARGET_DOUBLING = 2.5;
/** The report of the 2,000-VirtualService case must stay under this (MB). */
const TARGET_REPORT_MB = 50;

/** Writes `docs` (YAML texts) into files of `perFile` documents. */
function writeDocs(dir, docs, perFile = 100) {
  for (let i = 0; i < docs.length; i += perFile) writeFileSync(path.join(dir, `m${String(i / perFile).padStart(5, '0')}.yaml`), docs.slice(i, i + perFile).join('---\n'));
}

const deployment = (name, ns, labels, ports = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: ${labels}\n  template:\n    metadata:\n      labels: ${labels}\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n${ports}`;

/** Each case: a default size n and a generator writing size n into dir. */
const CASES = {
  // N Services selecting nothing beside N Deployments: the closest-template hint for each.
  'services-select-nothing': {
    n: 5000,
    what: 'n Services selecting nothing × n Deployments',
    gen(dir, n) {
      const docs = [];
      for (let i = 0; i < n; i++) {
        docs.push(deployment(`app-${i}`, 'shop', `{ app: app-${i}, tier: t${i % 7} }`));
        docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: shop\nspec:\n  selector: { app: ap-${i}, tier: x${i % 7} }\n  ports:\n    - port: 80\n`);
      }
      writeDocs(dir, docs);
    },
  },
  // NetworkPolicies naming ports the pods lack and peers selecting nothing, beside many pods.
  'netpol-pods': {
    n: 2000,
    what: 'n NetworkPolicies selecting 2.5n Deployments (missing named ports, peers selecting nothing)',
    gen(dir, n) {
      const docs = [];
      const ports = '          ports:\n            - name: http\n              containerPort: 8080\n            - name: metrics\n              containerPort: 9090\n';
      for (let i = 0; i < n * 2.5; i++) docs.push(deployment(`app-${i}`, 'shop', `{ app: app-${i}, tier: web }`, ports));
      for (let i = 0; i < n; i++) {
        docs.push(
          `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np-${i}\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: { tier: web }\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: nothing-${i} }\n      ports:\n        - port: htp\n        - port: grpc\n        - port: admin\n`,
        );
      }
      writeDocs(dir, docs);
    },
  },
  // Ingresses whose every rule names a missing Service, beside many Services: "did you mean".
  'ingress-missing-services': {
    n: 3000,
    what: 'n Ingresses × 10 rules to missing Services, n Services',
    gen(dir, n) {
      const docs = [];
      for (let i = 0; i < n; i++) docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: backend-service-${i}\n  namespace: shop\nspec:\n  ports:\n    - port: 80\n`);
      for (let i = 0; i < n; i++) {
        const rules = Array.from(
          { length: 10 },
          (_, r) => `    - host: h${r}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: missing-backend-${i}-${r}\n                port:\n                  number: 80\n`,
        ).join('');
        docs.push(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing-${i}\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n${rules}`);
      }
      writeDocs(dir, docs);
    },
  },
  // The same host and path on every Ingress.
  'ingress-same-route': {
    n: 3000,
    what: 'n Ingresses serving the same host and path',
    gen(dir, n) {
      const docs = [`apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports:\n    - port: 80\n`];
      for (let i = 0; i < n; i++) {
        docs.push(
          `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing-${i}\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n`,
        );
      }
      writeDocs(dir, docs);
    },
  },
  // One Service with n ports, each with a finding.
  'service-huge-ports': {
    n: 100000,
    what: 'one Service with n ports, a finding on each',
    gen(dir, n) {
      const ports = Array.from({ length: n }, (_, i) => `    - name: Port_${i}\n      port: ${(i % 60000) + 1}\n      targetPort: ${i + 1}\n`).join('');
      writeFileSync(path.join(dir, 'svc.yaml'), `apiVersion: v1\nkind: Service\nmetadata:\n  name: big\n  namespace: shop\nspec:\n  selector: { app: big }\n  ports:\n${ports}`);
    },
  },
  // One NetworkPolicy with n peers, each with a finding.
  'netpol-huge-peers': {
    n: 100000,
    what: 'one NetworkPolicy with n peers selecting nothing',
    gen(dir, n) {
      const peers = Array.from({ length: n }, (_, i) => `        - podSelector:\n            matchLabels: { app: peer-${i} }\n`).join('');
      writeFileSync(
        path.join(dir, 'np.yaml'),
        `${deployment('web', 'shop', '{ app: web }')}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: big\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: { app: web }\n  ingress:\n    - from:\n${peers}`,
      );
    },
  },
  // Anchors without aliases, shell `&&` and globs (`*`): the pre-check must not send them to the slow parser.
  'anchors-no-alias': {
    n: 20000,
    what: 'n documents with anchors and no alias, shell && and * globs',
    gen(dir, n) {
      const docs = [];
      for (let i = 0; i < n; i++) {
        docs.push(
          `apiVersion: batch/v1\nkind: CronJob\nmetadata: &meta\n  name: job-${i}\n  namespace: shop\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels: &labels { app: job-${i} }\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: job\n              image: busybox:1.36\n              command: ["sh", "-c", "cd /data && rm -f *.tmp && echo done"]\n`,
        );
      }
      writeDocs(dir, docs, 1000);
    },
  },
  // Every VirtualService on the same host: the report must stay bounded (related locations capped).
  'virtualservice-one-host': {
    n: 2000,
    what: 'n VirtualServices on one host (report size)',
    report: true,
    gen(dir, n) {
      const docs = [`apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: { app: web }\n  ports:\n    - port: 80\n`, deployment('web', 'shop', '{ app: web }')];
      for (let i = 0; i < n; i++) {
        docs.push(
          `apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata:\n  name: vs-${i}\n  namespace: shop\nspec:\n  hosts: [shop.example.com]\n  gateways: [mesh]\n  http:\n    - route:\n        - destination:\n            host: web\n`,
        );
      }
      writeDocs(dir, docs);
    },
  },
  // Deep nesting and an unclosed bracket: one clear finding each, never an engine message.
  'deep-nesting': {
    n: 10000,
    what: 'nesting n deep (flow and block), an unclosed bracket n deep',
    gen(dir, n) {
      writeFileSync(path.join(dir, 'flow.yaml'), `a: ${'['.repeat(n)}${']'.repeat(n)}\n`);
      writeFileSync(path.join(dir, 'unclosed.yaml'), `a: ${'['.repeat(n)}\n`);
      let block = '';
      for (let d = 0; d < Math.min(n, 2000); d++) block += `${' '.repeat(d)}k${d}:\n`;
      writeFileSync(path.join(dir, 'block.yaml'), block + `${' '.repeat(Math.min(n, 2000))}v\n`);
    },
  },
};

function corpus(name, n) {
  const dir = path.join(root, 'bench/.corpus', `hostile-${name}-${n}`);
  const stamp = `${dir}.generated`;
  const want = `${name} ${n} ${readFileSync(fileURLToPath(import.meta.url), 'utf8').length}`;
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== want) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    CASES[name].gen(dir, n);
    writeFileSync(stamp, want);
  }
  return dir;
}

const tmp = path.join(os.tmpdir(), `kubewire-hostile-${process.pid}`);
mkdirSync(tmp, { recursive: true });

function run(args, cwd, withReport) {
  const rssFile = path.join(tmp, 'rss');
  const out = path.join(tmp, 'out');
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', path.join(root, 'bench/peak-rss.mjs'), ...args], {
    cwd,
    env: { ...process.env, KW_BENCH_RSS: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', withReport ? 'pipe' : 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: TIMEOUT * 1000,
    killSignal: 'SIGKILL',
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.signal) return { seconds: Infinity, cpu: Infinity, rssMiB: NaN, error: `stopped after ${TIMEOUT} s` };
  const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : { maxRSS: NaN, cpu: NaN };
  const res = { seconds, cpu: usage.cpu, rssMiB: usage.maxRSS / 1024, status: r.status };
  if (r.status !== 0 && r.status !== 1) res.error = `exit ${r.status}: ${(r.stderr ?? '').split('\n')[0]}`;
  if (withReport && r.stdout) {
    res.reportMB = Buffer.byteLength(r.stdout) / 1e6;
    writeFileSync(out, r.stdout);
    try {
      const json = JSON.parse(r.stdout);
      res.findings = json.findings.length;
      res.internal = json.findings.filter((f) => f.ruleId === 'internal-error').length;
    } catch {
      res.error ??= 'invalid JSON';
    }
  }
  return res;
}

/** The run of median CPU time (its wall time, memory and report with it); an error in any run is kept. */
function median(runs) {
  const sorted = [...runs].sort((x, y) => x.cpu - y.cpu);
  const m = { ...sorted[(sorted.length - 1) >> 1] };
  const error = runs.map((r) => r.error).find(Boolean);
  if (error) m.error = error;
  m.internal = Math.max(0, ...runs.map((r) => r.internal ?? 0)) || m.internal;
  return m;
}

/** The median of numbers (the lower of the middle two). */
const medianOf = (xs) => [...xs].sort((x, y) => x - y)[(xs.length - 1) >> 1];

const both = (m) => (Number.isFinite(m.seconds) ? `${m.seconds.toFixed(2)} / ${m.cpu.toFixed(2)} s` : `> ${TIMEOUT} s`);

export function runHostile(names = Object.keys(CASES)) {
  console.log(`\nhostile slice (kubewire ÷ js-yaml 4.1 floor of the same input at n: target ≤ ${TARGET_RATIO}×; time(n) ÷ time(n/2): target ≤ ${TARGET_DOUBLING})\n`);
  console.log('| case | n | floor wall / CPU | kubewire n/2 wall / CPU | kubewire n wall / CPU | **kubewire / floor (CPU)** | doubling (CPU) | peak MiB | findings | report MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  let met = true;
  for (const name of names) {
    const c = CASES[name];
    if (!c) throw new Error(`unknown hostile case ${name}; cases: ${Object.keys(CASES).join(', ')}`);
    const n = Math.max(2, Math.round(c.n * SCALE));
    const half = Math.round(n / 2);
    const dirN = corpus(name, n);
    const dirHalf = corpus(name, half);
    const kw = [BIN, 'lint', '.', '--format', 'json'];
    // The floor and kubewire in turn, RUNS times; the ratios are the medians of each turn's own ratios,
    // so that a drift of the machine's speed between turns (it moves the floor by up to 60% within
    // minutes) moves both sides of a ratio alike.
    const floors = [];
    const as = [];
    const bs = [];
    for (let r = 0; r < RUNS; r++) {
      floors.push(run([path.join(root, 'bench/floor-js-yaml4.mjs'), dirN], root, false));
      const b = run(kw, dirN, true);
      bs.push(b);
      as.push(Number.isFinite(b.seconds) ? run(kw, dirHalf, true) : { seconds: Infinity, cpu: Infinity, error: 'skipped' });
      if (!Number.isFinite(b.seconds) || !Number.isFinite(as[r].seconds)) break;
    }
    const floor = median(floors);
    const a = median(as);
    const b = median(bs);
    const ratio = medianOf(bs.map((x, r) => x.cpu / floors[r].cpu));
    const doubling = medianOf(bs.map((x, r) => x.cpu / as[r].cpu));
    const okRatio = ratio <= TARGET_RATIO;
    const okDoubling = doubling <= TARGET_DOUBLING;
    const okReport = !c.report || (b.reportMB ?? Infinity) <= TARGET_REPORT_MB;
    const ok = okRatio && okDoubling && okReport && !a.error && !b.error && !b.internal;
    met &&= ok;
    const note = [a.error, b.error, b.internal ? `${b.internal} internal errors` : ''].filter(Boolean).join('; ');
    console.log(
      `| ${name} | ${n.toLocaleString('en-US')} | ${both(floor)} | ${both(a)} | ${both(b)} | **${Number.isFinite(ratio) ? ratio.toFixed(2) : '∞'}×** ${okRatio ? '' : '✗'} | ` +
        `${Number.isFinite(doubling) ? doubling.toFixed(2) : '–'} ${okDoubling ? '' : '✗'} | ${Number.isFinite(b.rssMiB) ? b.rssMiB.toFixed(0) : '–'} | ${b.findings ?? '–'} | ${b.reportMB !== undefined ? b.reportMB.toFixed(1) : '–'}${okReport ? '' : ' ✗'} |${note ? ` ${note}` : ''}`,
    );
  }
  console.log(`\nhostile slice: ${met ? 'all targets met' : 'some targets NOT met'}`);
  rmSync(tmp, { recursive: true, force: true });
  return met;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  const met = runHostile(names.length ? names : undefined);
  process.exitCode = met ? 0 : 1;
}
