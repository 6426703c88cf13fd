import { packageInfo } from '../engine/package-info.js';
import { UsageError, type Io } from './io.js';

// The commands and the rules are imported when a command runs (see commands.ts): `--version` and
// `--help` load none of them (test/startup.test.ts checks which chunks a lint loads).
const commands = () => import('./commands.js');

const HELP = `kubewire — every broken wire in Kubernetes Services & Networking manifests, on the exact line

Usage:
  kubewire lint [paths...] [options]    lint files, folders, globs ("-" reads stdin); default "."
  kubewire rules [--format json]        list the rules with severity, category and title
  kubewire explain <rule-id>            show a rule's documentation
  kubewire test [dirs...]               check fixture folders against their "# expect:" markers
  kubewire graph [paths...] [--format mermaid|dot|json]   draw Ingress → Service → workload wiring
  kubewire lsp --stdio                  run the language server (editors)
  kubewire --version | --help

Run "kubewire lint --help" for the lint options.
`;

/** Dispatches a command line; returns the exit code. Never throws for user mistakes. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        io.stdout(`${packageInfo().version}\n`);
        return 0;
      case 'lint': {
        const { runLint, rules } = await commands();
        return await runLint(rest, io, rules);
      }
      case 'rules': {
        const { runRulesCommand, rules } = await commands();
        return runRulesCommand(rest, io, rules);
      }
      case 'explain': {
        const { runExplain, rules } = await commands();
        return runExplain(rest, io, rules);
      }
      case 'test': {
        const { runTestCommand, rules } = await commands();
        return await runTestCommand(rest, io, rules);
      }
      case 'graph': {
        const { runGraph, rules } = await commands();
        return await runGraph(rest, io, rules);
      }
      case 'lsp': {
        const { runLsp, rules } = await commands();
        return await runLsp(rest, io, rules);
      }
      default:
        throw new UsageError(`unknown command "${command}" (commands: lint, rules, explain, test, graph, lsp)`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kubewire: ${err.message}\n`);
      return 2;
    }
    // A bug: one line, the stack only when asked for.
    io.stderr(`kubewire: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.KUBEWIRE_DEBUG) io.stderr(`${(err as Error).stack ?? ''}\n`);
    return 2;
  }
}
