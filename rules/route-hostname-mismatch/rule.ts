import { defineRule } from '../../src/engine/rule.js';
import { GATEWAY, GRPC_ROUTE, HTTP_ROUTE, TLS_ROUTE } from '../../src/model/group-kinds.js';
import {
  admits,
  definitionsOf,
  isGatewayParent,
  isRoute,
  listenerMatchesHostnames,
  listenersFor,
  nsName,
  parentRefs,
  routeHostnames,
  type ListenerView,
} from '../../src/k8s/gateway-api.js';
import type { Resource } from '../../src/model/types.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'route-hostname-mismatch',
    title: 'Route hostnames intersect no hostname of the listeners it attaches to',
    description:
      'When both a route (HTTPRoute, GRPCRoute, TLSRoute) and a listener have hostnames, at least one must intersect or the route is not accepted by that listener. Gateway API wildcards are suffix matches over any number of labels (`*.example.com` matches `a.b.example.com`, not `example.com`); a listener without hostname, or a route without hostnames, matches everything. Only listeners that admit the route (allowedRoutes) are considered.',
    severity: 'warning',
    category: 'gateway',
    appliesTo: [HTTP_ROUTE, GRPC_ROUTE, TLS_ROUTE],
    references: [GATEWAY],
    messages: {
      mismatch: '{kind} {route} hostnames {hostnames} match no listener hostname of Gateway {gateway}{section} ({listeners}): the route is not accepted there',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    if (!isRoute(route)) return;
    const hostnames = routeHostnames(route);
    if (hostnames.length === 0) return;
    for (const ref of parentRefs(route)) {
      if (!isGatewayParent(ref)) continue;
      const canonical = ctx.index.get(GATEWAY, ref.namespace, ref.name);
      if (!canonical) continue;
      // Judged against every definition of the Gateway (alternative files): one match is enough.
      // Listeners that refuse the route are route-not-allowed-by-listener's concern.
      let matched = false;
      let mismatch: { gw: Resource; candidates: ListenerView[] } | null = null;
      for (const gw of definitionsOf(ctx.index, canonical)) {
        const candidates = listenersFor(gw, ref).filter((l) => admits(ctx.index, gw, l, route).result !== 'no');
        if (candidates.length === 0) continue;
        if (candidates.some((l) => listenerMatchesHostnames(l, hostnames))) matched = true;
        else mismatch ??= { gw, candidates };
      }
      if (matched || !mismatch) continue;
      const { gw, candidates } = mismatch;
      const section = ref.sectionName !== null ? ` listener ${ref.sectionName}` : ref.port !== null ? ` port ${ref.port}` : '';
      ctx.report({
        messageId: 'mismatch',
        data: {
          kind: route.kind,
          route: nsName(route.namespace, route.name),
          hostnames: hostnames.join(', '),
          gateway: nsName(gw.namespace, gw.name),
          section,
          listeners: candidates.map((l) => `${l.name}: ${l.hostname}`).join(', '),
        },
        at: pointer('spec', 'hostnames'),
        related: candidates.slice(0, 4).map((l) => ({
          resource: gw,
          at: pointer('spec', 'listeners', l.index, 'hostname'),
          message: `listener ${l.name} hostname ${l.hostname}`,
        })),
      });
    }
  },
});
