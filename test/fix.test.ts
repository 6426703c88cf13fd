import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { writeFixes } from '../src/cli/lint.js';
import type { Io } from '../src/cli/io.js';
import { planFixes, requote, unifiedDiff } from '../src/engine/fix.js';
import type { Finding } from '../src/engine/result.js';
import type { LoadedFile } from '../src/model/resources.js';
import { lint } from '../src/index.js';
import { tempDir } from './temp.js';

function testIo(cwd: string, stdin = ''): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (s: string) => void (io.out += s),
    stderr: (s: string) => void (io.err += s),
    readStdin: () => Promise.resolve(Buffer.from(stdin)),
    cwd,
    env: {},
    isTTY: false,
  };
  return io;
}

// Three fixable findings of three rules, in three quoting styles, between comments and odd spacing.
const BROKEN = `# The shop's web tier: keep these comments.
apiVersion: v1
kind: Service
metadata:
  name: web   # public entry
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: "htpp"  # the container's port name
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name:    wbe      # typo
                port: { number: 80 }
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: shop
  namespace: shop
spec:
  routes:
    - match: Host(\`shop.example.com\`)
      kind: Rule
      services:
        - name: web
          port: 'htp'
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - name: http
              containerPort: 8080
`;

const FIXED = BROKEN.replace('targetPort: "htpp"', 'targetPort: "http"').replace('name:    wbe      # typo', 'name:    web      # typo').replace("port: 'htp'", "port: 'http'");

const FIXED_RULES = ['service-target-port-missing', 'ingress-backend-service-missing', 'traefik-route-port-missing'];

