// The kubewire VS Code extension: starts `kubewire lsp --stdio` for YAML files. All the work (parsing,
// the workspace model, rules, quick fixes) is in the server; this only finds the command and connects.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { workspace, window } = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

function kubewireCommand() {
  const configured = workspace.getConfiguration('kubewire').get('path');
  if (configured) return configured;
  // The project's own kubewire (npm install -D kubewire) wins over a global one.
  for (const folder of workspace.workspaceFolders ?? []) {
    const local = path.join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'kubewire.cmd' : 'kubewire');
    if (fs.existsSync(local)) return local;
  }
  return 'kubewire';
}

async function activate(context) {
  const command = kubewireCommand();
  client = new LanguageClient(
    'kubewire',
    'kubewire',
    { command, args: ['lsp', '--stdio'], options: { shell: process.platform === 'win32' } },
    {
      documentSelector: [{ scheme: 'file', language: 'yaml' }],
      // The server pulls the `kubewire` section (configPath, namespace) and is told when it changes.
      synchronize: { configurationSection: 'kubewire' },
    },
  );
  try {
    await client.start();
  } catch (err) {
    window.showErrorMessage(`kubewire: could not start "${command} lsp --stdio" (${err instanceof Error ? err.message : err}). Install kubewire (npm install -D kubewire) or set kubewire.path.`);
  }
  context.subscriptions.push({ dispose: () => client?.stop() });
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
