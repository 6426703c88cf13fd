import path from 'node:path';
import { ConfigError, loadConfig } from '../config/load-config.js';
import type { AnyRule } from '../engine/rule.js';
import { loadFiles } from '../load/load.js';
import { resourcesOf } from '../model/resources.js';
import { configuredPolicyMetas, type InlinePolicy } from '../policy/policies.js';
import { DEFAULT_NAMESPACE } from '../config/defaults.js';
import { UsageError, type Io } from './io.js';

/** The options `kubewire rules` and `explain` take to know the policies of a repository. */
export const POLICY_OPTIONS = {
  config: { type: 'string', short: 'c' },
  policy: { type: 'string', multiple: true },
} as const;

/**
 * The built-in rules plus one rule `policy/<name>` per policy of the config (`policies:`: files and
 * inline policies) and of --policy: what `kubewire rules` lists and `kubewire explain` explains.
 */
export function withConfiguredPolicies(io: Io, rules: readonly AnyRule[], values: { config?: string; policy?: string[] }): readonly AnyRule[] {
  let config;
  try {
    config = loadConfig({ cwd: io.cwd, file: values.config, rules });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const files = [
    ...(config.policies ?? []).filter((p): p is string => typeof p === 'string').map((p) => path.resolve(config.dir, p)),
    ...(values.policy ?? []).map((p) => path.resolve(io.cwd, p)),
  ];
  const inline = (config.policies ?? []).filter((p): p is InlinePolicy => typeof p !== 'string');
  if (files.length === 0 && inline.length === 0) return rules;
  const loaded = files.length > 0 ? loadFiles(files, { cwd: io.cwd }) : { files: [], errors: [] };
  if (loaded.errors.length > 0) throw new UsageError(loaded.errors[0]);
  const resources = loaded.files.flatMap((f) => resourcesOf(f, config.namespace ?? DEFAULT_NAMESPACE));
  const ids = new Set(rules.map((r) => r.meta.id));
  return [...rules, ...configuredPolicyMetas(resources, inline).filter((m) => !ids.has(m.id)).map((meta) => ({ meta }))];
}
