import jsyaml from 'js-yaml';
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';
import { parsePointer, pointer } from '../model/pointer.js';
import type { Range } from '../model/types.js';
import { LineTree, Unsupported } from './line-tree.js';
import { Lines } from './lines.js';
import { hasContent, kubernetesTags, loneCrAsLf, MAX_DEPTH } from './parse.js';
import { KUBERNETES_SCHEMA, resolvePlainScalar } from './yaml11.js';

export type LocateTarget = 'auto' | 'key' | 'value';

/**
 * Resolves JSON pointers to exact ranges in one file, lazily: only files that have findings pay for
 * it, and only for the documents that have findings (a file is cut into its documents at the `---`
 * lines, in one scan). The first question about a document indexes it in one pass: js-yaml parses
 * it again with a listener that records where every node opens and closes (a flat tree in arrays,
 * about 30% over a plain parse); every pointer is then a walk down that tree, as many steps as it has
 * tokens. Files that js-yaml cannot parse (their values came from the `yaml` package, which reports
 * every error) are resolved with the `yaml` package, so document indices always agree with the
 * parser that read them.
 *
 * The rule for every path: a scalar is marked by its value, a collection by the key that holds it (a
 * list item by its first line); an absent field by its nearest existing ancestor (the key of the
 * parent of the missing child).
 */
export class PositionResolver {
  private yaml: YamlResolver | null = null;
  private lines: Lines | null = null;
  /** Start and end of each document in the text (after a byte order mark), or null: index the whole file. */
  private segments: [number, number][] | null | undefined;
  private readonly documents = new Map<number, NodeIndex>();
  /**
   * The line reader's tree of the last document asked about: trees are cheap to build and larger
   * than a NodeIndex, so one is kept per file (findings come document by document), not one per
   * document with findings for the whole run. Trees of long documents are kept (a document of
   * 100,000 items asked about between questions about other documents is read once).
   */
  private last: { docIndex: number; tree: LineTree } | null = null;
  private readonly long = new Map<number, LineTree>();
  private whole: NodeIndex | null = null;

  /**
   * @param fast whether documents may be read by the line reader first (./line-tree.ts): only for
   * text js-yaml read without a problem (the caller knows; the language server's cache does not)
   */
  constructor(
    private readonly text: string,
    private readonly fast = false,
  ) {}

  locate(docIndex: number, pointer: string, target: LocateTarget = 'auto'): Range {
    return this.locatePointer(docIndex, pointer, target);
  }

  /**
   * Resolves the positions asked for in one document, in the order asked, into each ask's `range`:
   * one call per document (locateAll's second pass), the same answers as `locate` one by one.
   */
  locateEach(docIndex: number, asks: readonly { pointer: string; target: LocateTarget; range?: Range | null }[]): void {
    // An index loop: the iterator's result objects were not always optimized away (one per ask).
    for (let i = 0; i < asks.length; i++) {
      const a = asks[i];
      a.range = this.locatePointer(docIndex, a.pointer, a.target);
    }
  }

  private locatePointer(docIndex: number, pointer: string, target: LocateTarget): Range {
    if (!this.yaml) {
      try {
        return this.fromIndex(docIndex, pointer, target);
      } catch {
        this.yaml = new YamlResolver(this.text);
      }
    }
    return this.yaml.locate(docIndex, safeTokens(pointer), target);
  }

