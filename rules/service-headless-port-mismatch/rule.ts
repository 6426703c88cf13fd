import { defineRule } from '../../src/engine/rule.js';
import { SERVICE, WORKLOADS } from '../../src/model/group-kinds.js';
import { describeTemplate, type PodTemplateView } from '../../src/index/pod-templates.js';
import { describeServicePortEntry, isHeadless, servicePorts, serviceSelector, serviceType } from '../../src/k8s/service.js';
import { templateNames } from '../../src/k8s/workloads.js';
import { pointer } from '../../src/model/pointer.js';

function declares(t: PodTemplateView, port: number, protocol: string): boolean {
  return t.containers.some((c) => c.ports.some((p) => p.containerPort === port && p.protocol === protocol));
}

export default defineRule({
  meta: {
    id: 'service-headless-port-mismatch',
    title: 'Headless Service port is not a port of its pods',
    description:
      'A headless Service (clusterIP: None) has no virtual IP and no proxy: DNS returns the pod IPs and clients connect to them directly on the Service port. No port translation happens, so a port that the selected pods do not listen on (for example port 80 with targetPort 8080) makes clients connect to a closed port. Controllers that read EndpointSlices (Ingress, Gateway, mesh) do use the resolved targetPort, hence info. Declaring container ports is optional, so the rule only judges pods that declare their ports.',
    severity: 'info',
    category: 'wiring',
    appliesTo: [SERVICE],
    references: [WORKLOADS],
    remediation:
      'A headless Service does not proxy or translate ports: its DNS name resolves to the pod IPs and clients connect to them directly on the Service port. Set port to the port the pods listen on.',
    messages: {
      notDeclared:
        'Headless Service {name} {port}: clients connect to pods on {number}/{protocol}, which {templates} do not declare ({declared})',
      targetPortIgnored:
        'Headless Service {name} {port}: targetPort {targetPort} is ignored, clients connect on {number}, undeclared by {templates}',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (!isHeadless(svc) || serviceType(svc) !== 'ClusterIP' || svc.namespace === null) return;
    const selector = serviceSelector(svc);
    if (Object.keys(selector).length === 0) return;
    const templates = ctx.index.templatesMatching(svc.namespace, selector);
    // Nothing selected is service-selector-matches-nothing's concern. A template declaring no ports
    // may listen on anything (declaration is optional): then nothing can be said.
    if (templates.length === 0 || templates.some((t) => t.containers.every((c) => c.ports.length === 0))) return;
    for (const p of servicePorts(svc)) {
      if (p.port === null || templates.some((t) => declares(t, p.port!, p.protocol))) continue;
      const declared = [
        ...new Set(templates.flatMap((t) => t.containers.flatMap((c) => c.ports.map((cp) => `${cp.containerPort}/${cp.protocol}`)))),
      ];
      const related = templates.slice(0, 3).map((t) => ({
        resource: t.owner,
        at: t.containers.find((c) => c.ports.length > 0)?.at ?? t.specAt,
        message: `${describeTemplate(t)} declares ${t.containers.flatMap((c) => c.ports.map((cp) => `${cp.containerPort}/${cp.protocol}`)).join(', ')}`,
      }));
      const base = { name: svc.name, port: describeServicePortEntry(p), number: p.port, protocol: p.protocol, templates: templateNames(templates) };
      const tp = p.targetPort;
      if (typeof tp === 'number' && tp !== 0 && tp !== p.port && templates.some((t) => declares(t, tp, p.protocol))) {
        ctx.report({
          messageId: 'targetPortIgnored',
          data: { ...base, targetPort: tp },
          at: pointer('spec', 'ports', p.index, 'port'),
          related,
          fix: { at: pointer('spec', 'ports', p.index, 'port'), replace: String(tp), description: `Set port to ${tp}` },
        });
      } else {
        ctx.report({
          messageId: 'notDeclared',
          data: { ...base, declared: declared.slice(0, 6).join(', ') + (declared.length > 6 ? ', …' : '') },
          at: pointer('spec', 'ports', p.index, 'port'),
          related,
        });
      }
    }
  },
});
