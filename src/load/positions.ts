import { COLLECTION_STYLE, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';
import { parsePointer } from '../model/pointer.js';
import type { Range } from '../model/types.js';
import { kubernetesTags, rangeOfOffsets } from './parse.js';

export type LocateTarget = 'auto' | 'key' | 'value';

/**
 * Resolves JSON pointers to exact ranges in one file, lazily: only files that have findings pay for
 * it. The fast path walks js-yaml's flat event stream (offsets into the text, no tree); files that
 * js-yaml cannot parse (their values came from the `yaml` package, which reports every error) are
 * resolved with the `yaml` package, so document indices always agree with the parser that read them.
 *
 * The rule for every path: a scalar is marked by its value, a collection by the key that holds it (a
 * list item by its first line); an absent field by its nearest existing ancestor (the key of the
 * parent of the missing child).
 */
export class PositionResolver {
  private impl: EventResolver | YamlResolver | null = null;

  constructor(private readonly text: string) {}

  locate(docIndex: number, pointer: string, target: LocateTarget = 'auto'): Range {
    if (!this.impl) {
      try {
        this.impl = new EventResolver(this.text, parseEvents(this.text, { maxDepth: 1000 }));
      } catch {
        this.impl = new YamlResolver(this.text);
      }
    }
    return this.impl.locate(docIndex, safeTokens(pointer), target);
  }
}

/** Offsets → 1-based line and UTF-16 column. */
class Lines {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  pos(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }

  range(start: number, end: number): Range {
    const a = this.pos(start);
    const b = this.pos(Math.max(end, start + 1));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }
}

const BOOLEAN_KEYS: Record<string, string> = {};
for (const k of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']) BOOLEAN_KEYS[k] = 'true';
for (const k of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']) BOOLEAN_KEYS[k] = 'false';

class EventResolver {
  private readonly lines: Lines;
  /** Index of the root node event of each document. */
  private readonly roots: number[] = [];

  constructor(
    private readonly text: string,
    private readonly events: Event[],
  ) {
    this.lines = new Lines(text);
    events.forEach((e, i) => {
      if (e.type === EVENT_ID.DOCUMENT) this.roots.push(i + 1);
    });
  }

  locate(docIndex: number, tokens: string[], target: LocateTarget): Range {
    const rootAt = this.roots[docIndex];
    if (rootAt === undefined) return this.lines.range(0, 1);
    let node = rootAt; // index of the current node's event
    let key: number | null = null; // index of the key scalar holding the current node
    let found = true;
    for (const token of tokens) {
      const e = this.events[node]!;
      if (e.type === EVENT_ID.MAPPING) {
        let i = node + 1;
        let hit = -1;
        while (this.events[i]!.type !== EVENT_ID.POP) {
          if (this.keyMatches(i, token)) {
            hit = i;
            break;
          }
          i = this.skip(this.skip(i)); // key, then value
        }
        if (hit < 0) {
          found = false;
          break;
        }
        key = hit;
        node = this.skip(hit);
      } else if (e.type === EVENT_ID.SEQUENCE && /^\d+$/.test(token)) {
        let i = node + 1;
        let n = Number(token);
        while (n > 0 && this.events[i]!.type !== EVENT_ID.POP) {
          i = this.skip(i);
          n--;
        }
        if (this.events[i]!.type === EVENT_ID.POP) {
          found = false;
          break;
        }
        key = null;
        node = i;
      } else {
        found = false;
        break;
      }
    }
    const e = this.events[node]!;
    const keyRange = key !== null ? this.scalarRange(this.events[key] as ScalarEvent) : null;
    if (!found || target === 'key') return keyRange ?? this.firstLine(node);
    if (e.type === EVENT_ID.SCALAR) {
      const s = e as ScalarEvent;
      // `key:` with no value: mark the key.
      if (s.valueStart === s.valueEnd && s.style === SCALAR_STYLE.PLAIN && keyRange) return keyRange;
      return this.scalarRange(s);
    }
    if (e.type === EVENT_ID.ALIAS) return this.lines.range(e.anchorStart - 1, e.anchorEnd);
    if (target === 'value') return this.wholeCollection(node);
    return keyRange ?? this.firstLine(node);
  }

  /** A collection from its start to the end of its last scalar (events carry no end offset). */
  private wholeCollection(node: number): Range {
    const e = this.events[node]!;
    const start = 'start' in e ? e.start : 0;
    let end = start + 1;
    const stop = this.skip(node);
    for (let i = node; i < stop; i++) {
      const ev = this.events[i]!;
      if (ev.type === EVENT_ID.SCALAR) {
        const r = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED ? ev.valueEnd + 1 : ev.valueEnd;
        end = Math.max(end, r);
      } else if (ev.type === EVENT_ID.ALIAS) end = Math.max(end, ev.anchorEnd);
    }
    // A flow collection ends at its closing bracket.
    if ((e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) && e.style === COLLECTION_STYLE.FLOW) {
      const close = this.text.indexOf(e.type === EVENT_ID.MAPPING ? '}' : ']', end);
      if (close >= 0) end = close + 1;
    }
    return this.lines.range(start, end);
  }

  /** The index just past the node starting at `i`. */
  private skip(i: number): number {
    const t = this.events[i]!.type;
    if (t !== EVENT_ID.MAPPING && t !== EVENT_ID.SEQUENCE) return i + 1;
    let depth = 0;
    for (let j = i; j < this.events.length; j++) {
      const tj = this.events[j]!.type;
      if (tj === EVENT_ID.MAPPING || tj === EVENT_ID.SEQUENCE) depth++;
      else if (tj === EVENT_ID.POP && --depth === 0) return j + 1;
    }
    return this.events.length;
  }

  private keyMatches(i: number, token: string): boolean {
    const e = this.events[i]!;
    if (e.type !== EVENT_ID.SCALAR) return false;
    const value = getScalarValue(this.text, e);
    if (value === token) return true;
    // Plain keys are typed like values (YAML 1.1): `on:` is the key "true" in the parsed object.
    return e.style === SCALAR_STYLE.PLAIN && (BOOLEAN_KEYS[value] === token || (value === '~' && token === 'null'));
  }

  private scalarRange(s: ScalarEvent): Range {
    const quoted = s.style === SCALAR_STYLE.SINGLE_QUOTED || s.style === SCALAR_STYLE.DOUBLE_QUOTED;
    if (quoted) return this.lines.range(s.valueStart - 1, s.valueEnd + 1);
    if (s.style === SCALAR_STYLE.LITERAL_BLOCK || s.style === SCALAR_STYLE.FOLDED_BLOCK) {
      // Block scalars: from the | or > indicator to the end of the content, without the final line break.
      const start = this.text.lastIndexOf(s.style === SCALAR_STYLE.LITERAL_BLOCK ? '|' : '>', s.valueStart);
      return this.lines.range(start, trimNewlines(this.text, s.valueEnd));
    }
    return this.lines.range(s.valueStart, s.valueEnd);
  }

  /** A collection without a key of its own (a list item, the document root): its first line. */
  private firstLine(node: number): Range {
    const e = this.events[node]!;
    const start = 'start' in e ? e.start : 'valueStart' in e ? e.valueStart : 0;
    return firstLineRange(this.text, this.lines, start);
  }
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
  private readonly lc = new LineCounter();
  private readonly lines: Lines;

  constructor(private readonly text: string) {
    const docs = parseAllDocuments(text, { version: '1.1', customTags: kubernetesTags, lineCounter: this.lc, keepSourceTokens: false, logLevel: 'error' });
    this.docs = Array.isArray(docs) ? docs : [];
    this.lines = new Lines(text);
  }

  locate(docIndex: number, tokens: string[], target: LocateTarget): Range {
    const doc = this.docs[docIndex];
    if (!doc) return { line: 1, column: 1, endLine: 1, endColumn: 2 };
    let node: Node | null = doc.contents as Node | null;
    let holder: Pair | null = null;
    let found = true;
    for (const token of tokens) {
      if (node && isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
      if (node && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === token) as Pair | undefined;
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
    return rangeOfOffsets(this.lc, r[0], Math.max(r[1], r[0] + 1));
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
