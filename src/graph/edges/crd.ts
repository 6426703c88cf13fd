import { INGRESS_KINDS, ARGO_ROLLOUT, DESTINATION_RULE, POD_MONITOR, SERVICE, SERVICE_MONITOR, TRAEFIK_INGRESS_ROUTE_KINDS, VIRTUAL_SERVICE } from '../../model/group-kinds.js';
import type { ResourceIndex } from '../../index/resource-index.js';
import { formatSelector } from '../../index/labels.js';
import { rolloutServiceRefs, rolloutTrafficRefs } from '../../k8s/argo-rollouts.js';
import { monitorEndpointPorts, monitorNamespaces, monitorSelector, servicesSelectedBy } from '../../k8s/prometheus.js';
import { traefikServiceRefs } from '../../k8s/traefik.js';
import { joinPointer } from '../../model/pointer.js';
import type { GraphBuilder } from '../model.js';
import { brokenBy, type EdgeContext, type EdgeSource } from './source.js';

/** Traefik IngressRoute(TCP/UDP) → Service, port on the edge; broken where the Traefik rules reported. */
export const traefikEdges: EdgeSource = {
  name: 'traefik',
  kinds: TRAEFIK_INGRESS_ROUTE_KINDS,
  build(index: ResourceIndex, g: GraphBuilder, ctx: EdgeContext) {
    for (const r of index.allOf(TRAEFIK_INGRESS_ROUTE_KINDS)) {
      const from = g.node(r);
      for (const ref of traefikServiceRefs(r)) {
        const label = `routes[${ref.routeIndex}] → ${ref.port === null ? '(no port)' : `:${ref.port}`}`;
        const svc = index.get(SERVICE, ref.namespace, ref.name);
        if (!svc) {
          const broken = brokenBy(ctx.findings(r, 'traefik-route-service-missing', ref.at), `no Service ${ref.name} in namespace ${ref.namespace}`);
          g.edge({ from, to: g.missing('Service', ref.namespace, ref.name), relation: 'routes', label, source: 'traefik', ...broken });
          continue;
        }
        const broken = brokenBy(ctx.findings(r, 'traefik-route-port-missing', joinPointer(ref.at, 'port')), `Service ${ref.name} has no port ${ref.port}`);
        g.edge({ from, to: g.node(svc), relation: 'routes', label, source: 'traefik', ...broken });
      }
    }
  },
};

/** Argo Rollout → the Services it points at its ReplicaSets, and the Ingresses / VirtualServices / DestinationRules it shifts traffic with. */
export const rolloutEdges: EdgeSource = {
  name: 'rollout',
  kinds: [ARGO_ROLLOUT],
  build(index: ResourceIndex, g: GraphBuilder, ctx: EdgeContext) {
    for (const r of index.all(ARGO_ROLLOUT)) {
      if (r.namespace === null) continue;
      const from = g.node(r);
      for (const ref of rolloutServiceRefs(r)) {
        const svc = index.get(SERVICE, r.namespace, ref.name);
        const missing = brokenBy(ctx.findings(r, 'rollout-service-missing', ref.at), `no Service ${ref.name} in namespace ${r.namespace}`);
        const other = brokenBy(ctx.findings(r, 'rollout-service-selects-other-pods', ref.at), `Service ${ref.name} does not select the Rollout's pods`);
        const to = svc ? g.node(svc) : g.missing('Service', r.namespace, ref.name);
        g.edge({ from, to, relation: 'covers', label: ref.field, source: 'rollout', ...(svc ? other : missing) });
      }
      for (const ref of rolloutTrafficRefs(r)) {
        const kinds = ref.kind === 'Ingress' ? INGRESS_KINDS : ref.kind === 'VirtualService' ? [VIRTUAL_SERVICE] : [DESTINATION_RULE];
        const target = kinds.map((k) => index.get(k, ref.namespace, ref.name)).find((x) => x !== undefined);
        const findings = ctx.findings(r, 'rollout-traffic-ref-missing', ref.at);
        const routeFindings = ref.routes.flatMap((rt) => ctx.findings(r, 'rollout-traffic-ref-missing', rt.at));
        const to = target ? g.node(target) : g.missing(ref.kind, ref.namespace, ref.name);
        const broken = target
          ? brokenBy(routeFindings, `VirtualService ${ref.name} lacks a route the Rollout names`)
          : brokenBy(findings, `no ${ref.kind} ${ref.name} in namespace ${ref.namespace}`);
        g.edge({ from, to, relation: 'covers', label: `trafficRouting${ref.routes.length ? ` (${ref.routes.map((x) => x.name).join(', ')})` : ''}`, source: 'rollout', ...broken });
      }
    }
  },
};

/** ServiceMonitor → the Services it scrapes, PodMonitor → the workloads whose pods it scrapes; a monitor that selects nothing points at a missing placeholder. */
export const monitorEdges: EdgeSource = {
  name: 'monitor',
  kinds: [SERVICE_MONITOR, POD_MONITOR],
  build(index: ResourceIndex, g: GraphBuilder, ctx: EdgeContext) {
    for (const r of [...index.all(SERVICE_MONITOR), ...index.all(POD_MONITOR)]) {
      const namespaces = monitorNamespaces(r);
      const selector = monitorSelector(r);
      if (namespaces === 'any' || !selector) continue;
      const from = g.node(r);
      const isService = r.kind === 'ServiceMonitor';
      const ports = monitorEndpointPorts(r, isService ? 'endpoints' : 'podMetricsEndpoints');
      const label = `scrapes${ports.length ? ` ${ports.map((p) => p.port).join(', ')}` : ''}`;
      const portBroken = brokenBy(ctx.findings(r, 'monitor-port-missing'), 'a port it scrapes is not there');
      for (const ns of namespaces) {
        const targets = isService ? servicesSelectedBy(index, ns, selector) : index.templatesSelectedBy(ns, selector).map((t) => t.owner);
        if (targets.length === 0) {
          const broken = brokenBy(ctx.findings(r, 'monitor-selects-nothing'), `selects no ${isService ? 'Service' : 'pods'} in namespace ${ns}`);
          if (broken.broken) g.edge({ from, to: g.missing(isService ? 'Service' : 'Pods', ns, formatSelector(selector) || '{}'), relation: 'covers', label, source: 'monitor', ...broken });
          continue;
        }
        for (const t of new Set(targets)) g.edge({ from, to: g.node(t), relation: 'covers', label, source: 'monitor', ...portBroken });
      }
    }
  },
};
