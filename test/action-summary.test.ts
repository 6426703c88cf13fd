import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { jobSummary, MAX_BROKEN_LISTED, MAX_SUMMARY_BYTES, MAX_TABLE_ROWS } from '../src/action/summary.js';
import { buildGraph } from '../src/graph/build.js';
import { parseUnifiedDiff } from '../src/action/pull-request.js';
import { lintWith } from '../src/engine/lint.js';
import { graphOf } from './helpers.js';
import { loadText } from '../src/load/load.js';

function services(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: v1
kind: Service
metadata: { name: "s${i}", namespace: ns }
spec: { selector: { app: "a${i}|x" }, ports: [{ port: 80 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: "d${i}", namespace: ns }
spec: { template: { metadata: { labels: { app: "b${i}" } }, spec: { containers: [{ name: c, image: x }] } } }`);
  }
  return docs.join('\n---\n');
}

describe('job summary', () => {
  it('leaves out a Mermaid block GitHub could not draw (over 500 edges), keeps the broken-wire list, caps the table', async () => {
    const file = loadText(services(600), 'big.yaml');
    const result = await lintWith({ files: [file], cwd: '/repo', rules });
    const graph = graphOf([file]);
    expect(graph.edges.length).toBe(600);
    const md = jobSummary(result, { graph, failOn: 'error', failed: true });
    expect(md).not.toContain('```mermaid');
    expect(md).toContain('The graph (1200 nodes, 600 edges) is too large for GitHub to draw; run `kubewire graph` locally.');
    expect(md).toContain('**600 broken wires** (✗ in the graph):');
    expect(md.split('\n').filter((l) => l.startsWith('- Service '))).toHaveLength(MAX_BROKEN_LISTED);
    expect(md).toContain(`- …and ${600 - MAX_BROKEN_LISTED} more broken wires: run \`kubewire graph\` locally.`);
    // A `|` in a message cannot break the table.
    expect(md).toContain('selector app=a0\\|x matches no pods');
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌'));
    expect(rows).toHaveLength(MAX_TABLE_ROWS);
    expect(md).toContain(`…and ${result.findings.length - MAX_TABLE_ROWS} more findings not listed (${result.findings.length - MAX_TABLE_ROWS} errors, 0 warnings, 0 infos): see the step log or the SARIF report.`);
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
    // Without a repository, links are relative to the summary.
    expect(rows[0]).toMatch(/\[big\.yaml:\d+\]\(big\.yaml#L\d+\)/);
  });

  it('stays under 1 MiB with 8,000 Services selecting nothing and long names; most severe first, saying what was left out', async () => {
    // Long names and labels make every row and every broken wire long: the caps, not luck, keep it small.
    const pad = 'x'.repeat(60);
    const docs: string[] = [];
    for (let i = 0; i < 8000; i++) {
      docs.push(`apiVersion: v1
kind: Service
metadata: { name: "svc-${pad}-${i}", namespace: ns }
spec: { selector: { app: "missing-${pad}-${i}" }, ports: [{ port: 80 }] }`);
    }
    // Infos first in the file: a table cut in file order would show them and leave errors out.
    const infos = Array.from({ length: 600 }, (_, i) => `apiVersion: v1
kind: Service
metadata: { name: "lb-${i}", namespace: ns }
spec: { type: LoadBalancer, ports: [{ port: 80 }] }`);
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: ns }\nspec: { selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: c, image: x }] } } }';
    const file = loadText([...infos, deployment, ...docs].join('\n---\n'), 'big.yaml');
    const result = await lintWith({ files: [file], cwd: '/repo', rules });
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const infoCount = result.findings.filter((f) => f.severity === 'info').length;
    expect(errors).toBeGreaterThanOrEqual(8000);
    expect(infoCount).toBeGreaterThan(0);
    const graph = buildGraph(result);
    const md = jobSummary(result, { graph, failOn: 'error', failed: true, blobBase: 'https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/' });
    expect(Buffer.byteLength(md)).toBeLessThan(MAX_SUMMARY_BYTES);
    const rows = md.split('\n').filter((l) => /^\| (❌|⚠️|ℹ️) /.test(l));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(MAX_TABLE_ROWS);
    // Most severe first: every row shown is an error, though the infos come first in the file.
    expect(rows.every((r) => r.startsWith('| ❌ error'))).toBe(true);
    expect(md).toContain(`…and ${result.findings.length - rows.length} more findings not listed (${errors - rows.length} errors, 0 warnings, ${infoCount} infos)`);
    expect(md).toContain('is too large for GitHub to draw');
    expect(brokenCount(md)).toBeGreaterThanOrEqual(8000);
    expect(md).toContain(`- …and ${brokenCount(md) - MAX_BROKEN_LISTED} more broken wires`);
    // The same on a pull request: two tables, each capped.
    const pr = jobSummary(result, { graph, failOn: 'error', failed: true, pullRequest: { touched: (f) => f.severity === 'error' && f.line % 2 === 0, what: 'changed files', number: 1 } });
    expect(Buffer.byteLength(pr)).toBeLessThan(MAX_SUMMARY_BYTES);
    expect(pr).toContain('### In pull request #1');
    expect(pr).toContain('### Elsewhere');
  });
});

function brokenCount(md: string): number {
  return Number(/\*\*(\d+) broken wires\*\*/.exec(md)![1]);
}

describe('git diff -U0 as the Action reads it', () => {
  it('head-side line ranges per file: counts, pure deletions, new, renamed and quoted files', () => {
    const diff = [
      'diff --git a/deploy/app.yaml b/deploy/app.yaml',
      'index 1111111..2222222 100644',
      '--- a/deploy/app.yaml',
      '+++ b/deploy/app.yaml',
      '@@ -3 +3 @@ spec:',
      '-  a',
      '+  b',
      '@@ -10,2 +9,0 @@',
      '-x',
      '-y',
      '@@ -20,0 +19,3 @@',
      '+p',
      '+q',
      '+r',
      'diff --git a/new.yaml b/new.yaml',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.yaml',
      '@@ -0,0 +1,2 @@',
      '+a: 1',
      '+b: 2',
      'diff --git a/old.yaml b/moved.yaml',
      'similarity index 100%',
      'rename from old.yaml',
      'rename to moved.yaml',
      'diff --git "a/caf\\303\\251.yaml" "b/caf\\303\\251.yaml"',
      '--- "a/caf\\303\\251.yaml"',
      '+++ "b/caf\\303\\251.yaml"',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      '',
    ].join('\n');
    expect(Object.fromEntries(parseUnifiedDiff(diff))).toEqual({
      'deploy/app.yaml': [
        [3, 3],
        [19, 21],
      ],
      'new.yaml': [[1, 2]],
      'moved.yaml': [],
      'café.yaml': [[1, 1]],
    });
  });
});
