import { existsSync, watch, type FSWatcher } from 'node:fs';
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
  let workspace: Workspace | null = null;
  let pullConfiguration = false;
  let watchedByClient = false;
  let watcher: FSWatcher | null = null;
  let initSettings: WorkspaceSettings = {};
  /** URIs with diagnostics published, to clear those that have none any more. */
  const published = new Set<string>();
  let pending: Promise<void> = Promise.resolve();
  let dirty = false;
  // Nothing is linted before the client's settings are known (a wrong namespace would flash wrong diagnostics).
  let settingsLoaded!: () => void;
  const ready = new Promise<void>((resolve) => (settingsLoaded = resolve));

  const absOf = (uri: string): string | null => (uri.startsWith('file:') ? fileURLToPath(uri) : null);

  // YAML documents; Helm templates (language `helm`) only exist as YAML once rendered.
  const isLinted = (doc: TextDocument): boolean =>
    doc.languageId === 'yaml' || (doc.languageId !== 'helm' && /\.ya?ml$/i.test(doc.uri));

  /** Lints the workspace and publishes diagnostics for open documents; coalesces bursts of changes. */
  const schedule = (): Promise<void> => {
    dirty = true;
    pending = pending.then(async () => {
      await ready;
      if (!dirty || !workspace) return;
      dirty = false;
      await publish(await workspace.lint());
    });
    return pending;
  };

  const publish = async (result: LintResult): Promise<void> => {
    const absByPath = new Map(result.files.map((f) => [f.path, f.absPath]));
    const uriOf = (file: string): string | null => {
      const abs = absByPath.get(file);
      return abs ? pathToFileURL(abs).href : null;
    };
    const byUri = new Map<string, Diagnostic[]>();
    for (const doc of documents.all()) if (isLinted(doc)) byUri.set(doc.uri, []);
    const openAbs = new Map<string, string>();
    for (const uri of byUri.keys()) {
      const abs = absOf(uri);
      if (abs) openAbs.set(abs, uri);
    }
    for (const f of result.findings) {
      const abs = absByPath.get(f.file);
      const uri = abs ? openAbs.get(abs) : undefined;
      if (uri) byUri.get(uri)!.push(toDiagnostic(f, uriOf));
    }
    for (const uri of published) if (!byUri.has(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
    published.clear();
    for (const [uri, diagnostics] of byUri) {
      published.add(uri);
      await connection.sendDiagnostics({ uri, diagnostics });
    }
  };

  const readSettings = async (): Promise<WorkspaceSettings> => {
    if (!pullConfiguration) return initSettings;
    const [cfg] = (await connection.workspace.getConfiguration([{ section: 'kubewire' }])) as [Record<string, unknown> | null];
    return settingsFrom(cfg ?? {}, initSettings);
  };

  const reportConfigError = (): void => {
    // A notification, not window/showMessageRequest: nothing to answer, and clients without UI need not reply.
    if (workspace?.configError) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `kubewire: ${workspace.configError}` });
  };

  connection.onInitialize((params: InitializeParams) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    const root = (folder && absOf(folder)) || params.rootPath || process.cwd();
    initSettings = settingsFrom((params.initializationOptions as Record<string, unknown> | undefined) ?? {}, {});
    pullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    watchedByClient = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    workspace = new Workspace(path.resolve(root), rules, initSettings);
    workspace.scan();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'kubewire' },
    };
  });

  connection.onInitialized(async () => {
    if (!workspace) return;
    try {
      if (pullConfiguration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubewire' });
        const before = workspace.configFile;
        workspace.reloadConfig(await readSettings());
        // Another config file may ignore other paths.
        if (workspace.configFile !== before) workspace.scan();
      }
    } finally {
      settingsLoaded();
    }
    reportConfigError();
    if (watchedByClient) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/.kubewire.{yaml,yml}' }],
      });
    } else {
      // The client does not watch files for us: watch the workspace ourselves (recursive on Linux since Node 20).
      try {
        const root = workspace.root;
        watcher = watch(root, { recursive: true }, (_event, name) => {
          if (!name || !workspace) return;
          onDiskChange(path.join(root, name.toString()));
        });
        watcher.on('error', () => watcher?.close());
      } catch {
        watcher = null;
      }
    }
    await schedule();
  });

  const onDiskChange = (abs: string): void => {
    if (!workspace) return;
    if (workspace.configFile === abs || /[\\/]\.kubewire\.ya?ml$/.test(abs)) {
      workspace.reloadConfig();
      reportConfigError();
      workspace.scan();
    } else {
      if (existsSync(abs)) workspace.diskChanged(abs);
      else workspace.diskDeleted(abs);
    }
    void schedule();
  };

  connection.onDidChangeWatchedFiles((params) => {
    if (!workspace) return;
    for (const change of params.changes) {
      const abs = absOf(change.uri);
      if (!abs) continue;
      if (change.type === FileChangeType.Deleted) workspace.diskDeleted(abs);
      else if (workspace.configFile === abs || /[\\/]\.kubewire\.ya?ml$/.test(abs)) {
        workspace.reloadConfig();
        reportConfigError();
        workspace.scan();
      } else workspace.diskChanged(abs);
    }
    void schedule();
  });

  connection.onDidChangeConfiguration(async (params) => {
    if (!workspace) return;
    const settings = pullConfiguration
      ? await readSettings()
      : settingsFrom(((params.settings as Record<string, unknown> | null)?.kubewire as Record<string, unknown>) ?? {}, initSettings);
    workspace.reloadConfig(settings);
    reportConfigError();
    workspace.scan();
    await schedule();
  });

  // Fired for didOpen too.
  documents.onDidChangeContent((e) => {
    const abs = absOf(e.document.uri);
    if (!workspace || !abs || !isLinted(e.document)) return;
    workspace.setOpen(abs, e.document.getText());
    void schedule();
  });

  documents.onDidClose((e) => {
    const abs = absOf(e.document.uri);
    if (!workspace || !abs) return;
    workspace.close(abs);
    // The file on disk is the workspace's truth again (unsaved edits are gone).
    workspace.diskChanged(abs);
    void schedule();
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
    watcher?.close();
    watcher = null;
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
