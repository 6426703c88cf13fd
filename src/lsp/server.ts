import { existsSync, watch as fsWatch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl } from '../engine/package-info.js';
import type { Finding, LintResult } from '../engine/result.js';
import type { AnyRule } from '../engine/rule.js';
import type { Range as KwRange, Severity } from '../model/types.js';
import { Workspace, type WorkspaceSettings } from './workspace.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** kubewire ranges are 1-based with an exclusive end column; LSP ranges are 0-based with an exclusive end. */
function toLspRange(r: KwRange): Diagnostic['range'] {
  return {
    start: { line: r.line - 1, character: r.column - 1 },
    end: { line: r.endLine - 1, character: r.endColumn - 1 },
  };
}

interface FixData {
  /** `uri`: the document the edit applies to, when it is not the diagnostic's (a new Service next to its workload). */
  fix: { range: Diagnostic['range']; text: string; description: string; uri?: string };
}

function toDiagnostic(f: Finding, uriOf: (file: string) => string | null): Diagnostic {
  const d: Diagnostic = {
    range: toLspRange(f),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: 'kubewire',
    message: f.message,
  };
  const related = f.related.flatMap((r) => {
    const uri = uriOf(r.file);
    return uri ? [{ location: { uri, range: toLspRange(r) }, message: r.message }] : [];
  });
  if (related.length) d.relatedInformation = related;
  if (f.fix) {
    const uri = f.fix.file !== undefined && f.fix.file !== f.file ? uriOf(f.fix.file) : undefined;
    // An edit of another document the server cannot name is not offered.
    if (uri !== null) {
      d.data = { fix: { range: toLspRange(f.fix.range), text: f.fix.text, description: f.fix.description, ...(uri ? { uri } : {}) } } satisfies FixData;
    }
  }
  return d;
}