  /** The range from the index of document `docIndex` (throws where js-yaml cannot parse the text). */
  private fromIndex(docIndex: number, pointer: string, target: LocateTarget): Range {
    const shift = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.lines ??= new Lines(this.text);
    if (this.segments === undefined) this.segments = documentSegments(shift ? this.text.slice(1) : this.text);
    if (this.segments === null) {
      this.whole ??= new NodeIndex(shift ? this.text.slice(1) : this.text, shift, this.text, this.lines);
      return this.whole.locate(docIndex, safeTokens(pointer), target);
    }
    const seg = this.segments[docIndex];
    if (!seg) return this.lines.range(0, 1);
    const doc = this.documents.get(docIndex);
    if (doc) return doc.locate(0, safeTokens(pointer), target);
    if (this.fast) {
      let tree = this.last?.docIndex === docIndex ? this.last.tree : (this.long.get(docIndex) ?? null);
      if (!tree) {
        try {
          tree = new LineTree(this.text.slice(shift + seg[0], shift + seg[1]), shift + seg[0], this.text, this.lines);
          if (tree.lineCount > LONG_DOCUMENT) this.long.set(docIndex, tree);
          else this.last = { docIndex, tree };
        } catch (err) {
          if (!(err instanceof Unsupported)) throw err;
        }
      }
      if (tree) {
        try {
          // A pointer without escapes is read in place; the others (and invalid ones, read as the root) as tokens.
          return pointer === '' || (pointer.charCodeAt(0) === 0x2f /* / */ && !pointer.includes('~')) ? tree.locatePointer(pointer, target) : tree.locate(safeTokens(pointer), target);
        } catch (err) {
          if (!(err instanceof Unsupported)) throw err;
          // What the line reader leaves alone, js-yaml's events resolve.
          if (this.last?.tree === tree) this.last = null;
          this.long.delete(docIndex);
        }
      }
    }
    return this.nodeIndex(docIndex, seg, shift, pointer, target);
  }

  private nodeIndex(docIndex: number, seg: [number, number], shift: number, pointer: string, target: LocateTarget): Range {
    const doc = new NodeIndex(this.text.slice(shift + seg[0], shift + seg[1]), shift + seg[0], this.text, this.lines!);
    // One document per segment, or the cut was wrong: index the whole file.
    if (doc.documentCount !== 1) {
      this.segments = null;
      return this.fromIndex(docIndex, pointer, target);
    }
    this.documents.set(docIndex, doc);
    return doc.locate(0, safeTokens(pointer), target);
  }
}

/**
 * Where each document of a stream starts and ends: at lines that start with `---` (a document marker
 * can be nowhere else). The text before the first marker is a document when it holds more than
 * comments. Null when the stream has directives or `...` markers: then the whole file is indexed.
 */
function documentSegments(body: string): [number, number][] | null {
  const markers: number[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body.charCodeAt(i);
    if (c === 0x25 /* % */) return null;
    if ((c === 0x2d /* - */ && body.startsWith('---', i)) || (c === 0x2e /* . */ && body.startsWith('...', i))) {
      const after = body.charCodeAt(i + 3);
      if (Number.isNaN(after) || isSpace(after)) {
        if (c === 0x2e) return null;
        markers.push(i);
      }
    }
    const nl = body.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
  }
  const segments: [number, number][] = [];
  const firstEnd = markers.length > 0 ? markers[0] : body.length;
  if (hasContent(body.slice(0, firstEnd))) segments.push([0, firstEnd]);
  markers.forEach((m, k) => segments.push([m, k + 1 < markers.length ? markers[k + 1] : body.length]));
  return segments;
}

/** Documents of more content lines than this keep their line reader tree for the run. */
const LONG_DOCUMENT = 2000;

/** Lists and mappings longer than this are indexed at their first question (a finding per item of a 100,000-item list stays linear). */
const LONG = 32;

const EMPTY = 0;
const SCALAR = 1;
const MAPPING = 2;
const SEQUENCE = 3;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The node tree of a file, from js-yaml's open/close events: for node i (numbered in document order,
 * so a node's descendants are i+1 … end[i]-1) where its text opens and closes, its kind, its first
 * child and next sibling. A mapping's children alternate key and value; keys are matched by the value
 * they read as, as the parsed object has them (`on:` is the key "true"), from their text.
 *
 * js-yaml opens a node before the separation space and properties (`&anchor`, `!tag`) in front of
 * it, so a node's own start is found by skipping those; a plain scalar closes where its text ends
 * (before trailing spaces or a comment), a quoted one just after its closing quote, a block scalar
 * after the indentation of the first line that is no longer part of it.
 */
class NodeIndex {
  private readonly open: Int32Array;
  private readonly close: Int32Array;
  private readonly kind: Uint8Array;
  private readonly first: Int32Array;
  private readonly next: Int32Array;
  private readonly end: Int32Array;
  /** Root node of each document. */
  private readonly roots: number[] = [];
  /** Items of long sequences and keys of long mappings, built at their first question. */
  private readonly items = new Map<number, Int32Array>();
  private readonly keys = new Map<number, Map<string, number> | null>();

