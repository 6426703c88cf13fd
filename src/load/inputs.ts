import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { FileRole } from '../model/resources.js';
import { toPosix } from './discover.js';

/** The files to read and what the folder structure says they are. */
export interface InputLayout {
  /** The paths to read: the given ones without chart templates, plus the Chart.yaml of each chart whose templates were given. */
  paths: string[];
  /** Roles by absolute path, for files that are not plain manifest files. */
  roles: Map<string, FileRole>;
}

const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
/** Helm values files, by name, whatever they contain (values.yaml, values-prod.yaml, values.schema.json…). */
const VALUES_FILE = /^values\b.*\.(ya?ml|json)$/i;
/**
 * A file named as a patch (`patch.yaml`, `sidecar-patch.yaml`, `patch_env.yaml`, `x.patch.yaml`,
 * `patches.yaml`): the input of `kubectl patch` or of a root outside the input, a partial object.
 */
const PATCH_FILE = /(?:^|[-_.])patch(?:es)?(?:[-_.][^/]*)?\.(?:ya?ml|json)$/i;
/** Files of a chart folder that are Helm's, not Kubernetes objects. */
const CHART_TOOL_FILES = new Set(['Chart.lock', 'requirements.yaml', 'requirements.lock']);

/**
 * Classifies input files by the folder structure (discovery calls it on the files it found):
 * - a folder with `Chart.yaml` is a Helm chart: the files under its `templates/` are chart templates,
 *   not read at all; its `Chart.yaml`, `Chart.lock`, `requirements.*` and `ci/` values files are Helm's;
 * - `values*.yaml` anywhere are Helm values;
 * - a folder with `kustomization.yaml` (`.yml`, `Kustomization`) is a Kustomize root: the files it uses as
 *   patches are patches, its transformer, generator and replacement configs are kustomize's.
 * Paths a kustomization names are resolved against its folder; a file any root uses as a patch is a patch.
 * - a file named as a patch (PATCH_FILE) that no root of the input uses is `kubectl patch`'s input.
 */
export function classifyInputs(paths: readonly string[], cwd: string): InputLayout {
  const roles = new Map<string, FileRole>();
  const shown = (dir: string) => {
    const rel = toPosix(path.relative(cwd, dir));
    return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? toPosix(dir) : rel;
  };
  const charts = new Map<string, boolean>();
  const isChart = (dir: string): boolean => {
    let yes = charts.get(dir);
    if (yes === undefined) charts.set(dir, (yes = existsSync(path.join(dir, 'Chart.yaml'))));
    return yes;
  };
  /** The chart folder whose `templates/` (or `ci/`) holds the file, if any. */
  const chartAbove = (file: string, folder: string): string | null => {
    for (let dir = path.dirname(file); ; ) {
      const parent = path.dirname(dir);
      if (parent === dir) return null;
      if (path.basename(dir) === folder && isChart(parent)) return parent;
      dir = parent;
    }
  };

  const out: string[] = [];
  const wanted = new Set(paths);
  for (const file of paths) {
    const templateOf = chartAbove(file, 'templates');
    if (templateOf !== null) {
      // Not YAML until rendered: not read. The chart's Chart.yaml says so, once.
      const chartFile = path.join(templateOf, 'Chart.yaml');
      if (!wanted.has(chartFile)) {
        wanted.add(chartFile);
        out.push(chartFile);
      }
      continue;
    }
    out.push(file);
  }
  for (const file of out) {
    const name = path.basename(file);
    if (name === 'Chart.yaml') roles.set(file, { kind: 'chart', dir: shown(path.dirname(file)) });
    else if (CHART_TOOL_FILES.has(name) && isChart(path.dirname(file))) roles.set(file, { kind: 'tool', tool: 'Helm' });
    else if (VALUES_FILE.test(name) || chartAbove(file, 'ci') !== null) roles.set(file, { kind: 'tool', tool: 'Helm values' });
    if (!KUSTOMIZATION_FILES.has(name)) continue;
    const dir = path.dirname(file);
    const uses = kustomizationUses(file);
    // A Flux `Kustomization` object saved as kustomization.yaml is an API object, not a root.
    if (uses === null) continue;
    roles.set(file, { kind: 'kustomization', dir: shown(dir) });
    for (const p of uses.patches) roles.set(path.resolve(dir, p), { kind: 'patch', dir: shown(dir) });
    for (const p of uses.configs) {
      const abs = path.resolve(dir, p);
      if (roles.get(abs)?.kind !== 'patch') roles.set(abs, { kind: 'tool', tool: 'kustomize' });
    }
  }
  for (const file of out) {
    if (!roles.has(file) && PATCH_FILE.test(path.basename(file))) roles.set(file, { kind: 'tool', tool: 'a patch (kubectl patch)' });
  }
  return { paths: out.sort(), roles };
}

/** The chart folder whose `templates/` holds a file, or null (for a single file: the language server's open documents). */
export function chartOfTemplate(file: string): string | null {
  for (let dir = path.dirname(file); ; ) {
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    if (path.basename(dir) === 'templates' && existsSync(path.join(parent, 'Chart.yaml'))) return parent;
    dir = parent;
  }
}

/**
 * The files a kustomization uses as patches, and as configs of its transformers, generators and
 * replacements; null when the file is no kustomization (an apiVersion other than kustomize's).
 */
export function kustomizationUses(file: string): { patches: string[]; configs: string[] } | null {
  const patches: string[] = [];
  const configs: string[] = [];
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'), { logLevel: 'silent' });
  } catch {
    return { patches, configs }; // unreadable or not YAML: kustomize fails on it, nothing to learn here
  }
  if (!isRecord(doc)) return { patches, configs };
  if (typeof doc.apiVersion === 'string' && !doc.apiVersion.startsWith('kustomize.config.k8s.io/')) return null;
  const paths = (list: unknown, field: string | null, into: string[]) => {
    if (!Array.isArray(list)) return;
    for (const entry of list as unknown[]) {
      // `patches: [file.yaml]` (a path instead of `{path: …}`) is read as a path too, as by kustomize's legacy fix-ups.
      const p: unknown = isRecord(entry) && field !== null ? entry[field] : entry;
      // A string with a line break is an inline patch, not a file.
      if (typeof p === 'string' && p !== '' && !p.includes('\n')) into.push(p);
    }
  };
  paths(doc.patches, 'path', patches);
  paths(doc.patchesStrategicMerge, null, patches);
  paths(doc.patchesJson6902, 'path', patches);
  for (const field of ['transformers', 'generators', 'validators', 'configurations']) paths(doc[field], null, configs);
  paths(doc.replacements, 'path', configs);
  paths(doc.helmCharts, 'valuesFile', configs);
  return { patches, configs };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