describe('kubewire lint --fix', () => {
  it('replaces only the fixed scalars, keeping comments, quoting and spacing byte for byte; a second run changes nothing', async () => {
    const dir = tempDir('kubewire-fix-');
    const file = path.join(dir, 'shop.yaml');
    writeFileSync(file, BROKEN);
    const io = testIo(dir);
    await main(['lint', '.', '--fix', '-f', 'json'], io);
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    expect(io.err).toContain('applied 3 fix(es) in 1 file(s)');
    // The report is of the fixed file: the fixed rules report nothing any more.
    const report = JSON.parse(io.out) as { findings: { ruleId: string }[] };
    expect(report.findings.filter((f) => FIXED_RULES.includes(f.ruleId))).toEqual([]);

    const again = testIo(dir);
    await main(['lint', '.', '--fix', '-f', 'json'], again);
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    expect(again.err).not.toContain('applied');
  });

  it('fixes again while a pass writes something: a kind corrected brings out its backend\'s name', async () => {
    // Found by the fuzzer's --fix mode: the first pass corrected a route's kind, and only then was its
    // backend judged, whose name a second `--fix` run corrected (README: a second run changes nothing).
    const dir = tempDir('kubewire-fix-passes-');
    const file = path.join(dir, 'shop.yaml');
    const route = (kind: string, backend: string) =>
      `apiVersion: gateway.networking.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  rules:\n    - backendRefs:\n        - name: ${backend}\n          port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: { app: web }\n  ports:\n    - port: 80\n`;
    writeFileSync(file, route('HTTPRoue', 'wbe'));
    const io = testIo(dir);
    expect(await main(['lint', '.', '--fix', '-f', 'json'], io)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(route('HTTPRoute', 'web'));
    expect(io.err).toBe('kubewire: applied 2 fix(es) in 1 file(s)\n');
    expect((JSON.parse(io.out) as { findings: unknown[] }).findings).toEqual([]);
    const again = testIo(dir);
    await main(['lint', '.', '--fix'], again);
    expect(again.err).toBe('');
  });

  it('keeps CRLF line endings', async () => {
    const dir = tempDir('kubewire-fix-crlf-');
    const file = path.join(dir, 'shop.yaml');
    writeFileSync(file, BROKEN.replace(/\n/g, '\r\n'));
    await main(['lint', '.', '--fix'], testIo(dir));
    expect(readFileSync(file, 'utf8')).toBe(FIXED.replace(/\n/g, '\r\n'));
  });

  it('--fix-dry-run prints a unified diff, writes nothing and reports what would remain', async () => {
    const dir = tempDir('kubewire-fix-dry-');
    const file = path.join(dir, 'shop.yaml');
    writeFileSync(file, BROKEN);
    const io = testIo(dir);
    await main(['lint', '.', '--fix-dry-run', '-f', 'compact'], io);
    expect(readFileSync(file, 'utf8')).toBe(BROKEN);
    expect(io.out).toContain('--- a/shop.yaml\n+++ b/shop.yaml\n@@ -10,7 +10,7 @@\n');
    expect(io.out).toContain('-      targetPort: "htpp"  # the container\'s port name\n+      targetPort: "http"  # the container\'s port name\n');
    expect(io.out).toContain("-          port: 'htp'\n+          port: 'http'\n");
    for (const id of FIXED_RULES) expect(io.out).not.toContain(`[${id}]`);
  });

  it('rejects --fix with --fix-dry-run', async () => {
    const io = testIo(tempDir('kubewire-fix-usage-'));
    expect(await main(['lint', '.', '--fix', '--fix-dry-run'], io)).toBe(2);
    expect(io.err).toContain('exclude each other');
  });

  it('does not write a file that changed on disk during the run', async () => {
    const dir = tempDir('kubewire-fix-changed-');
    const file = path.join(dir, 'shop.yaml');
    writeFileSync(file, BROKEN);
    const result = await lint({ paths: ['.'], cwd: dir, config: { file: null, dir, rules: {} } });
    const plans = planFixes(result);
    expect(plans[0].edits).toHaveLength(3);
    const edited = BROKEN.replace('keep these comments', 'edited meanwhile');
    writeFileSync(file, edited);
    const io = testIo(dir);
    expect(writeFixes(plans, io)).toEqual({ files: [], fixes: 0 });
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(io.err).toContain('shop.yaml changed on disk during the run');
  });

  it('does not write stdin', async () => {
    const dir = tempDir('kubewire-fix-stdin-');
    const io = testIo(dir, BROKEN);
    await main(['lint', '-', '--fix', '-f', 'compact'], io);
    expect(io.err).toContain('fix not applied (service-target-port-missing): stdin is not written');
  });
});

describe('kubewire lint --fix: the Service kubectl expose would create', () => {
  const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: api
                port: { number: 80 }
`;
  const APPS = `# the shop's workloads
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api, tier: backend }
    spec:
      containers:
        - name: api
          image: example/api:1.0
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: api-internal
  namespace: shop
spec:
  selector: { app: api }
  ports:
    - port: 8080`;

  it('appends the Service to the workload\'s file for a backend naming a missing Service, once', async () => {
    const dir = tempDir('kubewire-fix-expose-');
    writeFileSync(path.join(dir, 'ingress.yaml'), INGRESS);
    writeFileSync(path.join(dir, 'apps.yaml'), APPS);
    const sarif = testIo(dir);
    await main(['lint', '.', '-f', 'sarif'], sarif);
    const result = (JSON.parse(sarif.out) as { runs: { results: { ruleId: string; fixes?: { artifactChanges: { artifactLocation: { uri: string } }[] }[] }[] }[] }).runs[0].results;
    const missing = result.find((r) => r.ruleId === 'ingress-backend-service-missing')!;
    expect(missing.fixes![0].artifactChanges[0].artifactLocation.uri).toBe('apps.yaml');
    // The JSON report names the file the fix edits, and the fix's place is that file's end (found by
    // the fuzzer: without the file, a reader put the insertion in the Ingress's file, past its end).
    const json = testIo(dir);
    await main(['lint', '.', '-f', 'json'], json);
    const fixOf = (JSON.parse(json.out) as { findings: { ruleId: string; file: string; fix?: Record<string, unknown> }[] }).findings.find(
      (f) => f.ruleId === 'ingress-backend-service-missing',
    )!;
    expect(fixOf.file).toBe('ingress.yaml');
    const appsLines = APPS.split('\n');
    expect(fixOf.fix).toMatchObject({ file: 'apps.yaml', line: appsLines.length, column: appsLines.at(-1)!.length + 1 });
    expect(Object.keys(fixOf.fix!)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'text', 'description']);

    const io = testIo(dir);
    await main(['lint', '.', '--fix', '-f', 'json'], io);
    // No final newline in the file: one is added before the separator; the rest is kept byte for byte.
    expect(readFileSync(path.join(dir, 'apps.yaml'), 'utf8')).toBe(
      `${APPS}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
    );
    expect(readFileSync(path.join(dir, 'ingress.yaml'), 'utf8')).toBe(INGRESS);
    const report = JSON.parse(io.out) as { findings: { ruleId: string }[] };
    expect(report.findings.filter((f) => f.ruleId.startsWith('ingress-backend') || f.ruleId.startsWith('service-')).map((f) => f.ruleId)).toEqual([]);
    const again = testIo(dir);
    await main(['lint', '.', '--fix'], again);
    expect(again.err).not.toContain('applied');
  });

  it('does the same for a Gateway API route backendRef', async () => {
    const dir = tempDir('kubewire-fix-expose-route-');
    const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  rules:\n    - backendRefs:\n        - name: api\n          port: 80\n';
    writeFileSync(path.join(dir, 'route.yaml'), route);
    writeFileSync(path.join(dir, 'apps.yaml'), `${APPS}\n`);
    const io = testIo(dir);
    await main(['lint', '.', '--fix', '-f', 'json'], io);
    expect(readFileSync(path.join(dir, 'apps.yaml'), 'utf8')).toContain('---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\n');
    const report = JSON.parse(io.out) as { findings: { ruleId: string }[] };
    expect(report.findings.filter((f) => f.ruleId.startsWith('route-backend')).map((f) => f.ruleId)).toEqual([]);
  });

  it('does the same for an Istio VirtualService destination host, short or fully qualified, once', async () => {
    const dir = tempDir('kubewire-fix-expose-vs-');
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shop
  namespace: shop
spec:
  hosts: [shop.example.com]
  http:
    - route:
        - destination:
            host: api # the short name, read in namespace shop
            port: { number: 80 }
    - route:
        - destination:
            host: api.shop.svc.cluster.local
            port: { number: 80 }
`;
    writeFileSync(path.join(dir, 'vs.yaml'), vs);
    writeFileSync(path.join(dir, 'apps.yaml'), `${APPS}\n`);
    const io = testIo(dir);
    await main(['lint', '.', '--fix', '-f', 'json'], io);
    // Both destinations offer the same document: it is written once.
    expect(readFileSync(path.join(dir, 'apps.yaml'), 'utf8')).toBe(
      `${APPS}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
    );
    expect(readFileSync(path.join(dir, 'vs.yaml'), 'utf8')).toBe(vs);
    const report = JSON.parse(io.out) as { findings: { ruleId: string }[] };
    expect(report.findings.filter((f) => f.ruleId === 'mesh-destination-host-missing').map((f) => f.ruleId)).toEqual([]);
    const fixed = readFileSync(path.join(dir, 'apps.yaml'), 'utf8');
    const again = testIo(dir);
    await main(['lint', '.', '--fix'], again);
    expect(again.err).not.toContain('applied');
    expect(readFileSync(path.join(dir, 'apps.yaml'), 'utf8')).toBe(fixed);
  });

  it('offers no Service when no single workload is evidently the target', async () => {
    const dir = tempDir('kubewire-fix-expose-none-');
    writeFileSync(path.join(dir, 'ingress.yaml'), INGRESS);
    writeFileSync(path.join(dir, 'apps.yaml'), APPS.replace(/name: api/g, 'name: backend').replace(/app: api/g, 'app: backend'));
    const io = testIo(dir);
    await main(['lint', '.', '--fix-dry-run', '-f', 'compact'], io);
    expect(io.out).toContain('[ingress-backend-service-missing]');
    expect(io.out).not.toContain('+++');
  });
});

