import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import type { ResourceIndex } from '../../src/index/resource-index.js';
import { describeServicePortEntry, servicePorts, serviceType, type ServicePortView } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';
import type { Resource } from '../../src/model/types.js';

interface Use {
  svc: Resource;
  port: ServicePortView;
}

/** Services that allocate node ports: NodePort and LoadBalancer (ClusterIP rejects nodePort, ExternalName ignores it). */
function allocatesNodePorts(svc: Resource): boolean {
  const t = serviceType(svc);
  return t === 'NodePort' || t === 'LoadBalancer';
}

/** nodePort → every (Service, port) using it, over the canonical copy of each Service. */
function nodePortTable(index: ResourceIndex): Map<number, Use[]> {
  return index.memo('service-node-port-collision:table', () => {
    const table = new Map<number, Use[]>();
    for (const svc of index.all(SERVICE)) {
      if (!allocatesNodePorts(svc)) continue;
      for (const port of servicePorts(svc)) {
        if (port.nodePort === null || port.nodePort === 0) continue;
        const list = table.get(port.nodePort);
        if (list) list.push({ svc, port });
        else table.set(port.nodePort, [{ svc, port }]);
      }
    }
    return table;
  });
}

function describeService(svc: Resource): string {
  return `${svc.name}${svc.namespace ? ` (namespace ${svc.namespace})` : ''}`;
}

export default defineRule({
  meta: {
    id: 'service-node-port-collision',
    title: 'Two Services use the same nodePort',
    description:
      'Node ports are allocated from one cluster-wide pool, shared by all namespaces and all protocols: a nodePort used by one Service cannot be used by another, even on a different protocol or namespace, and the second Service is rejected with "provided port is already allocated". Only one Service may use its own nodePort twice, for TCP and UDP. The same object defined twice in the input (a base and a rendered copy) is one object, not a collision.',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    references: [SERVICE],
    remediation:
      'Node ports are allocated cluster-wide, across namespaces and protocols: whichever Service is applied second is rejected ("provided port is already allocated"). Pick another nodePort, or remove it to let Kubernetes allocate one.',
    messages: {
      collision:
        'Service {name} {port} uses nodePort {nodePort}, also used by Service {other} ({otherPort}): node ports are cluster-wide',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (!allocatesNodePorts(svc)) return;
    const table = nodePortTable(ctx.index);
    for (const p of servicePorts(svc)) {
      if (p.nodePort === null || p.nodePort === 0) continue;
      // Compare identities, not objects: this resource may be a later copy of a canonical one.
      const others = (table.get(p.nodePort) ?? []).filter((u) => u.svc.key !== svc.key);
      if (others.length === 0) continue;
      const first = others[0];
      ctx.report({
        messageId: 'collision',
        data: {
          name: svc.name,
          port: describeServicePortEntry(p),
          nodePort: p.nodePort,
          other: describeService(first.svc) + (others.length > 1 ? ` and ${others.length - 1} more` : ''),
          otherPort: describeServicePortEntry(first.port),
        },
        at: pointer('spec', 'ports', p.index, 'nodePort'),
        related: others.slice(0, 5).map((u) => ({
          resource: u.svc,
          at: pointer('spec', 'ports', u.port.index, 'nodePort'),
          message: `Service ${describeService(u.svc)} ${describeServicePortEntry(u.port)} also uses nodePort ${p.nodePort}`,
        })),
      });
    }
  },
});
