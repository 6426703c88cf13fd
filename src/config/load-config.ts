import { Ajv, type ErrorObject } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { RuleSetting } from '../engine/run.js';
import type { AnyRule } from '../engine/rule.js';
import { PositionResolver } from '../load/positions.js';
import { pointerToPath } from '../model/pointer.js';
import type { Severity } from '../model/types.js';
import { closest } from '../text/closest.js';
import { buildConfigSchema } from './schema.js';
import type { InlinePolicy } from '../policy/policies.js';

const CONFIG_FILE_NAMES = ['.kubewire.yaml', '.kubewire.yml'];

export interface KubewireConfig {
  /** The file it came from (absolute), or null when none was found. */
  file: string | null;
  /** Folder that ignorePaths are relative to. */
  dir: string;
  namespace?: string;
  kubernetesVersion?: string;
  completeness?: 'auto' | 'complete';
  ignorePaths?: string[];
  /** JSON schema locations (kubeconform's -schema-location), as written. */
  schemaLocations?: string[];
  /** Folder for downloaded schemas, relative to `dir`. */
  cacheDir?: string;
  /** How Helm charts and Kustomize roots are rendered (src/config/settings.ts resolveRenderSettings), as written. */
  render?: RenderConfig;
  /** The Gateway API channel of the embedded CRDs (default standard). */
  gatewayApiChannel?: 'standard' | 'experimental';
  /** CustomResourceDefinition files (relative to `dir`) or URLs. */
  crds?: string[];
  /** Policy files and folders (relative to `dir`) and inline repository policies (src/policy/). */
  policies?: (string | InlinePolicy)[];
  /** The config file's text, when it holds inline policies (their findings are located in it). */
  text?: string;
  /** The user of the offline CREATE request policies see. */
  policyUser?: { username: string; uid?: string; groups?: string[] };
  rules: Record<string, RuleSetting>;
}

/** The `render` mapping of `.kubewire.yaml` (schema: src/config/schema.ts). */
export interface RenderConfig {
  enabled?: boolean;
  kustomize?: string;
  helm?: string;
  timeoutSeconds?: number;
  /** By chart folder, relative to the config file's folder. */
  charts?: Record<string, { releaseName?: string; namespace?: string; values?: string[] }>;
}

/** A config mistake: one line naming the file, line and column, and the allowed values. */
export class ConfigError extends Error {}

/** `.kubewire.yaml` / `.kubewire.yml` in `cwd` or the nearest folder above it. */
export function findConfigFile(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const f = path.join(dir, name);
      if (existsSync(f)) return f;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function loadConfig(opts: { cwd: string; file?: string; rules: readonly AnyRule[] }): KubewireConfig {
  const file = opts.file ? path.resolve(opts.cwd, opts.file) : findConfigFile(opts.cwd);
  if (!file) return { file: null, dir: opts.cwd, rules: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${rel(opts.cwd, file)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseConfig(text, file, opts.cwd, opts.rules);
}

export function parseConfig(text: string, file: string, cwd: string, rules: readonly AnyRule[]): KubewireConfig {
  const shown = rel(cwd, file);
  // kubewire's own file is YAML 1.2, so `off` stays the string users mean.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: false, lineCounter, logLevel: 'error' });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    throw new ConfigError(`${shown}:${pos.line}:${pos.col}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const value = (doc.toJS() ?? {}) as unknown;
  const validate = validatorFor(rules);
  if (!validate(value)) {
    throw new ConfigError(describeError(pickError(validate.errors ?? []), text, shown));
  }
  const v = value as Record<string, unknown>;
  const out: KubewireConfig = { file, dir: path.dirname(file), rules: {} };
  for (const [k, val] of Object.entries(v)) {
    if (k === 'rules') {
      for (const [id, setting] of Object.entries(val as Record<string, unknown>)) {
        out.rules[id] = typeof setting === 'string' ? { severity: setting as Severity | 'off' } : (setting as RuleSetting);
      }
    } else if (k === 'namespace' || k === 'kubernetesVersion' || k === 'completeness' || k === 'cacheDir' || k === 'gatewayApiChannel') {
      out[k] = val as never;
    } else if (k === 'ignorePaths' || k === 'schemaLocations' || k === 'crds') {
      out[k] = val as string[];
    } else if (k === 'render') {
      out.render = val as RenderConfig;
    } else if (k === 'policies') {
      out.policies = val as (string | InlinePolicy)[];
      if (out.policies.some((x) => typeof x !== 'string')) out.text = text;
    } else if (k === 'policyUser') {
      out.policyUser = val as KubewireConfig['policyUser'];
    }
  }
  return out;
}

const validators = new WeakMap<readonly AnyRule[], ReturnType<Ajv['compile']>>();

function validatorFor(rules: readonly AnyRule[]): ReturnType<Ajv['compile']> {
  let v = validators.get(rules);
  if (!v) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    v = ajv.compile(buildConfigSchema(rules));
    validators.set(rules, v);
  }
  return v;
}

/** The most useful of ajv's errors: the deepest, and a concrete keyword over anyOf/oneOf summaries. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const rank = (e: ErrorObject) =>
    e.instancePath.split('/').length * 10 + (e.keyword === 'anyOf' || e.keyword === 'oneOf' ? 0 : e.keyword === 'type' ? 1 : 2);
  return [...errors].sort((a, b) => rank(b) - rank(a))[0];
}

function describeError(e: ErrorObject, text: string, shown: string): string {
  const resolver = new PositionResolver(text);
  const where = e.instancePath ? pointerToPath(e.instancePath) : '';
  let at = e.instancePath;
  let message: string;
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    at = `${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
    const isRules = e.instancePath === '/rules';
    const suggestion = closest(key, allowed);
    message = isRules
      ? `unknown rule "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (see kubewire rules)`
      : `unknown key "${key}"${where ? ` in ${where}` : ''}${suggestion ? `; did you mean "${suggestion}"?` : ''} (allowed: ${allowed.join(', ')})`;
    const r = resolver.locate(0, at, 'key');
    return `${shown}:${r.line}:${r.column}: ${message}`;
  }
  if (e.keyword === 'enum') {
    message = `${where || 'value'} must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
  } else if (e.keyword === 'type') {
    message = `${where || 'the config'} must be ${e.params.type === 'object' ? 'a mapping' : e.params.type === 'array' ? 'a list' : `a ${e.params.type}`}`;
  } else if (e.keyword === 'pattern') {
    message = `${where} must match ${e.params.pattern}${where.endsWith('kubernetesVersion') ? ' (a quoted "X.Y" like "1.33")' : ''}`;
  } else {
    message = `${where || 'config'} ${e.message ?? 'is invalid'}`;
  }
  const r = resolver.locate(0, at);
  return `${shown}:${r.line}:${r.column}: ${message}`;
}

function rel(cwd: string, file: string): string {
  const r = path.relative(cwd, file);
  return (r.startsWith('..') ? file : r).split(path.sep).join('/');
}
