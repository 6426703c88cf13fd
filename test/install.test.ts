// Installation as the README writes it, in the real hosts: the npm tarball in an empty project,
// pre-commit (the real framework, a real git repository), the VS Code extension packaged by vsce,
// Neovim's built-in LSP client. The slow tests of the suite live here; a test whose host tool is
// absent is skipped with the command that installs it.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './temp.js';

const requireFrom = (file: string) => createRequire(file);

// The temp folders here are large (a vsce install, pre-commit stores, a 1,200-file repository): removed
// before test/setup.ts's afterAll, with time for a busy machine.
afterAll(() => removeTempDirs(), 600_000);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: webb }
  ports: [{ port: 80 }]
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 8080 }] }] }
`;
/** A Service of `web` whose targetPort is `port` (the Deployment's port is named http). */
const serviceOf = (name: string, port: string) => `apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: ${port} }]
`;

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
}

/** A clone of the committed repository: what pre-commit sees (uncommitted work is not part of it). */
function cloneHead(): string {
  const dir = path.join(tempDir('kubewire-clone-'), 'kubewire');
  execFileSync('git', ['clone', '-q', '--no-hardlinks', root, dir]);
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** A scratch git repository with the files committed. */
function gitRepo(files: Record<string, string>): { dir: string; git: (...a: string[]) => string } {
  const dir = tempDir('kubewire-hooks-');
  write(dir, files);
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'init');
  return { dir, git };
}

describe('npm package', () => {
  it('the npm pack tarball installed into an empty project runs with npx (runtime dependencies only)', () => {
    // npm pack runs prepare (npm run build), which the test run's global setup has just done from the
    // same sources: pack without running it again.
    const out = tempDir('kubewire-pack-');
    const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', out], root);
    expect(pack.status, pack.stderr).toBe(0);
    // Only the tarball name on stdout (see .npmrc).
    expect(pack.stdout.trim()).toMatch(/^kubewire-\d+\.\d+\.\d+\.tgz$/);
    const tgz = path.join(out, pack.stdout.trim());

    const app = tempDir('kubewire-install-');
    writeFileSync(path.join(app, 'package.json'), '{"name":"app","private":true}\n');
    const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '-D', tgz], app);
    expect(install.status, install.stderr).toBe(0);
    writeFileSync(path.join(app, 'service.yaml'), SERVICE);
    writeFileSync(path.join(app, 'deployment.yaml'), DEPLOYMENT);
    const lint = run('npx', ['kubewire', 'lint', '--format', 'compact'], app);
    expect(lint.stdout).toBe(
      'service.yaml:5:20: error Service web selector app=webb matches no pods in namespace default; closest is Deployment web with app=web: app=webb (it has app=web) [service-selector-matches-nothing]\n',
    );
    expect(lint.status).toBe(1);
    // Rule docs ship inside the registry (SARIF help, kubewire explain): no README is read at run time.
    expect(existsSync(path.join(app, 'node_modules/kubewire/rules'))).toBe(false);
    const explain = run('npx', ['kubewire', 'explain', 'service-selector-matches-nothing'], app);
    expect(explain.stdout).toContain('## What it flags');
    // Only the runtime dependencies: no TypeScript, no test tools, no Action toolkit.
    const installed = readdirSync(path.join(app, 'node_modules'));
    for (const dev of ['@actions', 'typescript', 'vitest', 'esbuild', 'kubernetes-models', 'eslint']) expect(installed).not.toContain(dev);
  }, 300_000);
});

/** The rows of pre-commit's output of the stylish report: "file:line:col rule". */
function stylishRows(out: string, repo: string): string[] {
  const rows: string[] = [];
  let file = '';
  for (const line of out.split('\n')) {
    if (line.startsWith(`${repo}/`)) file = path.relative(repo, line.trim());
    const m = /^\s+(\d+):(\d+)\s+(?:error|warning|info)\s+.*\s\s([a-z0-9-]+)$/.exec(line);
    if (m) rows.push(`${file}:${m[1]}:${m[2]} ${m[3]}`);
  }
  return rows.sort();
}

describe.skipIf(!hasPreCommit)('pre-commit hooks (the real framework)', () => {
  let clone: string;
  let rev: string;
  let home: string;
  beforeAll(() => {
    clone = cloneHead();
    rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim();
    home = tempDir('kubewire-pre-commit-home-');
  });
  const config = (hook: string, args: string[] = []) =>
    `repos:\n- repo: ${clone}\n  rev: ${rev}\n  hooks:\n  - id: ${hook}\n${args.length ? `    args: ${JSON.stringify(args)}\n` : ''}`;
  const preCommit = (repo: string, ...args: string[]) => {
    const r = run('pre-commit', [...args, '--color', 'never'], repo, { PRE_COMMIT_HOME: home });
    return { status: r.status, out: r.stdout + r.stderr };
  };

  it('installs from git without npm: the committed standalone bundle, no node_modules, no build', () => {
    const { dir } = gitRepo({ '.pre-commit-config.yaml': config('kubewire'), 'k8s/deployment.yaml': DEPLOYMENT });
    const r = preCommit(dir, 'install-hooks');
    expect(r.status, r.out).toBe(0);
    const store = readdirSync(home).filter((d) => d.startsWith('repo'));
    expect(store.length).toBeGreaterThan(0);
    for (const d of store) {
      expect(existsSync(path.join(home, d, 'dist/standalone/kubewire.mjs'))).toBe(true);
      expect(existsSync(path.join(home, d, 'node_modules'))).toBe(false);
      expect(readdirSync(path.join(home, d)).filter((x) => x.startsWith('node_env'))).toEqual([]);
    }
  }, 120_000);

  it('kubewire judges the staged files with the whole repository: no false miss, a broken targetPort caught', () => {
    const { dir, git } = gitRepo({
      '.pre-commit-config.yaml': config('kubewire'),
      'k8s/deployment.yaml': DEPLOYMENT,
      'k8s/service.yaml': serviceOf('web', 'http'),
      'README.md': '# app\n',
    });
    // Staged: the Service of web (changed) and an unrelated Deployment; web's Deployment is committed, not staged.
    write(dir, { 'k8s/service.yaml': serviceOf('web', 'http').replace('name: web', 'name: web, labels: { tier: front }'), 'k8s/other.yaml': DEPLOYMENT.replaceAll('web', 'other') });
    git('add', 'k8s/service.yaml', 'k8s/other.yaml');
    const ok = preCommit(dir, 'run');
    expect(ok.out).toMatch(/kubewire\.+Passed/);
    expect(ok.status).toBe(0);
    git('commit', '-q', '-m', 'front');

    // Staged: only a Service whose targetPort is a typo of the committed Deployment's port name.
    write(dir, { 'k8s/api.yaml': serviceOf('api', 'htp') });
    git('add', 'k8s/api.yaml');
    const bad = preCommit(dir, 'run');
    expect(bad.out).toMatch(/kubewire\.+Failed/);
    expect(stylishRows(bad.out, dir)).toEqual(['k8s/api.yaml:6:35 service-target-port-missing']);
    expect(bad.out).toContain('targetPort "htp" of Service api port 80 is not a container port name of Deployment web; did you mean "http"?');
    expect(bad.status).toBe(1);
  }, 120_000);

  it('a file list pre-commit splits into several runs gives the findings of `kubewire lint .` in those files', () => {
    // 1,200 staged Services with long paths (over pre-commit's 128 KiB command line: several runs),
    // every 100th with a broken targetPort; their Deployment is in the first run only.
    const files: Record<string, string> = { '.pre-commit-config.yaml': config('kubewire'), 'apps/deployment.yaml': DEPLOYMENT };
    const folder = `apps/${'team-payments-checkout-'.repeat(3)}services`;
    const broken: string[] = [];
    for (let i = 0; i < 1200; i++) {
      const name = `${folder}/service-${String(i).padStart(4, '0')}-${'x'.repeat(40)}.yaml`;
      files[name] = serviceOf(`web-${i}`, i % 100 === 7 ? 'htp' : 'http');
      if (i % 100 === 7) broken.push(`${name}:6:35 service-target-port-missing`);
    }
    const { dir, git } = gitRepo({ 'README.md': '# app\n' });
    write(dir, files);
    git('add', '.');
    const r = preCommit(dir, 'run', '--verbose');
    // One report per run: several runs.
    expect(r.out.match(/^✖ \d+ problems? /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(stylishRows(r.out, dir)).toEqual(broken.sort());
    // The same as one run over the whole repository.
    const whole = run(process.execPath, [path.join(clone, 'dist/standalone/kubewire.mjs'), 'lint', '.', '--format', 'compact'], dir);
    expect(whole.stdout.trim().split('\n').map((l) => l.replace(/^(\S+?):(\d+):(\d+): .* \[([a-z0-9-]+)\]$/, '$1:$2:$3 $4')).sort()).toEqual(broken.sort());
    expect(r.status).toBe(1);
  }, 300_000);

  it('Helm charts and Kustomize roots are never broken YAML for either hook', () => {
    const layout = {
      'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'chart/values.yaml': 'replicas: 1\n',
      'chart/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector: {{- include "web.selector" . | nindent 4 }}\n  ports: [{ port: 80 }]\n',
      'deploy/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'deploy/base/deployment.yaml': DEPLOYMENT,
      'deploy/prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: replicas.yaml\n',
      'deploy/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 3 }\n',
    };
    for (const hook of ['kubewire', 'kubewire-all']) {
      const { dir } = gitRepo({ '.pre-commit-config.yaml': config(hook, ['--no-render']), ...layout });
      const r = preCommit(dir, 'run', '--all-files', '--verbose');
      expect(r.out, hook).toMatch(/\.+Passed/);
      expect(r.out).not.toMatch(/syntax|manifest-invalid|yaml-/i);
      expect(r.status).toBe(0);
    }
  }, 120_000);

  it('kubewire-all lints the whole repository (try-repo)', () => {
    const { dir } = gitRepo({ 'k8s/service.yaml': SERVICE, 'k8s/deployment.yaml': DEPLOYMENT, 'README.md': '# app\n' });
    const r = run('pre-commit', ['try-repo', clone, 'kubewire-all', '--all-files', '--color', 'never'], dir, { PRE_COMMIT_HOME: home });
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/kubewire \(whole repository\)\.+Failed/);
    expect(out).toContain(path.join(dir, 'k8s/service.yaml'));
    expect(out).toMatch(/5:20 {2}error {2}Service web selector app=webb matches no pods .* {2}service-selector-matches-nothing/);
    expect(r.status).toBe(1);
  }, 120_000);
});

if (!hasPreCommit) {
  describe('pre-commit hooks (the real framework)', () => {
    it.skip('skipped: the pre-commit command is not installed (apt-get install -y pre-commit, or pipx install pre-commit)', () => {});
  });
}

/** A minimal LSP client over a spawned server's stdio: initialize, open documents, collect diagnostics. */
class LspClient {
  readonly conn: ProtocolConnection;
  readonly latest = new Map<string, Diagnostic[]>();
  private readonly waiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: () => void }[] = [];
  stderr = '';
  constructor(readonly proc: ChildProcess) {
    this.conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    proc.stderr!.on('data', (b) => (this.stderr += String(b)));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p.diagnostics);
      for (const w of [...this.waiters]) {
        if (w.uri !== p.uri || !w.pred(p.diagnostics)) continue;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    this.conn.listen();
  }
  diagnostics(uri: string, pred: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}: ${JSON.stringify(this.latest.get(uri))}; stderr: ${this.stderr}`)), 20000);
      const done = () => (clearTimeout(timer), resolve(this.latest.get(uri)!));
      if (this.latest.has(uri) && pred(this.latest.get(uri)!)) done();
      else this.waiters.push({ uri, pred, resolve: done });
    });
  }
  async stop(): Promise<void> {
    await this.conn.sendRequest(ShutdownRequest.type);
    await this.conn.sendNotification(ExitNotification.type);
  }
}

