import { embeddedCrdGroup, embeddedCrdSets, embeddedSchemas, selectVersion, type GatewayApiChannel } from './embedded.js';
import { EmbeddedValidators, type ObjectValidator } from './validator.js';
import { cached } from '../model/cache.js';

interface Part {
  validators: EmbeddedValidators;
  label: string;
}

/**
 * Everything kubewire embeds for a run: the built-in kinds of the selected Kubernetes release, then
 * the Gateway API CRDs of the chosen channel and Istio's. A CRD bundle is read when an object of its
 * API groups is first looked up; each part's validators are compiled (or loaded precompiled) lazily
 * per kind.
 */
export class EmbeddedCatalog {
  private readonly release: Part | null;
  private readonly crdParts = new Map<string, Part[]>(); // by API group

  constructor(
    /** The release in use ("1.35"), or null when none is shipped. */
    readonly version: string | null,
    private readonly channel: GatewayApiChannel,
  ) {
    const release = version ? embeddedSchemas(version) : null;
    this.release = release ? { validators: new EmbeddedValidators(release, release.hash), label: release.label } : null;
  }

  private parts(apiVersion: string): Part[] {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    return this.partsOfGroup(group);
  }

  private partsOfGroup(group: string): Part[] {
    const base = this.release ? [this.release] : [];
    if (!embeddedCrdGroup(group)) return base;
    let crd = this.crdParts.get(group);
    if (!crd) {
      crd = embeddedCrdSets(this.channel, group).map((set) => ({ validators: new EmbeddedValidators(set, set.hash), label: set.label }));
      this.crdParts.set(group, crd);
    }
    return [...base, ...crd];
  }

  /** apiVersion → kind → the part that has the kind's schema (null: none); every object asks, so each pair is searched once. */
  private readonly partOfKind = new Map<string, Map<string, Part | null>>();
  /** apiVersion → kind → what lookup gives. */
  private readonly found = new Map<string, Map<string, { validate: ObjectValidator; source: string } | null>>();

  private partOf(apiVersion: string, kind: string): Part | null {
    return memo2(this.partOfKind, apiVersion, kind, () => this.parts(apiVersion).find((p) => p.validators.has(apiVersion, kind)) ?? null);
  }

  has(apiVersion: string, kind: string): boolean {
    return this.partOf(apiVersion, kind) !== null;
  }

  /** The embedded kinds of an API group (any version), for "did you mean" on unknown kinds. */
  kindsOfGroup(group: string): { apiVersion: string; kind: string }[] {
    return this.partsOfGroup(group).flatMap((p) => p.validators.kindsOfGroup(group));
  }

  lookup(apiVersion: string, kind: string): { validate: ObjectValidator; source: string } | null {
    return memo2(this.found, apiVersion, kind, () => this.search(apiVersion, kind));
  }

  private search(apiVersion: string, kind: string): { validate: ObjectValidator; source: string } | null {
    for (const p of this.parts(apiVersion)) {
      if (!p.validators.has(apiVersion, kind)) continue;
      const validate = p.validators.validator(apiVersion, kind);
      if (validate) return { validate, source: p.label };
    }
    return null;
  }

  /** Where the schema of a kind comes from ("Kubernetes 1.35", "Istio 1.31"), or null. */
  sourceOf(apiVersion: string, kind: string): string | null {
    return this.partOf(apiVersion, kind)?.label ?? null;
  }
}

/** Pairs a memo keeps at most per level: an input may name any number of made-up kinds. */
const MEMO_MAX = 4096;

/** `make()` for (a, b), kept in a two-level map (no key string made per question). */
function memo2<T>(map: Map<string, Map<string, T>>, a: string, b: string, make: () => T): T {
  return cached(cached(map, a, MEMO_MAX, () => new Map<string, T>()), b, MEMO_MAX, make);
}

const catalogs = new Map<string, EmbeddedCatalog>();

/** The catalog for a target version and channel, shared by the runs of a process (and per worker thread). */
export function embeddedCatalog(kubernetesVersion: string, channel: GatewayApiChannel): EmbeddedCatalog {
  const version = selectVersion(kubernetesVersion);
  const key = `${version} ${channel}`;
  let c = catalogs.get(key);
  if (!c) catalogs.set(key, (c = new EmbeddedCatalog(version, channel)));
  return c;
}
