import { parseAllDocuments, visit } from 'yaml';
import type { ParsedDocument } from './parse.js';

/**
 * What kind of template a file is, when it is one (src/load/load.ts reports the first token found):
 * - `helm`: Go template actions that use Helm's objects or functions (`.Values`, `.Release`, `.Chart`,
 *   `.Capabilities`, `.Files`, `include`, `tpl`): a Helm template outside its chart;
 * - `go-template`: Go `text/template` actions of another tool (`{{ .fluxns }}`, `{{ range .Tests }}`);
 * - `placeholder`: a `{NAME}` or `{{NAME}}` token that a script or a test harness replaces
 *   (`{IPv6}/128`, `kibana.{{YOUR_DOMAIN}}`, `"{GATEWAY_NAME}"`);
 * - `variables`: an envsubst variable standing as a whole value (`port: ${PORT:-9002}`).
 */
export type TemplateKind = 'helm' | 'go-template' | 'placeholder' | 'variables';

export interface TemplateToken {
  kind: TemplateKind;
  /** Offset of the token in the text. */
  index: number;
  token: string;
}

/** A Go template action, `{{ … }}` or `{{- … -}}`, on one line (the token a finding marks never spans lines). */
const ACTION = /\{\{-?[ \t]*[^}\n]*\}\}/g;
/** An action that is only a name in capitals (`{{YOUR_DOMAIN}}`): a placeholder, not Go template code. */
const PLACEHOLDER_ACTION = /^\{\{-?\s*[A-Z][A-Z0-9_]*\s*-?\}\}$/;
/** Helm's built-in objects and its own template functions, inside an action. */
const HELM_OBJECT = /(?:^|[\s(|{$-])\.(?:Values|Release|Chart|Capabilities|Files)\b|(?:^|[\s(|{-])(?:include|tpl)\s/;
/**
 * A placeholder: `{NAME}` (a capital, then letters, digits, `_`) or `{{NAME}}` in capitals. Not a
 * shell, Ruby or fluentd variable (`${NAME}`, `#{NAME}`, `%{NAME}`).
 */
const PLACEHOLDER = /(?<![$#%{])\{[A-Z][A-Za-z0-9_]+\}(?!\})|\{\{[ \t]*[A-Z][A-Z0-9_]*[ \t]*\}\}/g;
/** A key of a `{NAME}` flow mapping, which is how YAML reads an unquoted `{NAME}` value. */
const PLACEHOLDER_NAME = /^[A-Z][A-Za-z0-9_]+$/;
/** A line that opens a block scalar (`key: |`, `- >-`): the more indented lines after it are text. */
const BLOCK_SCALAR = /(?:^|:|-)[ \t]*[|>][0-9+-]*[ \t]*(?:#.*)?$/;
/**
 * An action where a plain scalar starts: at the start of a line (after `- ` markers) or right after
 * `key: `. YAML reads `{{` there as a flow mapping, so the text parses "by accident" (`name: {{ include
 * "x" . }}` is a mapping). A line test can be fooled by the continuation line of a quoted scalar, so
 * it only says where to look: the parser decides (actionAsNode).
 */
const ACTION_AS_NODE = /^[ \t]*(?:-[ \t]+)*(?:[^\s#'"{[][^#'"]*?:[ \t]+)?\{\{/;

/**
 * Whether a file is a template rather than YAML, and its first template token:
 * - text that does not parse (`syntaxBroken`): its first Go template action or placeholder outside a
 *   comment line;
 * - text that parses: an action or a `{NAME}` placeholder where YAML reads a flow mapping (it parses
 *   only by accident), or an envsubst variable as a whole value.
 * `{{ }}` inside a quoted or block scalar of a file that parses (Grafana dashboards, Prometheus
 * annotations, Argo Workflows parameters) is text, never a template; a placeholder inside a string
 * (`host: "kibana.{{YOUR_DOMAIN}}"`) leaves the file linted, but that value is not judged
 * (src/engine/placeholders.ts).
 */
export function templateOf(text: string, syntaxBroken: boolean, documents: readonly ParsedDocument[]): TemplateToken | null {
  if (syntaxBroken) {
    const action = firstOutsideComments(text, ACTION);
    if (action) return { ...action, kind: actionKind(text, action.token) };
    const placeholder = firstOutsideComments(text, PLACEHOLDER);
    return placeholder ? { ...placeholder, kind: 'placeholder' } : null;
  }
  const action = actionAsNode(text);
  if (action) return { ...action, kind: actionKind(text, action.token) };
  const placeholder = placeholderAsNode(text, documents);
  if (placeholder) return { ...placeholder, kind: 'placeholder' };
  const variable = templateVariable(text);
  return variable ? { ...variable, kind: 'variables' } : null;
}

/** Helm when any action of the text uses Helm's objects or functions; a lone `{{NAME}}` is a placeholder. */
function actionKind(text: string, first: string): TemplateKind {
  ACTION.lastIndex = 0;
  for (let m = ACTION.exec(text); m; m = ACTION.exec(text)) if (HELM_OBJECT.test(m[0].slice(2, -2))) return 'helm';
  return PLACEHOLDER_ACTION.test(first) ? 'placeholder' : 'go-template';
}

/** The first match of a global pattern that is not on a YAML comment line. */
function firstOutsideComments(text: string, pattern: RegExp): { index: number; token: string } | null {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (!text.slice(lineStart, m.index).trimStart().startsWith('#')) return { index: m.index, token: m[0] };
  }
  return null;
}

/** The first action that YAML reads as a flow mapping, found by the `yaml` parser where a line test sees a candidate. */
function actionAsNode(text: string): { index: number; token: string } | null {
  if (!text.includes('{{')) return null;
  let candidate = false;
  for (const { line } of nodeLines(text)) {
    if (ACTION_AS_NODE.test(line)) {
      candidate = true;
      break;
    }
  }
  if (!candidate) return null;
  let at = -1;
  for (const doc of parseAllDocuments(text, { version: '1.1', logLevel: 'silent' })) {
    visit(doc, {
      Map(_, node) {
        if (node.flow === true && node.range && text.startsWith('{{', node.range[0])) {
          at = node.range[0];
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (at >= 0) break;
  }
  if (at < 0) return null;
  ACTION.lastIndex = at;
  const m = ACTION.exec(text);
  return m && m.index === at ? { index: at, token: m[0] } : { index: at, token: '{{' };
}

/**
 * An unquoted `{NAME}` value, which YAML reads as the mapping `{NAME: null}`: the file parses only by
 * accident. Located at its first occurrence outside comment lines. (A placeholder inside a string is
 * left to the engine: the value is not judged, src/engine/placeholders.ts.)
 */
function placeholderAsNode(text: string, documents: readonly ParsedDocument[]): { index: number; token: string } | null {
  PLACEHOLDER.lastIndex = 0;
  if (!PLACEHOLDER.test(text)) return null;
  let found: string | null = null;
  const walk = (v: unknown): void => {
    if (found !== null || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (const item of v) walk(item);
      return;
    }
    const keys = Object.keys(v);
    if (keys.length === 1 && PLACEHOLDER_NAME.test(keys[0]) && (v as Record<string, unknown>)[keys[0]] === null && text.includes(`{${keys[0]}}`)) {
      found = `{${keys[0]}}`;
      return;
    }
    for (const k of keys) walk((v as Record<string, unknown>)[k]);
  };
  for (const d of documents) walk(d.value);
  if (found === null) return null;
  const token: string = found;
  return firstOutsideComments(text, new RegExp(token.replace(/[{}]/g, '\\$&'), 'g')) ?? { index: 0, token };
}

/**
 * A shell-style variable (envsubst, `${NAME}`, `${NAME:-default}`, `${NAME-default}`) standing as a
 * whole value where YAML reads a plain scalar (`port: ${PORT:-9002}`, `- ${HOST}`): the file is a
 * template for envsubst or a CI script, its values only exist once substituted. Variables inside
 * strings or block scalars (shell commands, `$(VAR)` expansion by the kubelet) are text, not templating.
 */
const VARIABLE_AS_VALUE = /^[ \t]*(?:-[ \t]+)*(?:[^\s#'"{[][^#'"]*?:[ \t]+)?(\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}\n]*)?\})[ \t]*(?:#.*)?$/;

function templateVariable(text: string): { index: number; token: string } | null {
  if (!text.includes('${')) return null;
  for (const { line, start } of nodeLines(text)) {
    const m = VARIABLE_AS_VALUE.exec(line);
    const variable = m?.[1];
    if (variable !== undefined) return { index: start + line.indexOf(variable), token: variable };
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
