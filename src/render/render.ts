import os from 'node:os';
import path from 'node:path';
import type { RenderSettings } from '../config/settings.js';
import { displayPath, type InputPlan } from '../load/load.js';
import { parseYamlText } from '../load/parse.js';
import type { LoadedFile, RenderOutcome } from '../model/resources.js';
import { parentChart, readChart, renderChart, splitHelmOutput, templateFile, type ChartInfo } from './helm.js';
import { buildChain, buildRoot, kustomizationIn, ORIGIN_ANNOTATION, readKustomization, type KustomizationInfo, type KustomizeDocument } from './kustomize.js';
import { helmCommand, kustomizeCommand } from './tools.js';

/** Where a document of rendered output came from. */
export type DocumentSource =
  | { tool: 'kustomize'; root: KustomizationInfo; chain: KustomizationInfo[]; origin: KustomizeDocument['origin'] }
  | { tool: 'helm'; chart: ChartInfo | null; template: string | null };

/** The output of one build or render, as an input file of its own: `path` is `[kustomize build <dir>]`, never a real file. */
export interface RenderedFile {
  file: LoadedFile;
  /** Per document (index = document index in `file`): its source. */
  sources: DocumentSource[];
  /** Per document: the line it starts on in `file.text`. */
  startLines: number[];
  /** The file whose findings map back when nothing better is known (the kustomization, Chart.yaml). */
  fallback: string;
  /** The namespace of its objects without metadata.namespace, when not the run's: a chart's release namespace. */
  namespace?: string;
}

export interface RenderResult {
  /** Render outcome by the absolute path of the kustomization file or Chart.yaml. */
  outcomes: Map<string, RenderOutcome>;
  rendered: RenderedFile[];
  /** Files whose objects a build holds: absolute path → the root's folder as shown. */
  consumed: Map<string, string>;
}

/**
 * Renders the Helm charts and builds the Kustomize roots of the input with the real tools (when the
 * settings allow and the tools are found), a few at a time, while the caller parses the input.
 * Roots that another root of the input includes are built only through it (unless every root that
 * includes them failed); charts inside another chart's `charts/` only through that chart.
 */
export async function renderInputs(plan: Pick<InputPlan, 'roles'>, settings: RenderSettings, opts: { cwd: string; namespace: string; kubernetesVersion: string }): Promise<RenderResult> {
  const result: RenderResult = { outcomes: new Map(), rendered: [], consumed: new Map() };
  if (!settings.enabled) return result;
  const shown = (dir: string) => displayPath(opts.cwd, dir) || '.';
  const jobs: (() => Promise<void>)[] = [];

  const kustomizations = [...plan.roles].filter(([, r]) => r.kind === 'kustomization').map(([file]) => file).sort();
  const kCommand = kustomizations.length > 0 ? kustomizeCommand(settings) : null;
  const roots = new Map<string, KustomizationInfo>();
  if (kCommand) {
    const cache = new Map<string, KustomizationInfo | null>();
    const read = (dir: string): KustomizationInfo | null => {
      if (!cache.has(dir)) {
        const file = kustomizationIn(dir);
        cache.set(dir, file ? readKustomization(file) : null);
      }
      return cache.get(dir)!;
    };
    for (const file of kustomizations) {
      const k = read(path.dirname(file));
      if (k) roots.set(k.dir, k);
    }
    const includedBy = new Map<string, string[]>();
    for (const k of roots.values()) for (const d of k.includes) if (roots.has(d)) includedBy.set(d, [...(includedBy.get(d) ?? []), k.dir]);
    const build = async (k: KustomizationInfo) => {
      const chain = buildChain(k, read);
      const b = await buildRoot(k, chain.some((c) => c.needsNetwork), kCommand, { cwd: opts.cwd, timeoutMs: settings.timeoutMs, shownDir: shown(k.dir) });
      result.outcomes.set(k.file, b.outcome);
      if (!b.documents) return;
      for (const d of b.documents) if (d.origin.file) result.consumed.set(d.origin.file, result.consumed.get(d.origin.file) ?? shown(k.dir));
      result.rendered.push(
        renderedFile(
          `[${kCommand.shown} ${shown(k.dir)}]`,
          b.documents.map((d) => d.text),
          b.documents.map((d) => ({ tool: 'kustomize', root: k, chain, origin: d.origin })),
          k.file,
        ),
      );
    };
    // First the roots nothing includes; then the included ones whose includers all failed to build.
    const tops = [...roots.values()].filter((k) => !includedBy.has(k.dir) && !k.component);
    jobs.push(async () => {
      await pool(tops.map((k) => () => build(k)));
      const second: KustomizationInfo[] = [];
      for (const k of roots.values()) {
        if (result.outcomes.has(k.file)) continue;
        const by = (includedBy.get(k.dir) ?? []).find((d) => isIncludedThrough(d, roots, includedBy, result.outcomes));
        if (by !== undefined) result.outcomes.set(k.file, { status: 'included', by: shown(by) });
        else if (k.component) result.outcomes.set(k.file, { status: 'skipped', command: `${kCommand.shown} ${shown(k.dir)}`, reason: 'a Component, built only by the roots that include it' });
        else second.push(k);
      }
      await pool(second.map((k) => () => build(k)));
    });
  }

  const charts = [...plan.roles].filter(([, r]) => r.kind === 'chart').map(([file]) => file).sort();
  const hCommand = charts.length > 0 ? helmCommand(settings) : null;
  if (hCommand) {
    const inInput = new Set(charts.map((f) => path.dirname(f)));
    const chartJobs: (() => Promise<void>)[] = [];
    for (const file of charts) {
      const dir = path.dirname(file);
      const parent = parentChart(dir);
      if (parent !== null && inInput.has(parent)) {
        result.outcomes.set(file, { status: 'included', by: shown(parent) });
        continue;
      }
      const chart = readChart(dir);
      if (!chart) continue;
      chartJobs.push(async () => {
        const r = await renderChart(chart, hCommand, {
          settings: settings.charts.get(dir),
          namespace: opts.namespace,
          kubernetesVersion: opts.kubernetesVersion,
          timeoutMs: settings.timeoutMs,
          cwd: opts.cwd,
          shownDir: shown(dir),
        });
        result.outcomes.set(file, r.outcome);
        if (!r.documents) return;
        const out = renderedFile(
          `[${hCommand.shown} ${shown(dir)}]`,
          r.documents.map((d) => d.text),
          r.documents.map((d) => ({ tool: 'helm', chart, template: d.template })),
          file,
        );
        const namespace = settings.charts.get(dir)?.namespace;
        result.rendered.push(namespace ? { ...out, namespace } : out);
      });
    }
    jobs.push(() => pool(chartJobs));
  }
  await Promise.all(jobs.map((j) => j()));
  // Deterministic order whatever finished first.
  result.rendered.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
  return result;
}

