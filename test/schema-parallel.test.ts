// The parallel path (worker threads parse and schema-validate their share of the files) must give
// exactly the output of the single-threaded path. It runs the built CLI (dist/), as users do.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { HELPER_MIN_BYTES, helperWanted, MIN_CORES, PARALLEL_MIN_BYTES, threadCount, VerdictHelper } from '../src/load/parallel.js';
import { distModule } from '../src/engine/package-info.js';
import { loadPaths } from '../src/load/load.js';
import type { LoadedFile } from '../src/model/resources.js';
import { analyze } from '../src/schema/analyze.js';
import { SchemaService } from '../src/schema/check.js';
import { shippedVersions } from '../src/schema/embedded.js';

const DEFAULT_KUBERNETES_VERSION = shippedVersions().at(-1)!;

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

describe('verdict helper', () => {
  it('runs beside one parsing thread on 2+ cores, for inputs whose texts are kept, unless told', () => {
    const keep = 16 * 1024 * 1024;
    expect(helperWanted(HELPER_MIN_BYTES, keep, {}, 2)).toBe(true);
    expect(helperWanted(HELPER_MIN_BYTES - 1, keep, {}, 2)).toBe(false);
    expect(helperWanted(HELPER_MIN_BYTES, keep, {}, 1)).toBe(false);
    expect(helperWanted(keep, keep, {}, 2)).toBe(false);
    expect(helperWanted(HELPER_MIN_BYTES, keep, { KUBEWIRE_THREADS: '1' }, 2)).toBe(false);
    expect(helperWanted(HELPER_MIN_BYTES, keep, { KUBEWIRE_VERDICT_HELPER: '0' }, 2)).toBe(false);
    expect(helperWanted(10, keep, { KUBEWIRE_VERDICT_HELPER: '1', KUBEWIRE_THREADS: '1' }, 1)).toBe(true);
    expect(helperWanted(keep, keep, { KUBEWIRE_VERDICT_HELPER: '1' }, 2)).toBe(false);
  });

  describe('on files', () => {
    let dir = '';
    let paths: string[] = [];
    let files: LoadedFile[] = [];
    const options = { kubernetesVersion: DEFAULT_KUBERNETES_VERSION, gatewayApiChannel: 'standard' as const };
    const task = () => SchemaService.analyzerTask({ kubernetesVersion: DEFAULT_KUBERNETES_VERSION, gatewayApiChannel: 'standard' } as Parameters<typeof SchemaService.analyzerTask>[0]);
    beforeAll(() => {
      dir = tempDir('kubewire-helper-');
      paths = Array.from({ length: 12 }, (_, i) => path.join(dir, `f${String(i).padStart(2, '0')}.yaml`));
      paths.forEach((p, i) => writeFileSync(p, BROKEN.replace(/broken/g, `app-${i}`)));
      files = loadPaths(paths, dir).files;
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const url = () => distModule('src/load/load-worker.js')!;

    it('hands over the analyses of every file, the same as this thread computes', async () => {
      const helper = new VerdictHelper(url(), paths, dir, [task()]);
      helper.bind(files);
      await helper.finished;
      const got = new Map<LoadedFile, unknown>();
      helper.take(files[0].path, (f, analyses) => got.set(f, analyses[0]));
      helper.stop();
      expect(got.size).toBe(files.length);
      for (const f of files) expect(got.get(f)).toEqual(analyze(f, options));
      expect(files.some((f) => JSON.stringify(got.get(f)).includes('"kind":"unknown"'))).toBe(true);
    });

    it('skips the files the main thread reached first, and takes no analysis of a file whose text differs', async () => {
      const helper = new VerdictHelper(url(), paths, dir, [task()]);
      // A copy of file 11 whose text is not the one on disk: its analysis does not count.
      const edited = { ...files[11], text: `${files[11].text}# edited\n` };
      helper.bind([...files.slice(0, 11), edited]);
      // Reached file 10 before the helper started its loop (its modules take far longer to load).
      helper.take(files[10].path, () => undefined);
      await helper.finished;
      const got: LoadedFile[] = [];
      helper.take(files[0].path, (f) => got.push(f));
      helper.stop();
      expect(got).toEqual([]);
    });

    it('is ignored when its thread cannot start', async () => {
      const helper = new VerdictHelper(new URL('file:///nonexistent/load-worker.js'), paths, dir, [task()]);
      helper.bind(files);
      await helper.finished;
      const got: LoadedFile[] = [];
      helper.take(files[0].path, (f) => got.push(f));
      expect(got).toEqual([]);
    });
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

  it('gives byte-identical reports on one thread, on worker threads and with the verdict helper', () => {
    const one = lint(1);
    const two = lint(2);
    const three = lint(3);
    const helped = spawnSync(process.execPath, [bin, 'lint', '.', '--format', 'json'], {
      cwd: dir,
      env: { ...process.env, KUBEWIRE_THREADS: '', KUBEWIRE_VERDICT_HELPER: '1', NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    expect(one.status).toBe(1);
    expect(two.stderr).toBe('');
    expect(two.stdout).toBe(one.stdout);
    expect(three.stdout).toBe(one.stdout);
    expect(helped.stderr).toBe('');
    expect(helped.stdout).toBe(one.stdout);
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
