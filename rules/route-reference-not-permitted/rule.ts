import { defineRule } from '../../src/engine/rule.js';
import { REFERENCE_GRANT, ROUTE_KINDS, SERVICE } from '../../src/model/group-kinds.js';
import {
  backendRefs,
  GATEWAY_GROUP,
  grantFor,
  isRoute,
  isServiceBackend,
  nsName,
  parentRefs,
  referenceGrantsIn,
} from '../../src/k8s/gateway-api.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'route-reference-not-permitted',
    title: 'Cross-namespace route backendRef without a ReferenceGrant',
    description:
      'A route may send traffic to a Service in another namespace only when a ReferenceGrant in that (target) namespace permits it: a `from` entry with the route\'s group, kind and namespace, and a `to` entry with group "", kind Service and either no name or the Service\'s name. Without one the implementation must refuse the reference (ResolvedRefs=False, RefNotPermitted) and the backend gets no traffic. ParentRefs are not governed by ReferenceGrants (allowedRoutes is).',
    severity: 'error',
    category: 'gateway',
    appliesTo: ROUTE_KINDS,
    references: [REFERENCE_GRANT, SERVICE],
    remediation:
      'Add a ReferenceGrant in the Service\'s namespace with from the route (group, kind, namespace) and to Service (with the Service\'s name, or no name for every Service).',
    messages: {
      noGrant:
        '{kind} {route} {via} Service {service} in another namespace; no ReferenceGrant in {namespace} permits it',
      notMatching:
        '{kind} {route} {via} Service {service} in another namespace; no ReferenceGrant in {namespace} ({grants}) permits it',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    if (!isRoute(route) || route.namespace === null) return;
    const from = { group: GATEWAY_GROUP, kind: route.kind, namespace: route.namespace };
    // A mesh consumer route (GAMMA) may send traffic to its own parent Service in another namespace:
    // the conformance suite (MeshConsumerRoute) expects that to work without a ReferenceGrant.
    const serviceParents = new Set(
      parentRefs(route)
        .filter((p) => p.kind === 'Service' && (p.group === '' || p.group === 'core'))
        .map((p) => `${p.namespace}/${p.name}`),
    );
    for (const b of backendRefs(route)) {
      if (!isServiceBackend(b) || !b.crossNamespace) continue;
      if (serviceParents.has(`${b.namespace}/${b.name}`)) continue;
      if (grantFor(ctx.index, from, { group: '', kind: 'Service', namespace: b.namespace, name: b.name })) continue;
      const grants = referenceGrantsIn(ctx.index, b.namespace);
      const data = {
        kind: route.kind,
        route: nsName(route.namespace, route.name),
        via: b.via === 'mirror' ? 'mirrors to' : 'references',
        service: nsName(b.namespace, b.name),
        namespace: b.namespace,
      };
      ctx.report({
        messageId: grants.length > 0 ? 'notMatching' : 'noGrant',
        // Judged where the input holds the ReferenceGrants or the Services of the target namespace.
        missing: { kinds: [REFERENCE_GRANT, SERVICE], namespace: b.namespace },
        data: { ...data, grants: grants.slice(0, 3).map((g) => g.name).join(', ') + (grants.length > 3 ? ` and ${grants.length - 3} more` : '') },
        at: joinPointer(b.at, 'namespace'),
        related: grants.slice(0, 3).map((g) => ({ resource: g, at: '/spec', message: `ReferenceGrant ${nsName(g.namespace, g.name)} does not match` })),
      });
    }
  },
});
