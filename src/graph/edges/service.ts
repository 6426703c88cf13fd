import { formatLabels } from '../../index/labels.js';
import type { PodTemplateView } from '../../index/pod-templates.js';
import type { ResourceIndex } from '../../index/resource-index.js';
import { isHeadless, serviceSelector, servicePorts, serviceType, specOf, type ServicePortView } from '../../k8s/service.js';
import type { GraphBuilder } from '../model.js';
import { brokenBy, type EdgeContext, type EdgeSource } from './source.js';
import { SERVICE } from '../../model/group-kinds.js';

/** `80 → 8080`, `80 → http (8080)`; a named target no container declares (with that protocol) is collected in `unresolved`. */
function portMapping(p: ServicePortView, t: PodTemplateView, unresolved: string[]): string {
  const target = p.effectiveTarget;
  const proto = p.protocol === 'TCP' ? '' : `/${p.protocol}`;
  if (typeof target !== 'string') return `${p.port ?? '?'} → ${target ?? '?'}${proto}`;
  const numeric = /^\d+$/.test(target) ? Number(target) : null;
  if (numeric !== null) return `${p.port ?? '?'} → ${numeric}${proto}`;
  for (const c of t.containers) {
    const cp = c.ports.find((x) => x.name === target && x.protocol === p.protocol);
    if (cp) return `${p.port ?? '?'} → ${target} (${cp.containerPort ?? '?'})${proto}`;
  }
  unresolved.push(target);
  return `${p.port ?? '?'} → ${target}?${proto}`;
}

function serviceDetail(svc: Parameters<typeof serviceType>[0]): string | undefined {
  const type = serviceType(svc);
  if (type === 'ExternalName') {
    const ext = specOf(svc).externalName;
    return `ExternalName ${typeof ext === 'string' ? ext : '?'}`;
  }
  if (isHeadless(svc)) return 'headless';
  if (type !== 'ClusterIP') return type;
  return undefined;
}

/** Service → the workloads whose pod templates its selector matches (same namespace), ports on the edge. */
export const serviceEdges: EdgeSource = {
  name: 'service',
  kinds: [SERVICE],
  build(index: ResourceIndex, g: GraphBuilder, ctx: EdgeContext) {
    for (const svc of index.all(SERVICE)) {
      const from = g.node(svc, serviceDetail(svc));
      if (serviceType(svc) === 'ExternalName' || svc.namespace === null) continue;
      const selector = serviceSelector(svc);
      if (Object.keys(selector).length === 0) {
        // Endpoints managed by hand (or by an operator): nothing to draw, say so on the node.
        if (!serviceDetail(svc)) g.node(svc, 'no selector');
        continue;
      }
      const templates = index.templatesMatching(svc.namespace, selector);
      if (templates.length === 0) {
        // A broken wire where service-selector-matches-nothing reported one (the engine judged completeness).
        const broken = brokenBy(ctx.findings(svc, 'service-selector-matches-nothing'), `selector ${formatLabels(selector)} matches no pods`);
        if (!('broken' in broken)) continue;
        const to = g.missing('Pods', svc.namespace, formatLabels(selector));
        g.edge({ from, to, relation: 'routes', label: '', source: 'service', ...broken });
        continue;
      }
      const ports = servicePorts(svc);
      const portFindings = ctx.findings(svc, 'service-target-port-missing');
      for (const t of templates) {
        const unresolved: string[] = [];
        const label = ports.map((p) => portMapping(p, t, unresolved)).join(', ');
        g.edge({
          from,
          to: g.node(t.owner),
          relation: 'routes',
          label,
          source: 'service',
          // The port the pods lack, as service-target-port-missing reported it.
          ...(unresolved.length ? brokenBy(portFindings, `${t.owner.kind} ${t.owner.name} declares no container port named ${unresolved.join(', ')}`) : {}),
        });
      }
    }
  },
};
