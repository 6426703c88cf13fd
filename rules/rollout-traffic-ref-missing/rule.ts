import { defineRule } from '../../src/engine/rule.js';
import { ARGO_ROLLOUT, DESTINATION_RULE, INGRESS_KINDS, VIRTUAL_SERVICE, type GroupKind } from '../../src/model/group-kinds.js';
import { rolloutTrafficRefs, type TrafficRefKind } from '../../src/k8s/argo-rollouts.js';
import { isObject } from '../../src/model/resources.js';
import { closest } from '../../src/text/closest.js';

const KINDS: Record<TrafficRefKind, readonly GroupKind[]> = {
  Ingress: INGRESS_KINDS,
  VirtualService: [VIRTUAL_SERVICE],
  DestinationRule: [DESTINATION_RULE],
};

export default defineRule({
  meta: {
    id: 'rollout-traffic-ref-missing',
    title: 'Argo Rollout trafficRouting names an object or route that does not exist',
    description:
      'The canary trafficRouting of an Argo Rollout names an Ingress (nginx stableIngress, ALB ingress), an Istio VirtualService or DestinationRule that is not in the input\'s namespace, or a VirtualService HTTP route name that the VirtualService does not have. The controller cannot shift traffic: the Rollout is degraded and the canary never gets (or always gets) its weight.',
    severity: 'error',
    category: 'wiring',
    appliesTo: [ARGO_ROLLOUT],
    references: [...INGRESS_KINDS, VIRTUAL_SERVICE, DESTINATION_RULE],
    remediation: 'Name an existing object of the Rollout\'s namespace (a VirtualService may be given as name.namespace), and list only route names the VirtualService defines in spec.http[].name.',
    messages: {
      missing: 'Rollout {name} trafficRouting {kind} {target} does not exist in namespace {namespace}',
      closest: 'Rollout {name} trafficRouting {kind} {target} does not exist in namespace {namespace}; did you mean {suggestion}?',
      route: 'Rollout {name} trafficRouting route {route} is not an HTTP route name of VirtualService {target} ({routes})',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    for (const ref of rolloutTrafficRefs(r)) {
      const kinds = KINDS[ref.kind];
      const found = kinds.map((k) => ctx.index.get(k, ref.namespace, ref.name)).find((x) => x !== undefined);
      if (!found) {
        const missing = { kinds, namespace: ref.namespace, name: ref.name };
        const base = { name: r.name, kind: ref.kind, target: ref.name, namespace: ref.namespace };
        const suggestion = closest(ref.name, kinds.flatMap((k) => ctx.index.inNamespace(k, ref.namespace).map((x) => x.name)));
        if (suggestion !== null) {
          ctx.report({ messageId: 'closest', missing, data: { ...base, suggestion }, at: ref.at, fix: { at: ref.at, replace: suggestion, description: `Use ${ref.kind} ${suggestion}` } });
        } else {
          ctx.report({ messageId: 'missing', missing, data: base, at: ref.at });
        }
        continue;
      }
      if (ref.routes.length === 0) continue;
      // Any definition of the VirtualService that has the route may be the applied one.
      const names = new Set<string>();
      for (const vs of ctx.index.variants(found)) {
        const spec = isObject(vs.value.spec) ? vs.value.spec : {};
        if (Array.isArray(spec.http)) for (const h of spec.http) if (isObject(h) && typeof h.name === 'string') names.add(h.name);
      }
      for (const route of ref.routes) {
        if (names.has(route.name)) continue;
        ctx.report({
          messageId: 'route',
          data: { name: r.name, route: route.name, target: ref.name, routes: names.size > 0 ? `routes: ${[...names].sort().join(', ')}` : 'it names no HTTP routes' },
          at: route.at,
          related: [{ resource: found, at: '/spec/http', message: `VirtualService ${ref.name} HTTP routes` }],
        });
      }
    }
  },
});
