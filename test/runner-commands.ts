// The GitHub Actions runner's reading of a step's stdout, for the Action's tests: workflow commands as
// the runner parses them (actions/runner, ActionCommand.TryParseV2) and the annotations it keeps.
//
// Documented syntax (docs.github.com "Workflow commands for GitHub Actions"):
//   ::name key=value,key=value::message
// - each line of output is read on its own; only leading whitespace is trimmed, so a command is
//   recognised only when `::` starts the line (anything before it, such as ANSI reset codes, hides it);
// - the name runs to the first space, the properties to the next `::`; properties are split on `,` and
//   each on its first `=` (pairs without a value are ignored);
// - the message unescapes %0D → CR, %0A → LF, then %25 → %; property values also %3A → `:`,
//   %2C → `,` (again %25 last);
// - unknown command names are not commands (the line is plain log output).

export interface WorkflowCommand {
  name: string;
  properties: Record<string, string>;
  message: string;
  /** The 0-based index of the output line it was read from. */
  line: number;
}

const KNOWN = new Set([
  'error', 'warning', 'notice', 'debug', 'group', 'endgroup', 'add-mask', 'stop-commands', 'echo',
  'set-output', 'save-state', 'add-path', 'set-env', 'add-matcher', 'remove-matcher',
]);

function unescapeData(s: string): string {
  return s.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

function unescapeProperty(s: string): string {
  return s.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%');
}

/** One line as the runner reads it: the command, or null when the line is not one. */
export function parseCommand(raw: string, line = 0): WorkflowCommand | null {
  const message = raw.replace(/\r$/, '').trimStart();
  if (!message.startsWith('::')) return null;
  const end = message.indexOf('::', 2);
  if (end < 0) return null;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!KNOWN.has(name)) return null;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const prop of info.slice(space + 1).trim().split(',').filter(Boolean)) {
      const eq = prop.indexOf('=');
      if (eq <= 0 || eq === prop.length - 1) continue;
      properties[prop.slice(0, eq)] = unescapeProperty(prop.slice(eq + 1));
    }
  }
  return { name, properties, message: unescapeData(message.slice(end + 2)), line };
}

/** Every workflow command in a step's output, in order. */
export function parseCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  stdout.split('\n').forEach((l, i) => {
    const c = parseCommand(l, i);
    if (c) out.push(c);
  });
  return out;
}

/** The runner keeps at most this many annotations of each level per step; later ones are dropped silently. */
export const RUNNER_ANNOTATIONS_PER_LEVEL = 10;

/** The annotations the runner keeps from a step's output (error, warning, notice commands within the caps), in order. */
export function keptAnnotations(stdout: string): WorkflowCommand[] {
  const seen: Record<string, number> = { error: 0, warning: 0, notice: 0 };
  const kept: WorkflowCommand[] = [];
  for (const c of parseCommands(stdout)) {
    if (!(c.name in seen)) continue;
    if (seen[c.name]++ < RUNNER_ANNOTATIONS_PER_LEVEL) kept.push(c);
  }
  return kept;
}

/** Annotation commands the runner drops for the caps. */
export function droppedAnnotations(stdout: string): WorkflowCommand[] {
  const kept = new Set(keptAnnotations(stdout).map((c) => c.line));
  return parseCommands(stdout).filter((c) => ['error', 'warning', 'notice'].includes(c.name) && !kept.has(c.line));
}