/** Loads the packaged extension.js with stand-ins for the `vscode` API and the language client, as VS Code would require it. */
function loadExtension(extensionDir: string, folders: string[]) {
  const created: { serverOptions: Record<string, unknown> }[] = [];
  const errors: string[] = [];
  const vscode = {
    workspace: {
      workspaceFolders: folders.map((f, i) => ({ uri: { fsPath: f }, name: `folder${i}` })),
      getConfiguration: () => ({ get: () => '' }),
    },
    window: { showErrorMessage: (m: string) => void errors.push(m) },
  };
  const realClient = requireFrom(path.join(extensionDir, 'extension.js'));
  // The packaged vscode-languageclient's TransportKind (its module needs a running VS Code to load).
  const main = readFileSync(path.join(extensionDir, 'node_modules/vscode-languageclient/lib/node/main.js'), 'utf8');
  const TransportKind = { stdio: Number(/TransportKind\[TransportKind\["stdio"\] = (\d+)\]/.exec(main)![1]) };
  class LanguageClient {
    constructor(_id: string, _name: string, serverOptions: Record<string, unknown>) {
      created.push({ serverOptions });
    }
    start() {
      return Promise.resolve();
    }
    stop() {
      return Promise.resolve();
    }
  }
  const Module = realClient('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node') return { LanguageClient, TransportKind };
    return load.call(this, request, ...rest);
  };
  try {
    const file = path.join(extensionDir, 'extension.js');
    const ext = realClient(file) as { activate(ctx: unknown): Promise<void> };
    return { ext, created, errors, context: { subscriptions: [] as unknown[], asAbsolutePath: (p: string) => path.join(extensionDir, p) }, TransportKind, restore: () => (Module._load = load) };
  } catch (err) {
    Module._load = load;
    throw err;
  }
}

