import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TOOL } from './tool.js';

/** The folder holding kubewire's package.json, found from this module (works from src/, dist/ and the Action bundle). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'kubewire') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** Defined (true) by scripts/build-action.mjs and build-cli.mjs: the bundle carries the worker entry points beside itself. */
declare const KUBEWIRE_WORKERS_BESIDE: boolean | undefined;

/**
 * A module of the compiled package by its path under `dist/` (e.g. `src/load/load-worker.js`), for
 * what runs in its own context (worker threads): in the Action bundle, the bundled entry point of
 * that name beside it (dist/action/load-worker.js, dist/cli/load-worker.mjs); next to this module when it runs from dist/src;
 * else (the CLI bundle) under the package root; null when it is not there.
 */
export function distModule(rel: string): URL | null {
  const here = fileURLToPath(import.meta.url);
  if (typeof KUBEWIRE_WORKERS_BESIDE !== 'undefined' && KUBEWIRE_WORKERS_BESIDE) {
    // The Action's entry points are .js files, the CLI's .mjs (dist/cli is inside the package).
    for (const name of [path.basename(rel), path.basename(rel).replace(/\.js$/, '.mjs')]) {
      const beside = path.join(path.dirname(here), name);
      if (existsSync(beside)) return pathToFileURL(beside);
    }
    return null;
  }
  const own = path.join(path.dirname(here), '..', '..', rel);
  if (here.endsWith(path.join('dist', 'src', 'engine', 'package-info.js')) && existsSync(own)) return pathToFileURL(own);
  const underRoot = path.join(packageRoot(), 'dist', rel);
  return existsSync(underRoot) ? pathToFileURL(underRoot) : null;
}

/** The tool's name and version (generated from package.json at build time; no file is read). */
export function packageInfo(): { name: string; version: string } {
  return TOOL;
}

/** The repository of package.json (generated into TOOL). */
export const REPOSITORY_URL: string = TOOL.repository;

/** The tag of this release (`v<version>`): docs links point at the docs of the version that reported. */
export const RELEASE_TAG = `v${TOOL.version}`;

/** The folder of the repository at this release's tag, for links into it (`…/blob/v0.1.0/`). */
export const RELEASE_DOCS_BASE = `${REPOSITORY_URL}/blob/${RELEASE_TAG}/`;

export function ruleDocsUrl(id: string): string {
  // A team's policy (policy/<name>) has no page of its own: the README says how policies work.
  if (id.startsWith('policy/')) return `${RELEASE_DOCS_BASE}README.md#policies`;
  return `${RELEASE_DOCS_BASE}rules/${id}/README.md`;
}
