import type { AnyRule } from '../engine/rule.js';
import { buildGraph } from '../graph/build.js';
import { brokenEdges } from '../graph/model.js';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../graph/render.js';
import { INPUT_OPTIONS, lintInputs, parseCommandArgs, UsageError, writeOutput, type Io } from './io.js';

const GRAPH_HELP = `Usage: kubewire graph [paths...] [options]

Draws how traffic is wired: Ingress → Service → workload, with the ports on each edge, the
NetworkPolicies covering each workload, one group per namespace, and broken references marked ✗.

Options:
  -f, --format NAME          mermaid (default) | dot | json
  -o, --output-file FILE     write the graph to FILE instead of stdout
  -c, --config FILE          config file (default: .kubewire.yaml or .kubewire.yml, found upward)
      --namespace NS         namespace of objects without metadata.namespace (default "default")
      --stdin-filename NAME  the name of stdin
  -h, --help                 this help

Exit codes: 0 the graph was drawn (broken edges are shown, not judged: use kubewire lint for that),
2 usage, config or input error.
`;

export async function runGraph(argv: string[], io: Io, rules: readonly AnyRule[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...INPUT_OPTIONS, format: { type: 'string', short: 'f', default: 'mermaid' } }, 'graph');
  if (values.help) {
    io.stdout(GRAPH_HELP);
    return 0;
  }
  const format = values.format as GraphFormat;
  if (!GRAPH_FORMATS.includes(format)) throw new UsageError(`unknown graph format "${values.format}" (formats: ${GRAPH_FORMATS.join(', ')})`);
  // The graph is drawn from a lint run: a wire is broken exactly where a rule reports it.
  const result = await lintInputs(io, positionals, values, { rules });
  for (const e of result.errors) io.stderr(`kubewire: ${e}\n`);
  const graph = buildGraph(result);
  const out = renderGraph(graph, format);
  writeOutput(io, values['output-file'], out);
  const broken = brokenEdges(graph).length;
  if (broken > 0) io.stderr(`kubewire: ${broken} broken wire${broken === 1 ? '' : 's'} in the graph (run kubewire lint for details)\n`);
  return result.errors.length > 0 ? 2 : 0;
}
