/** Secrets the input does not declare but will have: made by another object of the input. */
import type { ResourceIndex } from '../index/resource-index.js';
import { gk, SECRET } from '../model/group-kinds.js';
import { isObject } from '../model/resources.js';
import type { JsonValue, Resource } from '../model/types.js';

const TLS = 'kubernetes.io/tls';

interface Produced {
  /** The object that makes the Secret. */
  by: Resource;
  /** Whether the Secret it makes is a kubernetes.io/tls Secret. */
  tls: boolean;
}

function str(v: JsonValue | undefined): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/**
 * Secrets that controllers create from objects of the input, by namespace and name: cert-manager
 * Certificates (`spec.secretName`, always kubernetes.io/tls), Bitnami SealedSecrets
 * (`spec.template.metadata.name`, else the object's name) and external-secrets ExternalSecrets
 * (`spec.target.name`, else the object's name), TLS when their template says `type: kubernetes.io/tls`.
 */
function secretProducers(index: ResourceIndex): Map<string, Map<string, Produced>> {
  return index.memo('secrets:producers', () => {
    const m = new Map<string, Map<string, Produced>>();
    const add = (by: Resource, name: string | null, tls: boolean): void => {
      if (!name || by.namespace === null) return;
      let names = m.get(by.namespace);
      if (!names) m.set(by.namespace, (names = new Map<string, Produced>()));
      if (!names.has(name)) names.set(name, { by, tls });
    };
    for (const c of index.all(gk('cert-manager.io', 'Certificate'))) {
      const spec = isObject(c.value.spec) ? c.value.spec : {};
      add(c, str(spec.secretName), true);
    }
    for (const s of index.all(gk('bitnami.com', 'SealedSecret'))) {
      const spec = isObject(s.value.spec) ? s.value.spec : {};
      const template = isObject(spec.template) ? spec.template : {};
      const meta = isObject(template.metadata) ? template.metadata : {};
      add(s, str(meta.name) ?? s.name, template.type === TLS);
    }
    for (const e of index.all(gk('external-secrets.io', 'ExternalSecret'))) {
      const spec = isObject(e.value.spec) ? e.value.spec : {};
      const target = isObject(spec.target) ? spec.target : {};
      const template = isObject(target.template) ? target.template : {};
      add(e, str(target.name) ?? e.name, template.type === TLS);
    }
    return m;
  });
}

/** A cert-manager Certificate, SealedSecret or ExternalSecret of the input that will create the Secret. */
export function secretCreatedByOtherObject(index: ResourceIndex, ns: string, name: string): boolean {
  return secretProducers(index).get(ns)?.has(name) ?? false;
}

/**
 * What shows that the input manages the TLS certificates of a namespace: Secrets of type
 * kubernetes.io/tls, cert-manager Certificates, and SealedSecrets or ExternalSecrets whose template
 * makes a kubernetes.io/tls Secret. Other Secrets (tokens, passwords) say nothing about certificates,
 * which are often made out of band (kubectl create secret tls, a platform's issuer).
 */
export function tlsSecretSourcesIn(index: ResourceIndex, ns: string): Resource[] {
  const out = index.inNamespace(SECRET, ns).filter((s) => s.value.type === TLS);
  for (const p of secretProducers(index).get(ns)?.values() ?? []) if (p.tls) out.push(p.by);
  return out;
}
