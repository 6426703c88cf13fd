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