describe('fix planning', () => {
  const text = 'spec:\n  a: one\n  b: two\n';
  const file = { path: 'x.yaml', absPath: '/nowhere/x.yaml', text, docs: [] } as unknown as LoadedFile;
  const finding = (line: number, column: number, endColumn: number, replacement: string): Finding => {
    const f: Finding = {
      ruleId: 'r',
      messageId: 'm',
      severity: 'error',
      message: 'm',
      file: 'x.yaml',
      resource: null,
      path: null,
      related: [],
      fingerprint: `${line}:${column}:${replacement}`,
      line,
      column,
      endLine: line,
      endColumn,
      fix: { range: { line, column, endLine: line, endColumn }, text: replacement, description: 'd' },
    };
    return f;
  };

  it('applies one edit for findings that offer the same fix, and skips fixes that conflict', () => {
    const same = planFixes({ files: [file], findings: [finding(2, 6, 9, 'uno'), finding(2, 6, 9, 'uno')] })[0];
    expect(same.edits).toHaveLength(1);
    expect(same.edits[0].findings).toHaveLength(2);
    expect(same.output).toBe('spec:\n  a: uno\n  b: two\n');

    const conflict = planFixes({ files: [file], findings: [finding(2, 6, 9, 'uno'), finding(2, 6, 9, 'eins'), finding(3, 6, 9, 'zwei')] })[0];
    expect(conflict.output).toBe('spec:\n  a: one\n  b: zwei\n');
    expect(conflict.skipped.map((s) => s.reason)).toEqual(['it conflicts with another fix of the same text', 'it conflicts with another fix of the same text']);
  });

  it('keeps the quoting of the replaced scalar, and leaves non-scalars alone', () => {
    expect(requote('"htpp"', 'http')).toBe('"http"');
    expect(requote("'it''s'", "it's")).toBe("'it''s'");
    expect(requote('wbe', 'web')).toBe('web');
    expect(requote('80', 'needs: quotes')).toBe('"needs: quotes"');
    expect(requote('{ a: 1 }', 'x')).toBeNull();
    expect(requote('|', 'x')).toBeNull();
  });

  it('diffs with context and merges nearby hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 5', 'LINE 5').replace('line 8', 'LINE 8');
    const diff = unifiedDiff('f.yaml', before, after);
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -2,10 +2,10 @@']);
    expect(unifiedDiff('f.yaml', before, before)).toBe('');
  });
});
