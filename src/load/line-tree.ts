import jsyaml from 'js-yaml';
import type { Range } from '../model/types.js';
import type { Lines } from './lines.js';
import { resolvePlainScalar } from './yaml11.js';

/**
 * The fast path of position resolution: the node tree of one document, read from its lines without
 * parsing it again, and only as deep as walks go: a block below a key or a `-` is read when a pointer
 * first goes into it (a finding's pointer goes down one path of the document; the key's own range
 * needs only the block's first line, which tells a collection). The tree is kept in typed arrays,
 * a node and an entry being indices into them. It reads the block
 * YAML that manifests are written in — block mappings and sequences, plain and quoted scalars on one
 * line, flow collections on one line, block scalars (`|`, `>`), comments — and gives up (throws
 * `Unsupported`, when it is made or when a walk reaches the part) on anything else: anchors, aliases,
 * tags, complex keys, multi-line plain, quoted or flow scalars, tabs in indentation. The caller then
 * indexes the document with js-yaml's events (`NodeIndex` in ./positions.ts), whose ranges these are,
 * exactly: `test/positions.test.ts` compares the two on every fixture and example. Only files js-yaml
 * read without a problem come here, so no syntax error is ever judged here, and the lines of a block
 * not read yet are those more indented than its key, as YAML's indentation rules make them.
 */
export class Unsupported extends Error {}

/** One instance, thrown every time: an error's stack is captured when it is made, and none is read. */
const UNSUPPORTED = new Unsupported('left to js-yaml');

const unsupported = (): never => {
  throw UNSUPPORTED;
};

const SCALAR = 1;
const MAPPING = 2;
const SEQUENCE = 3;
const EMPTY = 4;
/**
 * A block node below a key or a `-` not read yet: read when a walk goes into it (expand). Its
 * `start` is its first content line, `end` the content line after its last, `close` its parent's
 * indentation (read by expand and isCollection only: every other reader expands it first).
 */
const DEFERRED = 6;
/** DEFERRED, a list at its key's indentation (its `-` lines are not more indented than the key). */
const DEFERRED_LIST = 7;
/**
 * A flow collection after a key, read when a walk goes into it or asks where it ends (`start`: its
 * opening bracket; `close`: the end of its line, which it must close on). Most are label maps
 * (`selector: { app: web }`) that a finding's pointer passes by: reading each at once was the line
 * reader's largest cost on documents with a few of them.
 */
const DEFERRED_FLOW = 8;

/** Lists and mappings longer than this get a lookup table at their first question. */
const LONG = 32;

const SP = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const DQ = 0x22;
const SQ = 0x27;

export class LineTree {
  /**
   * Offsets (in body) of the content lines' first non-space character, their column, and their
   * line's end (before `\r\n`); `count` content lines (the arrays have room for every line).
   */
  private readonly at: Int32Array;
  private readonly col: Int32Array;
  private readonly eol: Int32Array;
  private readonly count: number = 0;
  private cur = 0;

  // The tree, in columns: a node and a mapping entry are numbers, indices into these typed arrays
  // (a list of 100,000 items read is a few arrays that double when full, not a million objects for
  // the GC to move and trace).

  /** Per node: its kind; where its own text starts; scalars: where their text ends (-1 for block scalars, whose end this reader does not work out); flow collections: just past the closing bracket (block collections: -1). */
  private kind: Int32Array;
  private start: Int32Array;
  private end: Int32Array;
  private close: Int32Array;
  /** Per collection: where its parts (a mapping's entries, a list's items) start in `parts`, and how many. */
  private first: Int32Array;
  private size: Int32Array;
  private nodes = 0;
  /** Per entry: its key's text [ks, ke), quotes included; its value (a node); what the key reads as (keyText), once asked. */
  private ks: Int32Array;
  private ke: Int32Array;
  private value: Int32Array;
  private entries = 0;
  private readonly keyTexts: (string | null)[] = [];
  /** The parts of every collection, each collection's together. */
  private parts: Int32Array;
  private partCount = 0;
  /** The parts of the collections being read, each collection's from its base to `top`: copied to `parts` at its end. */
  private readonly stack: number[] = [];
  private top = 0;
  private readonly root: number = -1;
  /** Keys of long mappings (more than LONG entries), as they read, to the first entry with that key: made at their first question. */
  private readonly keyTables = new Map<number, Map<string, number>>();
  /** The entry the last step went through (-1: a list item). */
  private stepKey = -1;

