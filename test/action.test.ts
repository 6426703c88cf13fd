import { Ajv2020 } from 'ajv/dist/2020.js';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { droppedAnnotations, keptAnnotations, parseCommands } from './runner-commands.js';
import { parseSarif } from './sarif.js';
import { sarifViolations } from './sarif-checks.js';
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
function runAction(workspace: string, inputs: Record<string, string>, env: Record<string, string> = {}, bundle = BUNDLE, nodeArgs: string[] = []): Run {
  const files = tempDir('kubewire-runner-');
  const summaryFile = path.join(files, 'step_summary');
  const outputFile = path.join(files, 'output');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const inputEnv: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? spec.default ?? '';
  }
  const p = spawnSync(process.execPath, [...nodeArgs, bundle], {
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
      GITHUB_EVENT_NAME: 'push',
      // Colours on, as on a real runner (no NO_COLOR): the stylish report ends with reset codes.
      ...(process.env.KUBEWIRE_TOOLS_PATH ? { KUBEWIRE_TOOLS_PATH: process.env.KUBEWIRE_TOOLS_PATH } : {}),
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
      ['annotations', 'config', 'fail-on', 'format', 'paths', 'pull-request-annotations', 'pull-request-fail-on', 'sarif-file', 'summary', 'working-directory'].sort(),
    );
    expect(Object.keys(action.outputs).sort()).toEqual(['errors', 'sarif-file', 'warnings']);
  });

  it('the README inputs table lists every input of action.yml with its default', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| input | default | meaning |'));
    const lines = table.split('\n').slice(2);
    const rows = lines.slice(0, lines.findIndex((l) => !l.startsWith('|')));
    const listed = Object.fromEntries(rows.map((l) => /^\| `([\w-]+)` \|\s*`?([^`|]*?)`?\s*\|/.exec(l)!).map((m) => [m[1], m[2].trim()]));
    const declared = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));
    expect(listed).toEqual(declared);
  });

  it('annotates at most 10 errors and 10 warnings, most severe first, then one notice, all read by the runner; fails on errors', () => {
    const ws = messyRepo();
    const r = runAction(ws, { 'working-directory': 'deploy', 'sarif-file': 'out/kubewire.sarif' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const { errors, warnings, infos } = counts(ws);
    expect(errors).toBeGreaterThanOrEqual(12);
    expect(warnings).toBeGreaterThanOrEqual(12);
    // The coloured stylish report comes first and ends with reset codes…
    expect(r.stdout).toContain('\u001b[31merror\u001b[39m');
    expect(r.stdout).toContain(`✖ ${errors + warnings + infos} problems (${errors} errors, ${warnings} warnings`);
    // …yet the runner reads every annotation, starting with the first, most severe one, and drops none.
    const kept = keptAnnotations(r.stdout);
    expect(droppedAnnotations(r.stdout)).toEqual([]);
    expect(parseCommands(r.stdout).filter((c) => c.name !== 'error' && c.name !== 'warning' && c.name !== 'notice')).toEqual([]);
    const hidden = errors - 10 + (warnings - 10) + Math.max(0, infos - 9);
    expect(kept.map((c) => c.name)).toEqual([
      ...Array<string>(10).fill('error'),
      ...Array<string>(10).fill('warning'),
      ...Array<string>(Math.min(infos, 9)).fill('notice'),
      'notice',
    ]);
    // Paths relative to the repository root, not the working directory; exact positions.
    const first = kept[0];
    expect(first.properties).toMatchObject({ file: 'deploy/app.yaml', title: expect.stringMatching(/^[a-z-]+$/) as unknown });
    for (const k of ['line', 'endLine', 'col', 'endColumn']) expect(first.properties[k]).toMatch(/^\d+$/);
    expect(kept.some((c) => c.name === 'error' && c.properties.title === 'service-selector-matches-nothing' && c.message.startsWith('Service svc-0 selector app=missing-0 matches no pods'))).toBe(true);
    expect(
      kept.slice(10, 20).some((c) => c.properties.file === 'deploy/config.yaml' && c.properties.line === '6' && c.properties.col === '3' && c.properties.endColumn === '4' && c.properties.title === 'yaml-duplicate-key'),
    ).toBe(true);
    expect(kept.at(-1)).toMatchObject({
      name: 'notice',
      properties: { title: 'kubewire' },
      message: `${hidden} more findings not shown as annotations (GitHub shows 10 per level and step); see the job summary.`,
    });
    expect(r.outputs).toEqual({ errors: String(errors), warnings: String(warnings), 'sarif-file': 'deploy/out/kubewire.sarif' });
  });

  it('every format leaves the annotations on their own lines, coloured or not', () => {
    const ws = messyRepo();
    // Colour changes only stylish: it runs with and without NO_COLOR, the others as on a runner.
    const runs: [string, Record<string, string>][] = [
      ['stylish', {}],
      ['stylish', { NO_COLOR: '1' }],
      ['compact', {}],
      ['json', {}],
      ['sarif', {}],
      ['github', {}],
    ];
    for (const [fmt, env] of runs) {
      const r = runAction(ws, { 'working-directory': 'deploy', format: fmt, summary: 'false' }, env);
      const kept = keptAnnotations(r.stdout);
      expect(kept.slice(0, 10).map((c) => c.name), `${fmt} ${JSON.stringify(env)}`).toEqual(Array<string>(10).fill('error'));
      expect(droppedAnnotations(r.stdout), fmt).toEqual([]);
      expect(kept.at(-1)?.properties.title, fmt).toBe('kubewire');
      expect(kept.at(-1)?.message, fmt).toContain('see the step log');
    }
  }, 120_000);

  it('with 10 or more infos the overflow notice takes the place of the last info; format: github keeps the same caps', () => {
    const ws = tempDir('kubewire-action-');
    const dupes = Array.from({ length: 12 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c${i}, namespace: shop }\ndata:\n  a: "1"\n  a: "2"\n`);
    writeFileSync(path.join(ws, 'config.yaml'), dupes.join('---\n'));
    writeFileSync(path.join(ws, '.kubewire.yaml'), 'rules:\n  yaml-duplicate-key: info\n');
    for (const inputs of [{}, { format: 'github', annotations: 'false' }, { format: 'github' }] as Record<string, string>[]) {
      const r = runAction(ws, inputs);
      expect(r.code).toBe(0);
      const kept = keptAnnotations(r.stdout);
      expect(droppedAnnotations(r.stdout), JSON.stringify(inputs)).toEqual([]);
      expect(kept.map((c) => c.name)).toEqual(Array<string>(10).fill('notice'));
      expect(kept.slice(0, 9).every((c) => c.properties.title === 'yaml-duplicate-key')).toBe(true);
      expect(kept[9].message).toMatch(/^3 more findings not shown as annotations \(GitHub shows 10 per level and step\); see the job summary\.$/);
    }
  });

  it('boolean inputs follow the toolkit: true/True/TRUE/false/False/FALSE, anything else an input error naming the input', () => {
    const ws = messyRepo();
    for (const v of ['false', 'False', 'FALSE']) {
      const r = runAction(ws, { 'working-directory': 'deploy', annotations: v, summary: v, format: 'none' });
      expect(r.code).toBe(1);
      expect(keptAnnotations(r.stdout)).toEqual([]);
      expect(r.summary).toBe('');
    }
    for (const v of ['true', 'True', 'TRUE']) {
      const r = runAction(ws, { 'working-directory': 'deploy', annotations: v, summary: v, format: 'none' });
      expect(keptAnnotations(r.stdout).length).toBeGreaterThan(0);
      expect(r.summary).toContain('## kubewire');
    }
    for (const [name, v] of [['annotations', 'yes'], ['summary', 'on'], ['annotations', 'tRue']]) {
      const r = runAction(ws, { 'working-directory': 'deploy', [name]: v });
      expect(r.code).toBe(2);
      const commands = parseCommands(r.stdout);
      expect(commands).toEqual([
        { name: 'error', properties: {}, message: `kubewire: input ${name}: "${v}" is not a boolean: use true or false (also True, TRUE, False, FALSE)`, line: expect.any(Number) as unknown },
      ]);
      expect(r.stdout).not.toMatch(/internal error|\n\s+at /);
    }
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
      /\| ❌ error \| \[`service-selector-matches-nothing`\]\(https:\/\/github\.com\/kubewire\/kubewire\/blob\/v\d+\.\d+\.\d+[^/]*\/rules\/service-selector-matches-nothing\/README\.md\) \| \[deploy\/app\.yaml:\d+\]\(https:\/\/github\.com\/acme\/shop\/blob\/0123456789abcdef0123456789abcdef01234567\/deploy\/app\.yaml#L\d+\) \| Service svc-0 selector app=missing-0 matches no pods/,
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
    writeFileSync(event, JSON.stringify({ pull_request: { number: 3, base: { sha: 'cafe'.repeat(10) }, head: { sha: 'feedfacefeedfacefeedfacefeedfacefeedface' } } }));
    const r = runAction(ws, { 'working-directory': 'deploy' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event });
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
    expect(sarifViolations(sarif), 'SARIF Multitool-equivalent checks').toEqual([]);
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
    expect(parseCommands(clean.stdout)).toEqual([]);
    expect(clean.summary).toContain('**0 errors**, **0 warnings**, 0 infos in 2 files (1 resource): passed.');
    expect(clean.outputs).toEqual({ errors: '0', warnings: '0', 'sarif-file': '' });
  });

  it('rejects a bad input, and a bad config, with an error annotation and exit 2', () => {
    const ws = messyRepo();
    const bad = runAction(ws, { 'fail-on': 'sometimes' });
    expect(bad.code).toBe(2);
    expect(parseCommands(bad.stdout).map((c) => [c.name, c.message])).toEqual([['error', 'kubewire: input fail-on: "sometimes" is not one of error, warning, never']]);
    writeFileSync(path.join(ws, 'deploy/.kubewire.yaml'), 'rules:\n  no-such-rule: warning\n');
    const cfg = runAction(ws, { 'working-directory': 'deploy' });
    expect(cfg.code).toBe(2);
    expect(keptAnnotations(cfg.stdout).map((c) => c.name)).toEqual(['error']);
    expect(keptAnnotations(cfg.stdout)[0].message).toMatch(/^kubewire: .*no-such-rule/);
  });

  it('the committed bundle is fresh (rebuild with npm run build:action)', async () => {
    type Bundle = Map<string, string>;
    const build = (await import(path.join(root, 'scripts/build-action.mjs'))) as {
      buildActionBundle: () => Promise<Bundle>;
      committedActionBundle: () => Bundle;
      bundleDiff: (a: Bundle, b: Bundle) => string[];
    };
    const fresh = await build.buildActionBundle();
    expect([...fresh.keys()].filter((n) => !n.startsWith('chunk-')).sort()).toEqual(['analyze.js', 'index.js', 'load-worker.js', 'vendor-ajv.cjs', 'vendor-fast-glob.cjs', 'vendor-yaml.cjs']);
    expect(build.bundleDiff(fresh, build.committedActionBundle()), 'dist/action is stale: run npm run build:action and commit it').toEqual([]);
    // Deterministic: two builds give the same bytes.
    expect(build.bundleDiff(await build.buildActionBundle(), fresh)).toEqual([]);
  });

  it('the bundle loads files on worker threads from the committed layout (no dist/src), with the same result', () => {
    // The layout the runner has: the repository as committed (package.json, schemas/, dist/action/), nothing built.
    const layout = tempDir('kubewire-layout-');
    cpSync(path.join(root, 'package.json'), path.join(layout, 'package.json'));
    symlinkSync(path.join(root, 'schemas'), path.join(layout, 'schemas'));
    cpSync(path.join(root, 'dist/action'), path.join(layout, 'dist/action'), { recursive: true });
    expect(existsSync(path.join(layout, 'dist/src'))).toBe(false);
    // Records the worker threads the Action starts (main thread only) and whether each one answered.
    const log = path.join(layout, 'workers.log');
    const preload = path.join(layout, 'watch-workers.mjs');
    writeFileSync(
      preload,
      `import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
const require = createRequire(import.meta.url);
const wt = require('node:worker_threads');
if (wt.isMainThread) {
  const Original = wt.Worker;
  wt.Worker = class extends Original {
    constructor(url, options) {
      super(url, options);
      appendFileSync(${JSON.stringify(log)}, 'start ' + String(url) + '\\n');
      this.once('message', () => appendFileSync(${JSON.stringify(log)}, 'answer\\n'));
      this.once('error', (e) => appendFileSync(${JSON.stringify(log)}, 'error ' + e.message + '\\n'));
    }
  };
  syncBuiltinESMExports();
}
`,
    );
    const ws = messyRepo();
    const bundle = path.join(layout, 'dist/action/index.js');
    const inputs = { 'working-directory': 'deploy', 'sarif-file': 'out/kubewire.sarif', summary: 'false' };
    const parallel = runAction(ws, inputs, { KUBEWIRE_THREADS: '2' }, bundle, ['--import', pathToFileURL(preload).href]);
    expect(parallel.stderr).toBe('');
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const worker = pathToFileURL(path.join(layout, 'dist/action/load-worker.js')).href;
    expect(lines.filter((l) => l.startsWith('start ')), 'two worker threads from dist/action/load-worker.js').toEqual([`start ${worker}`, `start ${worker}`]);
    expect(lines.filter((l) => l === 'answer'), 'both answered (no fallback to this thread)').toHaveLength(2);
    const parallelSarif = readFileSync(path.join(ws, 'deploy/out/kubewire.sarif'), 'utf8');
    const single = runAction(ws, inputs, { KUBEWIRE_THREADS: '1' }, bundle);
    expect(single.code).toBe(parallel.code);
    expect(readFileSync(path.join(ws, 'deploy/out/kubewire.sarif'), 'utf8')).toBe(parallelSarif);
    expect(single.stdout).toBe(parallel.stdout);
  });

  it('keeps the 25,000 most severe SARIF results and warns in the log and the job summary', () => {
    const ws = tempDir('kubewire-action-');
    // 25,010 duplicate keys (lowered to infos) and a few Services selecting nothing (errors).
    const keys = Array.from({ length: 25_011 }, (_, i) => `  k${i % 2}: "${i}"`).join('\n');
    writeFileSync(path.join(ws, 'config.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big, namespace: shop }\ndata:\n${keys}\n`);
    writeFileSync(path.join(ws, 'services.yaml'), [DEPLOYMENT, ...Array.from({ length: 5 }, (_, i) => brokenService(i))].join('---\n'));
    writeFileSync(path.join(ws, '.kubewire.yaml'), 'rules:\n  yaml-duplicate-key: info\n');
    const r = runAction(ws, { 'sarif-file': 'kubewire.sarif', 'fail-on': 'never', format: 'none' });
    expect(r.code).toBe(0);
    const results = parseSarif(readFileSync(path.join(ws, 'kubewire.sarif'), 'utf8')).runs[0].results;
    expect(results).toHaveLength(25_000);
    expect(results.filter((x) => x.level === 'error')).toHaveLength(5);
    const warning = keptAnnotations(r.stdout).find((c) => c.name === 'warning');
    expect(warning?.message).toBe(
      'kubewire: 25014 SARIF results; GitHub code scanning accepts at most 25000 per run (and shows the top 5,000): the report keeps the 25000 most severe',
    );
    expect(droppedAnnotations(r.stdout)).toEqual([]);
    expect(r.summary).toContain('> 25014 SARIF results; GitHub code scanning accepts at most 25000 per run (and shows the top 5,000): the report keeps the 25000 most severe');
    expect(Buffer.byteLength(r.summary)).toBeLessThan(1024 * 1024);
  });
});

/** git in `cwd`, with a fixed identity and no user or system config. */
function git(cwd: string, ...args: string[]): string {
  const p = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
      GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    },
  });
  if (p.status !== 0) throw new Error(`git ${args.join(' ')}: ${p.stderr}`);
  return p.stdout.trim();
}

