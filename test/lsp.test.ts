import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { TOOL } from '../src/engine/tool.js';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  ConfigurationRequest,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { rules } from '../rules/index.js';
import { lintWith } from '../src/engine/lint.js';
import { Workspace } from '../src/lsp/workspace.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(root, 'node_modules/.cache/kubewire-test');

/**
 * The server is run from a bundle of the sources (esbuild, like the Action), so the test does not
 * depend on a stale dist/: `kubewire lsp --stdio` through the CLI's own main().
 */
const CLI_ENTRY = `import { main } from './src/cli/main.ts';\nimport { processIo } from './src/cli/io.ts';\nprocess.exitCode = await main(process.argv.slice(2), processIo());\n`;

const bundles: string[] = [];
afterAll(() => {
  for (const f of bundles) rmSync(f, { force: true });
});

async function bundleCli(contents = CLI_ENTRY, name = 'cli'): Promise<string> {
  const { bundleOptions } = (await import(path.join(root, 'scripts/build-action.mjs'))) as { bundleOptions: (o: object) => object };
  const esbuild = await import('esbuild');
  const outfile = path.join(CACHE, `${name}-${process.pid}.mjs`);
  bundles.push(outfile);
  mkdirSync(CACHE, { recursive: true });
  await esbuild.build({
    ...bundleOptions({
      stdin: {
        contents,
        resolveDir: root,
        loader: 'ts',
        sourcefile: 'lsp-test-entry.ts',
      },
      outfile,
    }),
  } as never);
  return outfile;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
`;

const SERVICE = (app: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: ${app}
  ports:
    - name: http
      port: 80
      targetPort: http
`;

class Client {
  readonly conn: ProtocolConnection;
  private readonly waiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  readonly latest = new Map<string, Diagnostic[]>();
  /** The `version` of every publishDiagnostics, in order. */
  readonly versions: (number | undefined)[] = [];
  stderr = '';

  constructor(readonly proc: ChildProcess) {
    this.conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    proc.stderr!.on('data', (b) => (this.stderr += String(b)));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p.diagnostics);
      this.versions.push(p.version);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.pred(p.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    this.conn.onRequest(RegistrationRequest.type, () => undefined);
    this.conn.listen();
  }

  diagnostics(uri: string, pred: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const now = this.latest.get(uri);
    if (now && pred(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(this.latest.get(uri))}; stderr: ${this.stderr}`)), 15000);
      this.waiters.push({ uri, pred, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }
}

/** Starts `kubewire lsp --stdio` from the bundle and initializes it for the workspace folder ws. */
async function startServer(cli: string, ws: string) {
  const proc = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const exitCode = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const client = new Client(proc);
  const init = await client.conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(ws).href,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions: { namespace: 'default' },
  });
  await client.conn.sendNotification(InitializedNotification.type, {});
  return { client, init, exitCode };
}

// Each test has its own server and workspace: they pass in any order (vitest --sequence.shuffle).
describe('kubewire lsp --stdio', () => {
  let cli: string;
  const servers: Client[] = [];
  const session = async () => {
    const ws = tempDir('kubewire-lsp-');
    mkdirSync(path.join(ws, 'apps'));
    writeFileSync(path.join(ws, 'apps/deployment.yaml'), DEPLOYMENT);
    writeFileSync(path.join(ws, 'service.yaml'), SERVICE('webb'));
    const server = await startServer(cli, ws);
    servers.push(server.client);
    return { ws, ...server };
  };
  /** Opens service.yaml (selector app=webb, matching nothing) and waits for its diagnostics. */
  const openService = async (client: Client, ws: string) => {
    const uri = pathToFileURL(path.join(ws, 'service.yaml')).href;
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: SERVICE('webb') },
    });
    return { uri, diags: await client.diagnostics(uri, (d) => d.length > 0) };
  };

  beforeAll(async () => {
    cli = await bundleCli();
  });

  afterAll(() => {
    for (const c of servers) if (c.proc.exitCode === null) c.proc.kill();
  });

  it('initializes with incremental sync and quick fixes', async () => {
    const { init: res } = await session();
    expect(res.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(res.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    expect(res.serverInfo?.name).toBe('kubewire');
  });

  it('publishes diagnostics for an open document, with the unopened Deployment on disk as context', async () => {
    const { client, ws } = await session();
    const { diags } = await openService(client, ws);
    const d = diags.find((x) => x.code === 'service-selector-matches-nothing')!;
    expect(d).toBeDefined();
    // `    app: webb` is line 8 (1-based): the value `webb` at columns 10-14.
    expect(d.range).toEqual({ start: { line: 7, character: 9 }, end: { line: 7, character: 13 } });
    expect(d.severity).toBe(1);
    expect(d.source).toBe('kubewire');
    expect(d.codeDescription).toEqual({ href: `https://github.com/kubewire/kubewire/blob/v${TOOL.version}/rules/service-selector-matches-nothing/README.md` });
    expect(d.message).toContain('closest is Deployment web with app=web');
    expect(d.relatedInformation?.map((x) => ({ uri: x.location.uri, start: x.location.range.start, message: x.message }))).toEqual([
      {
        uri: pathToFileURL(path.join(ws, 'apps/deployment.yaml')).href,
        start: { line: 11, character: 6 },
        message: 'closest pod template: Deployment web has app=web',
      },
    ]);
  });

  it('re-lints on didChange: fixing the selector clears the diagnostics', async () => {
    const { client, ws } = await session();
    const { uri } = await openService(client, ws);
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      // An incremental edit: `webb` → `web` on line 8.
      contentChanges: [{ range: { start: { line: 7, character: 9 }, end: { line: 7, character: 13 } }, text: 'web' }],
    });
    expect(await client.diagnostics(uri, (d) => d.length === 0)).toEqual([]);
  });

  it('re-reads watched files: a Deployment changed on disk breaks the open Service again', async () => {
    const { client, ws } = await session();
    const uri = pathToFileURL(path.join(ws, 'service.yaml')).href;
    // Open the Service fixed (app=web, matching the Deployment): no diagnostics.
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: SERVICE('web') },
    });
    expect(await client.diagnostics(uri, () => true)).toEqual([]);
    const dep = path.join(ws, 'apps/deployment.yaml');
    writeFileSync(dep, DEPLOYMENT.replace(/app: web/g, 'app: web-v2'));
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(dep).href, type: FileChangeType.Changed }],
    });
    const diags = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'service-selector-matches-nothing'));
    expect(diags.find((x) => x.code === 'service-selector-matches-nothing')!.message).toContain('app=web-v2');
  });

  it('shuts down and exits with 0', async () => {
    const { client, exitCode } = await session();
    await client.conn.sendRequest(ShutdownRequest.type);
    await client.conn.sendNotification(ExitNotification.type);
    expect(await exitCode).toBe(0);
  });
});