  /**
   * @param body one document of a file (from its `---` line, if it has one, to the next)
   * @param base the offset of `body` in the file's text
   */
  constructor(
    private readonly body: string,
    private readonly base: number,
    private readonly text: string,
    private readonly lines: Lines,
  ) {
    const t = body;
    let lineCount = 1;
    for (let nl = t.indexOf('\n'); nl >= 0; nl = t.indexOf('\n', nl + 1)) lineCount++;
    // Every column starts in one buffer (a typed array's own buffer costs about a microsecond to make
    // and to free: thirteen of them were most of the cost of a small document's tree); a column that
    // grows moves to a buffer of its own (doubled), while the first stays held by the line columns.
    // Room for an entry and a part per line, and two nodes: a walk through every part of a document
    // makes about 1.5 nodes a line (an expanded block is a node more).
    const room = lineCount + 16;
    const nodeRoom = 2 * lineCount + 16;
    const all = new Int32Array(3 * lineCount + 6 * nodeRoom + 4 * room);
    this.at = all.subarray(0, lineCount);
    this.col = all.subarray(lineCount, 2 * lineCount);
    this.eol = all.subarray(2 * lineCount, 3 * lineCount);
    let n = 0;
    let i = 0;
    // A `---` line: nothing may follow the marker but a comment.
    if (t.startsWith('---')) {
      i = 3;
      while (t.charCodeAt(i) === SP || t.charCodeAt(i) === TAB) i++;
      const c = t.charCodeAt(i);
      if (!(Number.isNaN(c) || c === LF || c === CR || c === HASH)) unsupported();
      const nl = t.indexOf('\n', i);
      i = nl < 0 ? t.length : nl + 1;
    }
    while (i < t.length) {
      let nl = t.indexOf('\n', i);
      if (nl < 0) nl = t.length;
      let j = i;
      while (t.charCodeAt(j) === SP) j++;
      const c = t.charCodeAt(j);
      if (c === TAB) {
        // A tab in the indentation (or a line of spaces and tabs): leave it to js-yaml.
        unsupported();
      }
      let e = nl;
      if (e > i && t.charCodeAt(e - 1) === CR) e--;
      if (j < e && c !== HASH && c !== CR) {
        this.at[n] = j;
        this.col[n] = j - i;
        this.eol[n] = e;
        n++;
      }
      i = nl + 1;
    }
    this.count = n;
    // The node, entry and part columns, in the buffer of the lines' columns.
    let at = 3 * lineCount;
    const column = (length: number): Int32Array => all.subarray(at, (at += length));
    this.kind = column(nodeRoom);
    this.start = column(nodeRoom);
    this.end = column(nodeRoom);
    this.close = column(nodeRoom);
    this.first = column(nodeRoom);
    this.size = column(nodeRoom);
    this.ks = column(room);
    this.ke = column(room);
    this.value = column(room);
    this.parts = column(room);
    if (n === 0) unsupported();
    if (this.col[0] !== 0) unsupported();
    this.root = this.blockNode(0, this.at[0], -1);
    if (this.cur < n) unsupported();
  }

  /** Lines of the document that hold more than space and comments. */
  get lineCount(): number {
    return this.count;
  }

  private node(kind: number, start: number, end: number, close: number): number {
    const id = this.nodes++;
    if (id === this.kind.length) {
      this.kind = doubled(this.kind);
      this.start = doubled(this.start);
      this.end = doubled(this.end);
      this.close = doubled(this.close);
      this.first = doubled(this.first);
      this.size = doubled(this.size);
    }
    this.kind[id] = kind;
    this.start[id] = start;
    this.end[id] = end;
    this.close[id] = close;
    this.first[id] = -1;
    this.size[id] = 0;
    return id;
  }

  /** A collection whose parts are those read from `base` of the stack to its top (then taken off it). */
  private collection(kind: number, start: number, close: number, base: number): number {
    const id = this.node(kind, start, -1, close);
    const stack = this.stack;
    const size = this.top - base;
    while (this.partCount + size > this.parts.length) this.parts = doubled(this.parts);
    const parts = this.parts;
    const at = this.partCount;
    this.first[id] = at;
    this.size[id] = size;
    for (let k = 0; k < size; k++) parts[at + k] = stack[base + k];
    this.partCount = at + size;
    this.top = base;
    return id;
  }