  /**
   * @param body the text indexed (a file, or one document of it)
   * @param base the offset of `body` in the file's text
   */
  constructor(
    private readonly body: string,
    private readonly base: number,
    private readonly text: string,
    private readonly lines: Lines,
  ) {
    const roots = this.roots;
    const open: number[] = [];
    const close: number[] = [];
    const kind: number[] = [];
    const first: number[] = [];
    const next: number[] = [];
    const end: number[] = [];
    const stack: number[] = [];
    const last: number[] = [];
    const listener = (event: 'open' | 'close', state: { position: number; kind: string | null }): void => {
      if (event === 'open') {
        const id = open.length;
        open.push(state.position);
        close.push(0);
        kind.push(EMPTY);
        first.push(-1);
        next.push(-1);
        end.push(0);
        last.push(-1);
        if (stack.length === 0) roots.push(id);
        else {
          const parent = stack[stack.length - 1];
          if (last[parent] < 0) first[parent] = id;
          else next[last[parent]] = id;
          last[parent] = id;
        }
        stack.push(id);
        return;
      }
      const id = stack.pop()!;
      close[id] = state.position;
      end[id] = open.length;
      const k = state.kind;
      kind[id] = k === 'scalar' ? SCALAR : k === 'mapping' ? MAPPING : k === 'sequence' ? SEQUENCE : EMPTY;
    };
    jsyaml.loadAll(body, undefined, { schema: KUBERNETES_SCHEMA, maxDepth: MAX_DEPTH, listener } as jsyaml.LoadOptions);
    // Kept until the findings of the run are located: typed arrays, half the memory of number arrays.
    this.open = Int32Array.from(open);
    this.close = Int32Array.from(close);
    this.kind = Uint8Array.from(kind);
    this.first = Int32Array.from(first);
    this.next = Int32Array.from(next);
    this.end = Int32Array.from(end);
  }

  get documentCount(): number {
    return this.roots.length;
  }

  locate(docIndex: number, tokens: string[], target: LocateTarget): Range {
    const rootAt = this.roots[docIndex];
    if (rootAt === undefined) return this.lines.range(0, 1);
    let node = rootAt;
    let key = -1; // the key scalar holding the current node
    let found = true;
    for (const token of tokens) {
      node = this.own(node);
      const k = this.kind[node];
      if (k === MAPPING) {
        let hit = -1;
        const keys = this.keysOf(node);
        if (keys) hit = keys.get(token) ?? -1;
        else {
          for (let c = this.first[node]; c >= 0; c = this.next[this.next[c]]!) {
            if (this.keyMatches(c, token)) {
              hit = c;
              break;
            }
            if (this.next[c] < 0) break;
          }
        }
        if (hit < 0 || this.next[hit] < 0) {
          found = false;
          break;
        }
        key = hit;
        node = this.next[hit]!;
      } else if (k === SEQUENCE && /^\d+$/.test(token)) {
        const n = Number(token);
        let c = this.first[node];
        if (n >= LONG) {
          const items = this.itemsOf(node);
          c = n < items.length ? items[n] : -1;
        } else for (let i = n; i > 0 && c >= 0; i--) c = this.next[c]!;
        if (c < 0) {
          found = false;
          break;
        }
        key = -1;
        node = c;
      } else {
        found = false;
        break;
      }
    }
    node = this.own(node);
    const keyRange = key >= 0 ? this.scalarRange(this.own(key)) : null;
    if (!found || target === 'key') return keyRange ?? this.firstLine(node);
    const k = this.kind[node];
    const start = this.start(node);
    const c = this.body.charCodeAt(start);
    if (k === EMPTY && c === 0x2a /* * */) return this.range(start, this.aliasEnd(start));
    if (k === SCALAR || k === EMPTY) {
      // `key:` with no value: mark the key.
      if (k === EMPTY && keyRange) return keyRange;
      return this.scalarRange(node);
    }
    if (target === 'value') return this.wholeCollection(node);
    return keyRange ?? this.firstLine(node);
  }