describe('kubewire lsp --stdio with a client that pulls settings and does not watch files', () => {
  let client: Client;
  let ws: string;
  const pulled: unknown[] = [];

  beforeAll(async () => {
    const cli = await bundleCli();
    ws = tempDir('kubewire-lsp-watch-');
    mkdirSync(path.join(ws, 'apps'));
    writeFileSync(path.join(ws, 'apps/deployment.yaml'), DEPLOYMENT);
    // No metadata.namespace: the `namespace` setting places it in shop, next to its Deployment.
    writeFileSync(path.join(ws, 'service.yaml'), SERVICE('web').replace('  namespace: shop\n', ''));
    client = new Client(spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] }));
    client.conn.onRequest(ConfigurationRequest.type, (params) => {
      pulled.push(params);
      return [{ namespace: 'shop', configPath: '' }];
    });
    await client.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true } },
    });
    await client.conn.sendNotification(InitializedNotification.type, {});
  });

  afterAll(async () => {
    await client.conn.sendRequest(ShutdownRequest.type);
    await client.conn.sendNotification(ExitNotification.type);
  });

  it('reads the namespace setting, watches the disk itself, and clears diagnostics when the document closes', async () => {
    const uri = pathToFileURL(path.join(ws, 'service.yaml')).href;
    const text = readFileSync(path.join(ws, 'service.yaml'), 'utf8');
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    expect(await client.diagnostics(uri, () => true)).toEqual([]);
    // One item per workspace folder, scoped to it (a folder may have settings of its own).
    expect(pulled).toEqual([{ items: [{ scopeUri: pathToFileURL(ws).href, section: 'kubewire' }] }]);

    // Changed on disk, no notification from the client: the server's own watcher picks it up.
    writeFileSync(path.join(ws, 'apps/deployment.yaml'), DEPLOYMENT.replace(/app: web/g, 'app: web-v2'));
    const diags = await client.diagnostics(uri, (d) => d.length > 0);
    expect(diags.map((d) => d.code)).toContain('service-selector-matches-nothing');
    expect(diags.find((d) => d.code === 'service-selector-matches-nothing')!.message).toContain('in namespace shop');

    await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    expect(await client.diagnostics(uri, (d) => d.length === 0)).toEqual([]);
  });
});