describe('VS Code extension: the VSIX from vsce package works on its own', () => {
  it('packs the server, LICENSE and only runtime files; the extension starts the packed server without a shell and it lints', async () => {
    // The extension folder as committed, outside the repository (vsce and its dependencies stay out of it).
    const work = tempDir('kubewire-vsce-');
    const ext = path.join(work, 'vscode');
    mkdirSync(ext);
    for (const f of ['package.json', 'package-lock.json', 'extension.js', 'README.md', 'LICENSE', '.vscodeignore', 'scripts']) {
      cpSync(path.join(root, 'editors/vscode', f), path.join(ext, f), { recursive: true });
    }
    const ci = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], ext);
    expect(ci.status, ci.stderr).toBe(0);
    const vsix = path.join(work, 'kubewire.vsix');
    const pack = run('npx', ['vsce', 'package', '--out', vsix], ext, { KUBEWIRE_REPO: root });
    expect(pack.status, pack.stdout + pack.stderr).toBe(0);

    const unpacked = path.join(work, 'unpacked');
    execFileSync('python3', ['-m', 'zipfile', '-e', vsix, unpacked]);
    const packaged = path.join(unpacked, 'extension');
    const files = execFileSync('python3', ['-m', 'zipfile', '-l', vsix], { encoding: 'utf8' });
    for (const f of ['extension/package.json', 'extension/extension.js', 'extension/LICENSE.txt', 'extension/server/kubewire.mjs', 'extension/server/schemas/kubernetes/definitions.json', 'extension/node_modules/vscode-languageclient/package.json']) {
      expect(files).toContain(f);
    }
    for (const f of ['extension/scripts/', 'extension/node_modules/@vscode/vsce', 'extension/node_modules/.bin']) expect(files).not.toContain(f);
    expect(readFileSync(path.join(packaged, 'LICENSE.txt'), 'utf8')).toBe(readFileSync(path.join(root, 'LICENSE'), 'utf8'));

    // A workspace without kubewire installed: the Service in one file, the Deployment it misses in another.
    const ws = tempDir('kubewire-vsce-ws-');
    write(ws, { 'k8s/service.yaml': SERVICE, 'k8s/deployment.yaml': DEPLOYMENT });
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    const loaded = loadExtension(packaged, [ws]);
    let options: Record<string, unknown>;
    try {
      // As on Windows: still no shell.
      Object.defineProperty(process, 'platform', { value: 'win32' });
      await loaded.ext.activate(loaded.context);
      Object.defineProperty(process, 'platform', platform);
      expect(loaded.errors).toEqual([]);
      options = loaded.created[0].serverOptions;
      expect(options).toEqual({ module: path.join(packaged, 'server/kubewire.mjs'), args: ['lsp'], transport: loaded.TransportKind.stdio });
      // With kubewire installed in the workspace, its own server is preferred.
      write(ws, { 'node_modules/kubewire/bin/kubewire.js': '' });
      await loaded.ext.activate(loaded.context);
      expect(loaded.created[1].serverOptions).toMatchObject({ module: path.join(ws, 'node_modules/kubewire/bin/kubewire.js') });
      rmSync(path.join(ws, 'node_modules'), { recursive: true });
    } finally {
      Object.defineProperty(process, 'platform', platform);
      loaded.restore();
    }

    // Start the server as the language client does for a module with stdio transport (its args, then
    // --stdio and --clientProcessId), from a folder that is not the extension's, with a clean environment.
    const proc = spawn(process.execPath, [options.module as string, ...(options.args as string[]), '--stdio', `--clientProcessId=${process.pid}`], {
      cwd: ws,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    const client = new LspClient(proc);
    try {
      const init = await client.conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(ws).href,
        workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
        capabilities: {},
      });
      expect(init.serverInfo?.name).toBe('kubewire');
      await client.conn.sendNotification(InitializedNotification.type, {});
      const uri = pathToFileURL(path.join(ws, 'k8s/service.yaml')).href;
      await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: SERVICE } });
      const diags = await client.diagnostics(uri, (d) => d.length > 0);
      expect(diags.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
        ['service-selector-matches-nothing', 4, 'Service web selector app=webb matches no pods in namespace default; closest is Deployment web with app=web: app=webb (it has app=web)'],
      ]);
      await client.stop();
    } finally {
      if (proc.exitCode === null) proc.kill();
      // vsce and its dependencies: 140 MB.
      rmSync(work, { recursive: true, force: true, maxRetries: 3 });
    }
  }, 300_000);
});

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasNvim)('Neovim: the README snippet with the built-in LSP client (headless)', () => {
  it('shows the Service diagnostic caused by another file’s Deployment, updates after an edit, applies the quick fix', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const snippet = /```lua\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet, 'the README has a ```lua block with the Neovim configuration').toBeDefined();
    const home = tempDir('kubewire-nvim-');
    const init = path.join(home, 'init.lua');
    writeFileSync(init, snippet!);
    // `kubewire` on the PATH, as `npm install -g` makes it: the built bin of this checkout.
    const bin = path.join(home, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'kubewire'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(root, 'bin/kubewire.js')}" "$@"\n`, { mode: 0o755 });
    const ws = tempDir('kubewire-nvim-ws-');
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: webb\n  ports:\n    - port: 80\n      targetPort: http\n';
    write(ws, { 'k8s/deployment.yaml': DEPLOYMENT, 'k8s/service.yaml': service });
    const resultFile = path.join(home, 'result.jsonl');
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', init, '-c', `luafile ${path.join(root, 'test/nvim-driver.lua')}`], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 150_000,
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, KUBEWIRE_RESULT: resultFile, KUBEWIRE_SERVICE: path.join(ws, 'k8s/service.yaml'), XDG_STATE_HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home },
    });
    const steps = new Map(
      (existsSync(resultFile) ? readFileSync(resultFile, 'utf8').trim().split('\n') : []).map((l) => {
        const { step, value } = JSON.parse(l) as { step: string; value: unknown };
        return [step, value];
      }),
    );
    const context = `nvim exited ${r.status}: ${r.stderr}\n${JSON.stringify([...steps])}`;
    type Seen = { ok: boolean; diagnostics: { line: number; col: number; code: string; source: string; message: string }[] };
    // Opened: the Service judged with the Deployment of another, unopened file.
    expect(steps.get('opened'), context).toEqual({
      ok: true,
      diagnostics: [
        {
          line: 6,
          col: 9,
          code: 'service-selector-matches-nothing',
          source: 'kubewire',
          message: 'Service web selector app=webb matches no pods in namespace default; closest is Deployment web with app=web: app=webb (it has app=web)',
        },
      ],
    });
    expect(steps.get('clients')).toEqual(['kubewire']);
    // Edited (selector fixed, targetPort mistyped): the diagnostics follow the buffer.
    expect((steps.get('edited') as Seen).diagnostics.map((d) => [d.line, d.col, d.code])).toEqual([[9, 18, 'service-target-port-missing']]);
    // The quick fix, picked from the code action menu, edits the buffer; the diagnostics clear.
    expect(steps.get('offered')).toEqual(['Use the container port name "http"']);
    expect(steps.get('fixed'), context).toEqual({ ok: true, diagnostics: [] });
    expect((steps.get('buffer') as string[]).join('\n') + '\n').toBe(service.replace('app: webb', 'app: web'));
  }, 180_000);
});

if (!hasNvim) {
  describe('Neovim: the README snippet with the built-in LSP client (headless)', () => {
    it.skip('skipped: nvim is not installed (apt-get install -y neovim: Debian 12 has 0.7.2, which the snippet supports)', () => {});
  });
}
