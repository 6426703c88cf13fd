import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { isCatchAll, parseCidr } from '../../src/k8s/cidr.js';
import {
  describeServicePortEntry,
  internalLoadBalancerReason,
  loadBalancerSourceRanges,
  serviceExternalIPs,
  servicePorts,
  serviceType,
} from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

interface Options {
  ports: number[];
}

/** What usually listens on the default sensitive ports, for messages. */
const KNOWN: Record<number, string> = {
  22: 'SSH',
  23: 'Telnet',
  2375: 'the Docker API (plain text)',
  2376: 'the Docker API (TLS)',
  2379: 'the etcd client API',
  2380: 'etcd peer traffic',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  6379: 'Redis',
  9200: 'Elasticsearch',
  10250: 'the kubelet API',
  11211: 'Memcached',
  27017: 'MongoDB',
};

const DEFAULT_SENSITIVE_PORTS = Object.keys(KNOWN).map(Number);

export default defineRule<Options>({
  meta: {
    id: 'service-sensitive-port-exposed',
    title: 'Service exposes a sensitive port outside the cluster',
    description:
      'A NodePort or LoadBalancer Service, or a Service with externalIPs, makes its ports reachable from outside the cluster. Ports of remote shells, container runtimes, etcd, the kubelet, databases and caches (SSH, Telnet, Docker API, etcd, kubelet, MySQL, PostgreSQL, Redis, Elasticsearch, Memcached, MongoDB by default) should never be: many of them have no or weak authentication by default. An internal or source-restricted load balancer lowers the finding to a warning.',
    severity: 'error',
    category: 'exposure',
    securitySeverity: 8.2,
    appliesTo: [SERVICE],
    remediation:
      'Keep it internal: use type ClusterIP and reach it with kubectl port-forward, a VPN or a bastion.',
    messages: {
      exposed:
        'Service {name} exposes {what} on {port}{target} outside the cluster through {how}',
      exposedLimited:
        'Service {name} exposes {what} on {port}{target} through {how}: reachable from outside the cluster',
    },
    options: {
      schema: {
        type: 'object',
        properties: {
          ports: {
            type: 'array',
            items: { type: 'integer', minimum: 1, maximum: 65535 },
            uniqueItems: true,
            description: 'Port numbers (Service port or numeric targetPort) that must not be exposed. Replaces the default list.',
          },
        },
        additionalProperties: false,
      },
      defaults: { ports: DEFAULT_SENSITIVE_PORTS },
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    const type = serviceType(svc);
    const externalIPs = serviceExternalIPs(svc);
    if (type === 'ExternalName') return;
    if (type !== 'NodePort' && type !== 'LoadBalancer' && externalIPs.length === 0) return;
    const sensitive = new Set(ctx.options.ports);

    // How it is exposed, and whether that exposure is limited (internal or source-restricted LB only).
    let how: string;
    let limited = false;
    if (type === 'NodePort') how = 'a NodePort on every node';
    else if (type === 'LoadBalancer') {
      const internal = internalLoadBalancerReason(svc);
      const ranges = loadBalancerSourceRanges(svc);
      const restricted =
        ranges !== null &&
        ranges.entries.length > 0 &&
        ranges.entries.every((e) => {
          const p = parseCidr(e.text);
          return 'cidr' in p && !isCatchAll(p.cidr);
        });
      if (internal) {
        how = `an internal load balancer (${internal.reason})`;
        limited = externalIPs.length === 0;
      } else if (restricted) {
        how = `a load balancer restricted to ${ranges.entries.map((e) => e.text).join(', ')}`;
        limited = externalIPs.length === 0;
      } else how = 'a load balancer open to any address';
      // A LoadBalancer also allocates node ports unless allocateLoadBalancerNodePorts is false.
    } else how = `externalIPs ${externalIPs.join(', ')}`;
    if (type !== 'ClusterIP' && externalIPs.length > 0) how += ` and externalIPs ${externalIPs.join(', ')}`;

    for (const p of servicePorts(svc)) {
      const target = typeof p.effectiveTarget === 'number' ? p.effectiveTarget : null;
      const hit = p.port !== null && sensitive.has(p.port) ? p.port : target !== null && sensitive.has(target) ? target : null;
      if (hit === null) continue;
      ctx.report({
        messageId: limited ? 'exposedLimited' : 'exposed',
        data: {
          name: svc.name,
          what: KNOWN[hit] ?? `sensitive port ${hit}`,
          port: describeServicePortEntry(p),
          target: target !== null && target !== p.port ? ` → targetPort ${target}` : '',
          how,
        },
        at: pointer('spec', 'ports', p.index, hit === p.port ? 'port' : 'targetPort'),
        ...(limited ? { severity: 'warning' as const } : {}),
      });
    }
  },
});
