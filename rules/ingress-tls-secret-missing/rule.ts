import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_KINDS, SECRET } from '../../src/model/group-kinds.js';
import { secretCreatedByOtherObject } from '../../src/k8s/secrets.js';
import { annotationsOf, describeIngress, ingressTls, isIngress } from '../../src/k8s/ingress.js';
import { isObject } from '../../src/model/resources.js';
import { pointer } from '../../src/model/pointer.js';
import type { Resource } from '../../src/model/types.js';

const TLS_KEYS = ['tls.crt', 'tls.key'];
/** Ingress annotations that make cert-manager (ingress-shim) or kube-lego create the Secret. */
const ISSUER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer', 'certmanager.k8s.io/cluster-issuer', 'certmanager.k8s.io/issuer'];

export default defineRule({
  meta: {
    id: 'ingress-tls-secret-missing',
    title: 'Ingress TLS secret is missing or not a TLS secret',
    description:
      'A spec.tls entry names a Secret that is not in the Ingress namespace, or that is not of type kubernetes.io/tls with the keys tls.crt and tls.key. The controller then serves its default, self-signed certificate for those hosts. Secrets that cert-manager, a SealedSecret or an ExternalSecret of the input will create are taken as present.',
    severity: 'error',
    category: 'wiring',
    appliesTo: INGRESS_KINDS,
    references: [SECRET],
    messages: {
      missing: '{ingress} TLS secret {secret} does not exist in namespace {namespace}: the controller serves its default self-signed certificate for {hosts}',
      closest: '{ingress} TLS secret {secret} does not exist in namespace {namespace}; did you mean {suggestion}?',
      otherNamespace:
        '{ingress} TLS secret {secret} does not exist in namespace {namespace}; one exists in namespace {otherNamespace}',
      notTls: '{ingress} TLS secret {secret} is of type {type}, not kubernetes.io/tls{detail}',
      missingKeys: '{ingress} TLS secret {secret} lacks {keys}: a TLS secret needs tls.crt and tls.key (it has {present})',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing) || ing.namespace === null) return;
    const entries = ingressTls(ing).filter((t) => t.secretName !== null);
    if (entries.length === 0) return;
    const ns = ing.namespace;
    const ingress = describeIngress(ing);
    const issued = issuedByAnnotation(ing);
    for (const tls of entries) {
      const name = tls.secretName!;
      const at = tls.at + pointer('secretName');
      const secret = ctx.index.get(SECRET, ns, name);
      if (!secret) {
        if (issued || secretCreatedByOtherObject(ctx.index, ns, name)) continue;
        const base = { ingress, secret: name, namespace: ns };
        const missing = { kinds: [SECRET], namespace: ns, name, tls: true } as const;
        const elsewhere = ctx.index.named(SECRET, name).filter((s) => s.namespace !== ns);
        if (elsewhere.length > 0) {
          ctx.report({
            messageId: 'otherNamespace',
            missing,
            data: { ...base, otherNamespace: elsewhere.map((s) => s.namespace).join(', ') },
            at,
            related: [{ resource: elsewhere[0], at: '/metadata/name', message: `Secret ${name} in namespace ${elsewhere[0].namespace}` }],
          });
          continue;
        }
        const suggestion = ctx.index.closestName(SECRET, ns, name);
        if (suggestion !== null) {
          ctx.report({
            messageId: 'closest',
            missing,
            data: { ...base, suggestion },
            at,
            related: [{ resource: ctx.index.get(SECRET, ns, suggestion)!, at: '/metadata/name', message: `Secret ${suggestion}` }],
            fix: { at, replace: suggestion, description: `Use Secret ${suggestion}` },
          });
          continue;
        }
        const hosts = tls.hosts.map((h) => h.host).filter((h) => h !== '');
        ctx.report({ messageId: 'missing', data: { ...base, hosts: hosts.length > 0 ? hosts.join(', ') : 'every host' }, at, missing });
        continue;
      }
      const type = typeof secret.value.type === 'string' && secret.value.type !== '' ? secret.value.type : 'Opaque';
      const keys = secretKeys(secret);
      const lacking = TLS_KEYS.filter((k) => !keys.includes(k));
      const related = [{ resource: secret, at: secret.value.type !== undefined ? '/type' : '/metadata/name', message: `Secret ${name} (type ${type})` }];
      if (type !== 'kubernetes.io/tls') {
        ctx.report({
          messageId: 'notTls',
          data: {
            ingress,
            secret: name,
            type,
            detail: lacking.length === 0 ? ' (it has tls.crt and tls.key, which some controllers accept anyway)' : `, and it lacks ${lacking.join(' and ')}`,
          },
          at,
          related,
          // The keys are there: ingress-nginx and others read them whatever the type.
          ...(lacking.length === 0 ? { severity: 'warning' as const } : {}),
        });
        continue;
      }
      if (lacking.length > 0) {
        ctx.report({
          messageId: 'missingKeys',
          data: { ingress, secret: name, keys: lacking.join(' and '), present: keys.length > 0 ? keys.join(', ') : 'no keys' },
          at,
          related,
        });
      }
    }
  },
});

/** Keys of data and stringData (the API server merges stringData into data). */
function secretKeys(secret: Resource): string[] {
  const keys = new Set<string>();
  for (const field of ['data', 'stringData']) {
    const v = secret.value[field];
    if (isObject(v)) for (const k of Object.keys(v)) keys.add(k);
  }
  return [...keys].sort();
}

function issuedByAnnotation(ing: Resource): boolean {
  const ann = annotationsOf(ing);
  return ISSUER_ANNOTATIONS.some((a) => typeof ann[a] === 'string' && ann[a] !== '') || ann['kubernetes.io/tls-acme'] === 'true';
}
