import { defineRule } from '../../src/engine/rule.js';
import { ROUTE_KINDS, SERVICE } from '../../src/model/group-kinds.js';
import { describeTemplate } from '../../src/index/pod-templates.js';
import { backendPortIgnored, backendRefs, definitionsOf, isRoute, isServiceBackend, nsName } from '../../src/k8s/gateway-api.js';
import { describeServicePort, serviceSelector, servicePorts, serviceType } from '../../src/k8s/service.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'route-backend-port-missing',
    title: 'Route Service backendRef without port, or with a port the Service does not have',
    description:
      'A backendRef to a Service must carry `port` (the CRD rejects it otherwise: "Must have port for Service reference"), and that port is the Service port, not the target port or container port. A port the Service does not expose leaves the backend unresolved: the Gateway answers its share of requests with HTTP 500.',
    severity: 'error',
    category: 'gateway',
    appliesTo: ROUTE_KINDS,
    references: [SERVICE],
    messages: {
      noPort: '{kind} {route} {via} Service {service} has no port: a Service backendRef must name the Service port',
      noPortOne: '{kind} {route} {via} Service {service} has no port: a Service backendRef must name the Service port, here {suggestion}',
      noPortMany: '{kind} {route} {via} Service {service} has no port: a Service backendRef must name one of its ports ({ports})',
      notServicePort: '{kind} {route} {via} Service {service} port {port} is not a port of the Service (ports: {ports})',
      targetPort:
        '{kind} {route} {via} Service {service} port {port}: that is its {what}, not a Service port; use {suggest}',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    if (!isRoute(route)) return;
    // Consul's API gateway routes to the Service by name and never reads the port.
    if (backendPortIgnored(ctx.index, route)) return;
    for (const b of backendRefs(route)) {
      if (!isServiceBackend(b)) continue;
      const svc = ctx.index.get(SERVICE, b.namespace, b.name);
      const ports = svc && serviceType(svc) !== 'ExternalName' ? servicePorts(svc) : [];
      const base = {
        kind: route.kind,
        route: nsName(route.namespace, route.name),
        via: b.via === 'mirror' ? 'mirrors to' : 'backendRef',
        service: nsName(b.namespace, b.name),
      };
      if (!b.hasPort) {
        const only = ports.length === 1 && ports[0].port !== null ? ports[0].port : null;
        ctx.report({
          messageId: only !== null ? 'noPortOne' : ports.length > 1 ? 'noPortMany' : 'noPort',
          data: only !== null ? { ...base, suggestion: only } : ports.length > 1 ? { ...base, ports: ports.map(describeServicePort).join(', ') } : base,
          at: b.at,
          target: 'key',
        });
        continue;
      }
      if (b.port === null || !svc || ports.length === 0 || ports.some((p) => p.port === b.port)) continue;
      // Another definition of the Service (alternative files) that has the port: not judged.
      if (definitionsOf(ctx.index, svc).some((d) => servicePorts(d).some((p) => p.port === b.port))) continue;
      const at = joinPointer(b.at, 'port');
      const related = [{ resource: svc, at: '/spec/ports', message: `ports of Service ${base.service}` }];
      const byTarget = ports.filter((p) => p.effectiveTarget === b.port);
      if (byTarget.length > 0) {
        const p = byTarget[0];
        ctx.report({
          messageId: 'targetPort',
          data: { ...base, port: b.port, what: `targetPort of Service ${describeServicePort(p)}`, suggest: `port: ${p.port}` },
          at,
          related: [{ resource: svc, at: p.at, message: `Service ${describeServicePort(p)} targets ${b.port}` }],
          ...(ports.length > 0 && p.port !== null ? { fix: { at, replace: String(p.port), description: `Use Service port ${p.port}` } } : {}),
        });
        continue;
      }
      // A containerPort of the pods the Service selects, reached through a named targetPort.
      const selector = serviceSelector(svc);
      if (Object.keys(selector).length > 0 && svc.namespace) {
        let hit: { template: string; port: (typeof ports)[number] | null; owner: typeof svc; at: string } | null = null;
        for (const t of ctx.index.templatesMatching(svc.namespace, selector)) {
          for (const c of t.containers) {
            for (const cp of c.ports) {
              if (cp.containerPort !== b.port || (hit && hit.port)) continue;
              const sp = cp.name !== null ? (ports.find((p) => p.effectiveTarget === cp.name) ?? null) : null;
              if (!hit || sp) hit = { template: describeTemplate(t), port: sp, owner: t.owner, at: cp.at };
            }
          }
        }
        if (hit) {
          const sp = hit.port;
          ctx.report({
            messageId: 'targetPort',
            data: {
              ...base,
              port: b.port,
              what: sp
                ? `containerPort of ${hit.template}, which Service ${describeServicePort(sp)} targets by name`
                : `containerPort of ${hit.template}`,
              suggest: sp ? `port: ${sp.port}` : `one of the Service ports (${ports.map(describeServicePort).join(', ')})`,
            },
            at,
            related: [...related, { resource: hit.owner, at: hit.at, message: `containerPort ${b.port} of ${hit.template}` }],
            ...(sp && sp.port !== null ? { fix: { at, replace: String(sp.port), description: `Use Service port ${sp.port}` } } : {}),
          });
          continue;
        }
      }
      ctx.report({
        messageId: 'notServicePort',
        data: { ...base, port: b.port, ports: ports.map(describeServicePort).join(', ') },
        at,
        related,
        ...(ports.length === 1 && ports[0].port !== null
          ? { fix: { at, replace: String(ports[0].port), description: `Use Service port ${ports[0].port}` } }
          : {}),
      });
    }
  },
});
