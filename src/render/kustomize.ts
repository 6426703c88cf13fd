import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { parseYamlText, type ParsedDocument } from '../load/parse.js';
import { isObject, type RenderOutcome } from '../model/resources.js';
import { runTool, type ToolCommand } from './tools.js';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Resources kustomize fetches over the network (a git repository, a URL). */
const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|git::|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=/;
/** Where kustomize records a resource's origin (`buildMetadata: [originAnnotations]`). */
export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/** What a kustomization says about the roots it includes and the patches it applies. */
export interface KustomizationInfo {
  /** Absolute folder of the root. */
  dir: string;
  /** Absolute path of the kustomization file. */
  file: string;
  component: boolean;
  /** Folders of local resources, bases and components that are Kustomize roots. */
  includes: string[];
  /** Remote resources or `helmCharts`: a build needs the network or a plugin. */
  needsNetwork: boolean;
  patches: PatchRef[];
}

/** A patch of a kustomization: a file (absolute) or inline text at `/patches/<i>/patch` of the kustomization. */
export interface PatchRef {
  file: string | null;
  /** Pointer of the entry in the kustomization (for inline patches and JSON6902 targets). */
  entry: string;
  target: { kind?: string; name?: string } | null;
  /** The patch's documents, with their index in the file (a JSON6902 patch is a list of operations). */
  documents: ParsedDocument[];
}

/** The kustomization file of a folder, or null. */
export function kustomizationIn(dir: string): string | null {
  for (const name of KUSTOMIZATION_FILES) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  return null;
}

/** Reads a kustomization: included roots, remote inputs, patches. Null when it is not readable YAML or no kustomization. */
export function readKustomization(file: string): KustomizationInfo | null {
  const doc = readYaml(file)[0]?.value;
  if (!isObject(doc)) return null;
  if (typeof doc.apiVersion === 'string' && !doc.apiVersion.startsWith('kustomize.config.k8s.io/')) return null;
  const dir = path.dirname(file);
  const includes: string[] = [];
  let needsNetwork = Array.isArray(doc.helmCharts) && doc.helmCharts.length > 0;
  for (const field of ['resources', 'bases', 'components']) {
    const list = doc[field];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (typeof entry !== 'string') continue;
      if (REMOTE.test(entry)) {
        needsNetwork = true;
        continue;
      }
      const abs = path.resolve(dir, entry);
      if (kustomizationIn(abs) !== null) includes.push(abs);
    }
  }
  const patches: PatchRef[] = [];
  const add = (list: unknown, field: string, objects: boolean) => {
    if (!Array.isArray(list)) return;
    list.forEach((entry: unknown, i) => {
      const e = objects && isObject(entry) ? entry : null;
      const target = e && isObject(e.target) ? { kind: str(e.target.kind), name: str(e.target.name) } : null;
      const p = e ? e.path : entry;
      if (typeof p === 'string' && p !== '' && !p.includes('\n')) {
        const abs = path.resolve(dir, p);
        patches.push({ file: abs, entry: `/${field}/${i}`, target, documents: readYaml(abs) });
      } else if (e && typeof e.patch === 'string') {
        patches.push({ file: null, entry: `/${field}/${i}/patch`, target, documents: parseAll(e.patch) });
      } else if (typeof entry === 'string' && entry.includes('\n')) {
        patches.push({ file: null, entry: `/${field}/${i}`, target, documents: parseAll(entry) });
      }
    });
  };
  add(doc.patches, 'patches', true);
  add(doc.patchesStrategicMerge, 'patchesStrategicMerge', false);
  add(doc.patchesJson6902, 'patchesJson6902', true);
  return { dir, file, component: doc.kind === 'Component', includes, needsNetwork, patches };
}

/** The kustomizations a root builds from, the root last (patches of later ones win), each once; bounded by what is on disk. */
export function buildChain(root: KustomizationInfo, read: (dir: string) => KustomizationInfo | null): KustomizationInfo[] {
  const out: KustomizationInfo[] = [];
  const seen = new Set<string>();
  const visit = (k: KustomizationInfo) => {
    if (seen.has(k.dir)) return;
    seen.add(k.dir);
    for (const d of k.includes) {
      const sub = read(d);
      if (sub) visit(sub);
    }
    out.push(k);
  };
  visit(root);
  return out;
}

/** A built document and where kustomize says it came from (absolute file, or the kustomization that generated it). */
export interface KustomizeDocument {
  text: string;
  origin: { file: string | null; configuredIn: string | null; generator: string | null };
}

