import { defineRule } from '../../src/engine/rule.js';
import { NETWORK_POLICY_KINDS } from '../../src/model/group-kinds.js';
import { describeTemplate, type PodTemplateView } from '../../src/index/pod-templates.js';
import { ingressRulesOnSelectedPods } from '../../src/k8s/network-policy.js';
import { perList } from '../../src/model/cache.js';
import { networkPolicyPortProtocol } from '../../src/k8s/protocol.js';
import { servicePorts } from '../../src/k8s/service.js';
import { joinPointer } from '../../src/model/pointer.js';
import { isObject } from '../../src/model/resources.js';
import type { Resource } from '../../src/model/types.js';

/** The container port number a Service targetPort (number or name) resolves to in a template, or null. */
function resolveTarget(t: PodTemplateView, target: number | string, protocol: string): number | null {
  for (const c of t.containers) {
    for (const p of c.ports) {
      if (p.protocol !== protocol || p.containerPort === null) continue;
      if (typeof target === 'number' ? p.containerPort === target : p.name === target) return p.containerPort;
    }
  }
  return null;
}

function declares(t: PodTemplateView, port: number, protocol: string): boolean {
  return t.containers.some((c) => c.ports.some((p) => p.containerPort === port && p.protocol === protocol));
}

function portNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return null;
}

export default defineRule({
  meta: {
    id: 'network-policy-port-not-on-pod',
    title: 'NetworkPolicy port that is a Service port, not a port of the pods',
    description:
      'A NetworkPolicy sees traffic after the Service has translated it: its ports are the ports of the selected pods (the Service targetPort), not the Service port. An ingress rule that allows the port of a Service selecting the pods, which maps it to another container port, allows nothing the Service sends, and the traffic stays blocked.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: NETWORK_POLICY_KINDS,
    remediation:
      'Allow the container port the Service targets (its targetPort, as a number or by the container port name) instead of the Service port.',
    messages: {
      servicePort:
        'NetworkPolicy {name} {field} allows {port}, the port of Service {service}; its pods listen on {target} instead',
    },
  },
  check(ctx) {
    const np = ctx.resource;
    const found = ingressRulesOnSelectedPods(ctx.index, np);
    if (!found) return;
    const { rules, selected } = found;
    // Templates that declare no ports say nothing about where their pods listen.
    // (The index gives every policy of one podSelector the same list: a long one is judged once.)
    if (perList(ctx.index, 'network-policy-port-not-on-pod:without-ports', selected, () => selected.some((t) => t.containers.every((c) => c.ports.length === 0)))) return;

    for (const rule of rules) {
      const ports = rule.value.ports;
      if (!Array.isArray(ports)) continue;
      const allowed = ports.filter(isObject);
      ports.forEach((p, i) => {
        if (!isObject(p) || p.endPort !== undefined) return;
        const port = portNumber(p.port);
        if (port === null) return;
        const protocol = networkPolicyPortProtocol(p.protocol);
        if (selected.some((t) => declares(t, port, protocol))) return;
        const hit = serviceTranslation(selected, port, protocol);
        if (!hit) return;
        // The rule also allows the target port (or its name): the Service port entry is redundant, not wrong.
        const covered = allowed.some(
          (q) => networkPolicyPortProtocol(q.protocol) === protocol && (portNumber(q.port) === hit.target || (hit.targetName !== null && q.port === hit.targetName) || q.port === undefined),
        );
        if (covered) return;
        const at = joinPointer(rule.at, 'ports', i, 'port');
        ctx.report({
          messageId: 'servicePort',
          data: { name: np.name, field: `spec.ingress[${rule.index}].ports[${i}]`, port, service: hit.service.name, target: hit.target },
          at,
          related: [
            { resource: hit.service, at: hit.at, message: `Service ${hit.service.name} maps port ${port} to ${hit.targetName ?? hit.target}` },
            { resource: hit.template.owner, at: hit.template.specAt, message: `${describeTemplate(hit.template)} listens on ${hit.target}` },
          ],
          ...(typeof p.port === 'number' ? { fix: { at, replace: String(hit.target), description: `Allow the container port ${hit.target}` } } : {}),
        });
      });
    }

    /** A Service selecting these pods whose `port` is `port` and whose target is another declared container port, the same for every Service and pod. */
    function serviceTranslation(templates: PodTemplateView[], port: number, protocol: string) {
      let found: { service: Resource; at: string; target: number; targetName: string | null; template: PodTemplateView } | null = null;
      for (const t of templates) {
        for (const svc of ctx.index.servicesSelecting(t)) {
          for (const sp of servicePorts(svc)) {
            if (sp.port !== port || sp.protocol !== protocol || sp.effectiveTarget === null) continue;
            const target = resolveTarget(t, sp.effectiveTarget, protocol);
            if (target === null || target === port) return null; // the pods do listen on it, or it is unknown
            if (found && found.target !== target) return null; // Services disagree: no single answer
            found ??= { service: svc, at: joinPointer(sp.at, 'targetPort'), target, targetName: typeof sp.effectiveTarget === 'string' ? sp.effectiveTarget : null, template: t };
          }
        }
      }
      return found;
    }
  },
});
