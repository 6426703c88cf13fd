import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { jobSummary, MAX_TABLE_ROWS } from '../src/action/summary.js';
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
    // A `|` in a message cannot break the table.
    expect(md).toContain('selector app=a0\\|x matches no pods');
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌'));
    expect(rows).toHaveLength(MAX_TABLE_ROWS);
    expect(md).toContain(`…and ${result.findings.length - MAX_TABLE_ROWS} more findings: see the step log or the SARIF report.`);
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
    // Without a repository, links are relative to the summary.
    expect(rows[0]).toMatch(/\[big\.yaml:\d+\]\(big\.yaml#L\d+\)/);
  });
});
