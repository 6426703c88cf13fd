import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { INGRESS_KINDS, SERVICE } from '../../src/model/group-kinds.js';
import { describeIngress, ingressBackends, ingressBackendServices, isIngress, type IngressServiceBackend } from '../../src/k8s/ingress.js';
import { portNameProblem } from '../../src/k8s/names.js';
import { describeServicePort, serviceSelector, servicePorts, serviceType, type ServicePortView } from '../../src/k8s/service.js';
import type { Resource } from '../../src/model/types.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'ingress-backend-port-missing',
    title: 'Ingress backend port is not a port of the Service',
    description:
      'An Ingress backend names its Service port by number or by name. The number must be a Service `port` (not the targetPort or containerPort), and the name must be a Service port name (not a container port name). Otherwise the controller finds no endpoints for the backend and answers 503.',
    severity: 'error',
    category: 'wiring',
    appliesTo: INGRESS_KINDS,
    references: [SERVICE],
    messages: {
      number: '{ingress} backend port {port} is not a port of Service {service} ({ports})',
      targetNumber: '{ingress} backend port {port} is a target port of Service {service}: use the Service port {servicePort}, not the target port',
      nodePort: '{ingress} backend port {port} is a nodePort of Service {service}: use the Service port {servicePort}, not the nodePort',
      name: '{ingress} backend port name {port} is not a port name of Service {service} ({ports})',
      nameClosest: '{ingress} backend port name {port} is not a port name of Service {service}; did you mean {suggestion}? ({ports})',
      targetName:
        '{ingress} backend port name {port} is a container port name of the pods behind Service {service}, not a Service port name: use {use}',
      noPorts: '{ingress} backend Service {service} declares no ports',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing) || ing.namespace === null) return;
    const backends = ingressBackends(ing);
    const services = ingressBackendServices(ctx.index, ing);
    for (let i = 0; i < backends.length; i++) {
      const b = backends[i];
      if (b.portAt === null) continue; // no port at all: ingress-invalid
      const svc = services[i];
      if (!svc || serviceType(svc) === 'ExternalName') continue;
      // The Service defined in several files (variants): the port exists when any variant has it.
      const variants = ctx.index.variants(svc);
      if (variants.some((v) => hasBackendPort(v, b))) continue;
      checkBackend(ctx, ing, svc, b, variants);
    }
  },
});

/** Whether the Service has the backend's port (by number or name); a Service without ports has none. */
function hasBackendPort(svc: Resource, b: IngressServiceBackend): boolean {
  if (serviceType(svc) === 'ExternalName') return true;
  const ports = servicePorts(svc);
  if (b.port.number !== undefined) return ports.some((p) => p.port === b.port.number);
  return b.port.name === undefined || ports.some((p) => p.name === b.port.name);
}

