import { gk, INGRESS_KINDS, SERVICE } from '../../model/group-kinds.js';
import type { ResourceIndex } from '../../index/resource-index.js';
import { ingressBackends, ingressBackendSlots, ingressPaths, isIngress, type IngressBackendSlot } from '../../k8s/ingress.js';
import { isObject } from '../../model/resources.js';
import type { Resource } from '../../model/types.js';
import type { GraphBuilder } from '../model.js';
import { brokenBy, type EdgeContext, type EdgeSource } from './source.js';

/** `shop.example.com/api`, `*` for a rule without host, `default backend`. */
function routeLabel(ing: Resource, slot: IngressBackendSlot): string {
  if (slot.where === 'default') return 'default backend';
  const entry = ingressPaths(ing).find((p) => p.ruleIndex === slot.ruleIndex && p.pathIndex === slot.pathIndex);
  return `${slot.host || '*'}${entry?.path || '/'}`;
}

/** Ingress → Service (same namespace: an Ingress cannot name another), and Ingress → typed resource backends. */
export const ingressEdges: EdgeSource = {
  name: 'ingress',
  kinds: INGRESS_KINDS,
  build(index: ResourceIndex, g: GraphBuilder, ctx: EdgeContext) {
    for (const ing of index.allOf(INGRESS_KINDS)) {
      if (!isIngress(ing)) continue;
      const from = g.node(ing);
      const services = new Map(ingressBackends(ing).map((b) => [b.at, b]));
      for (const slot of ingressBackendSlots(ing)) {
        const route = routeLabel(ing, slot);
        const ref = services.get(slot.at);
        if (!ref) {
          const res = slot.value.resource;
          if (isObject(res) && typeof res.kind === 'string' && typeof res.name === 'string') {
            const group = typeof res.apiGroup === 'string' ? res.apiGroup : '';
            const target = index.get(gk(group, res.kind), ing.namespace, res.name);
            const to = target ? g.node(target) : g.missing(res.kind, ing.namespace, res.name);
            g.edge({ from, to, relation: 'routes', label: route, source: 'ingress' });
          }
          continue;
        }
        const port = ref.port.number ?? ref.port.name;
        const label = `${route} → ${port === undefined ? '(no port)' : `:${port}`}`;
        const svc = index.get(SERVICE, ing.namespace, ref.serviceName);
        if (!svc) {
          const to = g.missing('Service', ing.namespace, ref.serviceName);
          // A broken wire where ingress-backend-service-missing reported one (the engine judged completeness).
          const broken = brokenBy(ctx.findings(ing, 'ingress-backend-service-missing', slot.at), `no Service ${ref.serviceName} in namespace ${ing.namespace}`);
          g.edge({ from, to, relation: 'routes', label, source: 'ingress', ...broken });
          continue;
        }
        g.edge({
          from,
          to: g.node(svc),
          relation: 'routes',
          label,
          source: 'ingress',
          ...brokenBy(ctx.findings(ing, 'ingress-backend-port-missing', slot.at), `Service ${svc.name} has no port ${port}`),
        });
      }
    }
  },
};