  /** The items of a long sequence, by position (built at the first question past LONG, once). */
  private itemsOf(node: number): Int32Array {
    let items = this.items.get(node);
    if (!items) {
      const list: number[] = [];
      for (let c = this.first[node]; c >= 0; c = this.next[c]) list.push(c);
      this.items.set(node, (items = Int32Array.from(list)));
    }
    return items;
  }

  /**
   * The keys of a long mapping (more than LONG pairs), as they read, to their key node (the first of
   * duplicates, as the walk finds it); null for a short one, walked pair by pair. Built once.
   */
  private keysOf(node: number): Map<string, number> | null {
    let keys = this.keys.get(node);
    if (keys === undefined) {
      let pairs = 0;
      for (let c = this.first[node]; c >= 0 && pairs <= LONG; c = this.next[this.next[c]] ?? -1) {
        pairs++;
        if (this.next[c] < 0) break;
      }
      keys = null;
      if (pairs > LONG) {
        keys = new Map<string, number>();
        for (let c = this.first[node]; c >= 0; c = this.next[this.next[c]]) {
          const text = this.keyText(c);
          if (text !== null && !keys.has(text)) keys.set(text, c);
          if (this.next[c] < 0) break;
        }
      }
      this.keys.set(node, keys);
    }
    return keys;
  }

  /**
   * The node itself: where a block mapping could start, js-yaml reads the first key and keeps it as
   * the node when no `:` follows, which nests a scalar, an alias or a flow collection in a node of its
   * own that starts where it does. (A real collection with one child starts before it: at `-`, `[`,
   * `{` or `?`; a block mapping has a key and a value.) Walks and ranges go through this.
   */
  private own(node: number): number {
    for (let c = this.first[node]; c >= 0 && this.next[c] < 0; c = this.first[node]!) {
      const start = this.start(c);
      if (start !== this.start(node)) break;
      // A key js-yaml tried and could not read (before a block scalar) is no node.
      if (this.kind[c] === EMPTY && this.body.charCodeAt(start) !== 0x2a /* * */) break;
      node = c;
    }
    return node;
  }

  /** Whether a key reads as `token`. */
  private keyMatches(i: number, token: string): boolean {
    return this.keyText(i) === token;
  }

  /** What a key reads as: its text, quoted or plain, typed as the schema types a plain scalar; null for a key that is no scalar. */
  private keyText(i: number): string | null {
    i = this.own(i);
    if (this.kind[i] !== SCALAR) return null;
    const start = this.start(i);
    const raw = this.body.slice(start, this.textEnd(i, start));
    const c = raw.charCodeAt(0);
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const v: unknown = jsyaml.load(raw);
      return typeof v === 'string' ? v : null;
    }
    const v = resolvePlainScalar(raw);
    return typeof v === 'string' ? v : String(v);
  }

  /** Where the node's own text starts: past separation space, comments and properties. */
  private start(node: number): number {
    const t = this.body;
    let i = this.open[node];
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === SPACE || c === TAB || c === LF || c === CR) i++;
      else if (c === 0x23 /* # */) {
        const nl = t.indexOf('\n', i);
        i = nl < 0 ? t.length : nl;
      } else if (c === 0x26 /* & */ || c === 0x21 /* ! */) {
        while (i < t.length && !isSpace(t.charCodeAt(i))) i++;
      } else return i;
    }
  }

  /** Where the node's text ends (block scalars: including the line breaks that follow the content). */
  private textEnd(node: number, start: number): number {
    const t = this.body;
    let e = Math.min(this.close[node], t.length);
    const c = t.charCodeAt(start);
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) return e;
    if (c === 0x7c /* | */ || c === 0x3e /* > */) {
      while (e > start && (t.charCodeAt(e - 1) === SPACE || t.charCodeAt(e - 1) === TAB)) e--;
      return e;
    }
    while (e > start && isSpace(t.charCodeAt(e - 1))) e--;
    return e;
  }

  private scalarRange(node: number): Range {
    const start = this.start(node);
    const end = this.textEnd(node, start);
    const c = this.body.charCodeAt(start);
    if (c === 0x7c /* | */ || c === 0x3e /* > */) return this.range(start, trimNewlines(this.body, end));
    return this.range(start, end);
  }

  private aliasEnd(start: number): number {
    const t = this.body;
    let i = start + 1;
    while (i < t.length && !isSpace(t.charCodeAt(i)) && !isFlowIndicator(t.charCodeAt(i))) i++;
    return i;
  }

  /** A collection from its start to the end of its last scalar (or its closing bracket, in flow style). */
  private wholeCollection(node: number): Range {
    const start = this.start(node);
    let end = start + 1;
    for (let i = node + 1; i < this.end[node]; i++) {
      const k = this.kind[i];
      if ((k !== SCALAR && k !== EMPTY) || this.own(i) !== i) continue;
      if (k === SCALAR) end = Math.max(end, this.textEnd(i, this.start(i)));
      else if (k === EMPTY) {
        const s = this.start(i);
        if (this.body.charCodeAt(s) === 0x2a /* * */) end = Math.max(end, this.aliasEnd(s));
      }
    }
    const open = this.body.charCodeAt(start);
    if (open === 0x7b /* { */ || open === 0x5b /* [ */) {
      const close = this.body.indexOf(open === 0x7b ? '}' : ']', end);
      if (close >= 0) end = close + 1;
    }
    return this.range(start, end);
  }

  /** A collection without a key of its own (a list item, the document root): its first line. */
  private firstLine(node: number): Range {
    let start = this.start(node);
    const c = this.body.charCodeAt(start);
    // A scalar's first line starts at its content: inside the quotes, on the line after a block header.
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) start++;
    else if (c === 0x7c /* | */ || c === 0x3e /* > */) {
      const nl = this.body.indexOf('\n', start);
      if (nl >= 0) start = nl + 1;
    }
    return firstLineRange(this.text, this.lines, start + this.base);
  }

  private range(start: number, end: number): Range {
    return this.lines.range(start + this.base, end + this.base);
  }
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c /* , */ || c === 0x5b /* [ */ || c === 0x5d /* ] */ || c === 0x7b /* { */ || c === 0x7d /* } */;
}