/** Starts the language server on a connection (stdio by default) and returns it. */
export function startServer(rules: readonly AnyRule[], connection: Connection = createConnection()): Connection {
  const documents = new TextDocuments(TextDocument);
  /**
   * One workspace per workspace folder, by absolute root (multi-root: each folder its own config and
   * context). A document belongs to the deepest folder holding it; one outside every folder to the
   * first folder (or, with none, to the root the client gave or the current directory).
   */
  const workspaces = new Map<string, Workspace>();
  let fallbackRoot = process.cwd();
  let fallback: Workspace | null = null;
  let pullConfiguration = false;
  let watchedByClient = false;
  let versionSupport = false;
  let clientFolders = false;
  let initialized = false;
  const watchers = new Map<Workspace, FSWatcher>();
  let initSettings: WorkspaceSettings = {};
  /** URIs with diagnostics published, by the workspace that published them, to clear those that have none any more. */
  const published = new Map<Workspace, Set<string>>();
  /** The config error last shown for each workspace: a broken config is shown once, not on every reload. */
  const shownConfigError = new Map<Workspace, string | null>();
  let pending: Promise<void> = Promise.resolve();
  const dirty = new Set<Workspace>();
  // Nothing is linted before the client's settings are known (a wrong namespace would flash wrong diagnostics).
  let settingsLoaded!: () => void;
  const ready = new Promise<void>((resolve) => (settingsLoaded = resolve));

  const absOf = (uri: string): string | null => (uri.startsWith('file:') ? fileURLToPath(uri) : null);
  const inside = (root: string, abs: string): boolean => abs === root || abs.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

  // YAML documents; Helm templates (language `helm`) only exist as YAML once rendered.
  const isLinted = (doc: TextDocument): boolean =>
    doc.languageId === 'yaml' || (doc.languageId !== 'helm' && /\.ya?ml$/i.test(doc.uri));

  const fallbackWorkspace = (): Workspace => {
    if (!fallback) {
      fallback = new Workspace(fallbackRoot, rules, initSettings);
      fallback.scan();
    }
    return fallback;
  };

  /** The workspace whose diagnostics a document gets. */
  const ownerOf = (abs: string): Workspace => {
    let best: Workspace | null = null;
    for (const ws of workspaces.values()) if (inside(ws.root, abs) && (!best || ws.root.length > best.root.length)) best = ws;
    return best ?? workspaces.values().next().value ?? fallbackWorkspace();
  };

  /** Every workspace a file is part of (the folders holding it, nested folders too), and its owner. */
  const holdersOf = (abs: string): Workspace[] => {
    const out = [...workspaces.values()].filter((ws) => inside(ws.root, abs));
    const owner = ownerOf(abs);
    if (!out.includes(owner)) out.push(owner);
    return out;
  };

  const allWorkspaces = (): Workspace[] => [...workspaces.values(), ...(fallback ? [fallback] : [])];

  /** Lints the dirty workspaces and publishes diagnostics for their open documents; coalesces bursts of changes. */
  const schedule = (...changed: Workspace[]): Promise<void> => {
    for (const ws of changed.length ? changed : allWorkspaces()) dirty.add(ws);
    pending = pending.then(async () => {
      await ready;
      for (const ws of [...dirty]) {
        dirty.delete(ws);
        if (ws !== fallback && ![...workspaces.values()].includes(ws)) continue;
        // The versions of the texts this lint reads: workspace.lint() takes them before its first await.
        const versions = new Map(documents.all().map((d) => [d.uri, d.version]));
        await publish(ws, await ws.lint(), versions);
      }
    });
    return pending;
  };

  const publish = async (ws: Workspace, result: LintResult, versions: ReadonlyMap<string, number>): Promise<void> => {
    const absByPath = new Map(result.files.map((f) => [f.path, f.absPath]));
    const uriOf = (file: string): string | null => {
      const abs = absByPath.get(file);
      return abs ? pathToFileURL(abs).href : null;
    };
    const byUri = new Map<string, Diagnostic[]>();
    const openAbs = new Map<string, string>();
    for (const doc of documents.all()) {
      const abs = absOf(doc.uri);
      if (!isLinted(doc) || !abs || ownerOf(abs) !== ws) continue;
      byUri.set(doc.uri, []);
      openAbs.set(abs, doc.uri);
    }
    for (const f of result.findings) {
      const abs = absByPath.get(f.file);
      const uri = abs ? openAbs.get(abs) : undefined;
      if (uri) byUri.get(uri)!.push(toDiagnostic(f, uriOf));
    }
    let mine = published.get(ws);
    if (!mine) published.set(ws, (mine = new Set()));
    for (const uri of mine) {
      if (byUri.has(uri)) continue;
      // A document another workspace owns now (folders changed) gets its diagnostics from that one.
      const doc = documents.get(uri);
      const abs = doc && isLinted(doc) ? absOf(uri) : null;
      if (!abs || ownerOf(abs) === ws) await connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    mine.clear();
    for (const [uri, diagnostics] of byUri) {
      mine.add(uri);
      const version = versions.get(uri);
      await connection.sendDiagnostics({ uri, diagnostics, ...(versionSupport && version !== undefined ? { version } : {}) });
    }
  };

  /** The client's `kubewire` settings for each workspace folder (one request), or the initialization options. */
  const readSettings = async (list: readonly Workspace[]): Promise<WorkspaceSettings[]> => {
    if (!pullConfiguration) return list.map(() => initSettings);
    const items = list.map((ws) => ({ scopeUri: pathToFileURL(ws.root).href, section: 'kubewire' }));
    const got = (await connection.workspace.getConfiguration(items)) as (Record<string, unknown> | null)[];
    return list.map((_, i) => settingsFrom(got[i] ?? {}, initSettings));
  };

  /** Shows a workspace's config error when it is new (a notification: clients without UI need not reply). */
  const reportConfigError = (ws: Workspace): void => {
    const error = ws.configError;
    if (shownConfigError.get(ws) === error) return;
    shownConfigError.set(ws, error);
    if (error) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `kubewire: ${error}` });
  };

  /** Settings or a config file changed: read the config again (and the files, which it may ignore differently). */
  const reload = (ws: Workspace, settings?: WorkspaceSettings): void => {
    ws.reloadConfig(settings);
    reportConfigError(ws);
    ws.scan();
    for (const doc of documents.all()) {
      const abs = absOf(doc.uri);
      if (abs && isLinted(doc) && holdersOf(abs).includes(ws)) ws.setOpen(abs, doc.getText());
    }
  };

  const watch = (ws: Workspace): void => {
    if (watchedByClient || watchers.has(ws)) return;
    // The client does not watch files for us: watch the folder ourselves (recursive on Linux since Node 20).
    try {
      const root = ws.root;
      const w = fsWatch(root, { recursive: true }, (_event, name) => {
        if (name) onDiskChange(path.join(root, name.toString()));
      });
      w.on('error', () => {
        w.close();
        watchers.delete(ws);
      });
      watchers.set(ws, w);
    } catch {
      // unwatchable (gone, or too many files): the open documents are still linted
    }
  };

  const addFolder = (uri: string): Workspace | null => {
    const abs = absOf(uri);
    if (!abs) return null;
    const root = path.resolve(abs);
    let ws = workspaces.get(root);
    if (!ws) {
      ws = new Workspace(root, rules, initSettings);
      ws.scan();
      workspaces.set(root, ws);
    }
    return ws;
  };

  const removeFolder = async (uri: string): Promise<void> => {
    const abs = absOf(uri);
    const ws = abs ? workspaces.get(path.resolve(abs)) : undefined;
    if (!ws) return;
    workspaces.delete(ws.root);
    watchers.get(ws)?.close();
    watchers.delete(ws);
    shownConfigError.delete(ws);
    for (const uri of published.get(ws) ?? []) await connection.sendDiagnostics({ uri, diagnostics: [] });
    published.delete(ws);
  };

  /** Lays every open document over the workspaces holding it (after folders changed). */
  const rehome = (): void => {
    for (const doc of documents.all()) {
      const abs = absOf(doc.uri);
      if (!abs || !isLinted(doc)) continue;
      for (const ws of holdersOf(abs)) if (!ws.isOpen(abs)) ws.setOpen(abs, doc.getText());
    }
  };

  connection.onInitialize((params: InitializeParams) => {
    const root = (params.rootUri && absOf(params.rootUri)) || params.rootPath || process.cwd();
    fallbackRoot = path.resolve(root);
    initSettings = settingsFrom((params.initializationOptions as Record<string, unknown> | undefined) ?? {}, {});
    pullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    watchedByClient = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    versionSupport = Boolean(params.capabilities.textDocument?.publishDiagnostics?.versionSupport);
    clientFolders = Boolean(params.capabilities.workspace?.workspaceFolders);
    const folders = params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f.uri) : [pathToFileURL(fallbackRoot).href];
    for (const uri of folders) addFolder(uri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kubewire' },
    };
  });

  connection.onInitialized(async () => {
    try {
      if (pullConfiguration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubewire' });
        const list = [...workspaces.values()];
        const settings = await readSettings(list);
        list.forEach((ws, i) => {
          const before = ws.configFile;
          ws.reloadConfig(settings[i]);
          // Another config file may ignore other paths.
          if (ws.configFile !== before) ws.scan();
        });
      }
    } finally {
      initialized = true;
      settingsLoaded();
    }
    for (const ws of workspaces.values()) reportConfigError(ws);
    // The library handles workspace/didChangeWorkspaceFolders for clients that announce workspace folders.
    if (clientFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => void onFoldersChanged(e));
    if (watchedByClient) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/.kubewire.{yaml,yml}' }],
      });
    } else {
      for (const ws of workspaces.values()) watch(ws);
    }
    await schedule();
  });

  const onFoldersChanged = async (event: WorkspaceFoldersChangeEvent): Promise<void> => {
    for (const f of event.removed) await removeFolder(f.uri);
    const added = event.added.map((f) => addFolder(f.uri)).filter((ws): ws is Workspace => ws !== null);
    if (added.length > 0 && pullConfiguration) {
      const settings = await readSettings(added);
      added.forEach((ws, i) => reload(ws, settings[i]));
    }
    for (const ws of added) {
      reportConfigError(ws);
      if (initialized) watch(ws);
    }
    rehome();
    // Documents may have changed hands: every workspace publishes again.
    await schedule();
  };

  /** A change on disk, from the client or our own watcher: the workspaces holding the file read it again. */
  const diskChange = (abs: string, deleted: boolean): Workspace[] => {
    const touched: Workspace[] = [];
    if (/[\\/]\.kubewire\.ya?ml$/.test(abs) || allWorkspaces().some((ws) => ws.configFile === abs)) {
      for (const ws of allWorkspaces()) {
        if (ws.configFile === abs || inside(path.dirname(abs), ws.root) || inside(ws.root, abs)) {
          reload(ws);
          touched.push(ws);
        }
      }
      return touched;
    }
    for (const ws of allWorkspaces()) {
      if (!inside(ws.root, abs) || ws.isOpen(abs)) continue;
      if (deleted) ws.diskDeleted(abs);
      else ws.diskChanged(abs);
      touched.push(ws);
    }
    return touched;
  };

  const onDiskChange = (abs: string): void => {
    const touched = diskChange(abs, !existsSync(abs));
    if (touched.length > 0) void schedule(...touched);
  };

  connection.onDidChangeWatchedFiles((params) => {
    const touched = new Set<Workspace>();
    for (const change of params.changes) {
      const abs = absOf(change.uri);
      if (abs) for (const ws of diskChange(abs, change.type === FileChangeType.Deleted)) touched.add(ws);
    }
    if (touched.size > 0) void schedule(...touched);
  });

  connection.onDidChangeConfiguration(async (params) => {
    const list = allWorkspaces();
    const settings = pullConfiguration
      ? await readSettings(list)
      : list.map(() => settingsFrom(((params.settings as Record<string, unknown> | null)?.kubewire as Record<string, unknown>) ?? {}, initSettings));
    list.forEach((ws, i) => reload(ws, settings[i]));
    await schedule();
  });

  // Fired for didOpen too.
  documents.onDidChangeContent((e) => {
    const abs = absOf(e.document.uri);
    if (!abs || !isLinted(e.document)) return;
    const holders = holdersOf(abs);
    for (const ws of holders) ws.setOpen(abs, e.document.getText());
    void schedule(...holders);
  });

  documents.onDidClose((e) => {
    const abs = absOf(e.document.uri);
    if (!abs) return;
    const holders = holdersOf(abs);
    for (const ws of holders) {
      ws.close(abs);
      // The file on disk is the workspace's truth again (unsaved edits are gone).
      ws.diskChanged(abs);
    }
    void schedule(...holders);
  });

  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const data = d.data as FixData | undefined;
      if (d.source !== 'kubewire' || !data?.fix) continue;
      actions.push({
        title: data.fix.description,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [data.fix.uri ?? params.textDocument.uri]: [{ range: data.fix.range, newText: data.fix.text }] } },
      });
    }
    return actions;
  });

  connection.onShutdown(() => {
    for (const w of watchers.values()) w.close();
    watchers.clear();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

function settingsFrom(raw: Record<string, unknown>, fallback: WorkspaceSettings): WorkspaceSettings {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  return {
    configPath: str(raw.configPath) ?? fallback.configPath,
    namespace: str(raw.namespace) ?? fallback.namespace,
  };
}
