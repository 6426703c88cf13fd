import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { servicePorts, serviceType } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'service-nodeport-exposed',
    title: 'Service of type NodePort opens a port on every node',
    description:
      'A NodePort Service makes every node of the cluster listen on a port from the node-port range and forward to the Service, on all node addresses. That bypasses the TLS, authentication and routing of an Ingress or Gateway, and depends on node firewalls for protection. Prefer a ClusterIP Service behind an Ingress or Gateway (or a LoadBalancer with source ranges).',
    severity: 'info',
    category: 'exposure',
    securitySeverity: 5.3,
    appliesTo: [SERVICE],
    remediation:
      'Prefer type ClusterIP behind an Ingress or Gateway, or make sure node firewalls block the node ports.',
    messages: {
      nodePort:
        'Service {name} is type NodePort: every node opens {nodePorts} on all its addresses',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (serviceType(svc) !== 'NodePort') return;
    const ports = servicePorts(svc);
    const nodePorts = ports.map(
      (p) =>
        `${p.port === null ? `ports[${p.index}]` : `port ${p.port}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`} (${p.nodePort ? `nodePort ${p.nodePort}` : 'allocated nodePort'})`,
    );
    ctx.report({
      messageId: 'nodePort',
      data: { name: svc.name, nodePorts: nodePorts.length ? nodePorts.join(', ') : 'its ports' },
      at: pointer('spec', 'type'),
    });
  },
});