function firstLineRange(text: string, lines: Lines, start: number): Range {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const line = text.slice(start, end).replace(/\s+#.*$/, '').trimEnd();
  return lines.range(start, start + Math.max(line.length, 1));
}

/** The `yaml` package's node tree, for files js-yaml could not parse (their values came from it too). */
class YamlResolver {
  private readonly docs: Document.Parsed[];
  private readonly lines: Lines;

  constructor(private readonly text: string) {
    const docs = parseAllDocuments(loneCrAsLf(text), { version: '1.1', customTags: kubernetesTags, keepSourceTokens: false, logLevel: 'error' });
    this.docs = Array.isArray(docs) ? docs : [];
    this.lines = new Lines(text);
  }

  locate(docIndex: number, tokens: string[], target: LocateTarget): Range {
    const doc = this.docs[docIndex];
    if (!doc) return { line: 1, column: 1, endLine: 1, endColumn: 2 };
    let node: Node | null = doc.contents;
    let holder: Pair | null = null;
    let found = true;
    for (const token of tokens) {
      if (node && isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
      if (node && isMap(node)) {
        const pair = node.items.find((p): p is Pair => isScalar(p.key) && String(p.key.value) === token);
        if (!pair) {
          found = false;
          break;
        }
        holder = pair;
        node = (pair.value as Node | null) ?? null;
        if (node === null) return this.rangeOf((pair.key as Node).range!);
      } else if (node && isSeq(node) && /^\d+$/.test(token) && Number(token) < node.items.length) {
        holder = null;
        node = node.items[Number(token)] as Node;
      } else {
        found = false;
        break;
      }
    }
    if (node && isAlias(node)) return this.rangeOf(node.range!);
    const keyNode = holder ? (holder.key as Node) : null;
    if (!found || target === 'key') {
      if (keyNode?.range) return this.rangeOf(keyNode.range);
      return node?.range ? firstLineRange(this.text, this.lines, node.range[0]) : this.docStart(doc);
    }
    if (!node?.range) return this.docStart(doc);
    // `key:` with no value: mark the key.
    if (isScalar(node) && node.range[0] === node.range[1] && keyNode?.range) return this.rangeOf(keyNode.range);
    if (isScalar(node)) {
      const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
      return block ? this.lines.range(node.range[0], trimNewlines(this.text, node.range[1])) : this.rangeOf(node.range);
    }
    if (target === 'value') {
      const flow = (node as { flow?: boolean }).flow === true;
      return this.lines.range(node.range[0], flow ? node.range[1] : lastScalarEnd(node));
    }
    if (keyNode?.range) return this.rangeOf(keyNode.range);
    return firstLineRange(this.text, this.lines, node.range[0]);
  }

  private rangeOf(r: readonly [number, number, number]): Range {
    return this.lines.range(r[0], Math.max(r[1], r[0] + 1));
  }

  private docStart(doc: Document.Parsed): Range {
    const contents = doc.contents as Node | null;
    if (contents?.range) return firstLineRange(this.text, this.lines, contents.range[0]);
    return this.lines.range(doc.range[0], doc.range[0] + 1);
  }
}

/** The end offset of the last scalar inside a node. */
function lastScalarEnd(node: Node): number {
  if (isMap(node) || isSeq(node)) {
    let end = node.range![0] + 1;
    for (const item of node.items as unknown[]) {
      const children = isMap(node) ? [(item as Pair).key, (item as Pair).value] : [item];
      for (const c of children) if (c && typeof c === 'object' && (c as Node).range) end = Math.max(end, lastScalarEnd(c as Node));
    }
    return end;
  }
  return node.range![1];
}

function trimNewlines(text: string, end: number): number {
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

function safeTokens(p: string): string[] {
  try {
    return parsePointer(p);
  } catch {
    return [];
  }
}

/**
 * For tests: resolves every pointer of every document of `text` (each field, an absent child of
 * each mapping, an item past the end of each list; as key, value and auto) with the line reader
 * and with js-yaml's events, and lists where they disagree. Documents the line reader leaves to
 * js-yaml are counted, not compared.
 */
export function compareLineReader(text: string): { documents: number; read: number; mismatches: string[] } {
  const out = { documents: 0, read: 0, mismatches: [] as string[] };
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const segments = documentSegments(shift ? text.slice(1) : text);
  if (!segments) return out;
  const lines = new Lines(text);
  for (const [a, b] of segments) {
    const body = text.slice(shift + a, shift + b);
    let index: NodeIndex;
    let value: unknown;
    try {
      index = new NodeIndex(body, shift + a, text, lines);
      value = jsyaml.load(body, { schema: KUBERNETES_SCHEMA });
    } catch {
      continue;
    }
    if (index.documentCount !== 1) continue;
    out.documents++;
    let tree: LineTree;
    try {
      tree = new LineTree(body, shift + a, text, lines);
    } catch (err) {
      if (err instanceof Unsupported) continue;
      throw err;
    }
    out.read++;
    const pointers: string[][] = [];
    const walk = (v: unknown, path: string[]): void => {
      pointers.push(path);
      if (Array.isArray(v)) {
        v.forEach((item, i) => walk(item, [...path, String(i)]));
        pointers.push([...path, String(v.length)]);
      } else if (typeof v === 'object' && v !== null) {
        for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
        pointers.push([...path, 'kubewire-absent'], [...path, 'kubewire-absent', 'x']);
      } else pointers.push([...path, 'x']);
    };
    walk(value, []);
    for (const tokens of pointers) {
      for (const target of ['auto', 'key', 'value'] as const) {
        let fast: Range;
        try {
          fast = tree.locate(tokens, target);
        } catch (err) {
          if (err instanceof Unsupported) continue;
          throw err;
        }
        const slow = index.locate(0, tokens, target);
        if (JSON.stringify(fast) !== JSON.stringify(slow)) {
          out.mismatches.push(`document at ${a}: /${tokens.join('/')} (${target}): line reader ${JSON.stringify(fast)}, js-yaml ${JSON.stringify(slow)}`);
        }
        // The same pointer read in place (as positions are resolved when it has no escapes).
        const p = pointer(...tokens);
        if (!p.includes('~')) {
          const inPlace = tree.locatePointer(p, target);
          if (JSON.stringify(inPlace) !== JSON.stringify(fast)) {
            out.mismatches.push(`document at ${a}: ${p} (${target}): read in place ${JSON.stringify(inPlace)}, as tokens ${JSON.stringify(fast)}`);
          }
        }
      }
    }
  }
  return out;
}
