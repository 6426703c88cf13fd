import { defineRule } from '../../src/engine/rule.js';
import { GATEWAY, ROUTE_KINDS } from '../../src/model/group-kinds.js';
import {
  admits,
  definitionsOf,
  isGatewayParent,
  isRoute,
  listenersFor,
  nsName,
  parentRefs,
  type Admission,
  type ListenerView,
} from '../../src/k8s/gateway-api.js';
import type { Resource } from '../../src/model/types.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'route-not-allowed-by-listener',
    title: 'Route not admitted by any listener it attaches to',
    description:
      'A Gateway listener admits routes through allowedRoutes: namespaces.from Same (the default: only routes in the Gateway\'s namespace), All, or Selector (namespaces whose labels match), and kinds (by default derived from the protocol: HTTP and HTTPS admit HTTPRoute and GRPCRoute, TLS admits TLSRoute, and TCPRoute too in mode Terminate (the default; Passthrough admits TLSRoute only), TCP TCPRoute, UDP UDPRoute). A route whose parentRef selects only listeners that refuse it is not accepted and serves no traffic. Selectors are judged only when the route\'s Namespace object is in the input.',
    severity: 'error',
    category: 'gateway',
    appliesTo: ROUTE_KINDS,
    references: [GATEWAY],
    messages: {
      namespace: '{kind} {route} is not admitted by {where} Gateway {gateway}: {details}',
      kind: '{kind} {route} is not admitted by {where} Gateway {gateway}: {details}',
      mixed: '{kind} {route} is not admitted by {where} Gateway {gateway}: {details}',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    if (!isRoute(route)) return;
    for (const ref of parentRefs(route)) {
      if (!isGatewayParent(ref)) continue;
      const canonical = ctx.index.get(GATEWAY, ref.namespace, ref.name);
      if (!canonical) continue;
      // Judged against every definition of the Gateway (alternative files): admitted by one is enough.
      let refused: { gw: Resource; candidates: ListenerView[]; refusals: Extract<Admission, { result: 'no' }>[] } | null = null;
      let admitted = false;
      for (const gw of definitionsOf(ctx.index, canonical)) {
        const candidates = listenersFor(gw, ref);
        if (candidates.length === 0) continue; // route-parent-missing reports a sectionName/port that selects nothing
        const refusals: Extract<Admission, { result: 'no' }>[] = [];
        for (const l of candidates) {
          const a = admits(ctx.index, gw, l, route);
          if (a.result === 'no') refusals.push(a);
          else admitted = true;
        }
        if (!refused && refusals.length === candidates.length) refused = { gw, candidates, refusals };
      }
      if (admitted || !refused) continue;
      const { gw, candidates, refusals } = refused;
      const reasons = new Set(refusals.map((r) => r.reason));
      const messageId = reasons.size > 1 ? 'mixed' : refusals[0].reason;
      const where =
        ref.sectionName !== null
          ? `listener ${ref.sectionName} of`
          : `${candidates.length > 1 ? 'any listener' : 'the listener'}${ref.port !== null ? ` on port ${ref.port}` : ''} of`;
      const details = [...new Set(refusals.map((r) => r.detail))];
      ctx.report({
        messageId,
        data: {
          kind: route.kind,
          route: nsName(route.namespace, route.name),
          gateway: nsName(gw.namespace, gw.name),
          where,
          details: details.slice(0, 4).join('; ') + (details.length > 4 ? `; and ${details.length - 4} more` : ''),
        },
        at: joinPointer(ref.at, messageId === 'namespace' && ref.explicitNamespace ? 'namespace' : 'name'),
        related: refusals.slice(0, 4).map((r) => ({ resource: gw, at: r.at, message: r.detail })),
      });
    }
  },
});