describe('kubewire lsp with a broken config', () => {
  it('shows the config error once and keeps linting with the defaults', async () => {
    const cli = await bundleCli();
    const ws = tempDir('kubewire-lsp-config-');
    writeFileSync(path.join(ws, 'kw.yaml'), 'rules:\n  no-such-rule: off\n');
    writeFileSync(path.join(ws, 'deployment.yaml'), DEPLOYMENT);
    const client = new Client(spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] }));
    const messages: { type: number; message: string }[] = [];
    client.conn.onNotification(ShowMessageNotification.type, (m) => void messages.push(m));
    await client.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      capabilities: {},
      initializationOptions: { configPath: 'kw.yaml' },
    });
    await client.conn.sendNotification(InitializedNotification.type, {});
    const uri = pathToFileURL(path.join(ws, 'service.yaml')).href;
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: SERVICE('webb') } });
    const diags = await client.diagnostics(uri, (d) => d.length > 0);
    expect(diags.map((d) => d.code)).toContain('service-selector-matches-nothing');
    expect(messages).toHaveLength(1);
    expect(messages[0].type).toBe(1);
    expect(messages[0].message).toMatch(/^kubewire: .*kw\.yaml.*no-such-rule/);
    await client.conn.sendRequest(ShutdownRequest.type);
    await client.conn.sendNotification(ExitNotification.type);
  });
});

describe('kubewire lsp quick fixes', () => {
  // The server with one more rule that offers a fix: the plumbing from a rule's `fix` to a code action.
  const ENTRY = `import { startServer } from './src/lsp/server.ts';
import { rules } from './rules/index.ts';
import { defineRule } from './src/engine/rule.ts';
import { servicePorts } from './src/k8s/service.ts';
import { SERVICE } from './src/model/group-kinds.ts';
const lowercase = defineRule({
  meta: { id: 'test-port-name-lowercase', title: 't', description: 't', severity: 'warning', category: 'validity', appliesTo: [SERVICE], messages: { upper: 'Port name {name} has capitals' } },
  check(ctx) {
    for (const p of servicePorts(ctx.resource)) {
      if (p.name && p.name !== p.name.toLowerCase()) {
        ctx.report({ messageId: 'upper', data: { name: p.name }, at: p.at + '/name', fix: { at: p.at + '/name', replace: p.name.toLowerCase(), description: 'Use ' + p.name.toLowerCase() } });
      }
    }
  },
});
startServer([...rules, lowercase]);
`;

  it('turns a rule’s fix into a quick fix replacing the exact scalar', async () => {
    const cli = await bundleCli(ENTRY, 'lsp-fix');
    const ws = tempDir('kubewire-lsp-fix-');
    const client = new Client(spawn(process.execPath, [cli, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] }));
    await client.conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(ws).href, capabilities: {} });
    await client.conn.sendNotification(InitializedNotification.type, {});
    const uri = pathToFileURL(path.join(ws, 'service.yaml')).href;
    const text = SERVICE('web').replace('- name: http', '- name: HTTP');
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diags = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'test-port-name-lowercase'));
    const d = diags.find((x) => x.code === 'test-port-name-lowercase')!;
    // `    - name: HTTP` is line 10 (1-based): the value at columns 13-17.
    expect(d.range).toEqual({ start: { line: 9, character: 12 }, end: { line: 9, character: 16 } });
    expect(d.severity).toBe(2);
    const actions = await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    expect(actions).toEqual([
      {
        title: 'Use http',
        kind: 'quickfix',
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: d.range, newText: 'http' }] } },
      },
    ]);
    // Diagnostics from another source get no kubewire action.
    const foreign = { ...d, source: 'yaml' };
    expect(await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [foreign] } })).toEqual([]);
    await client.conn.sendRequest(ShutdownRequest.type);
    await client.conn.sendNotification(ExitNotification.type);
  });
});