const APP = (port: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: web
          ports:
            - { name: ${port}, containerPort: 8080 }
---
apiVersion: v1
kind: Service
metadata: { name: legacy, namespace: shop }
spec:
  selector: { app: gone }
  ports: [{ port: 80 }]
`;

const WEB_SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: http }]
`;

/**
 * A repository with old findings (12 Services selecting nothing in deploy/old.yaml, Service legacy in
 * deploy/app.yaml) and a pull request that renames the Deployment's port (breaking Service web in
 * deploy/svc.yaml, a file it does not touch) and adds deploy/new.yaml with a broken Service.
 */
function pullRequestRepo(): { ws: string; base: string; head: string; event: string } {
  const ws = tempDir('kubewire-pr-');
  git(ws, 'init', '-q', '-b', 'main');
  mkdirSync(path.join(ws, 'deploy'));
  writeFileSync(path.join(ws, 'deploy/old.yaml'), Array.from({ length: 12 }, (_, i) => brokenService(i)).join('---\n'));
  writeFileSync(path.join(ws, 'deploy/app.yaml'), APP('http'));
  writeFileSync(path.join(ws, 'deploy/svc.yaml'), WEB_SERVICE);
  git(ws, 'add', '.');
  git(ws, 'commit', '-q', '-m', 'base');
  git(ws, 'checkout', '-q', '-b', 'feature');
  writeFileSync(path.join(ws, 'deploy/app.yaml'), APP('web-http'));
  writeFileSync(path.join(ws, 'deploy/new.yaml'), brokenService(99).replace('svc-99', 'fresh'));
  git(ws, 'add', '.');
  git(ws, 'commit', '-q', '-m', 'feature');
  const head = git(ws, 'rev-parse', 'HEAD');
  // The base branch moves on after the pull request branched off.
  git(ws, 'checkout', '-q', 'main');
  writeFileSync(path.join(ws, 'README.md'), 'docs\n');
  git(ws, 'add', '.');
  git(ws, 'commit', '-q', '-m', 'docs');
  const base = git(ws, 'rev-parse', 'HEAD');
  git(ws, 'checkout', '-q', 'feature');
  const event = path.join(tempDir('kubewire-event-'), 'event.json');
  // The parts of GitHub's pull_request payload the Action reads (the real one has many more).
  writeFileSync(event, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, base: { ref: 'main', sha: base }, head: { ref: 'feature', sha: head } } }));
  return { ws, base, head, event };
}

