import jsyaml from 'js-yaml';
import { parseAllDocuments, type Tags, type YAMLError } from 'yaml';
import type { Range } from '../model/types.js';
import type { TemplateKind } from './template.js';
import { Lines } from './lines.js';
import { KUBERNETES_SCHEMA } from './yaml11.js';

/**
 * A problem with the text of a file, found while parsing. The input rules (yaml-syntax-error,
 * yaml-duplicate-key; input-not-rendered for templates: a TemplateKind) turn these into findings; the
 * loader never throws on bad input.
 */
export interface ParseProblem {
  kind: 'syntax' | 'duplicate-key' | 'aliases' | TemplateKind | 'binary' | 'encoding' | 'too-large';
  message: string;
  range: Range;
}

export interface ParsedDocument {
  /** Index of the document in its file (empty documents count, as in every YAML parser). */
  index: number;
  value: unknown;
}

export interface ParsedFile {
  documents: ParsedDocument[];
  problems: ParseProblem[];
  /**
   * The text parsed, as the string to keep instead of the one given (same characters): a slice of the
   * copy js-yaml made and the values were cut from, so that the two are not both kept. Only when parsed
   * without a StringTable (see parseYamlText).
   */
  text?: string;
}

const YAML_VERSION = '1.1' as const;
const K8S_TAG_NAMES = new Set(['tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:binary', 'tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs', 'tag:yaml.org,2002:set']);
/** The type choices of ./yaml11.ts (no timestamps, !!binary, !!omap, !!pairs, !!set) for the `yaml` package's YAML 1.1 schema. */
export const kubernetesTags = (tags: Tags): Tags =>
  tags.filter((t) => (typeof t === 'string' ? !K8S_TAG_NAMES.has(`tag:yaml.org,2002:${t}`) : !K8S_TAG_NAMES.has(t.tag)));
/** Aliases expanded per document before the file is treated as an alias bomb (the `yaml` package's default). */
const MAX_ALIAS_COUNT = 100;

