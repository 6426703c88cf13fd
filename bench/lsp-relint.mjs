#!/usr/bin/env node
// The language server's re-lint after a keystroke (INTEGRATIONS.md: "< 100 ms"), measured as the
// editor causes it: a workspace of 1,000 documents (500 Services, 500 Deployments in 10 namespaces,
// 100 files, 10 broken selectors, every rule enabled) is read once; then one file changes, 101 times,
// and each change re-parses that file and re-runs the rules over the cached rest (Workspace.lint).
// Prints the median CPU and wall time of one re-lint as JSON. Run by bench/run.mjs; alone:
//   node bench/lsp-relint.mjs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const { Workspace } = await import(new URL('src/lsp/workspace.js', dist).href);
const { rules } = await import(new URL('rules/index.js', dist).href);

const service = (i, ns, app) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${app}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n`;
const deployment = (i, ns) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels:\n      app: app-${i}\n  template:\n    metadata:\n      labels:\n        app: app-${i}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n          ports:\n            - name: http\n              containerPort: 8080\n`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'kubewire-bench-lsp-'));
try {
  for (let f = 0; f < 100; f++) {
    const docs = [];
    for (let d = 0; d < 5; d++) {
      const i = f * 5 + d;
      docs.push(service(i, `ns-${f % 10}`, `app-${i}${i % 50 === 0 ? '-typo' : ''}`), deployment(i, `ns-${f % 10}`));
    }
    writeFileSync(path.join(dir, `f${String(f).padStart(3, '0')}.yaml`), docs.join('---\n'));
  }
  const w = new Workspace(dir, rules);
  w.scan();
  const changed = path.join(dir, 'f050.yaml');
  const text = readFileSync(changed, 'utf8');
  await w.lint();
  const cpu = [];
  const wall = [];
  for (let i = 0; i < 101; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    w.setOpen(changed, i % 2 ? text.replace('app: app-251', 'app: app-251-typo') : text);
    const r = await w.lint();
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    wall.push(performance.now() - t);
    if (r.findings.length !== (i % 2 ? 11 : 10)) throw new Error(`re-lint ${i}: ${r.findings.length} findings`);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(JSON.stringify({ documents: 1000, cpuMs: median(cpu), wallMs: median(wall) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
