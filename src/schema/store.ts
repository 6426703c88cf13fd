import type { Settings } from '../engine/rule.js';
import { loadAll } from 'js-yaml';
import { ConfigError } from '../config/load-config.js';
import { embeddedCatalog, type EmbeddedCatalog } from './catalog.js';
import { embeddedSchemas, type GatewayApiChannel } from './embedded.js';
import {
  expandLocation,
  fetchSchema,
  isRemote,
  readCached,
  readLocal,
  templateData,
  writeCached,
} from './locations.js';
import { compileExternal, CrdValidators, type ObjectValidator } from './validator.js';

/** The schema settings of a run: `--schema-location`/`schemaLocations`, `--cache-dir`/`cacheDir`, the target version. */
interface SchemaSettings {
  locations: string[];
  cacheDir: string;
  kubernetesVersion: string;
  cwd: string;
  gatewayApiChannel: GatewayApiChannel;
  crds: string[];
}

function schemaSettings(settings: Settings): SchemaSettings {
  return {
    locations: [...settings.schemaLocations],
    cacheDir: settings.cacheDir,
    kubernetesVersion: settings.kubernetesVersion,
    cwd: settings.cwd,
    gatewayApiChannel: settings.gatewayApiChannel,
    crds: [...settings.crds],
  };
}

export type SchemaLookup =
  | { status: 'found'; validate: ObjectValidator; source: string }
  /** No location has it; `tried` lists what was looked at. */
  | { status: 'missing'; tried: string[] }
  /** A location could not be read (network, HTTP error, not JSON, not compilable). */
  | { status: 'failed'; location: string; error: string };

/**
 * Where the schema of each apiVersion/kind comes from: the embedded release first (built-in kinds,
 * no I/O), then the schema locations in order. Remote schemas are downloaded by `prepare` (async,
 * before the rules run) and cached on disk; `lookup` itself is synchronous, as rules are.
 */
export class SchemaStore {
  readonly embedded: EmbeddedCatalog;
  private readonly external = new Map<string, SchemaLookup>();
  private readonly fetched = new Map<string, string>(); // url → text, this process
  private crdValidators: CrdValidators | null = null;
  private configCrdsRead: Promise<{ crd: Record<string, unknown>; source: string }[]> | null = null;

  constructor(readonly settings: SchemaSettings) {
    this.embedded = embeddedCatalog(settings.kubernetesVersion, settings.gatewayApiChannel);
  }

  /** Whether the standard channel is in use and the Gateway API experimental channel has this kind. */
  inOtherChannel(apiVersion: string, kind: string): boolean {
    return this.settings.gatewayApiChannel === 'standard' && embeddedCatalog(this.settings.kubernetesVersion, 'experimental').has(apiVersion, kind);
  }

  /** A validator from a CRD version's openAPIV3Schema, or why it cannot be used. */
  compileCrd(openAPIV3Schema: Record<string, unknown>): ObjectValidator | { error: string } {
    this.crdValidators ??= new CrdValidators(this.embedded.version ? embeddedSchemas(this.embedded.version) : null);
    try {
      return this.crdValidators.compile(openAPIV3Schema);
    } catch (err) {
      return { error: `its schema is not usable: ${(err as Error).message.split('\n')[0]}` };
    }
  }

  /**
   * The CustomResourceDefinitions of `crds:` / --crd (files, or http(s) URLs downloaded once and
   * cached like schemas), read once per store. One that cannot be read is an error of the run.
   */
  configCrds(): Promise<{ crd: Record<string, unknown>; source: string }[]> {
    this.configCrdsRead ??= (async () => {
      const out: { crd: Record<string, unknown>; source: string }[] = [];
      for (const location of this.settings.crds) {
        let text: string | null;
        if (isRemote(location)) {
          text = this.fetched.get(location) ?? readCached(this.settings.cacheDir, location);
          if (text === null) {
            const got = await fetchSchema(location);
            if (!('text' in got)) throw new ConfigError(`crds: cannot download ${location}: ${'error' in got ? got.error : 'not found'}`);
            text = got.text;
            this.fetched.set(location, text);
            writeCached(this.settings.cacheDir, location, text);
          }
        } else {
          text = readLocal(location, this.settings.cwd);
          if (text === null) throw new ConfigError(`crds: cannot read ${location}`);
        }
        let docs: unknown[];
        try {
          docs = loadAll(text);
        } catch (err) {
          throw new ConfigError(`crds: ${location} is not YAML: ${(err as Error).message.split('\n')[0]}`);
        }
        for (const d of docs) {
          const list = d && typeof d === 'object' && Array.isArray((d as { items?: unknown }).items) ? (d as { items: unknown[] }).items : [d];
          for (const crd of list) {
            if (crd && typeof crd === 'object' && (crd as { kind?: unknown }).kind === 'CustomResourceDefinition') {
              out.push({ crd: crd as Record<string, unknown>, source: `CustomResourceDefinition in ${location}` });
            }
          }
        }
      }
      return out;
    })();
    return this.configCrdsRead;
  }

