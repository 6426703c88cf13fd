import type { ResourceIndex } from '../../index/resource-index.js';
import { ingressBackends, ingressBackendSlots, ingressPaths, isIngress, type IngressBackendSlot } from '../../k8s/ingress.js';
import { servicePorts } from '../../k8s/service.js';
import { isObject } from '../../model/resources.js';
import type { Resource } from '../../model/types.js';
import type { GraphBuilder } from '../model.js';
import type { EdgeContext, EdgeSource } from './source.js';

/** `shop.example.com/api`, `*` for a rule without host, `default backend`. */
function routeLabel(ing: Resource, slot: IngressBackendSlot): string {
  if (slot.where === 'default') return 'default backend';
  const entry = ingressPaths(ing).find((p) => p.ruleIndex === slot.ruleIndex && p.pathIndex === slot.pathIndex);
  return `${slot.host || '*'}${entry?.path || '/'}`;
}

/** Ingress → Service (same namespace: an Ingress cannot name another), and Ingress → typed resource backends. */
export const ingressEdges: EdgeSource = {
  name: 'ingress',
  kinds: ['Ingress'],
  build(index: ResourceIndex, g: GraphBuilder, ctx: EdgeContext) {
    const haveServices = ctx.isComplete('Service');
    for (const ing of index.all('Ingress')) {
      if (!isIngress(ing)) continue;
      const from = g.node(ing);
      const services = new Map(ingressBackends(ing).map((b) => [b.at, b]));
      for (const slot of ingressBackendSlots(ing)) {
        const route = routeLabel(ing, slot);
        const ref = services.get(slot.at);
        if (!ref) {
          const res = slot.value.resource;
          if (isObject(res) && typeof res.kind === 'string' && typeof res.name === 'string') {
            const target = index.get(res.kind, ing.namespace, res.name);
            const to = target ? g.node(target) : g.missing(res.kind, ing.namespace, res.name);
            g.edge({ from, to, relation: 'routes', label: route, source: 'ingress' });
          }
          continue;
        }
        const port = ref.port.number ?? ref.port.name;
        const label = `${route} → ${port === undefined ? '(no port)' : `:${port}`}`;
        const svc = index.get('Service', ing.namespace, ref.serviceName, '');
        if (!svc) {
          const to = g.missing('Service', ing.namespace, ref.serviceName);
          // Only a broken wire when the input holds Services at all (the completeness principle).
          const broken = haveServices ? { broken: `no Service ${ref.serviceName} in namespace ${ing.namespace}` } : {};
          g.edge({ from, to, relation: 'routes', label, source: 'ingress', ...broken });
          continue;
        }
        const found =
          port === undefined ||
          servicePorts(svc).some((p) => (ref.port.number !== undefined ? p.port === ref.port.number : p.name === ref.port.name));
        g.edge({
          from,
          to: g.node(svc),
          relation: 'routes',
          label,
          source: 'ingress',
          ...(found ? {} : { broken: `Service ${svc.name} has no port ${port}` }),
        });
      }
    }
  },
};
