import { Ajv2020 } from 'ajv/dist/2020.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { parseSarif } from './sarif.js';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(root, 'dist/action/index.js');
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Runs the committed bundle the way the runner does: INPUT_* for every input (defaults from action.yml), the step files, cwd = workspace. */
function runAction(workspace: string, inputs: Record<string, string>, env: Record<string, string> = {}): Run {
  const files = tempDir('kubewire-runner-');
  const summaryFile = path.join(files, 'step_summary');
  const outputFile = path.join(files, 'output');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const inputEnv: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? spec.default ?? '';
  }
  const p = spawnSync(process.execPath, [BUNDLE], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      NO_COLOR: '1',
      ...inputEnv,
      ...env,
    },
  });
  // @actions/core writes outputs as `name<<delimiter\nvalue\ndelimiter` blocks.
  const outputs: Record<string, string> = {};
  const text = readFileSync(outputFile, 'utf8');
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]] = m[3]!;
  return { code: p.status, stdout: p.stdout, stderr: p.stderr, summary: readFileSync(summaryFile, 'utf8'), outputs };
}

function brokenService(i: number): string {
  return `apiVersion: v1
kind: Service
metadata: { name: svc-${i}, namespace: shop }
spec:
  selector: { app: missing-${i} }
  ports: [{ port: 80 }]
`;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web, ports: [{ containerPort: 8080 }] }] }
`;

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: shop }
spec:
  rules:
    - host: shop.example.com
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: gone, port: { number: 80 } } } }]
`;

/** Duplicate keys lowered to warnings, so the run has many of both severities. */
const CONFIG = 'rules:\n  yaml-duplicate-key: warning\n';

/**
 * At least 12 errors (Services selecting nothing) and 12 warnings (duplicate keys, lowered by the
 * config); other rules may add findings, so the figures below are read from the outputs and the SARIF.
 */
