import { defineRule } from '../../src/engine/rule.js';
import { WORKLOADS } from '../../src/model/group-kinds.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'pod-host-network',
    title: 'Pod template uses the node network (hostNetwork: true)',
    description:
      'With hostNetwork: true the pods share the node\'s network namespace: they listen directly on the node\'s addresses, can reach every service bound to the node\'s localhost, see the node\'s network interfaces, and are identified by the node\'s IP, which defeats pod-level network policy and isolation. Only node agents (CNI plugins, kube-proxy, node monitoring) need it.',
    severity: 'info',
    category: 'exposure',
    securitySeverity: 6.0,
    appliesTo: [WORKLOADS],
    remediation:
      'Remove hostNetwork unless this is a node agent (CNI, kube-proxy, node monitoring), and expose the pods through a Service instead. Pods on the host network listen on the node\'s addresses and can reach services bound to the node\'s localhost.',
    messages: {
      hostNetwork:
        '{subject} hostNetwork: true: they share the node\'s network namespace and listen on the node\'s addresses{ports}',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const t = ctx.index.templateOf(r);
    if (!t || t.spec.hostNetwork !== true) return;
    const ports = [...new Set(t.containers.flatMap((c) => c.ports.map((p) => p.containerPort)).filter((n): n is number => n !== null))];
    ctx.report({
      messageId: 'hostNetwork',
      data: {
        subject: r.kind === 'Pod' ? `Pod ${r.name} uses` : `${r.kind} ${r.name} runs its pods with`,
        ports: ports.length ? ` (${ports.length > 1 ? 'ports' : 'port'} ${ports.slice(0, 6).join(', ')}${ports.length > 6 ? ', …' : ''})` : '',
      },
      at: joinPointer(t.specAt, 'hostNetwork'),
    });
  },
});
