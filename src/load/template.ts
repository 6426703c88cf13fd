/** A Go template action, `{{ … }}` or `{{- … -}}`. */
const ACTION = /\{\{-?\s*[^}]*\}\}/g;
/** A line that opens a block scalar (`key: |`, `- >-`): the more indented lines after it are text. */
const BLOCK_SCALAR = /(?:^|:|-)[ \t]*[|>][0-9+-]*[ \t]*(?:#.*)?$/;
/**
 * An action where a plain scalar starts: at the start of a line (after `- ` markers) or right after
 * `key: `. YAML reads `{{` there as a flow mapping, so the text parses "by accident" (`name: {{ include
 * "x" . }}` is a mapping); a value that only contains an action later (`msg: up {{ .x }}`) or in quotes is
 * a string, as in Prometheus rules and Argo Workflows.
 */
const ACTION_AS_NODE = /^[ \t]*(?:-[ \t]+)*(?:[^\s#'"{[][^#'"]*?:[ \t]+)?\{\{/;

/**
 * Where a file is a template rather than YAML: its first Go template action, when the text does not
 * parse as YAML (`syntaxBroken`) and contains one, or when an action stands where YAML would read a
 * flow mapping. Null for YAML that merely carries `{{ }}` inside strings.
 */
export function templateAction(text: string, syntaxBroken: boolean): { index: number; action: string } | null {
  if (!text.includes('{{')) return null;
  if (syntaxBroken) {
    // The first action outside a YAML comment line.
    ACTION.lastIndex = 0;
    for (let m = ACTION.exec(text); m; m = ACTION.exec(text)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      if (!text.slice(lineStart, m.index).trimStart().startsWith('#')) return { index: m.index, action: m[0] };
    }
    return null;
  }
  for (const { line, start } of nodeLines(text)) {
    const m = ACTION_AS_NODE.exec(line);
    if (!m) continue;
    ACTION.lastIndex = start + m[0].length - 2;
    const a = ACTION.exec(text);
    if (a && a.index === start + m[0].length - 2) return { index: a.index, action: a[0] };
  }
  return null;
}

/**
 * A shell-style variable (envsubst, `${NAME}`, `${NAME:-default}`, `${NAME-default}`) standing as a
 * whole value where YAML reads a plain scalar (`port: ${PORT:-9002}`, `- ${HOST}`): the file is a
 * template for envsubst or a CI script, its values only exist once substituted. Variables inside
 * strings or block scalars (shell commands, `$(VAR)` expansion by the kubelet) are text, not templating.
 */
const VARIABLE_AS_VALUE = /^[ \t]*(?:-[ \t]+)*(?:[^\s#'"{[][^#'"]*?:[ \t]+)?(\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}\n]*)?\})[ \t]*(?:#.*)?$/;

export function templateVariable(text: string): { index: number; variable: string } | null {
  if (!text.includes('${')) return null;
  for (const { line, start } of nodeLines(text)) {
    const m = VARIABLE_AS_VALUE.exec(line);
    const variable = m?.[1];
    if (variable !== undefined) return { index: start + line.indexOf(variable), variable };
  }
  return null;
}

/**
 * The lines of a file where YAML nodes start, with their offsets: the lines of block scalars (text
 * after `key: |`) are left out, and a CRLF line is given without its `\r`.
 */
function* nodeLines(text: string): Generator<{ line: string; start: number }> {
  let offset = 0;
  let blockIndent = -1;
  for (const raw of text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (BLOCK_SCALAR.test(line) && !line.trimStart().startsWith('#')) {
      blockIndent = indent;
      continue;
    }
    yield { line, start };
  }
}
