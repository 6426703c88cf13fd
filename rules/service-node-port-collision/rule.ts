import { pairingScope } from '../../src/engine/completeness.js';
import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import type { ResourceIndex } from '../../src/index/resource-index.js';
import { describeServicePortEntry, servicePorts, serviceType, specOf, type ServicePortView } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';
import type { Resource } from '../../src/model/types.js';

interface Use {
  svc: Resource;
  /** The Service port holding the nodePort; null for the Service's healthCheckNodePort. */
  port: ServicePortView | null;
}

/** Services that allocate node ports: NodePort and LoadBalancer (ClusterIP rejects nodePort, ExternalName ignores it). */
function allocatesNodePorts(svc: Resource): boolean {
  const t = serviceType(svc);
  return t === 'NodePort' || t === 'LoadBalancer';
}

/**
 * The healthCheckNodePort a Service allocates, or null. The API server allocates it from the same
 * node-port allocator as the ports' nodePorts (allocHealthCheckNodePort in
 * pkg/registry/core/service/storage/alloc.go calls nodePortOp.Allocate), for a LoadBalancer with
 * externalTrafficPolicy Local only (needsHCNodePort; validation rejects the field otherwise).
 */
function healthCheckNodePort(svc: Resource): number | null {
  const spec = specOf(svc);
  const hc = spec.healthCheckNodePort;
  if (serviceType(svc) !== 'LoadBalancer' || spec.externalTrafficPolicy !== 'Local') return null;
  return typeof hc === 'number' && hc !== 0 ? hc : null;
}

/** nodePort → every (Service, port or health check) using it, over the canonical copy of each Service. */
function nodePortTable(index: ResourceIndex): Map<string, Use[]> {
  return index.memo('service-node-port-collision:table', () => {
    const table = new Map<string, Use[]>();
    const add = (n: number, use: Use) => {
      // Documentation snippets collide only within their file (pairingScope).
      const key = nodePortKey(index, use.svc, n);
      const list = table.get(key);
      if (list) list.push(use);
      else table.set(key, [use]);
    };
    for (const svc of index.all(SERVICE)) {
      if (!allocatesNodePorts(svc)) continue;
      for (const port of servicePorts(svc)) {
        if (port.nodePort !== null && port.nodePort !== 0) add(port.nodePort, { svc, port });
      }
      const hc = healthCheckNodePort(svc);
      if (hc !== null) add(hc, { svc, port: null });
    }
    return table;
  });
}

function nodePortKey(index: ResourceIndex, svc: Resource, nodePort: number): string {
  return `${pairingScope(index, svc.source.file)}\u0000${nodePort}`;
}

function describeService(svc: Resource): string {
  return `${svc.name}${svc.namespace ? ` (namespace ${svc.namespace})` : ''}`;
}

function describeUse(u: Use): string {
  return u.port ? describeServicePortEntry(u.port) : 'healthCheckNodePort';
}

function useAt(u: Use): string {
  return u.port ? pointer('spec', 'ports', u.port.index, 'nodePort') : HEALTH_CHECK_AT;
}

const HEALTH_CHECK_AT = pointer('spec', 'healthCheckNodePort');

export default defineRule({
  meta: {
    id: 'service-node-port-collision',
    title: 'Two Services use the same nodePort',
    description:
      'Node ports are allocated from one cluster-wide pool, shared by all namespaces and all protocols: a nodePort used by one Service cannot be used by another, even on a different protocol or namespace, and the second Service is rejected with "provided port is already allocated". Only one Service may use its own nodePort twice, for TCP and UDP. A LoadBalancer with externalTrafficPolicy Local also allocates its healthCheckNodePort from the same pool: it collides with any other nodePort or healthCheckNodePort, the Service\'s own nodePorts included. The same object defined twice in the input (a base and a rendered copy) is one object, not a collision.',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    references: [SERVICE],
    remediation:
      'Node ports are allocated cluster-wide, across namespaces and protocols: whichever Service is applied second is rejected ("provided port is already allocated"). Pick another nodePort (or healthCheckNodePort), or remove it to let Kubernetes allocate one.',
    messages: {
      collision:
        'Service {name} {port} uses nodePort {nodePort}, also used by Service {other} ({otherPort}): node ports are cluster-wide',
      healthCheck:
        'Service {name} healthCheckNodePort {nodePort} is also used by Service {other} ({otherPort}): node ports are cluster-wide',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (!allocatesNodePorts(svc)) return;
    const table = nodePortTable(ctx.index);
    const report = (messageId: 'collision' | 'healthCheck', nodePort: number, at: string, port: string, others: Use[]) => {
      if (others.length === 0) return;
      const first = others[0];
      ctx.report({
        messageId,
        data: {
          name: svc.name,
          ...(messageId === 'collision' ? { port } : {}),
          nodePort,
          other: describeService(first.svc) + (others.length > 1 ? ` and ${others.length - 1} more` : ''),
          otherPort: describeUse(first),
        },
        at,
        related: others.slice(0, 5).map((u) => ({
          resource: u.svc,
          at: useAt(u),
          message: `Service ${describeService(u.svc)} ${describeUse(u)} also uses nodePort ${nodePort}`,
        })),
      });
    };
    for (const p of servicePorts(svc)) {
      if (p.nodePort === null || p.nodePort === 0) continue;
      // Compare identities, not objects: this resource may be a later copy of a canonical one. The
      // Service's own healthCheckNodePort on this number is reported there, once.
      const others = (table.get(nodePortKey(ctx.index, svc, p.nodePort)) ?? []).filter((u) => u.svc.key !== svc.key);
      report('collision', p.nodePort, pointer('spec', 'ports', p.index, 'nodePort'), describeServicePortEntry(p), others);
    }
    const hc = healthCheckNodePort(svc);
    if (hc !== null) {
      // Every other use, the Service's own nodePorts included: the health check is allocated after them.
      const others = (table.get(nodePortKey(ctx.index, svc, hc)) ?? []).filter((u) => u.svc.key !== svc.key || u.port !== null);
      report('healthCheck', hc, HEALTH_CHECK_AT, '', others);
    }
  },
});
