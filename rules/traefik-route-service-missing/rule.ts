import { defineRule } from '../../src/engine/rule.js';
import { SERVICE, TRAEFIK_INGRESS_ROUTE_KINDS } from '../../src/model/group-kinds.js';
import { traefikServiceRefs } from '../../src/k8s/traefik.js';
import { joinPointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'traefik-route-service-missing',
    title: 'Traefik IngressRoute service names a Service that does not exist',
    description:
      'A `kind: Service` entry of a Traefik IngressRoute, IngressRouteTCP or IngressRouteUDP (spec.routes[].services[]) names a Service that is not in its namespace (the route\'s own, unless the entry sets namespace). Traefik logs "service not found" and skips the router, so requests for that route get 404.',
    severity: 'error',
    category: 'wiring',
    appliesTo: TRAEFIK_INGRESS_ROUTE_KINDS,
    references: [SERVICE],
    remediation: 'Name an existing Service of that namespace (or set the entry\'s namespace to where the Service is), or create the Service.',
    messages: {
      missing: '{kind} {name} service {service} does not exist in namespace {namespace}',
      closest: '{kind} {name} service {service} does not exist in namespace {namespace}; did you mean {suggestion}?',
      otherNamespace: '{kind} {name} service {service} does not exist in namespace {namespace}; one exists in namespace {otherNamespace}',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    for (const ref of traefikServiceRefs(r)) {
      if (ctx.index.get(SERVICE, ref.namespace, ref.name)) continue;
      const at = joinPointer(ref.at, 'name');
      const missing = { kinds: [SERVICE], namespace: ref.namespace, name: ref.name };
      const base = { kind: r.kind, name: r.name, service: ref.name, namespace: ref.namespace };
      const elsewhere = ctx.index.named(SERVICE, ref.name).filter((s) => s.namespace !== ref.namespace);
      if (elsewhere.length > 0) {
        ctx.report({
          messageId: 'otherNamespace',
          missing,
          data: { ...base, otherNamespace: [...new Set(elsewhere.map((s) => s.namespace))].join(', ') },
          at,
          related: [{ resource: elsewhere[0], at: '/metadata/name', message: `Service ${ref.name} in namespace ${elsewhere[0].namespace}` }],
        });
        continue;
      }
      const suggestion = closest(ref.name, ctx.index.inNamespace(SERVICE, ref.namespace).map((s) => s.name));
      if (suggestion !== null) {
        const svc = ctx.index.get(SERVICE, ref.namespace, suggestion)!;
        ctx.report({
          messageId: 'closest',
          missing,
          data: { ...base, suggestion },
          at,
          related: [{ resource: svc, at: '/metadata/name', message: `Service ${suggestion} in namespace ${ref.namespace}` }],
          fix: { at, replace: suggestion, description: `Use Service ${suggestion}` },
        });
        continue;
      }
      ctx.report({ messageId: 'missing', data: base, at, missing });
    }
  },
});
