// What a pull request changed, as the Action sees it on the runner: the event payload at
// GITHUB_EVENT_PATH names the base and head commits, git (in the checked-out workspace) the files and
// lines. The pull_request payload carries counts (changed_files), not the list of files: that takes the
// REST API and a token, so without the commits in the clone the Action falls back to every file.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../engine/result.js';

export interface PullRequest {
  number: number | null;
  base: string;
  head: string;
}

/** The events whose payload has `pull_request.base.sha` and `pull_request.head.sha`. */
const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The pull request of this run, or null when the event is not one (a push, a schedule) or its payload cannot be read. */
export function pullRequestOf(env: NodeJS.ProcessEnv): PullRequest | null {
  const { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: eventPath } = env;
  if (!name || !PR_EVENTS.has(name) || !eventPath) return null;
  let event: { pull_request?: { number?: unknown; base?: { sha?: unknown }; head?: { sha?: unknown } } };
  try {
    event = JSON.parse(readFileSync(eventPath, 'utf8')) as typeof event;
  } catch {
    return null;
  }
  const pr = event.pull_request;
  const base = pr?.base?.sha;
  const head = pr?.head?.sha;
  if (typeof base !== 'string' || typeof head !== 'string' || !/^[0-9a-f]{40,64}$/.test(base) || !/^[0-9a-f]{40,64}$/.test(head)) return null;
  return { number: typeof pr?.number === 'number' ? pr.number : null, base, head };
}

/** Line ranges (1-based, inclusive) of the head side of each changed file, by path relative to `root`. */
export type ChangedLines = Map<string, [number, number][]>;

export interface Changes {
  /** Changed files (relative to the workspace root, `/` separators) and the head-side lines each one's hunks cover. */
  files: ChangedLines;
  /** How the changes were found, for the log. */
  how: string;
}

function git(cwd: string, args: string[]): string | null {
  const p = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return p.status === 0 ? p.stdout : null;
}

/**
 * The files and lines the pull request changed, from git in `root`: `git diff -U0 base...head` (what
 * GitHub's "Files changed" shows: the head against the merge base), or, when the clone lacks those
 * commits but HEAD is the pull request's merge commit with its parents (actions/checkout with
 * `fetch-depth: 2`), `git diff -U0 HEAD^1 HEAD`. Null when neither works (a shallow clone of depth 1).
 */
export function changesOf(pr: PullRequest, root: string): Changes | null {
  const top = git(root, ['rev-parse', '--show-toplevel'])?.trim();
  if (!top) return null;
  let range: string[] | null = null;
  let how = '';
  if (git(root, ['merge-base', pr.base, pr.head]) !== null) {
    range = [`${pr.base}...${pr.head}`];
    how = `git diff ${pr.base.slice(0, 7)}...${pr.head.slice(0, 7)}`;
  } else if (git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^2'])?.trim() === pr.head && git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^1']) !== null) {
    range = ['HEAD^1', 'HEAD'];
    how = 'git diff HEAD^1 HEAD (the merge commit of the pull request)';
  }
  if (range === null) return null;
  const diff = git(root, ['-c', 'core.quotePath=false', 'diff', '-U0', '--no-color', '--no-ext-diff', '--diff-filter=d', '--src-prefix=a/', '--dst-prefix=b/', ...range]);
  if (diff === null) return null;
  const files = parseUnifiedDiff(diff);
  // git prints paths relative to the top of the repository; findings are relative to the workspace.
  const out: ChangedLines = new Map();
  for (const [file, lines] of files) {
    const rel = path.relative(root, path.join(top, file)).split(path.sep).join('/');
    out.set(rel, lines);
  }
  return { files: out, how };
}

/**
 * The head-side files and line ranges of a `git diff -U0` (unified diff without context): each hunk
 * header `@@ -a[,b] +c[,d] @@` covers head lines c … c+d-1 (d defaults to 1; d = 0 is a pure
 * deletion, which changes no head line). A file whose diff has no hunk (a mode change, a rename
 * without edits, a binary file) is changed but has no changed lines.
 */
export function parseUnifiedDiff(diff: string): ChangedLines {
  const files: ChangedLines = new Map();
  let current: [number, number][] | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = null;
      continue;
    }
    if (line.startsWith('+++ ')) {
      const name = line.slice(4).replace(/\t$/, '');
      if (name === '/dev/null') current = null;
      else {
        const file = unquote(name).replace(/^b\//, '');
        current = files.get(file) ?? [];
        files.set(file, current);
      }
      continue;
    }
    if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
      // A rename without edits has no +++ line: the file still changed.
      const file = unquote(line.slice(line.indexOf(' to ') + 4));
      if (!files.has(file)) files.set(file, []);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return files;
}

/** git's C-style quoting of unusual paths (`"a/caf\303\251.yaml"`); plain paths pass through. */
function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) return s;
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Which findings a pull request touches: by file, or by changed line. */
export type Scope = 'changed-files' | 'changed-lines' | 'all';
export const SCOPES: readonly Scope[] = ['changed-files', 'changed-lines', 'all'];

/**
 * Whether the pull request touched the finding: its file (or, for `changed-lines`, a line of its
 * range) changed, or that of one of its related locations — a Service the pull request did not edit
 * is broken by the change to its Deployment's labels, and that is the pull request's own mistake.
 */
export function touches(f: Finding, changes: ChangedLines, scope: Scope): boolean {
  if (scope === 'all') return true;
  const hit = (file: string, line: number, endLine: number): boolean => {
    const ranges = changes.get(file);
    if (!ranges) return false;
    if (scope === 'changed-files') return true;
    // Hunks come in order and do not overlap: the first one ending at or after `line` decides.
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid][1] < line) lo = mid + 1;
      else hi = mid;
    }
    return lo < ranges.length && ranges[lo][0] <= endLine;
  };
  return hit(f.file, f.line, f.endLine) || f.related.some((r) => hit(r.file, r.line, r.endLine));
}
