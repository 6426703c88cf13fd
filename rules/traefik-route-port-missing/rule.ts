import { defineRule } from '../../src/engine/rule.js';
import { SERVICE, TRAEFIK_INGRESS_ROUTE_KINDS } from '../../src/model/group-kinds.js';
import { servicePorts, serviceType } from '../../src/k8s/service.js';
import { traefikServiceRefs } from '../../src/k8s/traefik.js';
import { joinPointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'traefik-route-port-missing',
    title: 'Traefik IngressRoute service port that the Service does not have',
    description:
      'The port of a `kind: Service` entry of a Traefik IngressRoute, IngressRouteTCP or IngressRouteUDP is a number that is no `port` of the Service, or a name that is no port name of it. Traefik looks the port up among the Service\'s ports (not the container ports) and skips the route when none matches ("service port not found").',
    severity: 'error',
    category: 'wiring',
    appliesTo: TRAEFIK_INGRESS_ROUTE_KINDS,
    remediation: 'Use one of the Service\'s ports: its `port` number (not the targetPort) or its name.',
    messages: {
      number: '{kind} {name} service {service} port {port} is not a port of Service {service} (ports: {ports})',
      name: '{kind} {name} service {service} port "{port}" is not a port name of Service {service} (ports: {ports})',
      nameClosest: '{kind} {name} service {service} port "{port}" is not a port name of Service {service}; did you mean "{suggestion}"?',
      targetPort: '{kind} {name} service {service} port {port} is the targetPort of Service port {servicePort}; Traefik wants the Service port',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    for (const ref of traefikServiceRefs(r)) {
      if (ref.port === null || (typeof ref.port === 'string' && (ref.port === '' || /^\d+$/.test(ref.port)))) continue;
      const first = ctx.index.get(SERVICE, ref.namespace, ref.name);
      if (!first) continue; // traefik-route-service-missing
      const services = ctx.index.variants(first);
      // An ExternalName Service without matching port: Traefik uses the port as given.
      if (services.some((s) => serviceType(s) === 'ExternalName')) continue;
      const ports = services.flatMap(servicePorts);
      const matches = ports.some((p) => (typeof ref.port === 'number' ? p.port === ref.port : p.name === ref.port));
      if (matches) continue;
      const at = joinPointer(ref.at, 'port');
      const listed = [...new Set(ports.map((p) => (p.name ? `${p.port ?? '?'} (${p.name})` : String(p.port ?? '?'))))].join(', ') || 'none';
      const base = { kind: r.kind, name: r.name, service: ref.name, port: ref.port, ports: listed };
      const related = [{ resource: services[0], at: '/spec/ports', message: `Service ${ref.name} ports: ${listed}` }];
      if (typeof ref.port === 'number') {
        const viaTarget = ports.find((p) => p.effectiveTarget === ref.port && p.port !== null);
        if (viaTarget) {
          ctx.report({
            messageId: 'targetPort',
            data: { kind: r.kind, name: r.name, service: ref.name, port: ref.port, servicePort: viaTarget.port! },
            at,
            related,
            ...(ports.filter((p) => p.effectiveTarget === ref.port).length === 1
              ? { fix: { at, replace: String(viaTarget.port), description: `Use Service port ${viaTarget.port}` } }
              : {}),
          });
          continue;
        }
        ctx.report({ messageId: 'number', data: base, at, related });
        continue;
      }
      const suggestion = closest(ref.port, ports.map((p) => p.name).filter((n): n is string => !!n));
      if (suggestion) {
        ctx.report({
          messageId: 'nameClosest',
          data: { kind: r.kind, name: r.name, service: ref.name, port: ref.port, suggestion },
          at,
          related,
          fix: { at, replace: suggestion, description: `Use Service port ${suggestion}` },
        });
      } else {
        ctx.report({ messageId: 'name', data: base, at, related });
      }
    }
  },
});
