import path from 'node:path';
import { isManifest, type FileRole, type LoadedFile } from '../model/resources.js';
import { discoverFiles, toPosix } from './discover.js';
import { classifyInputs } from './inputs.js';
import { parseYamlText, type ParseProblem, type StringTable } from './parse.js';
import { decodeText, readManifestFile } from './read.js';
import { templateOf, type TemplateKind } from './template.js';
import { stripBom } from './texts.js';

export interface LoadOptions {
  cwd: string;
  ignorePaths?: string[];
  ignoreBase?: string;
  /** Text read from stdin when a path is "-". */
  stdin?: string | Buffer;
  stdinFilename?: string;
}

export interface LoadResult {
  files: LoadedFile[];
  errors: string[];
}

/** The inputs resolved once, for the serial and the worker-thread paths alike: stdin, then the discovered files. */
export interface InputPlan {
  /** The "-" input, read already. */
  stdin: LoadedFile | null;
  /** Absolute paths of the files to read, in discovery order (chart templates are not read: src/load/inputs.ts). */
  paths: string[];
  /** What the folder structure says files are (Helm charts, Kustomize roots and patches, tool files), by absolute path. */
  roles: Map<string, FileRole>;
  errors: string[];
}

/** Discovery and stdin: the one place inputs (files, folders, globs, "-") become a list of files to read. */
export function planInputs(inputs: string[], opts: LoadOptions): InputPlan {
  const rest = inputs.filter((p) => p !== '-');
  const stdin = rest.length !== inputs.length ? loadStdin(opts) : null;
  if (rest.length === 0) return { stdin, paths: [], roles: new Map(), errors: [] };
  const found = discoverFiles(rest, { cwd: opts.cwd, ignorePaths: opts.ignorePaths, ignoreBase: opts.ignoreBase });
  const layout = classifyInputs(found.files, opts.cwd);
  return { stdin, paths: layout.paths, roles: layout.roles, errors: found.errors };
}

/** Gives loaded files the roles planInputs found for them (after loading, on whichever thread parsed them). */
export function assignRoles(files: readonly LoadedFile[], roles: ReadonlyMap<string, FileRole>): void {
  for (const f of files) {
    const role = roles.get(f.absPath);
    if (role) f.role = role;
  }
}

/**
 * The per-file loop: reads and parses each path (worker threads run it on their share too). `keep`
 * gives what is kept of each file (src/load/texts.ts), then `each` sees it; with `keep`, the values
 * of the files share their strings and hold nothing of the texts (parseYamlText).
 */
export function loadPaths(
  paths: readonly string[],
  cwd: string,
  each?: (file: LoadedFile) => void,
  keep?: (file: LoadedFile) => LoadedFile,
  /** The files' sizes where the caller has them (not looked up again). */
  sizes?: readonly (number | undefined)[],
): LoadResult {
  const files: LoadedFile[] = [];
  const errors: string[] = [];
  // Values outlive the texts only when `keep` lets the texts go: only then are they made compact (parseYamlText).
  const strings: StringTable | undefined = keep ? new Map() : undefined;
  for (let i = 0; i < paths.length; i++) {
    const abs = paths[i];
    const r = loadFile(abs, cwd, strings, sizes?.[i]);
    if ('error' in r) errors.push(r.error);
    else {
      const file = keep ? keep(r) : r;
      files.push(file);
      each?.(file);
    }
  }
  return { files, errors };
}

/** Reads and parses every input on this thread (the language server; `lint` uses loadInputs). Bad input becomes problems or one-line errors, never exceptions. */
export function loadFiles(inputs: string[], opts: LoadOptions): LoadResult {
  const plan = planInputs(inputs, opts);
  const loaded = loadPaths(plan.paths, opts.cwd);
  assignRoles(loaded.files, plan.roles);
  return { files: plan.stdin ? [plan.stdin, ...loaded.files] : loaded.files, errors: [...plan.errors, ...loaded.errors] };
}

/** Reads and parses one discovered file, as loadFiles does for each (the parallel loader's worker threads call it). */
export function loadFile(abs: string, cwd: string, strings?: StringTable, size?: number): LoadedFile | { error: string } {
  const shown = displayPath(cwd, abs);
  const read = readManifestFile(abs, shown, size);
  if ('error' in read) return { error: read.error };
  return fromRead(shown, abs, read, strings);
}

/** The "-" input: stdin's bytes, named by --stdin-filename (relative to the working directory) or `<stdin>`. */
export function loadStdin(opts: Pick<LoadOptions, 'cwd' | 'stdin' | 'stdinFilename'>): LoadedFile {
  const bytes = typeof opts.stdin === 'string' ? Buffer.from(opts.stdin, 'utf8') : (opts.stdin ?? Buffer.alloc(0));
  const absPath = opts.stdinFilename ? path.resolve(opts.cwd, opts.stdinFilename) : '';
  return loadBytes(bytes, displayPath(opts.cwd, absPath) || opts.stdinFilename || '<stdin>', absPath);
}

/** Builds a loaded file from bytes held in memory (stdin, fixtures): binary and non-UTF-8 input become problems. */
export function loadBytes(bytes: Uint8Array, displayName: string, absPath = ''): LoadedFile {
  return fromRead(displayName, absPath, decodeText(bytes));
}

/** Builds a loaded file from text held in memory (the language server's open documents, tests). */
export function loadText(text: string, displayName: string, absPath = ''): LoadedFile {
  return fromText(displayName, absPath, text);
}

function fromRead(shown: string, absPath: string, read: { text?: string; problem?: ParseProblem }, strings?: StringTable): LoadedFile {
  if (read.problem) return { path: shown, absPath, text: '', documents: [], problems: [read.problem] };
  return fromText(shown, absPath, read.text!, strings);
}

function fromText(shown: string, absPath: string, raw: string, strings?: StringTable): LoadedFile {
  const text = stripBom(raw);
  // A .json file is a manifest only when it is one JSON object with apiVersion and kind (or a List):
  // package.json, tsconfig.json (JSONC), JSON lines, dashboards and API descriptions are read and skipped.
  if (JSON_FILE.test(absPath || shown) && !isJsonManifest(text)) return { path: shown, absPath, text: '', documents: [], problems: [] };
  const { text: copy, ...parsed } = parseYamlText(text, strings);
  // A template (Go template, placeholders, envsubst): its YAML only exists once rendered or substituted.
  const t = templateOf(text, parsed.problems.some((p) => p.kind === 'syntax'), parsed.documents);
  if (t) return templateFile(shown, absPath, text, t.kind, t.index, t.token);
  return { path: shown, absPath, text: copy ?? text, ...parsed };
}

const JSON_FILE = /\.json$/i;

/** Whether JSON text is one Kubernetes object (apiVersion and kind as strings; a List is one too). */
function isJsonManifest(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return isManifest(value);
}

/** A template file: no documents, one problem at its first template token. */
function templateFile(shown: string, absPath: string, text: string, kind: TemplateKind, index: number, token: string): LoadedFile {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { path: shown, absPath, text, documents: [], problems: [{ kind, message: token, range: { line, column, endLine: line, endColumn: column + token.length } }] };
}

export function displayPath(cwd: string, abs: string): string {
  if (!abs) return '';
  const rel = path.relative(cwd, abs);
  return toPosix(rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel);
}