  private entry(ks: number, ke: number, value: number): number {
    const id = this.entries++;
    if (id === this.ks.length) {
      this.ks = doubled(this.ks);
      this.ke = doubled(this.ke);
      this.value = doubled(this.value);
    }
    this.ks[id] = ks;
    this.ke[id] = ke;
    this.value[id] = value;
    this.keyTexts.push(null);
    return id;
  }

  // ---- reading ----

  /** A node starting at `pos` on content line `line`, inside a block collection of indentation `parent`. */
  private blockNode(line: number, pos: number, parent: number): number {
    const t = this.body;
    const c = t.charCodeAt(pos);
    const column = pos - (this.at[line] - this.col[line]);
    if (c === DASH && this.isSpaceOrEnd(pos + 1, line)) return this.sequence(line, column);
    const colon = this.keyEnd(pos, this.eol[line]);
    if (colon >= 0) return this.mapping(line, column, colon);
    // A scalar or flow collection: it must be all of its line (nothing more indented may follow).
    const node = this.inline(pos, this.eol[line]);
    this.cur = line + 1;
    if (this.cur < this.count && this.col[this.cur] > parent) unsupported();
    return node;
  }

  private sequence(line: number, column: number): number {
    const t = this.body;
    const start = this.at[line] - this.col[line] + column;
    const base = this.top;
    const stack = this.stack;
    let l = line;
    for (;;) {
      const dash = this.at[l] - this.col[l] + column;
      let p = dash + 1;
      while (t.charCodeAt(p) === SP) p++;
      if (t.charCodeAt(p) === TAB) unsupported();
      if (p >= this.eol[l] || t.charCodeAt(p) === HASH) {
        // `-` alone: the item is on the lines below, more indented.
        const next = l + 1;
        if (next < this.count && this.col[next] > column) stack[this.top++] = this.defer(next, column, false);
        else unsupported(); // an empty item
      } else {
        const item = this.blockNode(l, p, column);
        stack[this.top++] = item;
      }
      l = this.cur;
      if (l >= this.count || this.col[l] !== column) break;
      if (!(t.charCodeAt(this.at[l]) === DASH && this.isSpaceOrEnd(this.at[l] + 1, l))) break;
    }
    if (l < this.count && this.col[l] > column) unsupported();
    return this.collection(SEQUENCE, start, -1, base);
  }

  /** A block mapping from content line `line`, its keys at `column`; `colon` is its first key's colon. */
  private mapping(line: number, column: number, colon: number): number {
    const t = this.body;
    const start = this.at[line] - this.col[line] + column;
    const base = this.top;
    const stack = this.stack;
    let l = line;
    let first = true;
    for (;;) {
      const ks = first ? start : this.at[l];
      const eol = this.eol[l];
      if (!first) colon = this.keyEnd(ks, eol);
      first = false;
      if (colon < 0) unsupported();
      let ke = colon;
      while (ke > ks && (t.charCodeAt(ke - 1) === SP || t.charCodeAt(ke - 1) === TAB)) ke--;
      let p = colon + 1;
      while (t.charCodeAt(p) === SP || t.charCodeAt(p) === TAB) p++;
      let value: number;
      if (p >= eol || t.charCodeAt(p) === HASH) {
        const next = l + 1;
        if (next < this.count && this.col[next] > column) value = this.defer(next, column, false);
        else if (next < this.count && this.col[next] === column && this.isDashLine(next)) {
          value = this.defer(next, column, true);
        } else {
          value = this.node(EMPTY, -1, -1, -1);
          this.cur = next;
        }
      } else {
        const c = t.charCodeAt(p);
        if (c === 0x7c /* | */ || c === 0x3e /* > */) value = this.blockScalar(l, p, column);
        else {
          // `a: b: c`. (A flow collection here is never a key: js-yaml, which read the document,
          // allows no mapping on its parent key's line; what follows it is checked when it is read.)
          if (c !== 0x5b && c !== 0x7b && this.keyEnd(p, eol) >= 0) unsupported();
          value = this.inline(p, eol);
          this.cur = l + 1;
        }
      }
      const e = this.entry(ks, ke, value);
      stack[this.top++] = e;
      l = this.cur;
      if (l >= this.count || this.col[l] < column) break;
      if (this.col[l] > column) unsupported(); // a continuation line, or worse
      if (t.charCodeAt(this.at[l]) === DASH && this.isSpaceOrEnd(this.at[l] + 1, l)) break; // the parent's next item
    }
    return this.collection(MAPPING, start, -1, base);
  }

