import { boolYaml11Tag, floatYaml11Tag, intYaml11Tag, loadAll, mapTag, mergeTag, nullYaml11Tag, Schema, seqTag, strTag } from 'js-yaml';
import { LineCounter, parseAllDocuments, type Tags, type YAMLError } from 'yaml';
import type { Range } from '../model/types.js';

/**
 * A problem with the text of a file, found while parsing. The input rules (yaml-syntax-error,
 * yaml-duplicate-key) turn these into findings; the loader never throws on bad input.
 */
export interface ParseProblem {
  kind: 'syntax' | 'duplicate-key' | 'aliases' | 'helm' | 'binary' | 'encoding' | 'too-large';
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
}

/**
 * sigs.k8s.io/yaml (go-yaml v2) reads YAML 1.1: `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0755` is
 * octal, `<<` merges. Unlike the full YAML 1.1 type repository it keeps timestamps as strings (a
 * date in an annotation stays a string), and knows no !!binary, !!omap, !!pairs or !!set.
 */
const KUBERNETES_YAML = new Schema([strTag, seqTag, mapTag, nullYaml11Tag, boolYaml11Tag, intYaml11Tag, floatYaml11Tag, mergeTag]);
const YAML_VERSION = '1.1' as const;
const K8S_TAG_NAMES = new Set(['tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:binary', 'tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs', 'tag:yaml.org,2002:set']);
/** The same type choices for the `yaml` package's YAML 1.1 schema. */
export const kubernetesTags = (tags: Tags): Tags =>
  tags.filter((t) => (typeof t === 'string' ? !K8S_TAG_NAMES.has(`tag:yaml.org,2002:${t}`) : !K8S_TAG_NAMES.has(t.tag)));
/** Aliases expanded per document before the file is treated as an alias bomb (the `yaml` package's default). */
const MAX_ALIAS_COUNT = 100;

const ANCHOR_AND_ALIAS = /(?:^|[\s[{,:-])&[^\s[\]{},]+[\s\S]*(?:^|[\s[{,:-])\*[^\s[\]{},]+/m;

export function startRange(line = 1, column = 1): Range {
  return { line, column, endLine: line, endColumn: column + 1 };
}

/**
 * Parses every document of a file to plain values, once. The fast path is js-yaml's YAML 1.1
 * loader; the `yaml` package takes over for files that fail there (to report every error with its
 * position and keep the documents that are fine) and for files with anchors and aliases (its
 * expansion limit stops alias bombs).
 */
export function parseYamlText(text: string): ParsedFile {
  if (!ANCHOR_AND_ALIAS.test(text)) {
    try {
      const values = loadAll(text, { schema: KUBERNETES_YAML, maxDepth: 1000 });
      return { documents: values.map((value, index) => ({ index, value })), problems: [] };
    } catch {
      // fall through: the slower parser reports every problem with its exact position
    }
  }
  return parseWithPositions(text);
}

function parseWithPositions(text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { version: YAML_VERSION, customTags: kubernetesTags, uniqueKeys: true, lineCounter, prettyErrors: false, logLevel: 'error' });
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  // An empty stream is an empty array (with stream-level errors, which only directives can cause).
  const streamErrors = (docs as { errors?: YAMLError[] }).errors ?? [];
  for (const e of streamErrors) problems.push(toProblem(e, lineCounter, text));
  docs.forEach((doc, index) => {
    const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    for (const e of doc.errors) problems.push(toProblem(e, lineCounter, text));
    if (fatal.length > 0) return;
    try {
      documents.push({ index, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) });
    } catch (err) {
      // toJS throws for alias bombs (expansion limit) and for aliases without an anchor in this document.
      const message = (err as Error).message.split('\n')[0]!;
      const anchorAt = findFirstAlias(text, doc.range[0], doc.range[2]);
      problems.push({
        kind: /alias count/i.test(message) ? 'aliases' : 'syntax',
        message,
        range: rangeOfOffsets(lineCounter, anchorAt, anchorAt + 1),
      });
    }
  });
  return { documents, problems };
}

function findFirstAlias(text: string, start: number, end: number): number {
  const m = /\*[^\s[\]{},]+/.exec(text.slice(start, end));
  return m ? start + m.index : start;
}

function toProblem(e: YAMLError, lc: LineCounter, text: string): ParseProblem {
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
    message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  }
  return {
    kind: duplicate ? 'duplicate-key' : 'syntax',
    message,
    range: rangeOfOffsets(lc, start, Math.max(end, start + 1)),
  };
}

export function rangeOfOffsets(lc: LineCounter, start: number, end: number): Range {
  const a = lc.linePos(start);
  const b = lc.linePos(end);
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/** The mapping key written at `offset`: a quoted string, or a plain scalar up to `: `. */
function keyAt(text: string, offset: number): { name: string; length: number } {
  const rest = text.slice(offset, text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset));
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(rest);
  if (quoted) return { name: quoted[1]!.slice(1, -1), length: quoted[1]!.length };
  const plain = /^(.*?)\s*:(?:\s|$)/.exec(rest);
  const name = (plain ? plain[1]! : rest).trim();
  return { name, length: Math.max(name.length, 1) };
}