describe('kubewire lsp: a quick fix that edits another document', () => {
  it('offers the Service kubectl expose would create, as an edit of the workload\'s file', async () => {
    const cli = await bundleCli();
    const ws = tempDir('kubewire-lsp-expose-');
    const apps = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    matchLabels: { app: api }\n  template:',
      '    metadata:\n      labels: { app: api }\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          ports:\n            - containerPort: 8080',
      '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api-internal\n  namespace: shop\nspec:\n  selector: { app: api }\n  ports:\n    - port: 8080\n',
    ].join('\n');
    writeFileSync(path.join(ws, 'apps.yaml'), apps);
    const { client } = await startServer(cli, ws);
    const uri = pathToFileURL(path.join(ws, 'ingress.yaml')).href;
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  defaultBackend:\n    service:\n      name: api\n      port: { number: 80 }\n';
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diags = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'ingress-backend-service-missing'));
    const d = diags.find((x) => x.code === 'ingress-backend-service-missing')!;
    const actions = await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const appsUri = pathToFileURL(path.join(ws, 'apps.yaml')).href;
    // apps.yaml has 27 lines and a final newline: the new document is inserted at the start of line 28 (0-based 27).
    expect(actions).toEqual([
      {
        title: 'Create Service api for Deployment api (kubectl expose)',
        kind: 'quickfix',
        diagnostics: [d],
        isPreferred: true,
        edit: {
          changes: {
            [appsUri]: [
              {
                range: { start: { line: 27, character: 0 }, end: { line: 27, character: 0 } },
                newText: '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n      targetPort: 8080\n',
              },
            ],
          },
        },
      },
    ]);
    await client.conn.sendRequest(ShutdownRequest.type);
    await client.conn.sendNotification(ExitNotification.type);
  });
});

describe('language server performance', () => {
  // 500 Services and 500 Deployments in 10 namespaces, 100 files, 10 broken selectors; every rule enabled.
  // The time it takes is a benchmark figure (npm run bench: bench/lsp-relint.mjs, target < 100 ms), not
  // asserted here; this test pins what makes it cheap and that it changes nothing.
  it('re-lints a 1,000-document workspace after a change: one file re-parsed, checks replayed, same findings', async () => {
    const dir = tempDir('kubewire-lsp-perf-');
    for (let f = 0; f < 100; f++) {
      const docs: string[] = [];
      for (let d = 0; d < 5; d++) {
        const i = f * 5 + d;
        docs.push(SERVICE(`app-${i}${i % 50 === 0 ? '-typo' : ''}`).replace(/name: web\n {2}namespace: shop/, `name: svc-${i}\n  namespace: ns-${f % 10}`));
        docs.push(DEPLOYMENT.replace(/name: web\n {2}namespace: shop/, `name: app-${i}\n  namespace: ns-${f % 10}`).replace(/app: web/g, `app: app-${i}`));
      }
      writeFileSync(path.join(dir, `f${String(f).padStart(3, '0')}.yaml`), docs.join('---\n'));
    }
    const w = new Workspace(dir, rules);
    w.scan();
    const changed = path.join(dir, 'f050.yaml');
    const text = readFileSync(changed, 'utf8');
    const first = await w.lint();
    expect(first.summary.documents).toBe(1000);
    expect(first.findings.filter((f) => f.ruleId === 'service-selector-matches-nothing')).toHaveLength(10);
    const before = w.files();
    for (let i = 0; i < 4; i++) {
      // What didChange does: re-parse the one changed file, re-run the rules over the cached rest.
      w.setOpen(changed, i % 2 ? text.replace('app: app-251', 'app: app-251-typo') : text);
      const r = await w.lint();
      expect(r.findings.filter((f) => f.ruleId === 'service-selector-matches-nothing')).toHaveLength(i % 2 ? 11 : 10);
      // Every other file is the object read by the scan: not read or parsed again.
      const after = w.files();
      expect(after.filter((f, k) => f !== before[k]).map((f) => f.path)).toEqual(['f050.yaml']);
      // The checks of unchanged objects that judged them alone were replayed, not run again.
      const { replayed, run } = w.lastRun;
      expect(replayed).toBeGreaterThan(10_000);
      expect(replayed).toBeGreaterThan(2 * run);
    }
    // The replayed checks change nothing: the same findings as a fresh lint of the same files.
    w.setOpen(changed, text.replace('app: app-252', 'app: app-252-typo'));
    const incremental = await w.lint();
    const fresh = await lintWith({ files: w.files(), cwd: dir, rules });
    expect(incremental.findings).toEqual(fresh.findings);
    expect(incremental.findings.length).toBe(11);
  });
});

