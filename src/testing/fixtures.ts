import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveSettings } from '../config/settings.js';
import type { Finding } from '../engine/result.js';
import type { AnyRule } from '../engine/rule.js';
import { runRules } from '../engine/run.js';
import { loadBytes, loadText } from '../load/load.js';
import type { FileRole, LoadedFile } from '../model/resources.js';

/**
 * The fixture harness: a fixture is a YAML file whose expected findings are marked inline.
 *
 *   selector: { app: web }   # expect: service-selector-matches-nothing@3 closest {"name": "web"}
 *   # expect-next-line: rule-id messageId
 *
 * A marker is `# expect: <rule-id>[@<column>] [<messageId>] [<data>]`, several separated by `;`:
 * - `<rule-id>` the finding's rule;
 * - `@<column>` the 1-based column where the finding starts (optional);
 * - `<messageId>` the key of the rule's `meta.messages` (optional);
 * - `<data>` a JSON object (optional) that must be a subset of the `data` the rule reported: every key
 *   given must be there with the same value, of the same type (`{"port": 80}` is not `{"port": "80"}`).
 * `# expect:` marks the line it is on (where the finding starts), `# expect-next-line:` the next line,
 * where a comment cannot go. Header comments set up the run: `# options: {json}` (rule options),
 * `# settings: {json}` (namespace, completeness, kubernetesVersion…), `# role: {json}` (what the folder
 * structure would make of the file: a FileRole such as `{"kind": "patch", "dir": "overlays/prod"}`). A fixture whose name starts with
 * `valid` must produce nothing. Only the rule under test runs, so fixtures stay independent of other
 * rules; the parsed documents are deep-frozen, so a rule that mutates its input crashes (and the
 * resulting internal-error finding fails the fixture).
 */
export interface Expectation {
  /** 1-based line the finding must start on. */
  line: number;
  ruleId: string;
  /** 1-based column the finding must start at, when pinned with `@<column>`. */
  column?: number;
  messageId?: string;
  /** A subset of the finding's report data. */
  data?: Record<string, string | number>;
  /** Where the marker is: its 1-based line and the offset (in UTF-16 units) just after the rule id. */
  marker: { line: number; ruleIdEnd: number };
}

export interface FixtureResult {
  expected: Expectation[];
  actual: Finding[];
  /** Each expectation met, with the finding that met it. */
  matches: { expectation: Expectation; finding: Finding }[];
  /** Human-readable differences; empty when the fixture passes. */
  problems: string[];
}

const MARKER = /#\s*expect(-next-line)?:(.*)$/;
/** A rule id: kebab-case, or `policy/<policy-name>` (a Kubernetes object name) for a policy's findings. */
const RULE_ID = /^([a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)?)(?:@(\d+))?(?=\s|$)/;
const MESSAGE_ID = /^([A-Za-z_$][\w$]*)(?=\s|$)/;

/** Thrown for a marker that does not follow the syntax: a typo must not silently expect less. */
export class ExpectationSyntaxError extends Error {}

/** Splits the marker text on `;` outside JSON strings and objects. */
function splitParts(s: string): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ';' && depth === 0) {
      parts.push({ text: s.slice(start, i), start });
      start = i + 1;
    }
  }
  parts.push({ text: s.slice(start), start });
  return parts;
}

function parseData(json: string, where: string): Record<string, string | number> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new ExpectationSyntaxError(`${where}: the data ${json} is not JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ExpectationSyntaxError(`${where}: the data must be a JSON object, got ${json}`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new ExpectationSyntaxError(`${where}: data value ${k} must be a string or a number, got ${JSON.stringify(v)}`);
    }
  }
  return value as Record<string, string | number>;
}

/** The expectations marked in a fixture text; throws ExpectationSyntaxError on a malformed marker. */
export function parseExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const m = MARKER.exec(line);
    if (!m) return;
    const where = `line ${i + 1}`;
    const target = m[1] ? i + 2 : i + 1;
    const bodyStart = m.index + m[0].length - m[2].length;
    for (const part of splitParts(m[2])) {
      let rest = part.text.trimStart();
      if (rest.trim() === '') continue;
      const partStart = bodyStart + part.start + (part.text.length - rest.length);
      const id = RULE_ID.exec(rest);
      if (!id) throw new ExpectationSyntaxError(`${where}: expected <rule-id>[@<column>] in "${part.text.trim()}"`);
      const e: Expectation = { line: target, ruleId: id[1], marker: { line: i + 1, ruleIdEnd: partStart + id[1].length } };
      if (id[2] !== undefined) {
        e.column = Number(id[2]);
        if (e.column < 1) throw new ExpectationSyntaxError(`${where}: columns start at 1, got @${id[2]}`);
      }
      rest = rest.slice(id[0].length).trim();
      const msg = MESSAGE_ID.exec(rest);
      if (msg) {
        e.messageId = msg[1]!;
        rest = rest.slice(msg[0].length).trim();
      }
      if (rest.startsWith('{')) {
        e.data = parseData(rest, where);
        rest = '';
      }
      if (rest !== '') throw new ExpectationSyntaxError(`${where}: unexpected "${rest}" in "${part.text.trim()}"`);
      out.push(e);
    }
  });
  return out;
}

function header(text: string, name: string): Record<string, unknown> {
  const m = new RegExp(`^#\\s*${name}:\\s*(\\{.*\\})\\s*$`, 'm').exec(text);
  if (!m) return {};
  return JSON.parse(m[1]) as Record<string, unknown>;
}

