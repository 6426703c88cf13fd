import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';
import { parsePointer } from '../model/pointer.js';
import type { Range } from '../model/types.js';
import { rangeOfOffsets } from './parse.js';

export type LocateTarget = 'auto' | 'key' | 'value';

/**
 * Resolves JSON pointers to exact ranges in one file. Built lazily, only for files that have
 * findings, by parsing the file once more with the position-keeping `yaml` parser.
 */
export class PositionResolver {
  private docs: Document.Parsed[] | null = null;
  private readonly lc = new LineCounter();

  constructor(private readonly text: string) {}

  private documents(): Document.Parsed[] {
    if (!this.docs) {
      const docs = parseAllDocuments(this.text, { version: '1.1', lineCounter: this.lc, keepSourceTokens: false });
      this.docs = Array.isArray(docs) ? docs : [];
    }
    return this.docs;
  }

  /**
   * The range of the field at `pointer` in document `docIndex`. A scalar is marked by its value, a
   * collection by the key that holds it; when the field is absent, the nearest existing ancestor is
   * marked (the key of the parent of the missing child).
   */
  locate(docIndex: number, pointer: string, target: LocateTarget = 'auto'): Range {
    const doc = this.documents()[docIndex];
    if (!doc) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const tokens = safeTokens(pointer);
    let node: Node | null = doc.contents as Node | null;
    let holder: Pair | null = null; // the pair whose value `node` is
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
        if (node === null) {
          // `key:` with no value; mark the key.
          return this.rangeOf((pair.key as Node).range!);
        }
      } else if (node && isSeq(node) && /^\d+$/.test(token) && Number(token) < node.items.length) {
        holder = null;
        node = node.items[Number(token)] as Node;
      } else {
        found = false;
        break;
      }
    }
    if (node && isAlias(node)) {
      return this.rangeOf(node.range!);
    }
    const keyNode = holder ? (holder.key as Node) : null;
    if (!found || target === 'key') {
      if (keyNode?.range) return this.rangeOf(keyNode.range);
      if (node) return this.firstLine(node);
      return this.docStart(doc);
    }
    if (!node) return this.docStart(doc);
    if (isScalar(node)) return this.rangeOf(node.range!);
    if (target === 'value') return this.rangeOf(node.range!);
    if (keyNode?.range) return this.rangeOf(keyNode.range);
    return this.firstLine(node);
  }

  private rangeOf(r: readonly [number, number, number] | [number, number, number]): Range {
    return rangeOfOffsets(this.lc, r[0], Math.max(r[1], r[0] + 1));
  }

  /** A collection without a key of its own (a list item, the document root): its first line. */
  private firstLine(node: Node): Range {
    const start = node.range![0];
    let end = this.text.indexOf('\n', start);
    if (end < 0) end = this.text.length;
    const line = this.text.slice(start, end).replace(/\s+#.*$/, '').trimEnd();
    return rangeOfOffsets(this.lc, start, start + Math.max(line.length, 1));
  }

  private docStart(doc: Document.Parsed): Range {
    const contents = doc.contents as Node | null;
    if (contents) return this.firstLine(contents);
    const start = doc.range[0];
    return rangeOfOffsets(this.lc, start, start + 1);
  }
}

function safeTokens(p: string): string[] {
  try {
    return parsePointer(p);
  } catch {
    return [];
  }
}
