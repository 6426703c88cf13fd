import path from 'node:path';
import type { Settings } from '../engine/rule.js';
import { defaultCacheDir, isRemote } from '../schema/locations.js';
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_NAMESPACE } from './defaults.js';
import type { KubewireConfig } from './load-config.js';

/** What the command line (or the Action's inputs, or an editor's settings) says over the config. */
export interface SettingsOverrides {
  namespace?: string;
  kubernetesVersion?: string;
  completeness?: Settings['completeness'];
  /** Replace the config's schemaLocations (relative paths against cwd). */
  schemaLocations?: readonly string[];
  /** Replaces the config's cacheDir (relative to cwd). */
  cacheDir?: string;
  /** CRD files (relative to cwd) or URLs, added to the config's `crds`. */
  crds?: readonly string[];
}

/**
 * The one place a run's settings are worked out, for the CLI, the Action, the language server and
 * the graph alike: overrides, then the config file, then the defaults. Empty strings count as unset.
 */
export function resolveSettings(config: Pick<KubewireConfig, 'dir' | 'namespace' | 'kubernetesVersion' | 'completeness' | 'schemaLocations' | 'cacheDir' | 'gatewayApiChannel' | 'crds'> | null, cwd: string, overrides: SettingsOverrides = {}): Settings {
  const cacheDir = overrides.cacheDir
    ? path.resolve(cwd, overrides.cacheDir)
    : config?.cacheDir
      ? path.resolve(config.dir, config.cacheDir)
      : defaultCacheDir();
  return Object.freeze({
    namespace: overrides.namespace || config?.namespace || DEFAULT_NAMESPACE,
    kubernetesVersion: overrides.kubernetesVersion || config?.kubernetesVersion || DEFAULT_KUBERNETES_VERSION,
    completeness: overrides.completeness ?? config?.completeness ?? 'auto',
    cwd,
    schemaLocations: Object.freeze([...(overrides.schemaLocations?.length ? overrides.schemaLocations : (config?.schemaLocations ?? []))]),
    cacheDir,
    gatewayApiChannel: config?.gatewayApiChannel ?? 'standard',
    crds: Object.freeze([
      ...(config?.crds ?? []).map((c) => (isRemote(c) ? c : path.resolve(config!.dir, c))),
      ...(overrides.crds ?? []).map((c) => (isRemote(c) ? c : path.resolve(cwd, c))),
    ]),
  });
}

/** How one Helm chart is rendered (`render.charts` of `.kubewire.yaml`). */
export interface ChartSettings {
  readonly releaseName?: string;
  readonly namespace?: string;
  /** Absolute paths of values files (helm -f), in order. */
  readonly values: readonly string[];
}

/**
 * Whether and how Helm charts and Kustomize roots are rendered with the real tools (src/render/).
 * Commands are split on spaces; null means "find it": `kustomize build`, else `kubectl kustomize`;
 * `helm template`, looked up on `toolsPath`.
 */
export interface RenderSettings {
  readonly enabled: boolean;
  readonly kustomize: readonly string[] | null;
  readonly helm: readonly string[] | null;
  /** Time bound per chart and per root. */
  readonly timeoutMs: number;
  /** By absolute chart folder. */
  readonly charts: ReadonlyMap<string, ChartSettings>;
  /** Where the tools are looked up: KUBEWIRE_TOOLS_PATH when set, else PATH. */
  readonly toolsPath: string;
}

export const DEFAULT_RENDER_TIMEOUT_SECONDS = 60;

/** The render settings of a run: `--no-render` (enabled: false) over the config's `render`, then the defaults. */
export function resolveRenderSettings(
  config: Pick<KubewireConfig, 'dir' | 'render'> | null,
  overrides: { enabled?: boolean } = {},
  env: NodeJS.ProcessEnv = process.env,
): RenderSettings {
  const r = config?.render ?? {};
  const words = (s: string | undefined) => (s === undefined ? null : Object.freeze(s.trim().split(/\s+/)));
  const charts = new Map<string, ChartSettings>();
  for (const [dir, c] of Object.entries(r.charts ?? {})) {
    const abs = path.resolve(config!.dir, dir);
    charts.set(abs, Object.freeze({ releaseName: c.releaseName, namespace: c.namespace, values: Object.freeze((c.values ?? []).map((v) => path.resolve(abs, v))) }));
  }
  return Object.freeze({
    enabled: overrides.enabled ?? r.enabled ?? true,
    kustomize: words(r.kustomize),
    helm: words(r.helm),
    timeoutMs: (r.timeoutSeconds ?? DEFAULT_RENDER_TIMEOUT_SECONDS) * 1000,
    charts,
    toolsPath: env.KUBEWIRE_TOOLS_PATH ?? env.PATH ?? '',
  });
}