const ANCHOR = /(?:^|[\s[{,:-])&([^\s[\]{},]+)/gm;
const ALIAS = /(?:^|[\s[{,:-])\*([^\s[\]{},]+)/gm;

/**
 * Whether the text may use an alias of an anchor it defines, in two linear scans: the names of the
 * anchor-like tokens, then whether an alias-like token after one names it. Shell's `&&` in a command
 * (an "anchor" named `&`) and a glob such as `*.log` (an "alias" of no anchor) do not send a file to
 * the slower parser.
 */
export function mayHaveAliases(text: string): boolean {
  if (!text.includes('&') || !text.includes('*')) return false;
  const anchors = new Map<string, number>();
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) if (!anchors.has(m[1])) anchors.set(m[1], m.index);
  if (anchors.size === 0) return false;
  ALIAS.lastIndex = 0;
  for (let m = ALIAS.exec(text); m; m = ALIAS.exec(text)) if ((anchors.get(m[1]) ?? Infinity) < m.index) return true;
  return false;
}

/**
 * Strings of the values of one run (src/load/load.ts, loadPaths): a value written many times (`TCP`,
 * `v1`, a label value repeated in selectors and templates) is one string in memory, not one per
 * occurrence. Strings are immutable, so sharing them changes nothing else.
 */
export type StringTable = Map<string, string>;

/** Values longer than this are rarely repeated: they are copied (see valueListener), not shared. */
const SHARED_MAX = 64;
/**
 * Strings a table takes, at most: the common values come early, and a larger table (its rehashed
 * copies, then the table itself) is garbage that only a full collection frees.
 */
const SHARED_COUNT = 1 << 16;

/**
 * What every node js-yaml closes goes through, to keep the parsed values small (they live until the
 * end of the run, the texts do not):
 * - js-yaml reads a copy of the text (it appends a terminator), and every string value of 13
 *   characters or more that it cuts out of it is a slice that keeps the whole copy alive: such strings
 *   are copied out (the same value), so the copy is garbage once the file is parsed;
 * - strings of up to SHARED_MAX characters are shared through the run's StringTable, when there is one;
 * - js-yaml grows each sequence by pushing, which leaves room for 16 more items in every array: each
 *   is copied to an array of its own length.
 */
function valueListener(strings: StringTable | undefined): (event: 'open' | 'close', state: { result: unknown }) => void {
  return (event, state) => {
    if (event !== 'close') return;
    const r = state.result;
    if (typeof r === 'string') {
      if (strings !== undefined && r.length <= SHARED_MAX) {
        const had = strings.get(r);
        if (had !== undefined) state.result = had;
        else {
          // The key too is the copy: a slice as key would keep the text's copy alive.
          const own = ownString(r);
          if (strings.size < SHARED_COUNT) strings.set(own, own);
          state.result = own;
        }
      } else state.result = ownString(r);
    } else if (Array.isArray(r)) state.result = r.slice();
  };
}

/**
 * The listener of a file whose text is kept (no StringTable): nothing is copied; it only remembers
 * the copy js-yaml reads (`state.input`: the text, a newline when it has none, and a terminator), so
 * the file can keep that copy (its values are slices of it) and let the text given go.
 */
function copyListener(): { listener: (event: 'open' | 'close', state: { input?: unknown; listener?: unknown }) => void; copy: () => string | undefined } {
  let copy: string | undefined;
  return {
    listener: (_event, state) => {
      if (copy === undefined && typeof state.input === 'string') copy = state.input;
      // The copy is the same for every node of the stream: js-yaml is not to call again (twice per node).
      state.listener = null;
    },
    copy: () => copy,
  };
}

/**
 * A string of its own (see valueListener): V8 makes a string of 13 or more characters cut from another
 * a slice of it, and so would any other cut ((s + ' ').slice(0, -1) is a slice of a copy: 32 bytes
 * more per string). JSON's round trip gives a plain string, the same value (lone surrogates included).
 */
function ownString(s: string): string {
  return s.length >= 13 ? (JSON.parse(JSON.stringify(s)) as string) : s;
}

export function startRange(line = 1, column = 1): Range {
  return { line, column, endLine: line, endColumn: column + 1 };
}

/**
 * Parses every document of a file to plain values, once. With a StringTable (a file whose text is not
 * kept: src/load/texts.ts) the values are made compact and independent of the text (valueListener);
 * without one, the text is kept and the values are left as js-yaml makes them (compacting costs a
 * third of the parse), with `text` set to the copy they were cut from. The fast path is js-yaml 4 with the types
 * sigs.k8s.io/yaml reads (./yaml11.ts); the `yaml` package takes over for files that fail there (to report every error with its
 * position and keep the documents that are fine) and for files with anchors and aliases (its
 * expansion limit stops alias bombs).
 */
export function parseYamlText(text: string, strings?: StringTable): ParsedFile {
  if (!mayHaveAliases(text)) {
    try {
      const kept = strings ? undefined : copyListener();
      const listener = strings ? valueListener(strings) : kept!.listener;
      const values = jsyaml.loadAll(text, undefined, { schema: KUBERNETES_SCHEMA, maxDepth: MAX_DEPTH, listener } as jsyaml.LoadOptions);
      // js-yaml 4 reads a stream of comments as one empty document; it has none (YAML, go-yaml, `yaml`).
      if (values.length === 1 && values[0] == null && !hasContent(text)) return { documents: [], problems: [] };
      const documents = values.map((value, index) => ({ index, value }));
      const copy = kept?.copy();
      // The copy starts with the text unless js-yaml dropped a byte order mark (the loader strips it before).
      return copy !== undefined && copy.length > text.length && copy.startsWith(text) ? { documents, problems: [], text: copy.slice(0, text.length) } : { documents, problems: [] };
    } catch (err) {
      // Too deep: one problem naming the limit, and nothing else of the file (the slower parser would overflow the stack).
      const e = err as { reason?: string; mark?: { position: number } };
      if (typeof e.reason === 'string' && e.reason.startsWith('nesting exceeded')) return tooDeep(text, e.mark?.position ?? 0);
      // fall through: the slower parser reports every problem with its exact position
    }
  }
  try {
    return parseWithPositions(text);
  } catch (err) {
    if (err instanceof RangeError) return tooDeep(text, 0);
    throw err;
  }
}

/**
 * Nesting kubewire reads: deeper documents are one problem naming the limit. (Real manifests nest a
 * few dozen levels; Kubernetes' own decoders stop at 10,000, which no JavaScript parser's stack reaches.)
 */
export const MAX_DEPTH = 500;

function tooDeep(text: string, offset: number): ParsedFile {
  return {
    documents: [],
    problems: [{ kind: 'syntax', message: `nesting deeper than ${MAX_DEPTH} levels, kubewire's limit: the file is not read`, range: new Lines(text).range(offset, offset + 1) }],
  };
}

/** Whether a line holds more than space, a comment or a document end marker. */
export function hasContent(text: string): boolean {
  // Line by line in place (not split: the text may be a file of 300,000 lines whose first tells).
  for (let i = 0; i <= text.length; ) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = text.length;
    let j = i;
    while (j < nl && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
    const c = text.charCodeAt(j);
    // Most lines tell by their first character past the indentation: one trim keeps that is no `#` or `.`.
    if (j < nl && c > 0x20 && c < 0x7f && c !== 0x23 /* # */ && c !== 0x2e /* . */) return true;
    if (j < nl) {
      const t = text.slice(i, nl).trim();
      if (t !== '' && t !== '...' && !t.startsWith('#')) return true;
    }
    i = nl + 1;
  }
  return false;
}

/**
 * The text for the `yaml` package: a lone carriage return (old Mac line ends; a file cut after a
 * `\r`) is a line break in YAML, as js-yaml reads it, but the `yaml` package reads it as part of a
 * line ("NetworkPolicy\r"). It becomes `\n`, one character for one: every offset stays that of the text.
 */
export function loneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

function parseWithPositions(text: string): ParsedFile {
  const lines = new Lines(text);
  const docs = parseAllDocuments(loneCrAsLf(text), { version: YAML_VERSION, customTags: kubernetesTags, uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  // An empty stream is an empty array (with stream-level errors, which only directives can cause).
  const streamErrors = (docs as { errors?: YAMLError[] }).errors ?? [];
  for (const e of streamErrors) problems.push(toProblem(e, lines, text));
  docs.forEach((doc, index) => {
    if (doc.errors.some((e) => e.message.includes('Maximum call stack size exceeded'))) throw new RangeError('too deep');
    const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    if (fatal.length > 0) {
      // One finding per problem: after the first syntax error the parser reads the rest of the
      // document wrongly, so later errors (and duplicate keys after it) are its consequences.
      const first = fatal.reduce((a, e) => (e.pos[0] < a.pos[0] ? e : a));
      for (const e of doc.errors) if (e === first || (e.code === 'DUPLICATE_KEY' && e.pos[0] < first.pos[0])) problems.push(toProblem(e, lines, text));
      return;
    }
    for (const e of doc.errors) problems.push(toProblem(e, lines, text));
    try {
      documents.push({ index, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) });
    } catch (err) {
      if (err instanceof RangeError) throw err; // too deep: parseYamlText reports the limit
      // toJS throws for alias bombs (expansion limit) and for aliases without an anchor in this document.
      const message = (err as Error).message.split('\n')[0];
      const anchorAt = findFirstAlias(text, doc.range[0], doc.range[2]);
      problems.push({
        kind: /alias count/i.test(message) ? 'aliases' : 'syntax',
        message,
        range: lines.range(anchorAt, anchorAt + 1),
      });
    }
  });
  return { documents, problems };
}

function findFirstAlias(text: string, start: number, end: number): number {
  const m = /\*[^\s[\]{},]+/.exec(text.slice(start, end));
  return m ? start + m.index : start;
}

function toProblem(e: YAMLError, lc: Lines, text: string): ParseProblem {
  const [start] = e.pos;
  let end = e.pos[1];
  const duplicate = e.code === 'DUPLICATE_KEY';
  let message: string;
  if (duplicate) {
    // The error marks the start of the key; the message and the range are the whole key.
    const key = keyAt(text, start);
    message = key.name;
    end = start + key.length;
  } else {
    message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  }
  return {
    kind: duplicate ? 'duplicate-key' : 'syntax',
    message,
    range: lc.range(start, Math.max(end, start + 1)),
  };
}

/** The mapping key written at `offset`: a quoted string, or a plain scalar up to `: `. */
function keyAt(text: string, offset: number): { name: string; length: number } {
  const rest = text.slice(offset, text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset));
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(rest);
  if (quoted) return { name: quoted[1].slice(1, -1), length: quoted[1].length };
  const plain = /^(.*?)\s*:(?:\s|$)/.exec(rest);
  const name = (plain ? plain[1] : rest).trim();
  return { name, length: Math.max(name.length, 1) };
}
