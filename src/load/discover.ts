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

/**
 * What a folder's walk finds: manifests, kustomize's extension-less `Kustomization` (a Kustomize
 * root: src/load/inputs.ts), and the .gitignore files that decide which of them count.
 */
const WALK_GLOB = '**/{*.yaml,*.yml,*.json,Kustomization,.gitignore}';
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
      // One walk finds the manifests and the .gitignore files that decide which of them count.
      const entries = fg.sync(WALK_GLOB, { ...GLOB_OPTIONS, cwd: abs }).map((file) => path.normalize(file));
      const manifests = entries.filter((f) => path.basename(f) !== '.gitignore');
      const gitignore = new GitIgnores(abs, manifests.length === entries.length ? [] : entries.filter((f) => path.basename(f) === '.gitignore'));
      for (const f of manifests) {
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

/**
 * The .gitignore files that apply below a folder: those of its ancestors up to the repository root,
 * and those below it (found by the same walk as the manifests, so no folder is probed for one). A file
 * is ignored when the .gitignore of one of its folders ignores it or one of the folders between.
 */
class GitIgnores {
  /** Folder → the rules of its .gitignore. */
  private readonly rules = new Map<string, Ignore>();
  /** Folder → whether a .gitignore above it ignores it (or a folder between). */
  private readonly ignoredFolder = new Map<string, boolean>();
  /** The repository root (the folder itself when it is not in a repository): no rules above it apply. */
  private readonly top: string;

  /** `below`: the .gitignore files under `root`. */
  constructor(root: string, below: Iterable<string>) {
    let dir = root;
    const ancestors: string[] = [];
    for (;;) {
      ancestors.push(dir);
      if (existsSync(path.join(dir, '.git'))) break;
      const parent = path.dirname(dir);
      if (parent === dir) {
        // Not in a repository: only the folder's own .gitignore files apply.
        ancestors.length = 1;
        dir = root;
        break;
      }
      dir = parent;
    }
    this.top = dir;
    for (const a of ancestors) this.load(path.join(a, '.gitignore'));
    for (const file of below) this.load(file);
  }

  private load(file: string): void {
    const dir = path.dirname(file);
    if (this.rules.has(dir)) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    this.rules.set(dir, ignore().add(text));
  }

  ignores(file: string): boolean {
    const folder = path.dirname(file);
    if (this.folderIgnored(folder)) return true;
    return this.ignoredByAbove(folder, file, '');
  }

  /** Whether the rules of `from` or a folder above it (up to the top) ignore `target` (`suffix`: '/' for a folder). */
  private ignoredByAbove(from: string, target: string, suffix: string): boolean {
    for (let d = from; ; ) {
      const ig = this.rules.get(d);
      if (ig && ig.ignores(toPosix(path.relative(d, target)) + suffix)) return true;
      const parent = path.dirname(d);
      if (d === this.top || parent === d) return false;
      d = parent;
    }
  }

  private folderIgnored(folder: string): boolean {
    if (folder === this.top) return false;
    let yes = this.ignoredFolder.get(folder);
    if (yes !== undefined) return yes;
    const parent = path.dirname(folder);
    yes = parent !== folder && (this.folderIgnored(parent) || this.ignoredByAbove(parent, folder, '/'));
    this.ignoredFolder.set(folder, yes);
    return yes;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
