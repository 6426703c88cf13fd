/** Secrets the input does not declare but will have: made by another object of the input. */
import type { ResourceIndex } from '../index/resource-index.js';
import { gk, SECRET } from '../model/group-kinds.js';
import { isObject } from '../model/resources.js';
import type { Resource } from '../model/types.js';

const TLS = 'kubernetes.io/tls';

/** A cert-manager Certificate, SealedSecret or ExternalSecret of the input that will create the Secret. */
export function secretCreatedByOtherObject(index: ResourceIndex, ns: string, name: string): boolean {
  const producers = index.memo('secrets:producers', () => {
    const set = new Set<string>();
    for (const c of index.all(gk('cert-manager.io', 'Certificate'))) {
      const spec = isObject(c.value.spec) ? c.value.spec : {};
      if (typeof spec.secretName === 'string') set.add(`${c.namespace}/${spec.secretName}`);
    }
    for (const s of index.all(gk('bitnami.com', 'SealedSecret'))) {
      const spec = isObject(s.value.spec) ? s.value.spec : {};
      const template = isObject(spec.template) && isObject(spec.template.metadata) ? spec.template.metadata : {};
      set.add(`${s.namespace}/${typeof template.name === 'string' ? template.name : s.name}`);
    }
    for (const e of index.all(gk('external-secrets.io', 'ExternalSecret'))) {
      const spec = isObject(e.value.spec) ? e.value.spec : {};
      const target = isObject(spec.target) ? spec.target : {};
      set.add(`${e.namespace}/${typeof target.name === 'string' && target.name !== '' ? target.name : e.name}`);
    }
    return set;
  });
  return producers.has(`${ns}/${name}`);
}

/**
 * What shows that the input manages the TLS certificates of a namespace: Secrets of type
 * kubernetes.io/tls, cert-manager Certificates, and SealedSecrets or ExternalSecrets whose template
 * makes a kubernetes.io/tls Secret. Other Secrets (tokens, passwords) say nothing about certificates,
 * which are often made out of band (kubectl create secret tls, a platform's issuer).
 */
export function tlsSecretSourcesIn(index: ResourceIndex, ns: string): Resource[] {
  const out = index.inNamespace(SECRET, ns).filter((s) => s.value.type === TLS);
  for (const c of index.inNamespace(gk('cert-manager.io', 'Certificate'), ns)) out.push(c);
  for (const s of index.inNamespace(gk('bitnami.com', 'SealedSecret'), ns)) {
    const spec = isObject(s.value.spec) ? s.value.spec : {};
    if (isObject(spec.template) && spec.template.type === TLS) out.push(s);
  }
  for (const e of index.inNamespace(gk('external-secrets.io', 'ExternalSecret'), ns)) {
    const spec = isObject(e.value.spec) ? e.value.spec : {};
    const template = isObject(spec.target) && isObject(spec.target.template) ? spec.target.template : {};
    if (template.type === TLS) out.push(e);
  }
  return out;
}
