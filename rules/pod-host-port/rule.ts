import { defineRule } from '../../src/engine/rule.js';
import { WORKLOADS } from '../../src/model/group-kinds.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'pod-host-port',
    title: 'Container binds a hostPort on its node',
    description:
      'A container port with hostPort opens that port on the IP address of the node the pod runs on and forwards it to the pod, outside any Service: it is reachable by anything that can reach the node, ties the pod to nodes where the port is free (at most one such pod per node), and is easy to overlook in reviews. Use a Service (NodePort, LoadBalancer, or ClusterIP behind an Ingress/Gateway) instead.',
    severity: 'info',
    category: 'exposure',
    securitySeverity: 4.3,
    appliesTo: [WORKLOADS],
    remediation:
      'Remove hostPort and expose the pods through a Service: a hostPort opens on the node\'s IP address, reachable by anything that can reach the node, and only one such pod fits on each node.',
    messages: {
      hostPortOnly: '{kind} {name} container {container} binds hostPort {hostPort}/{protocol} on the node\'s IP address',
      hostPort:
        '{kind} {name} container {container} binds hostPort {hostPort} (containerPort {containerPort}/{protocol}) on the node\'s IP address',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const t = ctx.index.templateOf(r);
    if (!t) return;
    for (const c of t.allContainers) {
      for (const p of c.ports) {
        if (p.hostPort === null || p.hostPort === 0) continue;
        ctx.report({
          messageId: p.containerPort !== null ? 'hostPort' : 'hostPortOnly',
          data: { kind: r.kind, name: r.name, container: c.name, hostPort: p.hostPort, containerPort: p.containerPort ?? '', protocol: p.protocol },
          at: joinPointer(p.at, 'hostPort'),
        });
      }
    }
  },
});
