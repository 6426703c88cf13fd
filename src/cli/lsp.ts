import type { AnyRule } from '../engine/rule.js';
import { UsageError, type Io } from './io.js';

const LSP_HELP = `Usage: kubewire lsp --stdio

Runs the kubewire language server over stdin/stdout (Language Server Protocol): diagnostics for open
YAML documents with the whole workspace as context, rule links, related locations and quick fixes.
Editors start it; see editors/vscode/ for VS Code.

Settings (workspace/configuration section "kubewire", or initializationOptions):
  configPath   config file (default: .kubewire.yaml or .kubewire.yml, found upward from the workspace)
  namespace    namespace of objects without metadata.namespace
`;

/** `kubewire lsp --stdio`. The protocol library ends the process on the exit notification or when stdin closes (code 0 after a shutdown request, 1 without, as the LSP spec asks). */
export async function runLsp(argv: string[], io: Io, rules: readonly AnyRule[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(LSP_HELP);
    return 0;
  }
  // VS Code's client may add --clientProcessId (the library watches that process and exits with it).
  const unknown = argv.filter((a, i) => a !== '--stdio' && !a.startsWith('--clientProcessId') && argv[i - 1] !== '--clientProcessId');
  if (unknown.length || !argv.includes('--stdio')) {
    throw new UsageError(`lsp takes --stdio${unknown.length ? `, got "${unknown[0]}"` : ''} (see kubewire lsp --help)`);
  }
  // stdout carries the protocol: anything else printed there would corrupt it.
  console.log = console.info = console.debug = console.error;
  const { startServer } = await import('../lsp/server.js');
  startServer(rules);
  return new Promise<number>(() => {});
}