/** Freezes a JSON value and everything in it, so that writing to it throws (ESM code is strict). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Deep-freezes the parsed documents of a loaded file: the values rules read. */
export function freezeDocuments(file: LoadedFile): LoadedFile {
  for (const doc of file.documents) deepFreeze(doc.value);
  return file;
}

function describeExpectation(e: Expectation): string {
  return `line ${e.line}${e.column !== undefined ? `:${e.column}` : ''} ${e.ruleId}${e.messageId ? ` ${e.messageId}` : ''}${e.data ? ` ${JSON.stringify(e.data)}` : ''}`;
}

function describeFinding(f: Finding): string {
  return `line ${f.line}:${f.column} ${f.ruleId} ${f.messageId}${f.data ? ` ${JSON.stringify(f.data)}` : ''}: ${f.message}`;
}

/** What keeps a finding from meeting an expectation at its line: '' when it meets it. */
function mismatch(e: Expectation, f: Finding): string {
  const why: string[] = [];
  if (e.messageId && f.messageId !== e.messageId) why.push(`messageId ${f.messageId}, not ${e.messageId}`);
  if (e.column !== undefined && f.column !== e.column) why.push(`column ${f.column}, not ${e.column}`);
  if (e.data) {
    for (const [k, v] of Object.entries(e.data)) {
      if (!f.data || !(k in f.data)) why.push(`no data ${k}`);
      else if (f.data[k] !== v) why.push(`data ${k} = ${JSON.stringify(f.data[k])}, not ${JSON.stringify(v)}`);
    }
  }
  return why.join(', ');
}

/** Compares findings with expectations both ways; exported for the harness's own tests. */
export function compareExpectations(expected: readonly Expectation[], actual: readonly Finding[]): Pick<FixtureResult, 'matches' | 'problems'> {
  const problems: string[] = [];
  const matches: FixtureResult['matches'] = [];
  const unmatched = [...actual];
  // The most specific expectations first, so that a loose one cannot take the finding a pinned one needs.
  const specificity = (e: Expectation) => (e.column !== undefined ? 4 : 0) + (e.data ? 2 : 0) + (e.messageId ? 1 : 0);
  const order = [...expected].sort((a, b) => specificity(b) - specificity(a));
  const missed: Expectation[] = [];
  for (const e of order) {
    const i = unmatched.findIndex((f) => f.line === e.line && f.ruleId === e.ruleId && mismatch(e, f) === '');
    if (i >= 0) matches.push({ expectation: e, finding: unmatched.splice(i, 1)[0] });
    else missed.push(e);
  }
  for (const e of missed) {
    const near = unmatched.findIndex((f) => f.line === e.line && f.ruleId === e.ruleId);
    if (near >= 0) {
      const f = unmatched.splice(near, 1)[0];
      problems.push(`wrong: ${describeExpectation(e)} expected, found ${describeFinding(f)} (${mismatch(e, f)})`);
    } else problems.push(`missing: ${describeExpectation(e)}`);
  }
  for (const f of unmatched) problems.push(`unexpected: ${describeFinding(f)}`);
  // Report in line order, whatever the matching order was.
  const lineOf = (p: string) => Number(/line (\d+)/.exec(p)?.[1] ?? 0);
  problems.sort((a, b) => lineOf(a) - lineOf(b));
  matches.sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column);
  return { matches, problems };
}

/** Lints one fixture text with one rule and compares the findings with its inline expectations, both ways. */
export function checkFixture(rule: AnyRule, source: string | Uint8Array, fileName: string, extraRules: readonly AnyRule[] = []): FixtureResult {
  const text = typeof source === 'string' ? source : Buffer.from(source).toString('utf8');
  const options = header(text, 'options');
  const settingsHeader = header(text, 'settings');
  const settings = resolveSettings(null, process.cwd(), settingsHeader);
  const file = freezeDocuments(typeof source === 'string' ? loadText(source, fileName) : loadBytes(source, fileName));
  const role = header(text, 'role');
  if (Object.keys(role).length > 0) file.role = role as unknown as FileRole;
  const result = runRules({
    files: [file],
    rules: [rule, ...extraRules],
    settings,
    ruleSettings: { [rule.meta.id]: { options } },
    cwd: process.cwd(),
  });
  const actual = result.findings.filter((f) => f.ruleId === rule.meta.id || f.ruleId === 'internal-error');
  const expected = parseExpectations(text).filter((e) => e.ruleId === rule.meta.id || e.ruleId === 'internal-error');
  const { matches, problems } = compareExpectations(expected, actual);
  if (path.basename(fileName).startsWith('valid') && expected.length > 0) {
    problems.push('a valid* fixture must not expect findings');
  }
  return { expected, actual, matches, problems };
}

export function checkFixtureFile(rule: AnyRule, file: string): FixtureResult {
  return checkFixture(rule, readFileSync(file), file);
}
