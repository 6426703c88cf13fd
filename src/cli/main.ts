import { rules as builtinRules } from '../../rules/index.js';
import { packageInfo } from '../engine/package-info.js';
import { runExplain } from './explain.js';
import { runGraph } from './graph.js';
import { runLint } from './lint.js';
import { runRulesCommand } from './rules-command.js';
import { runTestCommand } from './test-command.js';
import { UsageError, type Io } from './io.js';

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
      case 'lint':
        return await runLint(rest, io, builtinRules);
      case 'rules':
        return runRulesCommand(rest, io, builtinRules);
      case 'explain':
        return runExplain(rest, io, builtinRules);
      case 'test':
        return await runTestCommand(rest, io, builtinRules);
      case 'graph':
        return await runGraph(rest, io, builtinRules);
      case 'lsp':
        return await (await import('./lsp.js')).runLsp(rest, io, builtinRules);
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