function checkBackend(ctx: RuleContext, ing: Resource, svc: Resource, b: IngressServiceBackend, variants: readonly Resource[]): void {
  const ports = servicePorts(svc);
  const base = { ingress: describeIngress(ing), service: svc.name };
  // Each definition compared against, by its file.
  const related = variants.slice(0, 3).map((v) => ({
    resource: v,
    at: '/spec/ports',
    message: `Service ${v.name} ${variants.length > 1 ? `(${v.source.file}) ` : ''}ports: ${listPorts(servicePorts(v)) || 'none'}`,
  }));
  const at = b.portAt!;
  if (ports.length === 0) {
    ctx.report({ messageId: 'noPorts', data: base, at: b.nameAt, related: [{ resource: svc, at: '/spec', message: `Service ${svc.name}` }] });
    return;
  }
  if (b.port.number !== undefined) {
    const n = b.port.number;
    if (ports.some((p) => p.port === n)) return;
    const byTarget = unique(ports.filter((p) => targetsNumber(ctx, svc, p, n)));
    if (byTarget.length > 0) {
      const p = byTarget[0];
      ctx.report({
        messageId: 'targetNumber',
        data: { ...base, port: n, servicePort: byTarget.map((x) => x.port).join(' or ') },
        at,
        related: [{ resource: svc, at: p.at, message: `Service ${svc.name} ${describeServicePort(p)} targets ${n}` }],
        ...(byTarget.length === 1 ? { fix: { at, replace: String(p.port), description: `Use the Service port ${p.port}` } } : {}),
      });
      return;
    }
    const byNodePort = unique(ports.filter((p) => p.nodePort === n));
    if (byNodePort.length === 1 && byNodePort[0].port !== null) {
      const p = byNodePort[0];
      ctx.report({
        messageId: 'nodePort',
        data: { ...base, port: n, servicePort: p.port! },
        at,
        related: [{ resource: svc, at: p.at + '/nodePort', message: `Service ${svc.name} ${describeServicePort(p)} has nodePort ${n}` }],
        fix: { at, replace: String(p.port), description: `Use the Service port ${p.port}` },
      });
      return;
    }
    const only = ports.length === 1 && ports[0].port !== null ? ports[0] : null;
    ctx.report({
      messageId: 'number',
      data: { ...base, port: n, ports: `it has ${listPorts(ports)}` },
      at,
      related,
      ...(only ? { fix: { at, replace: String(only.port), description: `Use the Service's only port ${only.port}` } } : {}),
    });
    return;
  }
  const name = b.port.name;
  if (name === undefined || ports.some((p) => p.name === name)) return;
  if (typeof name !== 'string' || portNameProblem(name)) return; // ingress-invalid reports an invalid name
  // The name of a container port (or of a named targetPort) instead of the Service port's name.
  const byTarget = unique(ports.filter((p) => targetsName(ctx, svc, p, name)));
  if (byTarget.length > 0) {
    const p = byTarget[0];
    const use =
      byTarget.length > 1
        ? `one of the Service ports ${listPorts(byTarget)}`
        : p.name
          ? `the Service port name ${p.name}`
          : `port.number ${p.port} (that Service port has no name)`;
    ctx.report({
      messageId: 'targetName',
      data: { ...base, port: name, use },
      at,
      related: [{ resource: svc, at: p.at, message: `Service ${svc.name} ${describeServicePort(p)} targets ${name}` }],
      ...(byTarget.length === 1 && p.name ? { fix: { at, replace: p.name, description: `Use the Service port name ${p.name}` } } : {}),
    });
    return;
  }
  const names = ports.flatMap((p) => (p.name ? [p.name] : []));
  const suggestion = closest(name, names);
  const portsText = names.length > 0 ? `it has ${listPorts(ports)}` : `its ports have no names: use port.number ${ports.map((p) => p.port).join(' or ')}`;
  if (suggestion !== null) {
    ctx.report({
      messageId: 'nameClosest',
      data: { ...base, port: name, suggestion, ports: portsText },
      at,
      related,
      fix: { at, replace: suggestion, description: `Use the Service port name ${suggestion}` },
    });
    return;
  }
  ctx.report({ messageId: 'name', data: { ...base, port: name, ports: portsText }, at, related });
}

/** Whether Service port `p` sends traffic to container port number `n`: a numeric targetPort, or a named one that resolves to `n`. */
function targetsNumber(ctx: RuleContext, svc: Resource, p: ServicePortView, n: number): boolean {
  const t = p.effectiveTarget;
  if (t === n || t === String(n)) return true;
  if (typeof t !== 'string') return false;
  return selectedContainerPorts(ctx, svc).some((c) => c.name === t && c.containerPort === n);
}

/** Whether Service port `p` sends traffic to the container port named `name` (by a named targetPort or by number). */
function targetsName(ctx: RuleContext, svc: Resource, p: ServicePortView, name: string): boolean {
  const t = p.effectiveTarget;
  if (t === name) return true;
  if (typeof t !== 'number') return false;
  return selectedContainerPorts(ctx, svc).some((c) => c.name === name && c.containerPort === t);
}

function selectedContainerPorts(ctx: RuleContext, svc: Resource): { name: string | null; containerPort: number | null }[] {
  const selector = serviceSelector(svc);
  if (Object.keys(selector).length === 0 || svc.namespace === null) return [];
  return ctx.index
    .templatesMatching(svc.namespace, selector)
    .flatMap((t) => t.containers.flatMap((c) => c.ports.map((p) => ({ name: p.name, containerPort: p.containerPort }))));
}

function unique(ports: ServicePortView[]): ServicePortView[] {
  const seen = new Set<number | null>();
  return ports.filter((p) => (seen.has(p.port) ? false : (seen.add(p.port), true)));
}

function listPorts(ports: ServicePortView[]): string {
  return ports.map(describeServicePort).join(', ');
}
