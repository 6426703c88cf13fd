import { readFileSync } from 'node:fs';
import { compareFindings, summarize, type Finding, type LintResult } from '../engine/result.js';
import { CommentSuppressions } from '../engine/suppressions.js';
import { displayPath } from '../load/load.js';
import { parseYamlText, type ParsedDocument } from '../load/parse.js';
import { PositionResolver } from '../load/positions.js';
import { isObject } from '../model/resources.js';
import { parsePointer, pointer } from '../model/pointer.js';
import type { JsonValue, Range } from '../model/types.js';
import type { KustomizationInfo, PatchRef } from './kustomize.js';
import type { DocumentSource, RenderedFile } from './render.js';
import { templateLine } from './template-line.js';

/** A source file opened for mapping: its documents and positions. */
interface Source {
  text: string;
  documents: ParsedDocument[];
  resolver: PositionResolver;
}

interface Location extends Range {
  /** Absolute path of the file. */
  file: string;
}

/**
 * Findings on rendered output point at the sources a person edits (README "Helm charts and
 * Kustomize"): a built object's field at the patch of the root that sets it, else at the same field in
 * the file it came from (or the nearest part of the object written there); a rendered chart object's
 * field at the template line writing the same key, else the template's first line. Related locations
 * map the same way. Comment suppressions of the source line apply. Then one finding per rule and
 * place: a base's finding that several overlays produce is reported once.
 */
