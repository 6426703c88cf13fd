import { embeddedCrdSets, embeddedSchemas, selectVersion, type GatewayApiChannel } from './embedded.js';
import { EmbeddedValidators, type ObjectValidator } from './validator.js';

/**
 * Everything kubewire embeds for a run: the built-in kinds of the selected Kubernetes release, then
 * the Gateway API CRDs of the chosen channel and Istio's. Each part's validators are compiled (or
 * loaded precompiled) lazily per kind.
 */
export class EmbeddedCatalog {
  private readonly parts: { validators: EmbeddedValidators; label: string }[] = [];

  constructor(
    /** The release in use ("1.35"), or null when none is shipped. */
    readonly version: string | null,
    channel: GatewayApiChannel,
  ) {
    const release = version ? embeddedSchemas(version) : null;
    if (release) this.parts.push({ validators: new EmbeddedValidators(release, release.hash), label: release.label });
    for (const set of embeddedCrdSets(channel)) this.parts.push({ validators: new EmbeddedValidators(set, set.hash), label: set.label });
  }

  has(apiVersion: string, kind: string): boolean {
    return this.parts.some((p) => p.validators.has(apiVersion, kind));
  }

  /** The embedded kinds of an API group (any version), for "did you mean" on unknown kinds. */
  kindsOfGroup(group: string): { apiVersion: string; kind: string }[] {
    return this.parts.flatMap((p) => p.validators.kindsOfGroup(group));
  }

  lookup(apiVersion: string, kind: string): { validate: ObjectValidator; source: string } | null {
    for (const p of this.parts) {
      if (!p.validators.has(apiVersion, kind)) continue;
      const validate = p.validators.validator(apiVersion, kind);
      if (validate) return { validate, source: p.label };
    }
    return null;
  }

  /** Where the schema of a kind comes from ("Kubernetes 1.35", "Istio 1.31"), or null. */
  sourceOf(apiVersion: string, kind: string): string | null {
    return this.parts.find((p) => p.validators.has(apiVersion, kind))?.label ?? null;
  }
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
