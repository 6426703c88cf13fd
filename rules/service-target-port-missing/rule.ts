import { onFolderLine } from '../../src/engine/completeness.js';
import { defineRule } from '../../src/engine/rule.js';
import { SERVICE, WORKLOADS } from '../../src/model/group-kinds.js';
import { describeTemplate, type PodTemplateView } from '../../src/index/pod-templates.js';
import { portNameProblem } from '../../src/k8s/names.js';
import { describeServicePortTcp, serviceSelector, servicePorts, serviceType, type ServicePortView } from '../../src/k8s/service.js';
import { templateNames } from '../../src/k8s/workloads.js';
import { joinPointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

/** The container port a named targetPort resolves to in a template, as FindPort does: same name and protocol. */
function findNamedPort(t: PodTemplateView, name: string, protocol: string) {
  for (const c of t.containers) for (const p of c.ports) if (p.name === name && p.protocol === protocol) return { container: c, port: p };
  return null;
}

function findNameAnyProtocol(t: PodTemplateView, name: string) {
  for (const c of t.containers) for (const p of c.ports) if (p.name === name) return { container: c, port: p };
  return null;
}

export default defineRule({
  meta: {
    id: 'service-target-port-missing',
    title: 'Named targetPort that the selected pods do not expose',
    description:
      'A Service port whose targetPort is a name resolves, per pod, to the container port with that name and the same protocol. When no selected pod template declares such a port, the Service has no endpoints for it. When only some do, the others get no endpoints for that port.',
    severity: 'error',
    category: 'wiring',
    appliesTo: [SERVICE],
    references: [WORKLOADS],
    remediation:
      'Use a port name the selected pods declare with the Service port\'s protocol, or declare it in every selected pod template.',
    messages: {
      missing:
        'targetPort "{name}" of Service {service} {port} is not a container port name of {templates}; declared names: {declared}',
      missingSuggest:
        'targetPort "{name}" of Service {service} {port} is not a container port name of {templates}; did you mean "{suggestion}"?',
      protocol:
        'targetPort "{name}" of Service {service} {port} is {protocol}, but {template} declares "{name}" as {actual}',
      partial:
        'targetPort "{name}" of Service {service} {port} is not declared by {missingTemplates} (only by {presentTemplates})',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (serviceType(svc) === 'ExternalName' || svc.namespace === null) return;
    const selector = serviceSelector(svc);
    if (Object.keys(selector).length === 0) return;
    const matching = ctx.index.templatesMatching(svc.namespace, selector);
    if (matching.length === 0) return; // service-selector-matches-nothing reports this
    // Pods of another application (a sibling folder: samples side by side in one namespace) are not
    // compared when the Service's own line of folders holds selected pods.
    const onLine = matching.filter((t) => onFolderLine(svc.source.file, t.owner.source.file));
    const selected = onLine.length > 0 ? onLine : matching;
    for (const p of servicePorts(svc)) {
      if (typeof p.targetPort !== 'string' || p.targetPort === '' || /^\d+$/.test(p.targetPort)) continue;
      if (portNameProblem(p.targetPort)) continue; // service-target-port-invalid reports an invalid name
      checkPort(p, p.targetPort, selected);
    }

    function checkPort(p: ServicePortView, name: string, selected: PodTemplateView[]): void {
      const at = joinPointer(p.at, 'targetPort');
      const portDesc = describeServicePortTcp(p);
      // A workload defined in several files (variants) declares the port when any variant does.
      const workloads = new Map<string, PodTemplateView[]>();
      for (const t of selected) {
        const id = `${t.owner.key}\u0000${t.maker?.name ?? ''}`;
        const list = workloads.get(id);
        if (list) list.push(t);
        else workloads.set(id, [t]);
      }
      const groups = [...workloads.values()];
      const presentGroups = groups.filter((g) => g.some((t) => findNamedPort(t, name, p.protocol)));
      if (presentGroups.length === groups.length) return;
      const present = presentGroups.map((g) => g.find((t) => findNamedPort(t, name, p.protocol))!);
      if (present.length > 0) {
        const missing = groups.filter((g) => !presentGroups.includes(g)).map((g) => g[0]);
        ctx.report({
          messageId: 'partial',
          severity: 'warning',
          data: { name, service: svc.name, port: portDesc, missingTemplates: templateNames(missing), presentTemplates: templateNames(present) },
          at,
          related: missing.slice(0, 3).map((t) => ({ resource: t.owner, at: t.specAt, message: `${describeTemplate(t)} declares no port "${name}"/${p.protocol}` })),
        });
        return;
      }
      for (const t of selected) {
        const other = findNameAnyProtocol(t, name);
        if (other) {
          ctx.report({
            messageId: 'protocol',
            data: { name, service: svc.name, port: portDesc, protocol: p.protocol, template: describeTemplate(t), actual: other.port.protocol },
            at,
            related: [{ resource: t.owner, at: other.port.at, message: `${describeTemplate(t)} container ${other.container.name} declares "${name}" as ${other.port.protocol}` }],
          });
          return;
        }
      }
      const declared = [...new Set(selected.flatMap((t) => t.containers.flatMap((c) => c.ports.map((cp) => cp.name)).filter((n): n is string => !!n)))].sort();
      const suggestion = closest(name, declared);
      const first = selected[0];
      const related = [
        {
          resource: first.owner,
          at: first.containers[0]?.ports.length ? joinPointer(first.containers[0].at, 'ports') : first.specAt,
          message: `${describeTemplate(first)} declares ${declared.length ? `ports ${declared.join(', ')}` : 'no named ports'}`,
        },
      ];
      if (suggestion) {
        ctx.report({
          messageId: 'missingSuggest',
          data: { name, service: svc.name, port: portDesc, templates: templateNames(selected), suggestion },
          at,
          related,
          fix: { at, replace: suggestion, description: `Use the container port name "${suggestion}"` },
        });
      } else {
        ctx.report({
          messageId: 'missing',
          data: { name, service: svc.name, port: portDesc, templates: templateNames(selected), declared: declared.length ? declared.join(', ') : '(none)' },
          at,
          related,
        });
      }
    }
  },
});