describe('language server workspace model', () => {
  it('reads new files the way lint discovers them: not under node_modules, .git or .gitignore’d folders', () => {
    const dir = tempDir('kubewire-lsp-member-');
    for (const sub of ['k8s', 'node_modules/pkg', '.git', 'build']) mkdirSync(path.join(dir, sub), { recursive: true });
    writeFileSync(path.join(dir, '.gitignore'), 'build/\n');
    const w = new Workspace(dir, rules);
    w.scan();
    expect(w.isMember(path.join(dir, 'k8s/new.yaml'))).toBe(false); // not there yet
    for (const f of ['k8s/new.yaml', 'node_modules/pkg/x.yaml', '.git/x.yaml', 'build/x.yaml', 'k8s/notes.txt']) {
      writeFileSync(path.join(dir, f), DEPLOYMENT);
    }
    expect(w.isMember(path.join(dir, 'k8s/new.yaml'))).toBe(true);
    expect(w.isMember(path.join(dir, 'node_modules/pkg/x.yaml'))).toBe(false);
    expect(w.isMember(path.join(dir, '.git/x.yaml'))).toBe(false);
    expect(w.isMember(path.join(dir, 'build/x.yaml'))).toBe(false);
    expect(w.isMember(path.join(dir, 'k8s/notes.txt'))).toBe(false);
    w.diskChanged(path.join(dir, 'k8s/new.yaml'));
    w.diskChanged(path.join(dir, 'build/x.yaml'));
    expect(w.files().map((f) => f.path)).toEqual(['k8s/new.yaml']);
  });
});

/** A diagnostic's message as text (LSP 3.18 allows markup). */
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

