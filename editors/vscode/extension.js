// The kubewire VS Code extension: starts the kubewire language server (`kubewire lsp --stdio`) for
// YAML files. All the work (parsing, the workspace model, rules, quick fixes) is in the server; this
// only chooses which server to run and connects.
//
// Which server, first found (as vscode-eslint, the other way round: it prefers the workspace's
// library and ships none): the `kubewire.path` setting; the workspace's own kubewire
// (node_modules/kubewire, `npm install -D kubewire`), so the project's version and rules judge its
// manifests; else the server packed into the extension (server/kubewire.mjs, the standalone CLI
// bundle). JavaScript is run with VS Code's own Node (no shell on any platform: Windows' .cmd shims
// are never needed); any other `kubewire.path` is run as an executable, without a shell.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { workspace, window } = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/**
 * The server to start and where it came from.
 * @param {{ asAbsolutePath(p: string): string }} context
 * @returns {{ kind: 'module' | 'command', path: string, source: string }}
 */
function findServer(context) {
  const configured = workspace.getConfiguration('kubewire').get('path');
  if (configured) {
    const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
    const resolved = folder && !path.isAbsolute(configured) && /[\\/]/.test(configured) ? path.join(folder, configured) : configured;
    return { kind: /\.[cm]?js$/i.test(resolved) ? 'module' : 'command', path: resolved, source: 'the kubewire.path setting' };
  }
  for (const folder of workspace.workspaceFolders ?? []) {
    const local = path.join(folder.uri.fsPath, 'node_modules', 'kubewire', 'bin', 'kubewire.js');
    if (fs.existsSync(local)) return { kind: 'module', path: local, source: `the workspace's kubewire (${folder.name})` };
  }
  return { kind: 'module', path: context.asAbsolutePath(path.join('server', 'kubewire.mjs')), source: 'the server packed with the extension' };
}

/** The language client's server options for a server: never through a shell. */
function serverOptions(server) {
  if (server.kind === 'module') {
    return { module: server.path, args: ['lsp'], transport: TransportKind.stdio };
  }
  return { command: server.path, args: ['lsp', '--stdio'], transport: TransportKind.stdio };
}

async function activate(context) {
  const server = findServer(context);
  if (server.kind === 'command' && process.platform === 'win32' && /\.(cmd|bat)$/i.test(server.path)) {
    window.showErrorMessage(`kubewire: ${server.path} is a batch file, which cannot be started without a shell; set kubewire.path to kubewire's bin/kubewire.js instead.`);
    return;
  }
  client = new LanguageClient('kubewire', 'kubewire', serverOptions(server), {
    documentSelector: [{ scheme: 'file', language: 'yaml' }],
    // The server pulls the `kubewire` section (configPath, namespace) and is told when it changes.
    synchronize: { configurationSection: 'kubewire' },
  });
  try {
    await client.start();
  } catch (err) {
    window.showErrorMessage(`kubewire: could not start the language server from ${server.source} (${server.path}): ${err instanceof Error ? err.message : err}`);
  }
  context.subscriptions.push({ dispose: () => client?.stop() });
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate, findServer, serverOptions };