/** Whether the root `dir` (an includer) is judged: built, or itself included through a built root. */
function isIncludedThrough(dir: string, roots: Map<string, KustomizationInfo>, includedBy: Map<string, string[]>, outcomes: Map<string, RenderOutcome>, seen = new Set<string>()): boolean {
  if (seen.has(dir)) return false;
  seen.add(dir);
  const k = roots.get(dir);
  if (!k) return false;
  if (outcomes.get(k.file)?.status === 'rendered') return true;
  return (includedBy.get(dir) ?? []).some((d) => isIncludedThrough(d, roots, includedBy, outcomes, seen));
}

/**
 * Piped `helm template` output (stdin) whose `# Source:` files exist under the working directory:
 * the same mapping back to the templates as a chart kubewire rendered itself. Null otherwise.
 */
export function renderedStdin(file: LoadedFile, cwd: string): RenderedFile | null {
  if (!file.text.includes('# Source: ')) return null;
  const resolve = (source: string): string | null => {
    const chartDir = path.join(cwd, source.split('/')[0]);
    const inCwd = templateFile(chartDir, source);
    // `helm template .` run in the chart's own folder names it by the chart's name.
    return inCwd ?? templateFile(cwd, source);
  };
  const docs = splitHelmOutput(file.text, resolve);
  if (docs.length !== file.documents.length || docs.every((d) => d.template === null)) return null;
  const startLines: number[] = [];
  let before = false;
  file.text.split('\n').forEach((l, i) => {
    if (/^---[ \t]*(?:#.*)?$/.test(l)) startLines.push(i + 1);
    else if (startLines.length === 0 && l.trim() !== '') before = true;
  });
  if (before) startLines.unshift(1);
  if (startLines.length !== docs.length) return null;
  const sources: DocumentSource[] = docs.map((d) => ({ tool: 'helm', chart: null, template: d.template }));
  return { file, sources, startLines, fallback: '' };
}

/** Joins rendered documents into one text, each after its own `---` line, and parses it. */
function renderedFile(name: string, pieces: string[], sources: DocumentSource[], fallback: string): RenderedFile {
  const startLines: number[] = [];
  let text = '';
  let line = 1;
  for (const p of pieces) {
    const body = p.endsWith('\n') ? p : `${p}\n`;
    startLines.push(line);
    text += `---\n${body}`;
    line += 1 + body.split('\n').length - 1;
  }
  const parsed = parseYamlText(text);
  const file: LoadedFile = { path: name, absPath: '', text, ...parsed };
  // Kustomize's origin annotation is kubewire's request, not part of the object.
  for (const d of parsed.documents) {
    const v = d.value as { metadata?: { annotations?: Record<string, unknown> } } | null;
    const annotations = v?.metadata?.annotations;
    if (annotations && ORIGIN_ANNOTATION in annotations) {
      delete annotations[ORIGIN_ANNOTATION];
      if (Object.keys(annotations).length === 0) delete v.metadata!.annotations;
    }
  }
  return { file, sources, startLines, fallback };
}

/** Runs jobs a few at a time (one per core): the tools are processes of their own. */
async function pool(jobs: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(jobs.length, Math.max(1, os.availableParallelism())) }, worker));
}
