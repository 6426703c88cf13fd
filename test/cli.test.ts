// End-to-end runs of the built bin: exit codes, stdin, -o, config errors, bad input, commands.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { repoRoot } from './helpers.js';
import { parseSarif } from './sarif.js';
import type { LintSummary } from '../src/engine/result.js';
import { TOOL } from '../src/engine/tool.js';

const bin = path.join(repoRoot, 'bin/kubewire.js');

// bin/kubewire.js runs dist/, which test/global-setup.ts builds from the current sources before any test.

function kubewire(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? scratch,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports:\n    - port: 80\n      targetPort: http\n';
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - name: http\n              containerPort: 8080\n';
const scratch = tempDir('kubewire-cli-');
writeFileSync(path.join(scratch, 'good.yaml'), `${SERVICE}---\n${DEPLOYMENT}`);
writeFileSync(path.join(scratch, 'bad.yaml'), `${SERVICE.replace('targetPort: http', 'targetPort: htp')}---\n${DEPLOYMENT}`);

describe('kubewire lint', () => {
  it('exits 0 on a clean input and prints nothing in stylish', () => {
    const r = kubewire(['lint', 'good.yaml']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });
  it('exits 1 with findings, on the exact line', () => {
    const r = kubewire(['lint', 'bad.yaml', '-f', 'compact']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'bad.yaml:9:19: error targetPort "htp" of Service web port 80 is not a container port name of Deployment web; did you mean "http"? [service-target-port-missing]\n',
    );
  });
  it('reads stdin named by --stdin-filename', () => {
    const r = kubewire(['lint', '-', '--stdin-filename', 'in.yaml', '-f', 'json'], { input: readFileSync(path.join(scratch, 'bad.yaml'), 'utf8') });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { findings: { file: string; line: number }[]; summary: LintSummary };
    expect(json.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['in.yaml:9']);
    expect(json.summary).toMatchObject({ files: 1, documents: 2, resources: 2, errors: 1 });
  });
  it('-o writes the report to a file and nothing to stdout', () => {
    const r = kubewire(['lint', 'bad.yaml', '-f', 'sarif', '-o', 'out/report.sarif']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(parseSarif(readFileSync(path.join(scratch, 'out/report.sarif'), 'utf8')).version).toBe('2.1.0');
  });
  it('--rule, --quiet and --max-warnings shape the exit code', () => {
    expect(kubewire(['lint', 'bad.yaml', '--rule', 'service-target-port-missing=warning']).code).toBe(0);
    expect(kubewire(['lint', 'bad.yaml', '--rule', 'service-target-port-missing=warning', '--max-warnings', '0']).code).toBe(1);
    expect(kubewire(['lint', 'bad.yaml', '--rule', 'service-target-port-missing=warning', '--quiet']).stdout).toBe('');
    expect(kubewire(['lint', 'bad.yaml', '--rule', 'service-target-port-missing=off']).code).toBe(0);
  });
  it('colors only when asked, never with NO_COLOR', () => {
    expect(kubewire(['lint', 'bad.yaml', '--color']).stdout).toContain('\u001b[');
    expect(kubewire(['lint', 'bad.yaml', '--color'], { env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(kubewire(['lint', 'bad.yaml']).stdout).not.toContain('\u001b[');
  });
  it('exits 2 with one line for usage mistakes', () => {
    const cases: [string[], RegExp][] = [
      [['lint', 'missing.yaml'], /^kubewire: no such file or directory: missing.yaml\n$/],
      [['lint', '--format', 'xml'], /^kubewire: unknown format "xml" \(formats: stylish, json, sarif, github, compact\)\n$/],
      [['lint', '--bogus'], /^kubewire: Unknown option '--bogus'.*\n$/],
      [['lint', '--rule', 'service-target-port-mising=off'], /did you mean "service-target-port-missing"/],
      [['lint', '--rule', 'service-target-port-missing=loud'], /level must be one of off, error, warning, info/],
      [['lint', '--kubernetes-version', 'v1.30'], /takes X\.Y/],
      [['explain', 'nope'], /^kubewire: unknown rule "nope"/],
      [['frobnicate'], /^kubewire: unknown command "frobnicate"/],
    ];
    for (const [args, err] of cases) {
      const r = kubewire(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(err);
      expect(r.stderr.split('\n').length).toBeLessThanOrEqual(2);
    }
  });
  it('exits 2 with file, line and allowed values for a bad config', () => {
    const dir = tempDir('kubewire-cli-config-');
    writeFileSync(path.join(dir, '.kubewire.yaml'), 'namespace: shop\ncompleteness: always\n');
    writeFileSync(path.join(dir, 'a.yaml'), SERVICE);
    const r = kubewire(['lint', '.'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'kubewire: .kubewire.yaml:2:15: completeness must be one of: auto, complete\n' });
    const explicit = kubewire(['lint', '.', '-c', 'nope.yaml'], { cwd: dir });
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toBe('kubewire: cannot read config file nope.yaml: ENOENT\n');
  });
  it('turns bad input into findings, never a stack trace', () => {
    const dir = tempDir('kubewire-cli-bad-');
    writeFileSync(path.join(dir, 'bin.yaml'), Buffer.from([1, 2, 0, 3]));
    writeFileSync(path.join(dir, 'broken.yaml'), 'a: [1\n');
    const r = kubewire(['lint', '.', '-f', 'compact'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('bin.yaml:1:1: error Not a text file');
    expect(r.stdout).toContain('broken.yaml:2:1: error YAML syntax error');
  });
});

describe('other commands', () => {
  it('--version and --help', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(kubewire(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(kubewire(['--help']).stdout).toContain('kubewire lint [paths...]');
    expect(kubewire(['lint', '--help']).stdout).toContain('--max-warnings N');
  });
  it('rules lists every rule; --format json is machine-readable', () => {
    const text = kubewire(['rules']).stdout;
    expect(text).toMatch(/^RULE\s+SEVERITY\s+CATEGORY\s+TITLE\n/);
    expect(text).toContain('service-selector-matches-nothing');
    const json = JSON.parse(kubewire(['rules', '--format', 'json']).stdout) as { id: string; severity: string; category: string }[];
    expect(json.find((r) => r.id === 'probe-port-missing')).toMatchObject({ severity: 'error', category: 'wiring' });
  });
  it('explain prints the rule README and docs link', () => {
    const r = kubewire(['explain', 'service-target-port-missing']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('# service-target-port-missing\n')).toBe(true);
    expect(r.stdout).toContain(`[Rule documentation](https://github.com/kubewire/kubewire/blob/v${TOOL.version}/rules/service-target-port-missing/README.md)`);
  });
  it('explain shows the rule\'s remediation', () => {
    const r = kubewire(['explain', 'service-node-port-collision']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('**Remediation:** Node ports are allocated cluster-wide');
  });
});

describe('kubewire lint --context (hooks: the staged files judged with the whole repository)', () => {
  const dir = tempDir('kubewire-context-');
  const put = (name: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  };
  // Committed and unchanged: the Deployment the Services select.
  put('k8s/web/deployment.yaml', DEPLOYMENT);
  // Staged: a Service of web, an unrelated Deployment, and a Service whose targetPort is a typo.
  put('k8s/web/service.yaml', SERVICE);
  put('k8s/web/other.yaml', DEPLOYMENT.replaceAll('web', 'other'));
  put('k8s/web/api.yaml', SERVICE.replace('name: web', 'name: api').replace('targetPort: http', 'targetPort: htp'));
  // Read by the context's discovery only when named: never reported on through --context.
  put('testdata/service.yaml', readFileSync(path.join(scratch, 'bad.yaml'), 'utf8'));
  // A chart: its templates are Helm's, never YAML of their own.
  put('chart/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
  put('chart/templates/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector: {{- include "sel" . | nindent 4 }}\n');
  const staged = ['k8s/web/service.yaml', 'k8s/web/other.yaml', 'k8s/web/api.yaml'];
  const lintIn = (args: string[]) => kubewire(['lint', '--no-render', '-f', 'compact', ...args], { cwd: dir });
  const API_TARGET_PORT =
    'k8s/web/api.yaml:9:19: error targetPort "htp" of Service api port 80 is not a container port name of Deployment web; did you mean "http"? [service-target-port-missing]\n';

  it('the files alone mislead: the Service of web selects nothing among the staged files', () => {
    const r = lintIn(staged.slice(0, 2));
    expect(r.stdout).toContain('k8s/web/service.yaml:6:3: error Service web selector app=web matches no pods in namespace default');
  });

  it('with --context . the staged Service is judged with the committed Deployment; a broken targetPort is still caught', () => {
    expect(lintIn(['--context', '.', ...staged.slice(0, 2)])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(lintIn(['--context', '.', 'k8s/web/api.yaml'])).toEqual({ code: 1, stdout: API_TARGET_PORT, stderr: '' });
  });

  it('the findings do not depend on how the file list is split, and are those of `lint .` in these files', () => {
    const together = lintIn(['--context', '.', ...staged]);
    const oneByOne = staged.map((f) => lintIn(['--context', '.', '--', f]).stdout).join('');
    const sortLines = (s: string) => s.split('\n').filter(Boolean).sort();
    expect(together.stdout).toBe(API_TARGET_PORT);
    expect(sortLines(oneByOne)).toEqual(sortLines(together.stdout));
    const whole = lintIn(['.']).stdout.split('\n').filter((l) => staged.some((f) => l.startsWith(`${f}:`)));
    expect(whole).toEqual(sortLines(together.stdout));
  });

  it('a named file the context leaves out is not reported on, with a note; chart templates are not read as YAML', () => {
    const r = lintIn(['--context', '.', 'testdata/service.yaml', 'chart/templates/service.yaml']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('kubewire: not reported on, outside the --context (ignored or skipped folders): testdata/service.yaml\n');
    expect(r.code).toBe(0);
    // Named without --context, the same file is linted.
    expect(lintIn(['testdata/service.yaml']).stdout).toContain('testdata/service.yaml:9:19: error targetPort "htp"');
  });

  it('stdin and --context exclude each other', () => {
    expect(lintIn(['--context', '.', '-']).code).toBe(2);
  });
});
