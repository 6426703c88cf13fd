import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ChartSettings } from '../config/settings.js';
import { isObject, type RenderOutcome } from '../model/resources.js';
import { runTool, type ToolCommand } from './tools.js';

/** A chart as Chart.yaml (and requirements.yaml) describe it. */
export interface ChartInfo {
  /** Absolute chart folder. */
  dir: string;
  name: string;
  library: boolean;
  /** Declared dependencies: name and repository. */
  dependencies: { name: string; repository: string }[];
}

/** Reads what rendering needs from a chart folder; null when Chart.yaml is not a mapping. */
export function readChart(dir: string): ChartInfo | null {
  const chart = readYaml(path.join(dir, 'Chart.yaml'));
  if (!isObject(chart)) return null;
  const deps: unknown[] = [];
  if (Array.isArray(chart.dependencies)) deps.push(...chart.dependencies);
  const req = readYaml(path.join(dir, 'requirements.yaml'));
  if (isObject(req) && Array.isArray(req.dependencies)) deps.push(...req.dependencies);
  return {
    dir,
    name: typeof chart.name === 'string' && chart.name !== '' ? chart.name : path.basename(dir),
    library: chart.type === 'library',
    dependencies: deps.flatMap((d) =>
      isObject(d) && typeof d.name === 'string' ? [{ name: d.name, repository: typeof d.repository === 'string' ? d.repository : '' }] : [],
    ),
  };
}

/** The declared dependencies that `charts/` lacks (as a folder whose Chart.yaml names it, or as `<name>-<version>.tgz`). */
export function missingDependencies(chart: ChartInfo): string[] {
  if (chart.dependencies.length === 0) return [];
  const present = new Set<string>();
  const charts = path.join(chart.dir, 'charts');
  let entries: string[];
  try {
    entries = readdirSync(charts);
  } catch {
    entries = [];
  }
  for (const e of entries) {
    const sub = readYaml(path.join(charts, e, 'Chart.yaml'));
    if (isObject(sub) && typeof sub.name === 'string') present.add(sub.name);
    const tgz = /^(.+)-v?\d+\.\d+\.\d+.*\.tgz$/.exec(e);
    if (tgz) present.add(tgz[1]);
  }
  return chart.dependencies.filter((d) => !present.has(d.name)).map((d) => (d.repository ? `${d.name} (${d.repository})` : d.name));
}

/** Whether a chart folder sits in another chart's `charts/`: it is rendered as that chart's dependency. */
export function parentChart(dir: string): string | null {
  const up = path.dirname(dir);
  if (path.basename(up) !== 'charts') return null;
  const parent = path.dirname(up);
  return existsSync(path.join(parent, 'Chart.yaml')) ? parent : null;
}

/** One document of `helm template` output with the template file it came from (absolute; null when not on disk). */
export interface HelmDocument {
  text: string;
  template: string | null;
}

export type HelmRender = { outcome: RenderOutcome; documents?: HelmDocument[] };

/**
 * Renders a chart: `helm template <release> <chart> --namespace <ns> [-f values]…`. Missing
 * dependencies and library charts are not rendered (skipped, with the reason); a failing render is
 * the tool's own message; a render beyond the time bound is skipped.
 */
export async function renderChart(
  chart: ChartInfo,
  command: ToolCommand,
  opts: { settings: ChartSettings | undefined; namespace: string; kubernetesVersion: string; timeoutMs: number; cwd: string; shownDir: string },
): Promise<HelmRender> {
  const shown = `${command.shown} ${opts.shownDir}`;
  if (chart.library) return { outcome: { status: 'skipped', command: shown, reason: 'a library chart, rendered only by the charts that depend on it' } };
  const missing = missingDependencies(chart);
  if (missing.length > 0) {
    return { outcome: { status: 'skipped', command: shown, reason: `dependencies missing from charts/: ${missing.join(', ')} (helm dependency build)` } };
  }
  // The run's target Kubernetes version: charts check it against their kubeVersion, templates read .Capabilities.
  const args = [opts.settings?.releaseName ?? chart.name, chart.dir, '--namespace', opts.settings?.namespace ?? opts.namespace, '--kube-version', `${opts.kubernetesVersion}.0`];
  for (const v of opts.settings?.values ?? []) args.push('--values', v);
  const run = await runTool(command, args, { cwd: opts.cwd, timeoutMs: opts.timeoutMs });
  if (!run.ok) {
    if (run.timedOut) return { outcome: { status: 'skipped', command: shown, reason: `not rendered within ${opts.timeoutMs / 1000} s` } };
    return { outcome: { status: 'failed', command: shown, message: run.message } };
  }
  return { outcome: { status: 'rendered', command: shown }, documents: splitHelmOutput(run.stdout, (source) => templateFile(chart.dir, source)) };
}

/**
 * Splits `helm template` output (or the same piped in) into documents, each with the file its
 * `# Source: <chart>/templates/…` comment names (a document without one keeps the previous one's).
 */
export function splitHelmOutput(text: string, resolve: (source: string) => string | null): HelmDocument[] {
  const out: HelmDocument[] = [];
  let template: string | null = null;
  for (const piece of text.split(/^---[ \t]*(?:#.*)?$\n?/m)) {
    const source = /^# Source: (.+?)\s*$/m.exec(piece);
    if (source) template = resolve(source[1]);
    if (piece.trim() === '' && out.length === 0) continue;
    out.push({ text: piece, template });
  }
  return out;
}

/** The file a `# Source:` path names in a chart: `<chart>/templates/x.yaml`, `<chart>/charts/<sub>/templates/x.yaml`. */
export function templateFile(chartDir: string, source: string): string | null {
  const rest = source.split('/').slice(1).join('/');
  const file = path.join(chartDir, rest);
  return rest !== '' && existsSync(file) ? file : null;
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'), { logLevel: 'silent' }) as unknown;
  } catch {
    return null;
  }
}