export type KustomizeBuild = { outcome: RenderOutcome; documents?: KustomizeDocument[] };

/**
 * Builds a root with origin annotations, never writing to the user's files: a temporary
 * kustomization includes the root (by a relative path, as kustomize requires) and asks for
 * `buildMetadata: [originAnnotations]`; the annotation is read and removed from each document.
 * A failing build is the tool's message; one that needs the network (remote resources, helmCharts)
 * and fails, or that runs past the time bound, is skipped with the reason.
 */
export async function buildRoot(
  root: KustomizationInfo,
  chainNeedsNetwork: boolean,
  command: ToolCommand,
  opts: { cwd: string; timeoutMs: number; shownDir: string },
): Promise<KustomizeBuild> {
  const shown = `${command.shown} ${opts.shownDir}`;
  const wrapper = mkdtempSync(path.join(os.tmpdir(), 'kubewire-kustomize-'));
  try {
    const rel = path.relative(wrapper, root.dir).split(path.sep).join('/');
    writeFileSync(path.join(wrapper, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(rel)}\nbuildMetadata: [originAnnotations]\n`);
    const run = await runTool(command, [wrapper], { cwd: opts.cwd, timeoutMs: opts.timeoutMs });
    if (!run.ok) {
      if (run.timedOut) return { outcome: { status: 'skipped', command: shown, reason: `not built within ${opts.timeoutMs / 1000} s` } };
      const message = cleanMessage(run.message, wrapper, opts.cwd);
      if (chainNeedsNetwork) return { outcome: { status: 'skipped', command: shown, reason: `it needs remote resources or helmCharts: ${message}` } };
      // A root in a chart's folder builds the chart's rendered output (Argo CD's kustomized-helm, helm --post-renderer): not buildable alone.
      if (existsSync(path.join(root.dir, 'Chart.yaml'))) {
        return { outcome: { status: 'skipped', command: shown, reason: `the folder is also a Helm chart, whose output it likely builds: ${message}` } };
      }
      return { outcome: { status: 'failed', command: shown, message } };
    }
    const documents = run.stdout
      .split(/^---[ \t]*$\n?/m)
      .filter((t) => t.trim() !== '')
      .map((text) => ({ text, origin: originOf(text, wrapper) }));
    return { outcome: { status: 'rendered', command: shown }, documents };
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
}

/** The origin annotation of a built document, its paths made absolute (they are relative to the temporary root). */
function originOf(text: string, wrapper: string): KustomizeDocument['origin'] {
  let value: unknown;
  try {
    value = parse(text, { logLevel: 'silent' });
  } catch {
    value = null;
  }
  const meta = isObject(value) && isObject(value.metadata) ? value.metadata : null;
  const raw = meta && isObject(meta.annotations) ? meta.annotations[ORIGIN_ANNOTATION] : undefined;
  let o: unknown;
  try {
    o = typeof raw === 'string' ? parse(raw, { logLevel: 'silent' }) : null;
  } catch {
    o = null;
  }
  if (!isObject(o)) return { file: null, configuredIn: null, generator: null };
  const local = typeof o.repo !== 'string';
  return {
    file: local && typeof o.path === 'string' ? path.resolve(wrapper, o.path) : null,
    configuredIn: local && typeof o.configuredIn === 'string' ? path.resolve(wrapper, o.configuredIn) : null,
    generator: isObject(o.configuredBy) && typeof o.configuredBy.kind === 'string' ? o.configuredBy.kind : null,
  };
}

/** The tool's message, first lines, without the temporary root and with paths shown relative to the working directory. */
function cleanMessage(message: string, wrapper: string, cwd: string): string {
  let m = message.replace(/^Error:\s*/, '');
  // The temporary root's own frame: "accumulating resources: accumulation err='accumulating resources from '<root>': …".
  m = m.replace(/^accumulating resources: accumulation err='accumulating resources from '[^']*': /, '');
  // Kustomize tried the root as a file, then as a folder: the second is the message.
  const target = /must resolve to a file'?: couldn't make target for path '[^']*': ([\s\S]*)$/.exec(m);
  if (target) m = target[1];
  m = m.split(wrapper).join('<temporary root>');
  m = m.split(cwd + path.sep).join('');
  m = m.replace(/\s+/g, ' ').trim();
  return m.length > 200 ? `${m.slice(0, 199)}…` : m;
}

/** The documents of a YAML file ([] when unreadable). */
function readYaml(file: string): ParsedDocument[] {
  try {
    return parseAll(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}

function parseAll(text: string): ParsedDocument[] {
  return parseYamlText(text).documents;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
