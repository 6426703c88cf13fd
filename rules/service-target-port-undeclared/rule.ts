import { defineRule } from '../../src/engine/rule.js';
import { SERVICE, WORKLOADS } from '../../src/model/group-kinds.js';
import { describeServicePortTcp, isHeadless, serviceSelector, servicePorts, serviceType } from '../../src/k8s/service.js';
import { templateNames } from '../../src/k8s/workloads.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'service-target-port-undeclared',
    title: 'Numeric targetPort that no selected pod declares',
    description:
      'A numeric targetPort (or the port itself, when targetPort is absent) that no selected pod template lists as a containerPort. This is legal — declaring container ports is informational and traffic is forwarded anyway — but it often means the Service points at the wrong port.',
    severity: 'info',
    category: 'wiring',
    appliesTo: [SERVICE],
    references: [WORKLOADS],
    messages: {
      undeclared:
        'Service {service} forwards {port} to container port {target}, not declared by {templates} (declared: {declared})',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (serviceType(svc) === 'ExternalName' || isHeadless(svc) || svc.namespace === null) return;
    const selector = serviceSelector(svc);
    if (Object.keys(selector).length === 0) return;
    const selected = ctx.index.templatesMatching(svc.namespace, selector);
    if (selected.length === 0) return;
    const declared = new Set(selected.flatMap((t) => t.containers.flatMap((c) => c.ports.map((p) => p.containerPort))));
    declared.delete(null);
    for (const p of servicePorts(svc)) {
      const target = p.effectiveTarget;
      if (typeof target !== 'number' || declared.has(target)) continue;
      ctx.report({
        messageId: 'undeclared',
        data: {
          service: svc.name,
          port: describeServicePortTcp(p),
          target,
          templates: templateNames(selected),
          declared: declared.size ? [...declared].sort((a, b) => Number(a) - Number(b)).join(', ') : 'none',
        },
        at: p.targetPort === null ? joinPointer(p.at, 'port') : joinPointer(p.at, 'targetPort'),
      });
    }
  },
});
