import { defineRule } from '../../src/engine/rule.js';
import { servicePorts, serviceType } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'service-nodeport-exposed',
    title: 'Service of type NodePort opens a port on every node',
    description:
      'A NodePort Service makes every node of the cluster listen on a port from the node-port range and forward to the Service, on all node addresses. That bypasses the TLS, authentication and routing of an Ingress or Gateway, and depends on node firewalls for protection. Prefer a ClusterIP Service behind an Ingress or Gateway (or a LoadBalancer with source ranges).',
    severity: 'warning',
    category: 'exposure',
    securitySeverity: 5.3,
    appliesTo: ['Service'],
    messages: {
      nodePort:
        'Service {name} is type NodePort: every node of the cluster listens on {nodePorts} and forwards to it, on all node addresses. Prefer type ClusterIP behind an Ingress or Gateway, or make sure node firewalls block these ports',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (serviceType(svc) !== 'NodePort') return;
    const ports = servicePorts(svc);
    const nodePorts = ports.map((p) => `${p.nodePort ? p.nodePort : 'an allocated port'} (port ${p.port ?? '?'}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''})`);
    ctx.report({
      messageId: 'nodePort',
      data: { name: svc.name, nodePorts: nodePorts.length ? nodePorts.join(', ') : 'its node ports' },
      at: pointer('spec', 'type'),
    });
  },
});
