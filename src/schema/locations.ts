import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Schema locations in kubeconform's `-schema-location` convention: a local folder or file template,
 * or an http(s) URL template, filled per object with
 *   {{.ResourceKind}}                lower-case kind                         service
 *   {{.ResourceAPIVersion}}          version part of apiVersion              v1
 *   {{.Group}}                       group part of apiVersion (core: "v1")   networking.k8s.io
 *   {{.KindSuffix}}                  -<first group label>[-<version>]        -networking-v1, -v1
 *   {{.NormalizedKubernetesVersion}} v<X.Y>.0 of --kubernetes-version        v1.33.0
 *   {{.StrictSuffix}}                "-strict" (kubewire always validates strictly)
 * A location that does not end in "json" gets kubeconform's default layout appended:
 * /{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json;
 * `default` is the yannh/kubernetes-json-schema repository.
 */
const DEFAULT_LOCATION =
  'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';
const DEFAULT_LAYOUT = '/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';

export function normalizeLocation(location: string): string {
  if (location === 'default') return DEFAULT_LOCATION;
  return location.endsWith('json') ? location : location.replace(/\/+$/, '') + DEFAULT_LAYOUT;
}

export function isRemote(location: string): boolean {
  return /^https?:\/\//.test(location);
}

export function templateData(apiVersion: string, kind: string, kubernetesVersion: string): Record<string, string> {
  const parts = apiVersion.split('/');
  const firstLabel = parts[0].split('.')[0];
  let kindSuffix = '-' + firstLabel.toLowerCase();
  if (parts.length > 1) kindSuffix += '-' + parts[1].toLowerCase();
  const normalized = kubernetesVersion === 'master' ? 'master' : `v${/^\d+\.\d+$/.test(kubernetesVersion) ? `${kubernetesVersion}.0` : kubernetesVersion}`;
  return {
    NormalizedKubernetesVersion: normalized,
    StrictSuffix: '-strict',
    ResourceKind: kind.toLowerCase(),
    ResourceAPIVersion: parts[parts.length - 1],
    Group: parts[0],
    KindSuffix: kindSuffix,
  };
}

/** Fills a location template; an unknown {{.Name}} is an error naming the allowed ones. */
export function expandLocation(location: string, data: Record<string, string>): string {
  return normalizeLocation(location).replace(/\{\{-?\s*\.(\w+)\s*-?\}\}/g, (m, name: string) => {
    const v = data[name];
    if (v === undefined) throw new Error(`unknown template field ${m} in schema location "${location}" (fields: ${Object.keys(data).join(', ')})`);
    return v;
  });
}

/** Checks a location's template once, for config and flag errors before any lint. */
export function checkLocation(location: string): string | null {
  try {
    expandLocation(location, templateData('v1', 'Service', '1.33'));
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Where downloaded schemas are kept: --cache-dir, else $XDG_CACHE_HOME/kubewire/schemas, else ~/.cache/kubewire/schemas. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kubewire', 'schemas');
}

function cacheFile(cacheDir: string, url: string): string {
  return path.join(cacheDir, createHash('sha256').update(url).digest('hex').slice(0, 40) + '.json');
}

export function readCached(cacheDir: string, url: string): string | null {
  try {
    return readFileSync(cacheFile(cacheDir, url), 'utf8');
  } catch {
    return null;
  }
}

export function writeCached(cacheDir: string, url: string, text: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const file = cacheFile(cacheDir, url);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file); // atomic: concurrent runs never read half a file
  } catch {
    // an unwritable cache only costs a download next time
  }
}

type FetchOutcome = { text: string } | { notFound: true } | { error: string };

const FETCH_TIMEOUT_MS = 15_000;

/** Downloads one schema; 404 is "not in this location", anything else a failure with a clear reason. */
export async function fetchSchema(url: string): Promise<FetchOutcome> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
    if (res.status === 404) return { notFound: true };
    if (!res.ok) return { error: `HTTP ${res.status} ${res.statusText}`.trim() };
    return { text: await res.text() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') return { error: `no answer within ${FETCH_TIMEOUT_MS / 1000} s` };
    return { error: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}

/** A local location: the file's text, or null when there is no such file. */
export function readLocal(file: string, cwd: string): string | null {
  try {
    return readFileSync(path.resolve(cwd, file.startsWith('file://') ? file.slice(7) : file), 'utf8');
  } catch {
    return null;
  }
}