describe('kubewire lsp: document versions, workspace folders, config errors', () => {
  let cli: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    cli = await bundleCli();
  });
  afterAll(() => {
    for (const c of clients) if (c.proc.exitCode === null) c.proc.kill();
  });
  const start = async (init: Record<string, unknown>) => {
    const client = new Client(spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] }));
    clients.push(client);
    await client.conn.sendRequest(InitializeRequest.type, { processId: process.pid, ...init } as never);
    await client.conn.sendNotification(InitializedNotification.type, {});
    return { client, versions: client.versions };
  };
  /** A folder with a Deployment `name` (port http) and a Service of it whose targetPort is `htp`. */
  const folder = (prefix: string, name: string) => {
    const dir = tempDir(prefix);
    writeFileSync(path.join(dir, 'deployment.yaml'), DEPLOYMENT.replaceAll('web', name));
    const service = SERVICE(name).replaceAll('web', name).replace('targetPort: http', 'targetPort: htp');
    writeFileSync(path.join(dir, 'service.yaml'), service);
    return { dir, uri: pathToFileURL(path.join(dir, 'service.yaml')).href, service };
  };

  it('publishes the version of the document the diagnostics were computed for, when the client supports it', async () => {
    const a = folder('kubewire-lsp-version-', 'web');
    const folders = [{ uri: pathToFileURL(a.dir).href, name: 'a' }];
    const { client, versions } = await start({ rootUri: folders[0].uri, workspaceFolders: folders, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: a.uri, languageId: 'yaml', version: 7, text: a.service } });
    await client.diagnostics(a.uri, (d) => d.some((x) => x.code === 'service-target-port-missing'));
    expect(versions.at(-1)).toBe(7);
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: a.uri, version: 8 },
      contentChanges: [{ text: a.service.replace('targetPort: htp', 'targetPort: http') }],
    });
    await client.diagnostics(a.uri, (d) => d.length === 0);
    expect(versions.at(-1)).toBe(8);

    // A client that does not advertise versionSupport gets no version.
    const b = folder('kubewire-lsp-noversion-', 'web');
    const other = await start({ rootUri: pathToFileURL(b.dir).href, capabilities: {} });
    await other.client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: b.uri, languageId: 'yaml', version: 3, text: b.service } });
    await other.client.diagnostics(b.uri, (d) => d.length > 0);
    expect(other.versions.every((v) => v === undefined)).toBe(true);
  });

  it('uses every workspace folder as context, and follows folders added and removed', async () => {
    const a = folder('kubewire-lsp-root-a-', 'alpha');
    const b = folder('kubewire-lsp-root-b-', 'beta');
    const folderA = { uri: pathToFileURL(a.dir).href, name: 'a' };
    const folderB = { uri: pathToFileURL(b.dir).href, name: 'b' };
    const caps = { workspace: { workspaceFolders: true } };
    const { client } = await start({ rootUri: folderA.uri, workspaceFolders: [folderA, folderB], capabilities: caps });
    const betaMiss = (d: Diagnostic[]) => d.some((x) => x.code === 'service-target-port-missing' && messageOf(x).includes('Deployment beta'));
    // The second folder's Service is judged with the second folder's Deployment.
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: b.uri, languageId: 'yaml', version: 1, text: b.service } });
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: a.uri, languageId: 'yaml', version: 1, text: a.service } });
    expect((await client.diagnostics(b.uri, betaMiss)).find((x) => x.code === 'service-target-port-missing')!.message).toBe(
      'targetPort "htp" of Service beta port 80 (http) is not a container port name of Deployment beta; did you mean "http"?',
    );
    await client.diagnostics(a.uri, (d) => d.some((x) => messageOf(x).includes('Deployment alpha')));

    // Folder b removed: its Service is a document outside every folder, judged with folder a (no Deployment beta).
    await client.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [folderB] } });
    await client.diagnostics(b.uri, (d) => !betaMiss(d));
    // Added again: judged with its Deployment again.
    await client.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [folderB], removed: [] } });
    await client.diagnostics(b.uri, betaMiss);
  });

  it('shows a broken config once, however often the file is reported changed, and again once it breaks anew', async () => {
    const ws = tempDir('kubewire-lsp-config-once-');
    const config = path.join(ws, '.kubewire.yaml');
    writeFileSync(config, 'rules:\n  no-such-rule: off\n');
    writeFileSync(path.join(ws, 'deployment.yaml'), DEPLOYMENT);
    const client = new Client(spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] }));
    clients.push(client);
    const messages: string[] = [];
    client.conn.onNotification(ShowMessageNotification.type, (m) => void messages.push(m.message));
    await client.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await client.conn.sendNotification(InitializedNotification.type, {});
    const uri = pathToFileURL(path.join(ws, 'service.yaml')).href;
    let version = 1;
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text: SERVICE('webb') } });
    await client.diagnostics(uri, (d) => d.length > 0);
    /** Reports the config changed `times` times, then edits the Service and waits for its diagnostics (all handled by then). */
    const configChanged = async (times: number, app: string, ruleOn: boolean) => {
      for (let i = 0; i < times; i++) {
        await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(config).href, type: FileChangeType.Changed }] });
      }
      await client.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ text: SERVICE(app) }] });
      await client.diagnostics(uri, (d) => (ruleOn ? d.some((x) => messageOf(x).includes(`app=${app}`)) : d.length === 0));
    };
    await configChanged(5, 'webc', true);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^kubewire: .*\.kubewire\.yaml.*no-such-rule/);
    // Fixed: no message, and the config applies (the rule it turns off is off).
    writeFileSync(config, 'rules:\n  service-selector-matches-nothing: off\n');
    await configChanged(1, 'webd', false);
    expect(messages).toHaveLength(1);
    // Broken anew: shown again, once.
    writeFileSync(config, 'rules:\n  no-such-rule: off\n');
    await configChanged(3, 'webf', true);
    expect(messages).toHaveLength(2);
    await client.conn.sendRequest(ShutdownRequest.type);
    await client.conn.sendNotification(ExitNotification.type);
  });
});
