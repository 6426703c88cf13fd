import { defineRule } from '../../src/engine/rule.js';
import { SERVICE, WORKLOADS } from '../../src/model/group-kinds.js';
import { describeTemplate, podTemplateOf } from '../../src/index/pod-templates.js';
import { ownerPointer, RESERVED_PORTS, sidecarInjected, templateAnnotations } from '../../src/k8s/istio.js';
import { serviceSelector, servicePorts, serviceType } from '../../src/k8s/service.js';
import { joinPointer, pointer } from '../../src/model/pointer.js';

/** Containers Istio injects itself: they own these ports. */
const ISTIO_CONTAINERS = new Set(['istio-proxy', 'istio-init', 'istio-validation']);

/** Sidecar endpoints a Service may legitimately target on meshed pods (metrics scraping, health checks). */
const SIDECAR_SERVED = new Set([15020, 15021, 15090]);

/** A port entry that declares the sidecar's own endpoint (for scrapers), not an application port. */
function declaresSidecarEndpoint(name: string | null): boolean {
  return name !== null && (name.includes('envoy') || name === 'status-port');
}

export default defineRule({
  meta: {
    id: 'mesh-reserved-port',
    title: 'Application port collides with a port of the Istio sidecar',
    description:
      'In a pod with an Istio sidecar, Envoy and pilot-agent listen on 15000, 15001, 15004, 15006, 15008, 15020, 15021, 15053 and 15090 in the pod\'s network namespace. An application container declaring one of these ports fails to bind it (or makes the sidecar fail), and traffic to it is intercepted by the sidecar instead of reaching the application.',
    severity: 'error',
    category: 'mesh',
    appliesTo: [WORKLOADS, SERVICE],
    references: [WORKLOADS],
    remediation:
      'Use another port: the Istio sidecar owns 15000-15090 in the pods it runs in, so the application cannot bind them and traffic to them reaches the sidecar.',
    messages: {
      containerPort:
        'Container {container} of {owner} declares containerPort {port}, which the Istio sidecar owns ({use})',
      targetPort:
        'Service {name} {field} {port} is a port the Istio sidecar owns ({use}) in {owner}',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.kind === 'Service') {
      if (r.group !== '' || r.namespace === null || serviceType(r) === 'ExternalName') return;
      const selector = serviceSelector(r);
      if (Object.keys(selector).length === 0) return;
      for (const p of servicePorts(r)) {
        const target = p.effectiveTarget;
        if (typeof target !== 'number' || !RESERVED_PORTS.has(target) || SIDECAR_SERVED.has(target)) continue;
        const meshed = ctx.index
          .templatesMatching(r.namespace, selector)
          .map((t) => ({ t, reason: sidecarInjected(ctx.index, t) }))
          .find((m) => m.reason !== null);
        if (!meshed) continue;
        const field = p.targetPort === null ? 'port' : 'targetPort';
        ctx.report({
          messageId: 'targetPort',
          data: { name: r.name, field, port: target, use: RESERVED_PORTS.get(target)!, owner: describeTemplate(meshed.t), reason: meshed.reason! },
          at: pointer('spec', 'ports', p.index, field),
          related: [{ resource: meshed.t.owner, at: ownerPointer(meshed.t.owner, meshed.t.labelsAt), message: `${describeTemplate(meshed.t)} gets an Istio sidecar` }],
        });
      }
      return;
    }
    const t = podTemplateOf(r);
    if (!t) return;
    // Whether the pods get a sidecar is asked only of templates that declare a reserved port (few do).
    let reason: string | null | undefined;
    let moved: number | null = null;
    for (const c of t.containers) {
      if (ISTIO_CONTAINERS.has(c.name)) continue;
      for (const p of c.ports) {
        if (p.containerPort === null || !RESERVED_PORTS.has(p.containerPort)) continue;
        if (reason === undefined) {
          reason = sidecarInjected(ctx.index, t);
          // The annotation moves the sidecar's status port away from 15021.
          const statusPort = templateAnnotations(t)['status.sidecar.istio.io/port'];
          moved = statusPort !== undefined && statusPort !== '15021' ? 15021 : null;
        }
        if (!reason) return;
        if (p.containerPort === moved || declaresSidecarEndpoint(p.name)) continue;
        ctx.report({
          messageId: 'containerPort',
          data: { container: c.name, owner: describeTemplate(t), port: p.containerPort, use: RESERVED_PORTS.get(p.containerPort)!, reason },
          at: ownerPointer(r, joinPointer(p.at, 'containerPort')),
        });
      }
    }
  },
});