const HAS_GIT = spawnSync('git', ['--version']).status === 0;

describe.skipIf(!HAS_GIT)('GitHub Action on pull requests (a real git repository, a pull_request event payload; needs git)', () => {
  const prEnv = (event: string) => ({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event });
  const annotated = (stdout: string) =>
    keptAnnotations(stdout)
      .filter((c) => c.properties.file !== undefined)
      .map((c) => `${c.properties.file}:${c.properties.title}`)
      .sort();

  it('annotates only what the pull request touched (its files, or files its changes break), counts the rest in the summary', () => {
    const { ws, event } = pullRequestRepo();
    const r = runAction(ws, {}, prEnv(event));
    expect(r.stderr).toBe('');
    expect(annotated(r.stdout)).toEqual([
      'deploy/app.yaml:service-selector-matches-nothing', // Service legacy: an old finding, but in a changed file
      'deploy/new.yaml:service-selector-matches-nothing',
      'deploy/svc.yaml:service-target-port-missing', // unchanged file, broken by the port renamed in app.yaml (its related location)
    ]);
    const notice = keptAnnotations(r.stdout).at(-1)!;
    expect(notice.message).toBe('12 findings outside the changed files of pull request #7, not annotated.');
    expect(droppedAnnotations(r.stdout)).toEqual([]);
    expect(r.stdout).toContain('kubewire: pull request #7 changed 2 files (git diff ');
    expect(r.summary).toContain(
      '**3 findings** touch the changed files of pull request #7 (3 errors, 0 warnings, 0 infos): annotated. 12 findings elsewhere (12 errors, 0 warnings, 0 infos): not annotated.',
    );
    expect(r.summary).toContain('### In pull request #7');
    expect(r.summary).toContain('### Elsewhere');
    // fail-on counts every finding by default.
    expect(r.code).toBe(1);
  });

  it('pull-request-annotations: changed-lines leaves out old findings of changed files; all annotates everything', () => {
    const { ws, event } = pullRequestRepo();
    const lines = runAction(ws, { 'pull-request-annotations': 'changed-lines' }, prEnv(event));
    // Service legacy (app.yaml, unchanged lines) is left out; so is Service web, whose related location
    // (the Deployment's `ports:` key) is the line above the one the pull request changed.
    expect(annotated(lines.stdout)).toEqual(['deploy/new.yaml:service-selector-matches-nothing']);
    expect(keptAnnotations(lines.stdout).at(-1)!.message).toBe('14 findings outside the changed lines of pull request #7, not annotated.');
    const all = runAction(ws, { 'pull-request-annotations': 'all' }, prEnv(event));
    expect(annotated(all.stdout)).toHaveLength(10);
    expect(keptAnnotations(all.stdout).at(-1)!.message).toBe('5 more findings not shown as annotations (GitHub shows 10 per level and step); see the job summary.');
  });

  it('pull-request-fail-on: changed-files lets old findings elsewhere pass, and still fails on the pull request’s own', () => {
    const { ws, event, base } = pullRequestRepo();
    const r = runAction(ws, { 'pull-request-fail-on': 'changed-files' }, prEnv(event));
    expect(r.code).toBe(1);
    expect(r.summary).toContain('failed (fail-on: error, only findings on the changed files of pull request #7)');
    expect(r.summary).toContain('12 findings elsewhere (12 errors, 0 warnings, 0 infos): not annotated and not failing the step.');
    // A pull request that only touches a clean file: the old findings no longer block it.
    git(ws, 'checkout', '-q', '-b', 'clean', base);
    writeFileSync(path.join(ws, 'deploy/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok, namespace: shop }\ndata: { a: "1" }\n');
    git(ws, 'add', '.');
    git(ws, 'commit', '-q', '-m', 'clean');
    writeFileSync(event, JSON.stringify({ number: 8, pull_request: { number: 8, base: { sha: base }, head: { sha: git(ws, 'rev-parse', 'HEAD') } } }));
    const clean = runAction(ws, { 'pull-request-fail-on': 'changed-files' }, prEnv(event));
    expect(clean.code).toBe(0);
    expect(annotated(clean.stdout)).toEqual([]);
    expect(clean.outputs.errors).toBe('13');
    expect(runAction(ws, {}, prEnv(event)).code).toBe(1);
  });

  it('reads the changes from the merge commit in a clone of depth 2 (actions/checkout fetch-depth: 2), and annotates everything when it cannot', () => {
    const { ws, event, head } = pullRequestRepo();
    // What actions/checkout checks out for a pull request: the merge commit, here in a shallow clone.
    git(ws, 'checkout', '-q', 'main');
    git(ws, 'merge', '-q', '--no-ff', '-m', 'merge', 'feature');
    const clone = tempDir('kubewire-clone-');
    git(clone, 'clone', '-q', '--depth', '2', `file://${ws}`, 'repo');
    const repo = path.join(clone, 'repo');
    expect(git(repo, 'rev-parse', 'HEAD^2')).toBe(head);
    const r = runAction(repo, {}, prEnv(event));
    expect(r.stdout).toContain('kubewire: pull request #7 changed 2 files (git diff HEAD^1 HEAD (the merge commit of the pull request))');
    expect(annotated(r.stdout)).toHaveLength(3);
    // Depth 1: no parents, no base: every finding is annotated, and the log and summary say why.
    const shallow = tempDir('kubewire-clone-');
    git(shallow, 'clone', '-q', '--depth', '1', `file://${ws}`, 'repo');
    const one = runAction(path.join(shallow, 'repo'), {}, prEnv(event));
    const warning = keptAnnotations(one.stdout).find((c) => c.name === 'warning')!;
    expect(warning.message).toMatch(/^kubewire: could not read what pull request #7 changed: .*fetch-depth: 0, or 2/);
    expect(annotated(one.stdout)).toHaveLength(10);
    expect(one.summary).toContain('could not read what pull request #7 changed');
  }, 60_000);
});
