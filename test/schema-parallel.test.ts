// The parallel path (worker threads parse and schema-validate their share of the files) must give
// exactly the output of the single-threaded path. It runs the built CLI (dist/), as users do.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { MIN_CORES, PARALLEL_MIN_BYTES, threadCount } from '../src/load/parallel.js';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin/kubewire.js');

const BROKEN = `apiVersion: v1
kind: Service
metadata:
  name: broken
  namespace: shop
spec:
  selectors:
    app: broken
  ports:
    - port: http
      targetPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
  namespace: shop
spec:
  selector:
    matchLabels: {app: broken}
  template:
    metadata:
      labels: {app: broken}
    spec:
      containers:
        - name: web
          image: nginx
          env:
            - name: ENABLED
              value: yes
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: broken
  namespace: shop
spec:
  rules:
    - filters:
        - type: RequestRedirect
          requestRedirect: {scheme: https}
      backendRefs:
        - name: broken
          port: 80
`;

describe('thread count', () => {
  it('uses worker threads only for large inputs on machines with cores to spare, unless told', () => {
    const big = PARALLEL_MIN_BYTES * 20;
    expect(threadCount(big, {}, 2)).toBe(1);
    expect(threadCount(big, {}, MIN_CORES - 1)).toBe(1);
    expect(threadCount(PARALLEL_MIN_BYTES - 1, {}, 8)).toBe(1);
    expect(threadCount(PARALLEL_MIN_BYTES, {}, MIN_CORES)).toBe(MIN_CORES);
    expect(threadCount(big, {}, 16)).toBe(4);
    expect(threadCount(10, { KUBEWIRE_THREADS: '3' }, 2)).toBe(3);
    expect(threadCount(big, { KUBEWIRE_THREADS: '1' }, 16)).toBe(1);
    expect(threadCount(big, { KUBEWIRE_THREADS: 'many' }, 2)).toBe(1);
  });
});

describe('parallel loading and schema validation', () => {
  let dir = '';
  beforeAll(async () => {
    // dist/ is built from the current sources by test/global-setup.ts.
    dir = tempDir('kubewire-parallel-');
    const gen = (await import(pathToFileURL(path.join(root, 'bench/generate.mjs')).href)) as {
      generateCorpus(n: number, out: string, seed: number): { documents: number };
    };
    gen.generateCorpus(1500, path.join(dir, 'apps'), 7);
    mkdirSync(path.join(dir, '.git'));
    // Mistakes in the first and the last file, so that both threads' parts have some.
    writeFileSync(path.join(dir, 'apps/aaa-broken.yaml'), BROKEN);
    writeFileSync(path.join(dir, 'apps/zzz-broken.yaml'), `# a comment first\n---\n${BROKEN.replace(/broken/g, 'other')}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const lint = (threads: number) =>
    spawnSync(process.execPath, [bin, 'lint', '.', '--format', 'json'], {
      cwd: dir,
      env: { ...process.env, KUBEWIRE_THREADS: String(threads), NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });

  it('gives byte-identical reports on one thread and on worker threads', () => {
    const one = lint(1);
    const two = lint(2);
    const three = lint(3);
    expect(one.status).toBe(1);
    expect(two.stderr).toBe('');
    expect(two.stdout).toBe(one.stdout);
    expect(three.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as { summary: { documents: number }; findings: { ruleId: string; file: string; line: number; message: string }[] };
    expect(report.summary.documents).toBe(1508);
    const schema = report.findings.filter((f) => f.ruleId.startsWith('schema-') && /broken|other/.test(f.file)).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    expect(schema).toEqual([
      'apps/aaa-broken.yaml:7 schema-unknown-field',
      'apps/aaa-broken.yaml:10 schema-invalid',
      'apps/aaa-broken.yaml:30 schema-invalid',
      'apps/aaa-broken.yaml:33 schema-missing',
      'apps/aaa-broken.yaml:44 schema-cel-invalid', // a CEL rule of the embedded HTTPRoute CRD, evaluated in the worker
      'apps/zzz-broken.yaml:9 schema-unknown-field',
      'apps/zzz-broken.yaml:12 schema-invalid',
      'apps/zzz-broken.yaml:32 schema-invalid',
      'apps/zzz-broken.yaml:46 schema-cel-invalid',
      // schema-missing: one info per apiVersion and kind, on its first object (aaa-broken's Widget)
    ]);
  });
});
