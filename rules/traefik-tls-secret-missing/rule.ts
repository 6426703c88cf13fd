import { defineRule } from '../../src/engine/rule.js';
import { SECRET, TRAEFIK_INGRESS_ROUTE_KINDS } from '../../src/model/group-kinds.js';
import { secretCreatedByOtherObject } from '../../src/k8s/secrets.js';
import { traefikTlsSecret } from '../../src/k8s/traefik.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'traefik-tls-secret-missing',
    title: 'Traefik IngressRoute TLS secret does not exist',
    description:
      'spec.tls.secretName of a Traefik IngressRoute or IngressRouteTCP names a Secret that is not in the route\'s namespace. Traefik logs an error and serves its default (self-signed) certificate for the route\'s hosts. Secrets that a cert-manager Certificate, a SealedSecret or an ExternalSecret of the input will create count as present.',
    severity: 'error',
    category: 'wiring',
    appliesTo: TRAEFIK_INGRESS_ROUTE_KINDS,
    references: [SECRET],
    remediation: 'Name an existing kubernetes.io/tls Secret of the route\'s namespace, create it (for example with a cert-manager Certificate), or use tls.certResolver instead.',
    messages: {
      missing: '{kind} {name} TLS secret {secret} does not exist in namespace {namespace}',
      closest: '{kind} {name} TLS secret {secret} does not exist in namespace {namespace}; did you mean {suggestion}?',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.namespace === null) return;
    const tls = traefikTlsSecret(r);
    if (!tls) return;
    const ns = r.namespace;
    if (ctx.index.get(SECRET, ns, tls.name) || secretCreatedByOtherObject(ctx.index, ns, tls.name)) return;
    const missing = { kinds: [SECRET], namespace: ns, name: tls.name, tls: true } as const;
    const base = { kind: r.kind, name: r.name, secret: tls.name, namespace: ns };
    const suggestion = closest(tls.name, ctx.index.inNamespace(SECRET, ns).map((s) => s.name));
    if (suggestion !== null) {
      ctx.report({
        messageId: 'closest',
        missing,
        data: { ...base, suggestion },
        at: tls.at,
        related: [{ resource: ctx.index.get(SECRET, ns, suggestion)!, at: '/metadata/name', message: `Secret ${suggestion}` }],
        fix: { at: tls.at, replace: suggestion, description: `Use Secret ${suggestion}` },
      });
      return;
    }
    ctx.report({ messageId: 'missing', data: base, at: tls.at, missing });
  },
});
