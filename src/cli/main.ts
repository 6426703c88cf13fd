import type { AnyRule } from '../engine/rule.js';
import { packageInfo } from '../engine/package-info.js';
import { UsageError, type Io } from './io.js';

// Each command, and the rules, are imported when the command runs: the CLI bundle (scripts/build-cli.mjs)
// makes each `import()` a chunk, so `--version` compiles none of them and `lint` not the language
// server, `graph` or `test` (test/startup.test.ts checks which chunks a lint loads).
const builtinRules = async (): Promise<readonly AnyRule[]> => (await import('../../rules/index.js')).rules;

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
        return await (await import('./lint.js')).runLint(rest, io, await builtinRules());
      case 'rules':
        return (await import('./rules-command.js')).runRulesCommand(rest, io, await builtinRules());
      case 'explain':
        return (await import('./explain.js')).runExplain(rest, io, await builtinRules());
      case 'test':
        return await (await import('./test-command.js')).runTestCommand(rest, io, await builtinRules());
      case 'graph':
        return await (await import('./graph.js')).runGraph(rest, io, await builtinRules());
      case 'lsp':
        return await (await import('./lsp.js')).runLsp(rest, io, await builtinRules());
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