  lookup(apiVersion: string, kind: string): SchemaLookup {
    const builtin = this.embedded.lookup(apiVersion, kind);
    if (builtin) return { status: 'found', validate: builtin.validate, source: builtin.source };
    const key = `${apiVersion} ${kind}`;
    let found = this.external.get(key);
    if (!found) {
      found = this.resolveSync(apiVersion, kind);
      this.external.set(key, found);
    }
    return found;
  }

  /** Downloads (or reads from the disk cache) the remote schemas of these objects, so that lookups need no network. */
  async prepare(objects: Iterable<{ apiVersion: string; kind: string }>): Promise<void> {
    if (!this.settings.locations.some(isRemote)) return;
    const wanted = new Map<string, { apiVersion: string; kind: string }>();
    for (const o of objects) {
      const key = `${o.apiVersion} ${o.kind}`;
      if (wanted.has(key) || this.embedded.has(o.apiVersion, o.kind)) continue;
      const known = this.external.get(key);
      if (known && known.status !== 'failed') continue;
      wanted.set(key, o);
    }
    const queue = [...wanted.values()];
    const worker = async () => {
      for (let o = queue.shift(); o; o = queue.shift()) {
        this.external.set(`${o.apiVersion} ${o.kind}`, await this.resolveAsync(o.apiVersion, o.kind));
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
  }

  private urls(apiVersion: string, kind: string): { location: string; target: string; error?: string }[] {
    const data = templateData(apiVersion, kind, this.settings.kubernetesVersion);
    return this.settings.locations.map((location) => {
      try {
        return { location, target: expandLocation(location, data) };
      } catch (err) {
        return { location, target: location, error: (err as Error).message };
      }
    });
  }

  private resolveSync(apiVersion: string, kind: string): SchemaLookup {
    const tried: string[] = [];
    for (const { target, error } of this.urls(apiVersion, kind)) {
      if (error) return { status: 'failed', location: target, error };
      const text = isRemote(target)
        ? (this.fetched.get(target) ?? readCached(this.settings.cacheDir, target))
        : readLocal(target, this.settings.cwd);
      if (text === null) {
        tried.push(target);
        continue;
      }
      return this.compile(target, text);
    }
    return { status: 'missing', tried };
  }

  private async resolveAsync(apiVersion: string, kind: string): Promise<SchemaLookup> {
    const tried: string[] = [];
    for (const { target, error } of this.urls(apiVersion, kind)) {
      if (error) return { status: 'failed', location: target, error };
      let text: string | null;
      if (isRemote(target)) {
        text = this.fetched.get(target) ?? readCached(this.settings.cacheDir, target);
        if (text === null) {
          const got = await fetchSchema(target);
          if ('error' in got) return { status: 'failed', location: target, error: got.error };
          if ('text' in got) {
            text = got.text;
            this.fetched.set(target, text);
            if (isJson(text)) writeCached(this.settings.cacheDir, target, text);
          }
        }
      } else {
        text = readLocal(target, this.settings.cwd);
      }
      if (text === null) {
        tried.push(target);
        continue;
      }
      return this.compile(target, text);
    }
    return { status: 'missing', tried };
  }

  private compile(location: string, text: string): SchemaLookup {
    let schema: unknown;
    try {
      schema = JSON.parse(text);
    } catch {
      return { status: 'failed', location, error: 'not a JSON document' };
    }
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
      return { status: 'failed', location, error: 'not a JSON schema object' };
    }
    try {
      return { status: 'found', validate: compileExternal(schema), source: location };
    } catch (err) {
      return { status: 'failed', location, error: `not a usable JSON schema: ${(err as Error).message.split('\n')[0]}` };
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const stores = new Map<string, SchemaStore>();

/** The store for a run's schema settings, shared by runs with the same ones (the language server lints often). */
export function sharedStore(settings: Settings): SchemaStore {
  const s = schemaSettings(settings);
  const key = JSON.stringify(s);
  let store = stores.get(key);
  if (!store) {
    if (stores.size >= 8) stores.delete(stores.keys().next().value!);
    store = new SchemaStore(s);
    stores.set(key, store);
  }
  return store;
}
