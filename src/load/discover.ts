import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface DiscoverOptions {
  cwd: string;
  /** gitignore-style patterns, relative to `ignoreBase` (the config file's folder). */
  ignorePaths?: string[];
  ignoreBase?: string;
}

interface DiscoverResult {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** One-line errors for paths that do not exist or match nothing. */
  errors: string[];
}

/** Manifests, plus kustomize's extension-less `Kustomization` (a Kustomize root: src/load/inputs.ts). */
const MANIFEST_GLOB = '**/{*.yaml,*.yml,*.json,Kustomization}';
/**
 * Folders never walked into: version control and dependencies (`.git`, `node_modules`, `vendor`:
 * other projects' files), `testdata`, which by Go's convention holds data that tests read (golden
 * outputs built from dummy values, partial objects, deliberately broken inputs), and `fake`, Go's
 * package of test doubles (client-go's fake clientsets), whose data feeds fake clients in unit tests:
 * neither is ever applied to a cluster. Naming such a folder (or a file in it) on the command line lints it.
 */
export const SKIPPED_FOLDERS: readonly string[] = ['.git', 'node_modules', 'vendor', 'testdata', 'fake'];
const ALWAYS_SKIPPED = SKIPPED_FOLDERS.map((f) => `**/${f}/**`);
const GLOB_CHARS = /[*?[\]{}]/;
/** Symbolic links to folders are not followed: no loops, and no walking out of the tree. */
const GLOB_OPTIONS = { absolute: true, dot: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true, ignore: ALWAYS_SKIPPED };

/**
 * Expands the paths of a `lint` call to manifest files. Directories are walked for .yaml/.yml/.json
 * files, skipping .git, node_modules and what .gitignore files ignore; files named explicitly are
 * always read (whatever their extension), unless the config's ignorePaths exclude them.
 */
export function discoverFiles(inputs: string[], options: DiscoverOptions): DiscoverResult {
  const { cwd } = options;
  const found = new Set<string>();
  const errors: string[] = [];
  const userIgnore = options.ignorePaths?.length ? ignore().add(options.ignorePaths) : null;
  const ignoreBase = options.ignoreBase ?? cwd;
  const ignoredByUser = (abs: string): boolean => {
    if (!userIgnore) return false;
    const rel = path.relative(ignoreBase, abs);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && userIgnore.ignores(toPosix(rel));
  };

  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = null;
    }
    if (stat?.isDirectory()) {
      const gitignore = new GitIgnores(abs);
      const entries = fg.sync(MANIFEST_GLOB, { ...GLOB_OPTIONS, cwd: abs });
      for (const file of entries) {
        const f = path.normalize(file);
        if (!gitignore.ignores(f) && !ignoredByUser(f)) found.add(f);
      }
    } else if (stat) {
      if (!ignoredByUser(abs)) found.add(abs);
    } else if (GLOB_CHARS.test(input)) {
      const entries = fg.sync(toPosix(input), { ...GLOB_OPTIONS, cwd });
      if (entries.length === 0) errors.push(`no files match the pattern "${input}"`);
      for (const file of entries) {
        const f = path.normalize(file);
        if (!ignoredByUser(f)) found.add(f);
      }
    } else {
      errors.push(`no such file or directory: ${input}`);
    }
  }
  return { files: [...found].sort(), errors };
}

/** The .gitignore files that apply below a folder: those of its ancestors up to the repository root, and its own. */
class GitIgnores {
  private readonly rules: { dir: string; ig: Ignore }[] = [];
  private readonly loaded = new Set<string>();

  constructor(private readonly root: string) {
    const ancestors: string[] = [];
    let dir = root;
    for (;;) {
      ancestors.unshift(dir);
      if (existsSync(path.join(dir, '.git'))) break;
      const parent = path.dirname(dir);
      if (parent === dir) {
        // Not in a repository: only the folder's own .gitignore files apply.
        ancestors.splice(0, ancestors.length - 1);
        break;
      }
      dir = parent;
    }
    for (const a of ancestors) this.load(a);
  }

  private load(dir: string): void {
    if (this.loaded.has(dir)) return;
    this.loaded.add(dir);
    let text: string;
    try {
      text = readFileSync(path.join(dir, '.gitignore'), 'utf8');
    } catch {
      return;
    }
    this.rules.push({ dir, ig: ignore().add(text) });
  }

  ignores(file: string): boolean {
    // Load the .gitignore of every folder between the root and the file, once.
    const rel = path.relative(this.root, path.dirname(file));
    let dir = this.root;
    for (const part of rel ? rel.split(path.sep) : []) {
      dir = path.join(dir, part);
      this.load(dir);
    }
    for (const { dir: base, ig } of this.rules) {
      const r = path.relative(base, file);
      if (r.startsWith('..') || path.isAbsolute(r)) continue;
      const posix = toPosix(r);
      if (ig.ignores(posix)) return true;
      // A file inside an ignored folder is ignored too.
      const parts = posix.split('/');
      for (let i = 1; i < parts.length; i++) {
        if (ig.ignores(parts.slice(0, i).join('/') + '/')) return true;
      }
    }
    return false;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