  /**
   * The block node starting on content line `line` below a key or `-` of indentation `column`, read
   * later (most of a document is never walked into: a finding's pointer goes down one path): its
   * lines are those more indented than `column`, and with `same` (a list at its key's indentation)
   * the `-` lines at `column` too. Reading it then must end on the same line (expand).
   */
  private defer(line: number, column: number, same: boolean): number {
    let e = line + 1;
    while (e < this.count && (this.col[e] > column || (same && this.col[e] === column && this.isDashLine(e)))) e++;
    this.cur = e;
    return this.node(same ? DEFERRED_LIST : DEFERRED, line, e, column);
  }

  /** Reads a deferred node (in place: walks may hold it). */
  private expand(deferred: number): void {
    // Reads start here (and in the constructor): parts left by a read given up are dropped.
    this.top = 0;
    let built: number;
    if (this.kind[deferred] === DEFERRED_FLOW) {
      const eol = this.close[deferred];
      built = this.flow(this.start[deferred], eol);
      this.restOfLine(this.after, eol);
    } else {
      const line = this.start[deferred];
      const parent = this.close[deferred];
      built = this.kind[deferred] === DEFERRED_LIST ? this.sequence(line, parent) : this.blockNode(line, this.at[line], parent);
      if (this.cur !== this.end[deferred]) unsupported();
    }
    this.kind[deferred] = this.kind[built];
    this.start[deferred] = this.start[built];
    this.end[deferred] = this.end[built];
    this.close[deferred] = this.close[built];
    this.first[deferred] = this.first[built];
    this.size[deferred] = this.size[built];
  }

  /**
   * Whether a deferred node is a block list or mapping, as blockNode (or sequence) would read it:
   * its first line is a `- ` or a `key:` (with YAML's indentation rules, the lines below it can then
   * only continue the collection; js-yaml read the whole document without a problem).
   */
  private isCollection(deferred: number): boolean {
    const line = this.start[deferred];
    if (this.kind[deferred] !== DEFERRED) return true; // a list, or a flow collection
    return this.isDashLine(line) || this.keyEnd(this.at[line], this.eol[line]) >= 0;
  }

  /** Whether content line `l` is a list item's `- `. */
  private isDashLine(l: number): boolean {
    return this.body.charCodeAt(this.at[l]) === DASH && this.isSpaceOrEnd(this.at[l] + 1, l);
  }

  /** A block scalar: its header's indicators, then every line more indented than the mapping (or blank). */
  private blockScalar(line: number, p: number, column: number): number {
    const t = this.body;
    let q = p + 1;
    while (q < this.eol[line] && /[0-9+-]/.test(t[q])) q++;
    while (t.charCodeAt(q) === SP || t.charCodeAt(q) === TAB) q++;
    if (q < this.eol[line] && t.charCodeAt(q) !== HASH) unsupported();
    let l = line + 1;
    while (l < this.count && this.col[l] > column) l++;
    this.cur = l;
    return this.node(SCALAR, p, -1, -1);
  }