function messyRepo(): string {
  const ws = tempDir('kubewire-action-');
  mkdirSync(path.join(ws, 'deploy'));
  const docs = [DEPLOYMENT, INGRESS, ...Array.from({ length: 12 }, (_, i) => brokenService(i))];
  writeFileSync(path.join(ws, 'deploy/app.yaml'), docs.join('---\n'));
  const dupes = Array.from({ length: 12 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c${i}, namespace: shop }\ndata:\n  a: "1"\n  a: "2"\n`);
  writeFileSync(path.join(ws, 'deploy/config.yaml'), dupes.join('---\n'));
  writeFileSync(path.join(ws, 'deploy/.kubewire.yaml'), CONFIG);
  return ws;
}

/** Findings per severity in the SARIF the run wrote to deploy/out/kubewire.sarif. */
function counts(ws: string): { errors: number; warnings: number; infos: number } {
  const results = parseSarif(readFileSync(path.join(ws, 'deploy/out/kubewire.sarif'), 'utf8')).runs[0].results;
  const n = (level: string) => results.filter((x) => x.level === level).length;
  return { errors: n('error'), warnings: n('warning'), infos: n('note') };
}

describe('GitHub Action (the committed bundle, run as the runner runs it)', () => {
  beforeAll(() => {
    expect(existsSync(BUNDLE), 'dist/action/index.js is missing: run npm run build:action').toBe(true);
  });

  it('action.yml declares the node24 entry, the inputs and the outputs', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
    expect(Object.keys(action.inputs).sort()).toEqual(
      ['annotations', 'config', 'fail-on', 'format', 'paths', 'sarif-file', 'summary', 'working-directory'].sort(),
    );
    expect(Object.keys(action.outputs).sort()).toEqual(['errors', 'sarif-file', 'warnings']);
  });

  it('annotates at most 10 errors and 10 warnings, most severe first, then one notice; fails on errors', () => {
    const ws = messyRepo();
    const r = runAction(ws, { 'working-directory': 'deploy', 'sarif-file': 'out/kubewire.sarif' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const { errors, warnings, infos } = counts(ws);
    expect(errors).toBeGreaterThanOrEqual(12);
    expect(warnings).toBeGreaterThanOrEqual(12);
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    const kinds = commands.map((l) => /^::(\w+)/.exec(l)![1]);
    const hidden = errors - 10 + (warnings - 10) + Math.max(0, infos - 10);
    expect(kinds).toEqual([...Array<string>(10).fill('error'), ...Array<string>(10).fill('warning'), ...Array<string>(Math.min(infos, 10)).fill('notice'), 'notice']);
    // Paths relative to the repository root, not the working directory; exact positions.
    expect(commands[0]).toMatch(/^::error file=deploy\/app\.yaml,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=[a-z-]+::/);
    expect(commands.some((l) => /^::error file=deploy\/app\.yaml,line=\d+,.*title=service-selector-matches-nothing::Service svc-0 selector app=missing-0 matches no pods/.test(l))).toBe(true);
    expect(commands.slice(10, 20).some((l) => /^::warning file=deploy\/config\.yaml,line=6,endLine=6,col=3,endColumn=4,title=yaml-duplicate-key::/.test(l))).toBe(true);
    expect(commands.at(-1)).toBe(`::notice title=kubewire::${hidden} more findings not shown as annotations (GitHub shows 10 per severity); see the job summary.`);
    // The stylish report for the log comes first.
    expect(r.stdout).toContain(`✖ ${errors + warnings + infos} problems (${errors} errors, ${warnings} warnings`);
    expect(r.outputs).toEqual({ errors: String(errors), warnings: String(warnings), 'sarif-file': 'deploy/out/kubewire.sarif' });
  });

  it('writes the job summary: counts, a findings table linking file#Lline, the wiring graph as Mermaid with broken edges', () => {
    const ws = messyRepo();
    const r = runAction(ws, { 'working-directory': 'deploy', 'sarif-file': 'out/kubewire.sarif' });
    const { errors, warnings, infos } = counts(ws);
    const s = r.summary;
    expect(s).toContain('## kubewire');
    expect(s).toContain(`**${errors} errors**, **${warnings} warnings**, ${infos} info${infos === 1 ? '' : 's'} in 3 files (26 resources): failed (fail-on: error).`);
    expect(s).toContain('| | Rule | Location | Message |');
    expect(s).toMatch(
      /\| ❌ error \| \[`service-selector-matches-nothing`\]\(https:\/\/github\.com\/kubewire\/kubewire\/blob\/main\/rules\/service-selector-matches-nothing\/README\.md\) \| \[deploy\/app\.yaml:\d+\]\(https:\/\/github\.com\/acme\/shop\/blob\/0123456789abcdef0123456789abcdef01234567\/deploy\/app\.yaml#L\d+\) \| Service svc-0 selector app=missing-0 matches no pods/,
    );
    expect(s.match(/^\| (❌|⚠️|ℹ️) /gm)).toHaveLength(errors + warnings + infos);
    expect(s).toContain('### Wiring graph\n\n```mermaid\nflowchart LR\n  subgraph ns0["namespace shop"]');
    expect(s).toMatch(/n\d+ --x\|"✗ no Service gone in namespace shop · shop\.example\.com\/ → :80"\| n\d+/);
    expect(s).toContain('- Ingress shop/shop → Service shop/gone: no Service gone in namespace shop');
    expect(s).toContain('**13 broken wires** (✗ in the graph)');
  });

  it('links the pull request head commit, not the merge commit', () => {
    const ws = messyRepo();
    const event = path.join(ws, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { head: { sha: 'feedfacefeedfacefeedfacefeedfacefeedface' } } }));
    const r = runAction(ws, { 'working-directory': 'deploy' }, { GITHUB_EVENT_PATH: event });
    expect(r.summary).toContain('https://github.com/acme/shop/blob/feedfacefeedfacefeedfacefeedfacefeedface/deploy/app.yaml#L');
  });

  it('writes SARIF with URIs relative to the repository root and rule help from the rule READMEs (generated into the bundle)', () => {
    const ws = messyRepo();
    const r = runAction(ws, { 'working-directory': 'deploy', 'sarif-file': 'out/kubewire.sarif', 'fail-on': 'never' });
    expect(r.code).toBe(0);
    const sarif = parseSarif(readFileSync(path.join(ws, 'deploy/out/kubewire.sarif'), 'utf8'));
    const schema = path.join(__dirname, 'sarif-2.1.0.json');
    const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(JSON.parse(readFileSync(schema, 'utf8')));
    validate(sarif);
    expect(validate.errors ?? [], 'valid against the official SARIF 2.1.0 schema').toEqual([]);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    const { errors, warnings, infos } = counts(ws);
    expect(run.results).toHaveLength(errors + warnings + infos);
    expect(run.results.filter((x) => x.ruleId === 'service-selector-matches-nothing')).toHaveLength(12);
    expect(run.results.filter((x) => x.ruleId === 'yaml-duplicate-key')).toHaveLength(12);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'deploy/app.yaml', uriBaseId: '%SRCROOT%' });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${new URL(`file://${ws}/`).href}`);
    const rule = run.tool.driver.rules.find((x) => x.id === 'service-selector-matches-nothing');
    // The README (not the fallback built from meta): proves the bundle finds the package root from dist/action/.
    const readme = readFileSync(path.join(root, 'rules/service-selector-matches-nothing/README.md'), 'utf8').trim();
    expect(rule?.help?.markdown.startsWith(readme)).toBe(true);
    expect(rule?.help?.markdown).toContain('## What it flags');
  });

  it('fail-on: warning fails on warnings alone; never passes; a clean repository passes with no annotations', () => {
    const ws = tempDir('kubewire-action-');
    writeFileSync(path.join(ws, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  a: "1"\n  a: "2"\n');
    writeFileSync(path.join(ws, '.kubewire.yaml'), CONFIG);
    expect(runAction(ws, { 'fail-on': 'warning' }).code).toBe(1);
    expect(runAction(ws, { 'fail-on': 'error' }).code).toBe(0);
    writeFileSync(path.join(ws, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  a: "1"\n');
    const clean = runAction(ws, { 'fail-on': 'warning' });
    expect(clean.code).toBe(0);
    expect(clean.stdout).not.toMatch(/^::(error|warning|notice)/m);
    expect(clean.summary).toContain('**0 errors**, **0 warnings**, 0 infos in 2 files (1 resource): passed.');
    expect(clean.outputs).toEqual({ errors: '0', warnings: '0', 'sarif-file': '' });
  });

  it('rejects a bad input, and a bad config, with an error annotation and exit 2', () => {
    const ws = messyRepo();
    const bad = runAction(ws, { 'fail-on': 'sometimes' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('::error::kubewire: input fail-on: "sometimes" is not one of error, warning, never');
    writeFileSync(path.join(ws, 'deploy/.kubewire.yaml'), 'rules:\n  no-such-rule: warning\n');
    const cfg = runAction(ws, { 'working-directory': 'deploy' });
    expect(cfg.code).toBe(2);
    expect(cfg.stdout).toMatch(/^::error::kubewire: .*no-such-rule/m);
  });

  it('the committed bundle is fresh (rebuild with npm run build:action)', async () => {
    const { buildActionBundle } = (await import(path.join(root, 'scripts/build-action.mjs'))) as { buildActionBundle: () => Promise<string> };
    const fresh = await buildActionBundle();
    expect(fresh === readFileSync(BUNDLE, 'utf8'), 'dist/action/index.js is stale: run npm run build:action and commit it').toBe(true);
    // Deterministic: two builds give the same bytes.
    expect(await buildActionBundle()).toBe(fresh);
  });
});