export function mapRenderedFindings(result: LintResult, rendered: readonly RenderedFile[], cwd: string, keepSuppressed = false): LintResult {
  if (rendered.length === 0) return result;
  const byPath = new Map(rendered.map((r) => [r.file.path, r]));
  const loaded = new Map(result.files.filter((f) => f.absPath !== '').map((f) => [f.absPath, f]));
  const sources = new Map<string, Source | null>();
  const open = (abs: string): Source | null => {
    if (!sources.has(abs)) {
      let text: string | null = loaded.get(abs)?.text ?? null;
      if (text === null) {
        try {
          text = readFileSync(abs, 'utf8');
        } catch {
          text = null;
        }
      }
      sources.set(abs, text === null ? null : { text, documents: parseYamlText(text).documents, resolver: new PositionResolver(text) });
    }
    return sources.get(abs)!;
  };
  const mapper = new Mapper(open);
  const shown = (abs: string) => displayPath(cwd, abs) || abs;

  /** A finding of rendered output at its source location (without a fix: its range was in the rendered text). */
  const relocate = (f: Finding): { out: Finding; to: string | null } => {
    const r = byPath.get(f.file);
    if (!r) return { out: f, to: null };
    const to = mapper.locate(r, f.line, f.path);
    const related = f.related.map((rel) => {
      const rr = byPath.get(rel.file);
      if (!rr) return rel;
      const l = mapper.locate(rr, rel.line, null);
      return { ...rel, file: shown(l.file), line: l.line, column: l.column, endLine: l.endLine, endColumn: l.endColumn };
    });
    const out: Finding = { ...f, file: shown(to.file), line: to.line, column: to.column, endLine: to.endLine, endColumn: to.endColumn, related };
    delete out.fix;
    return { out, to: r.file.absPath !== to.file ? to.file : null };
  };

  const findings: Finding[] = [];
  const suppressed: Finding[] = result.suppressed.map((f) => relocate(f).out);
  let suppressedCount = result.summary.suppressed;
  const seen = new Set<string>();
  const comments = new Map<string, CommentSuppressions>();
  for (const f of result.findings) {
    const { out, to } = relocate(f);
    // A comment suppression on the source line.
    const src = to !== null ? open(to) : null;
    if (to !== null && src) {
      let c = comments.get(to);
      if (!c) comments.set(to, (c = new CommentSuppressions(src.text)));
      const reason = c.match(f.ruleId, out.line);
      if (reason !== null) {
        suppressedCount++;
        suppressed.push({ ...out, suppression: { kind: 'comment', justification: reason } });
        continue;
      }
    }
    const key = `${out.ruleId}\u0000${out.messageId}\u0000${out.file}\u0000${out.line}\u0000${out.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(out);
  }
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  return { ...result, findings, suppressed: keepSuppressed ? suppressed : [], summary: summarize(findings, suppressedCount, result.summary) };
}

class Mapper {
  constructor(private readonly open: (abs: string) => Source | null) {}

  /** Where a finding at `line` of rendered output (at `at` in its object, when known) belongs in the sources. */
  locate(r: RenderedFile, line: number, at: string | null): Location {
    // The last document starting at or before the line (binary search: findings × documents would be quadratic).
    let lo = 0;
    let hi = r.startLines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (r.startLines[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    const doc = lo;
    const source = r.sources[doc];
    const parsed = r.file.documents[doc]?.index === doc ? r.file.documents[doc] : r.file.documents.find((d) => d.index === doc);
    const value = parsed?.value;
    const tokens = at === null ? [] : parsePointer(at);
    const fallback = (): Location => ({ file: r.fallback || r.file.absPath, ...LINE_ONE });
    if (!source) return fallback();
    if (source.tool === 'helm') {
      if (source.template === null) return source.chart ? { file: `${source.chart.dir}/Chart.yaml`, ...LINE_ONE } : fallback();
      const src = this.open(source.template);
      if (!src) return { file: source.template, ...LINE_ONE };
      const kind = isObject(value) && typeof value.kind === 'string' ? value.kind : '';
      return { file: source.template, ...templateLine(src.text, kind, tokens) };
    }
    return this.kustomize(source, value, tokens) ?? fallback();
  }

  private kustomize(source: Extract<DocumentSource, { tool: 'kustomize' }>, value: unknown, tokens: string[]): Location | null {
    if (!isObject(value)) return null;
    const kind = typeof value.kind === 'string' ? value.kind : '';
    const name = isObject(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : '';
    const src = source.origin.file ? this.open(source.origin.file) : null;
    const srcDoc = src ? sourceDocument(src.documents, kind, name) : null;
    const srcName = srcDoc && isObject(srcDoc.value) && isObject(srcDoc.value.metadata) && typeof srcDoc.value.metadata.name === 'string' ? srcDoc.value.metadata.name : name;
    // 1. A patch of the build that sets the field: the last root's first.
    if (tokens.length > 0) {
      for (const k of [...source.chain].reverse()) {
        for (const p of [...k.patches].reverse()) {
          const hit = this.inPatch(k, p, kind, [name, srcName], value, tokens);
          if (hit) return hit;
        }
      }
    }
    // 2. The same field (or the nearest part of the object) in the file the object came from.
    if (src && srcDoc && source.origin.file) {
      const t = translate(tokens, value, srcDoc.value);
      return { file: source.origin.file, ...src.resolver.locate(srcDoc.index, pointer(...t.tokens)) };
    }
    // 3. A generated object: its generator in the kustomization that configured it.
    const k = source.origin.configuredIn ?? source.root.file;
    const ks = this.open(k);
    if (!ks) return null;
    const field = source.origin.generator ? GENERATOR_FIELDS[source.origin.generator] : undefined;
    return { file: k, ...ks.resolver.locate(0, field ? pointer(field) : '') };
  }

  /** Where patch `p` of kustomization `k` sets the field, if it applies to the object and sets it. */
  private inPatch(k: KustomizationInfo, p: PatchRef, kind: string, names: string[], value: JsonValue, tokens: string[]): Location | null {
    if (p.target && !targetMatches(p.target, kind, names)) return null;
    const at = (docIndex: number, ptr: string): Location | null => {
      if (p.file !== null) {
        const src = this.open(p.file);
        return src ? { file: p.file, ...src.resolver.locate(docIndex, ptr) } : null;
      }
      const ks = this.open(k.file);
      return ks ? { file: k.file, ...ks.resolver.locate(0, p.entry) } : null;
    };
    for (const d of p.documents) {
      if (Array.isArray(d.value)) {
        // JSON 6902: an operation whose path is the field or holds it.
        if (!p.target) continue;
        const ops = d.value as unknown[];
        for (let i = ops.length - 1; i >= 0; i--) {
          const op = ops[i];
          if (!isObject(op) || typeof op.path !== 'string' || op.op === 'remove' || op.op === 'test') continue;
          const opTokens = parsePointer(op.path);
          // `-` (append) matches whichever index the item got.
          if (opTokens.length > tokens.length || opTokens.some((t, j) => t !== tokens[j] && t !== '-')) continue;
          return at(d.index, pointer(String(i), 'value', ...tokens.slice(opTokens.length)));
        }
        continue;
      }
      if (!isObject(d.value)) continue;
      const pv = d.value;
      const pName = isObject(pv.metadata) && typeof pv.metadata.name === 'string' ? pv.metadata.name : null;
      if (!p.target && (pv.kind !== kind || pName === null || !names.includes(pName))) continue;
      const t = translate(tokens, value, pv);
      if (t.complete) return at(d.index, pointer(...t.tokens));
    }
    return null;
  }
}

const LINE_ONE: Range = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/** The kustomization field of each builtin generator. */
const GENERATOR_FIELDS: Record<string, string> = {
  ConfigMapGenerator: 'configMapGenerator',
  SecretGenerator: 'secretGenerator',
  HelmChartInflationGenerator: 'helmCharts',
};

/** The document of a source file that became a built object: same kind, and the name the build kept or extended (namePrefix, nameSuffix). */
function sourceDocument(documents: ParsedDocument[], kind: string, name: string): ParsedDocument | null {
  let best: ParsedDocument | null = null;
  let bestLength = -1;
  for (const d of documents) {
    const v = d.value;
    if (!isObject(v) || v.kind !== kind) continue;
    const n = isObject(v.metadata) && typeof v.metadata.name === 'string' ? v.metadata.name : '';
    if (n === name) return d;
    if (n !== '' && name.includes(n) && n.length > bestLength) {
      best = d;
      bestLength = n.length;
    }
  }
  if (best) return best;
  const ofKind = documents.filter((d) => isObject(d.value) && d.value.kind === kind);
  return ofKind.length === 1 ? ofKind[0] : null;
}

/** Whether a patch target (kind, name as a regular expression, as kustomize reads it) selects the object. */
function targetMatches(target: { kind?: string; name?: string }, kind: string, names: string[]): boolean {
  if (target.kind !== undefined && target.kind !== kind) return false;
  if (target.name === undefined) return true;
  let re: RegExp | null = null;
  try {
    re = new RegExp(`^(?:${target.name})$`);
  } catch {
    re = null;
  }
  return names.some((n) => n === target.name || (re !== null && re.test(n)));
}

/** The keys a list item is known by, in the order kustomize's merge keys use them. */
const ITEM_KEYS = ['name', 'containerPort', 'port', 'mountPath', 'devicePath', 'ip', 'topologyKey', 'key', 'path'];

/**
 * The pointer of the same field in a source document, when the build reordered or merged list items:
 * list items are matched by their merge key (`name`, `containerPort`, `port`…), else by index. Stops
 * where the source does not write the field: `complete` says whether it went all the way.
 */
function translate(tokens: string[], built: unknown, source: unknown): { tokens: string[]; complete: boolean } {
  const out: string[] = [];
  let b = built;
  let s = source;
  for (const t of tokens) {
    if (Array.isArray(b) && Array.isArray(s)) {
      const item: unknown = b[Number(t)];
      let j = -1;
      if (isObject(item)) {
        const keys = ITEM_KEYS.filter((k) => item[k] !== undefined && typeof item[k] !== 'object');
        for (const key of keys) {
          j = s.findIndex((x) => isObject(x) && x[key] === item[key]);
          if (j >= 0) break;
        }
        if (keys.length === 0 && s.length === b.length) j = Number(t);
      } else if (s.length === b.length) j = Number(t);
      if (j < 0 || j >= s.length) return { tokens: out, complete: false };
      out.push(String(j));
      b = item;
      s = s[j];
    } else if (isObject(b) && isObject(s)) {
      if (!(t in s)) return { tokens: out, complete: false };
      out.push(t);
      b = b[t];
      s = s[t];
    } else {
      return { tokens: out, complete: false };
    }
  }
  return { tokens: out, complete: true };
}