  /**
   * A scalar or flow collection that must end on its line, from `p`; what follows may only be a
   * comment. A flow collection is read when a walk needs it (DEFERRED_FLOW), unless keyEnd just read
   * it at `p` (a list item's `- { app: web }`).
   */
  private inline(p: number, eol: number): number {
    const t = this.body;
    const c = t.charCodeAt(p);
    let value: number;
    let after: number;
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (this.flowAt !== p) return this.node(DEFERRED_FLOW, p, -1, eol);
      value = this.flowRead;
      after = this.after;
    } else if (c === DQ || c === SQ) {
      after = this.quotedEnd(p, eol);
      value = this.node(SCALAR, p, after, -1);
    } else {
      if (!this.plainStart(p, eol, false)) unsupported();
      let e = p;
      let last = p;
      while (e < eol) {
        const ch = t.charCodeAt(e);
        if (ch === HASH && (t.charCodeAt(e - 1) === SP || t.charCodeAt(e - 1) === TAB)) break;
        if (ch !== SP && ch !== TAB) last = e + 1;
        e++;
      }
      value = this.node(SCALAR, p, last, -1);
      after = last;
    }
    this.restOfLine(after, eol);
    return value;
  }

  /** What follows a node that must end on its line, from `after`: nothing but space and a comment. */
  private restOfLine(after: number, eol: number): void {
    const t = this.body;
    while (t.charCodeAt(after) === SP || t.charCodeAt(after) === TAB) after++;
    if (after < eol && t.charCodeAt(after) !== HASH) unsupported();
    if (after < eol && after > 0 && t.charCodeAt(after - 1) !== SP && t.charCodeAt(after - 1) !== TAB) unsupported();
  }

  /**
   * Where the last flow collection or flow item read ends (`flow`, `flowItem`): set by each read, so
   * no result object is made per item (a list of 100,000 `{ app: peer-N }` reads 300,000 of them).
   */
  private after = 0;
  /** The flow collection keyEnd read last, and where it starts (-1: none), for inline() to take. */
  private flowRead = -1;
  private flowAt = -1;

  /** The first character from `i` that is not a space or a tab; there must be one on the line. */
  private skipBlank(i: number, eol: number): number {
    const t = this.body;
    while (t.charCodeAt(i) === SP || t.charCodeAt(i) === TAB) i++;
    if (i >= eol) unsupported();
    return i;
  }

  /** A flow collection on one line: `[a, "b"]`, `{ app: web }`, nested; `after` is just past its closing bracket. */
  private flow(p: number, eol: number): number {
    const t = this.body;
    const open = t.charCodeAt(p);
    const list = open === 0x5b;
    const closer = list ? 0x5d : 0x7d;
    const base = this.top;
    const stack = this.stack;
    let i = this.skipBlank(p + 1, eol);
    if (t.charCodeAt(i) !== closer) {
      for (;;) {
        i = this.skipBlank(i, eol);
        if (list) {
          const item = this.flowItem(i, eol, false);
          stack[this.top++] = item;
          i = this.after;
        } else {
          const key = this.flowItem(i, eol, true);
          if (this.kind[key] !== SCALAR) unsupported();
          i = this.skipBlank(this.after, eol);
          if (t.charCodeAt(i) !== COLON) unsupported();
          i++;
          const q = t.charCodeAt(this.start[key]);
          // `{a: b}`: a plain key needs a space after its colon; a quoted one may not.
          if (q !== DQ && q !== SQ && !(t.charCodeAt(i) === SP || t.charCodeAt(i) === TAB)) unsupported();
          i = this.skipBlank(i, eol);
          if (t.charCodeAt(i) === 0x2c || t.charCodeAt(i) === closer) unsupported(); // a key without a value
          const value = this.flowItem(i, eol, false);
          const e = this.entry(this.start[key], this.end[key], value);
          stack[this.top++] = e;
          i = this.after;
        }
        i = this.skipBlank(i, eol);
        const c = t.charCodeAt(i);
        if (c === closer) break;
        if (c !== 0x2c /* , */) unsupported();
        i = this.skipBlank(i + 1, eol);
        if (t.charCodeAt(i) === closer) unsupported(); // a trailing comma: leave it to js-yaml
      }
    }
    this.after = i + 1;
    return this.collection(list ? SEQUENCE : MAPPING, p, i + 1, base);
  }

  /** A flow item (a key with `key`) from `i`; `after` is just past it. */
  private flowItem(i: number, eol: number, key: boolean): number {
    const t = this.body;
    const c = t.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (key) unsupported();
      return this.flow(i, eol);
    }
    if (c === DQ || c === SQ) {
      const after = this.quotedEnd(i, eol);
      this.after = after;
      return this.node(SCALAR, i, after, -1);
    }
    if (!this.plainStart(i, eol, true)) unsupported();
    let e = i;
    let last = i;
    while (e < eol) {
      const ch = t.charCodeAt(e);
      if (ch === 0x2c || ch === 0x5b || ch === 0x5d || ch === 0x7b || ch === 0x7d) break;
      if (ch === COLON) {
        const n = t.charCodeAt(e + 1);
        if (n === SP || n === TAB || n === 0x2c || n === 0x5d || n === 0x7d || Number.isNaN(n) || e + 1 >= eol) break;
        if (!key) unsupported(); // `a:b` in a flow sequence: leave it to js-yaml
      }
      if (ch === HASH && (t.charCodeAt(e - 1) === SP || t.charCodeAt(e - 1) === TAB)) unsupported();
      if (ch !== SP && ch !== TAB) last = e + 1;
      e++;
    }
    if (t.charCodeAt(e) === COLON && !key) unsupported(); // a single-pair mapping inside a sequence
    this.after = last;
    return this.node(SCALAR, i, last, -1);
  }

  /** Just past the closing quote of the quoted scalar at `p`, which must close on its line. */
  private quotedEnd(p: number, eol: number): number {
    const t = this.body;
    const q = t.charCodeAt(p);
    let i = p + 1;
    while (i < eol) {
      const c = t.charCodeAt(i);
      if (q === DQ && c === 0x5c /* \ */) i += 2;
      else if (c === q) {
        if (q === SQ && t.charCodeAt(i + 1) === SQ) i += 2;
        else return i + 1;
      } else i++;
    }
    return unsupported();
  }

  /** Whether a plain scalar may start at `p` (else: an indicator this reader leaves to js-yaml). */
  private plainStart(p: number, eol: number, flow: boolean): boolean {
    const t = this.body;
    const c = t.charCodeAt(p);
    if (p >= eol) return false;
    if ('&*!|>%@`#,[]{}'.includes(t[p])) return false;
    if (c === 0x3f /* ? */ || c === COLON || c === DASH) {
      const n = t.charCodeAt(p + 1);
      if (p + 1 >= eol || n === SP || n === TAB) return false;
      if (flow && (n === 0x2c || n === 0x5b || n === 0x5d || n === 0x7b || n === 0x7d)) return false;
    }
    return true;
  }

  /**
   * Where the colon of a block mapping key starting at `p` is (the key is plain or quoted, the colon
   * is followed by a space or the end of the line), or -1 when the line holds no such key.
   */
  private keyEnd(p: number, eol: number): number {
    const t = this.body;
    const c = t.charCodeAt(p);
    if (c === DQ || c === SQ) {
      let e: number;
      try {
        e = this.quotedEnd(p, eol);
      } catch {
        return -1;
      }
      while (t.charCodeAt(e) === SP || t.charCodeAt(e) === TAB) e++;
      if (t.charCodeAt(e) === COLON && this.isBlank(e + 1, eol)) return e;
      return -1;
    }
    if (c === 0x5b || c === 0x7b) {
      // A flow collection (on one line, or left to js-yaml); as a key: left to js-yaml. Otherwise it
      // is the node itself, which inline() then takes (flowAt, flowRead) rather than reading it again.
      this.flowRead = this.flow(p, eol);
      this.flowAt = p;
      let e = this.after;
      while (t.charCodeAt(e) === SP || t.charCodeAt(e) === TAB) e++;
      if (t.charCodeAt(e) === COLON) unsupported();
      return -1;
    }
    if (!this.plainStart(p, eol, false)) {
      if (c === 0x3f /* ? */ || c === 0x26 /* & */ || c === 0x21 /* ! */ || c === 0x2a /* * */) unsupported();
      return -1;
    }
    for (let i = p; i < eol; i++) {
      const ch = t.charCodeAt(i);
      if (ch === HASH && (t.charCodeAt(i - 1) === SP || t.charCodeAt(i - 1) === TAB)) return -1;
      if (ch === COLON && this.isBlank(i + 1, eol)) return i;
    }
    return -1;
  }

  /** Whether the character at `i` is a space, a tab or the end of the line. */
  private isBlank(i: number, eol: number): boolean {
    if (i >= eol) return true;
    const c = this.body.charCodeAt(i);
    return c === SP || c === TAB;
  }

  private isSpaceOrEnd(i: number, line: number): boolean {
    return this.isBlank(i, this.eol[line]);
  }

  // ---- locating (the rules of NodeIndex.locate) ----

  locate(tokens: string[], target: 'auto' | 'key' | 'value'): Range {
    let node = this.root;
    let key = -1;
    let found = true;
    for (const token of tokens) {
      const next = this.step(node, token, 0, token.length);
      if (next < 0) {
        found = false;
        break;
      }
      key = this.stepKey;
      node = next;
    }
    return this.answer(node, key, found, target);
  }

  /**
   * `locate` of a JSON pointer without `~` escapes (`''` or starting with `/`), its tokens read in
   * place: a finding per item of a long list asks as many times, and no token list is made. The walk
   * resumes where the last one went down the same tokens (`/spec/ports/7/name` after
   * `/spec/ports/6/name` starts at the list; a finding and its fix at the same field walk once).
   */
  locatePointer(pointer: string, target: 'auto' | 'key' | 'value'): Range {
    let node = this.root;
    let key = -1;
    let found = true;
    let depth = 0;
    let i = 1;
    const walk = this.walk;
    if (pointer.length > 0 && walk.steps > 0) {
      // The characters this pointer shares with the last one, then the deepest step of that walk
      // whose token ends within them, at a token boundary of this pointer too.
      const last = walk.pointer;
      const n = Math.min(last.length, pointer.length);
      let c = 0;
      while (c < n && last.charCodeAt(c) === pointer.charCodeAt(c)) c++;
      for (let k = walk.steps - 1; k >= 0; k--) {
        const e = walk.ends[k];
        if (e <= c && (e === pointer.length || pointer.charCodeAt(e) === 0x2f /* / */)) {
          node = walk.nodes[k];
          key = walk.keys[k];
          depth = k + 1;
          i = e + 1;
          break;
        }
      }
    }
    walk.pointer = pointer;
    if (pointer.length > 0 && i <= pointer.length) {
      for (;;) {
        const slash = pointer.indexOf('/', i);
        const end = slash < 0 ? pointer.length : slash;
        const next = this.step(node, pointer, i, end);
        if (next < 0) {
          found = false;
          break;
        }
        key = this.stepKey;
        node = next;
        walk.ends[depth] = end;
        walk.nodes[depth] = node;
        walk.keys[depth] = key;
        depth++;
        if (slash < 0) break;
        i = slash + 1;
      }
    }
    walk.steps = depth;
    return this.answer(node, key, found, target);
  }

  /** The last walk of locatePointer: its pointer and, per step taken, where the token ends, the node and the entry reached (-1: none). */
  private readonly walk = { pointer: '', steps: 0, ends: [] as number[], nodes: [] as number[], keys: [] as number[] };

  /**
   * One token down from `node`, the token being `text` from `i` to `end` (read in place: no string
   * per step): the node of the mapping entry (which `stepKey` is then) or list item (`stepKey` -1),
   * or -1 where there is none.
   */
  private step(node: number, text: string, i: number, end: number): number {
    if (this.kind[node] >= DEFERRED) this.expand(node);
    const kind = this.kind[node];
    const first = this.first[node];
    const size = this.size[node];
    if (kind === MAPPING) {
      let e = -1;
      if (size > LONG) e = this.entryOf(node, text.slice(i, end));
      else {
        const n = end - i;
        for (let j = first; j < first + size; j++) {
          const k = this.keyText(this.parts[j]);
          if (k.length === n && text.startsWith(k, i)) {
            e = this.parts[j];
            break;
          }
        }
      }
      this.stepKey = e;
      return e < 0 ? -1 : this.value[e];
    }
    if (kind === SEQUENCE) {
      // All decimal digits (`/^\d+$/`), read as a number.
      if (end === i) return -1;
      let n = 0;
      for (let j = i; j < end; j++) {
        const c = text.charCodeAt(j);
        if (c < 0x30 || c > 0x39) return -1;
        n = n * 10 + (c - 0x30);
      }
      this.stepKey = -1;
      return n < size ? this.parts[first + n] : -1;
    }
    return -1;
  }

  private answer(node: number, key: number, found: boolean, target: 'auto' | 'key' | 'value'): Range {
    if (this.kind[node] >= DEFERRED) {
      // A key's range needs no more of its value than its kind, which the value's first line tells:
      // a finding on each of 100,000 `podSelector:` keys reads none of the blocks below them.
      if (key >= 0 && (target === 'key' || (target === 'auto' && this.isCollection(node)))) return this.keyRange(key);
      this.expand(node);
    }
    // The key's range only where it is the answer (a range is an object, and a line search).
    if (!found || target === 'key') return key >= 0 ? this.keyRange(key) : this.firstLine(node);
    const kind = this.kind[node];
    if (kind === EMPTY) return key >= 0 ? this.keyRange(key) : unsupported();
    if (kind === SCALAR) {
      if (this.end[node] < 0) return unsupported();
      return this.range(this.start[node], this.end[node]);
    }
    if (target === 'value') return this.range(this.start[node], this.collectionEnd(node));
    return key >= 0 ? this.keyRange(key) : this.firstLine(node);
  }

  private keyRange(e: number): Range {
    return this.range(this.ks[e], this.ke[e]);
  }

  /** The entry of a long mapping with the key `token`, or -1 (a lookup table, made at its first question). */
  private entryOf(node: number, token: string): number {
    let keys = this.keyTables.get(node);
    if (!keys) {
      this.keyTables.set(node, (keys = new Map<string, number>()));
      const first = this.first[node];
      for (let j = first; j < first + this.size[node]; j++) {
        const k = this.keyText(this.parts[j]);
        if (!keys.has(k)) keys.set(k, this.parts[j]);
      }
    }
    return keys.get(token) ?? -1;
  }

  /** What a key reads as, as NodeIndex.keyText reads it. */
  private keyText(e: number): string {
    return this.keyTexts[e] ?? (this.keyTexts[e] = this.readKey(e));
  }

  private readKey(e: number): string {
    const raw = this.body.slice(this.ks[e], this.ke[e]);
    const c = raw.charCodeAt(0);
    if (c === DQ || c === SQ) {
      const v: unknown = jsyaml.load(raw);
      return typeof v === 'string' ? v : unsupported();
    }
    const v = resolvePlainScalar(raw);
    return typeof v === 'string' ? v : String(v);
  }

  /**
   * The end of a collection's last scalar, keys included; a flow collection ends at the first
   * closing bracket of its kind after that (NodeIndex.wholeCollection).
   */
  private collectionEnd(node: number): number {
    let end = this.start[node] + 1;
    const visit = (n: number): void => {
      if (this.kind[n] >= DEFERRED) this.expand(n);
      const kind = this.kind[n];
      const first = this.first[n];
      const size = this.size[n];
      if (kind === SCALAR) {
        if (this.end[n] < 0) unsupported();
        end = Math.max(end, this.end[n]);
      } else if (kind === MAPPING) {
        for (let j = first; j < first + size; j++) {
          const e = this.parts[j];
          end = Math.max(end, this.ke[e]);
          visit(this.value[e]);
        }
      } else if (kind === SEQUENCE) for (let j = first; j < first + size; j++) visit(this.parts[j]);
    };
    visit(node);
    const open = this.body.charCodeAt(this.start[node]);
    if (open === 0x7b || open === 0x5b) {
      const close = this.body.indexOf(open === 0x7b ? '}' : ']', end);
      if (close >= 0) end = close + 1;
    }
    return end;
  }

  /** A node without a key of its own (a list item, the document root): its first line. */
  private firstLine(node: number): Range {
    let start = this.start[node];
    if (this.kind[node] === EMPTY) return unsupported();
    const c = this.body.charCodeAt(start);
    if (c === DQ || c === SQ) start++;
    else if (this.kind[node] === SCALAR && (c === 0x7c || c === 0x3e)) {
      const nl = this.body.indexOf('\n', start);
      if (nl >= 0) start = nl + 1;
    }
    start += this.base;
    let end = this.text.indexOf('\n', start);
    if (end < 0) end = this.text.length;
    const line = this.text.slice(start, end).replace(/\s+#.*$/, '').trimEnd();
    return this.lines.range(start, start + Math.max(line.length, 1));
  }

  private range(start: number, end: number): Range {
    return this.lines.range(start + this.base, end + this.base);
  }
}

/** An array twice as long, with the same numbers first. */
function doubled(a: Int32Array): Int32Array {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}
