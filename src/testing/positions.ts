import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import type { LintResult } from '../engine/result.js';
import { parsePointer } from '../model/pointer.js';
import type { Range } from '../model/types.js';

/**
 * The position property of a lint result, checked independently of the engine's resolver (with the
 * `yaml` package's node tree): every finding, related location and fix lies inside its file, and a
 * finding with a JSON pointer starts on the key or the value the pointer names (or, for an absent
 * field, of its nearest existing ancestor; a list item without a key: its first line). Returns one
 * line per violation (empty: the property holds).
 */
export function positionViolations(result: LintResult): string[] {
  const texts = new Map<string, string>();
  for (const f of result.files) texts.set(f.path, f.text);
  const out: string[] = [];
  const trees = new Map<string, FileTree>();
  const check = (file: string, r: Range, what: string): boolean => {
    const text = texts.get(file);
    if (text === undefined) return true; // not a file of the input (stdin name, config)
    const problem = outside(text, r);
    if (problem) out.push(`${file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn} ${what}: ${problem}`);
    return !problem;
  };
  for (const f of [...result.findings, ...result.suppressed]) {
    const what = `${f.ruleId} ${f.path ?? ''}`;
    if (!check(f.file, f, what)) continue;
    for (const rel of f.related) check(rel.file, rel, `${what} related`);
    if (f.fix) check(f.file, f.fix.range, `${what} fix`);
    const text = texts.get(f.file);
    if (f.path === null || f.resource === null || text === undefined) continue;
    let tree = trees.get(f.file);
    if (!tree) trees.set(f.file, (tree = new FileTree(text)));
    const offset = tree.offsetOf(f.line, f.column);
    if (!tree.pointerStarts(offset, f.path).has(offset)) out.push(`${f.file}:${f.line}:${f.column} ${what}: not on the key or value the pointer names`);
  }
  return out;
}

/** Why a range is not inside the text, or null. */
function outside(text: string, r: Range): string | null {
  // A file kubewire could not read as text (binary, not UTF-8) is marked at its start.
  if (text === '') return r.line === 1 && r.column === 1 && r.endLine === 1 && r.endColumn <= 2 ? null : 'outside the (unread) file';
  const lines = text.split('\n');
  const width = (l: number): number => lines[l - 1].replace(/\r$/, '').length + 1;
  if (!Number.isInteger(r.line) || r.line < 1 || r.line > lines.length) return 'start line outside the file';
  if (!Number.isInteger(r.endLine) || r.endLine < r.line || r.endLine > lines.length) return 'end line outside the file';
  if (r.column < 1 || r.column > width(r.line)) return 'start column outside its line';
  if (r.endColumn < 1 || r.endColumn > width(r.endLine)) return 'end column outside its line';
  if (r.endLine === r.line && r.endColumn < r.column) return 'ends before it starts';
  return null;
}

class FileTree {
  private readonly docs: ReturnType<typeof parseAllDocuments>;
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const docs = parseAllDocuments(text, { version: '1.1', logLevel: 'silent' });
    this.docs = Array.isArray(docs) ? docs : [];
    this.starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  offsetOf(line: number, column: number): number {
    return this.starts[line - 1] + column - 1;
  }

  /** The offsets a finding at `offset` with `pointer` may start at. */
  pointerStarts(offset: number, pointer: string): Set<number> {
    const allowed = new Set<number>();
    const doc = this.docs.find((d) => d.range !== undefined && d.range[0] <= offset && offset <= d.range[2]);
    if (!doc?.contents) return allowed;
    const roots: Node[] = [doc.contents];
    // A List's items are resources of their own: the pointer is relative to the item.
    const items = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
    if (isSeq(items)) for (const item of items.items) if (item && (item as Node).range) roots.push(item as Node);
    let tokens: string[];
    try {
      tokens = parsePointer(pointer);
    } catch {
      return allowed;
    }
    for (const root of roots) this.walk(doc, root, tokens, allowed);
    return allowed;
  }

  private walk(doc: { contents: unknown }, root: Node, tokens: string[], allowed: Set<number>): void {
    let node: Node | null = root;
    let key: Node | null = null;
    const add = (n: Node | null): void => {
      if (!n?.range) return;
      const s = n.range[0];
      allowed.add(s);
      const c = this.text[s];
      if (c === '"' || c === "'") allowed.add(s + 1);
      if (c === '|' || c === '>') {
        const nl = this.text.indexOf('\n', s);
        if (nl >= 0) allowed.add(nl + 1);
      }
    };
    for (const token of tokens) {
      if (node && isAlias(node)) node = (node.resolve(doc as never) as Node | undefined) ?? null;
      if (node && isMap(node)) {
        const pair: unknown = node.items.find((p: unknown) => isPair(p) && isScalar(p.key) && String(p.key.value) === token);
        if (!isPair(pair)) break;
        key = pair.key as Node;
        node = (pair.value as Node | null) ?? null;
      } else if (node && isSeq(node) && /^\d+$/.test(token) && Number(token) < node.items.length) {
        key = null;
        node = node.items[Number(token)] as Node;
      } else break;
    }
    add(key);
    add(node);
  }
}
