import { defineRule } from '../../src/engine/rule.js';
import { VIRTUAL_SERVICE } from '../../src/model/group-kinds.js';
import { describe, ISTIO_NETWORKING, meshPresent, virtualServiceDestinations } from '../../src/k8s/istio.js';
import { servicePorts } from '../../src/k8s/service.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'mesh-destination-port-missing',
    title: 'VirtualService destination port is not a port of its Service',
    description:
      'A VirtualService destination port must be a port of the destination Service (its `port`, not its targetPort) or of the ServiceEntry; istioctl analyze reports a missing one as IST0101 (host:port). A destination without a port on a Service with several ports is ambiguous (IST0112): gateways cannot tell which port to send to.',
    severity: 'error',
    category: 'mesh',
    appliesTo: [VIRTUAL_SERVICE],
    messages: {
      missing: 'VirtualService {name} {role} {host} port {port} is not a port of {target} (ports: {ports}) (IST0101)',
      targetPort:
        'VirtualService {name} {role} {host} port {port} is a targetPort of {target}; use the Service port {servicePort} (IST0101)',
      required:
        'VirtualService {name} {role} {host} has no port, but {target} has several ports ({ports}): set destination.port.number (IST0112)',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (vs.group !== ISTIO_NETWORKING || vs.namespace === null || !meshPresent(ctx.index)) return;
    for (const d of virtualServiceDestinations(ctx.index, vs)) {
      const t = d.target;
      if (!t || t.ports.length === 0) continue;
      const ports = [...new Set(t.ports.map((p) => p.number))];
      const base = {
        name: vs.name,
        role: d.role === 'mirror' ? 'mirror' : 'destination',
        host: d.host,
        target: describe(t.resource, vs.namespace),
        ports: ports.join(', '),
      };
      const related = [{ resource: t.resource, at: '/spec/ports', message: `${base.target} ports: ${base.ports}` }];
      if (d.port === null) {
        if (ports.length > 1) {
          ctx.report({ messageId: 'required', data: base, at: joinPointer(d.at, 'host'), severity: 'warning', related });
        }
        continue;
      }
      if (ports.includes(d.port)) continue;
      const at = joinPointer(d.at, 'port', 'number');
      if (t.kind === 'Service') {
        const byTarget = servicePorts(t.resource).filter((p) => p.effectiveTarget === d.port && p.port !== null);
        if (byTarget.length === 1) {
          const servicePort = String(byTarget[0].port);
          ctx.report({
            messageId: 'targetPort',
            data: { ...base, port: d.port, servicePort },
            at,
            fix: { at, replace: servicePort, description: `Use the Service port ${servicePort}` },
            related: [{ resource: t.resource, at: byTarget[0].at, message: `${base.target} port ${servicePort} targets ${d.port}` }],
          });
          continue;
        }
      }
      ctx.report({
        messageId: 'missing',
        data: { ...base, port: d.port },
        at,
        ...(ports.length === 1 ? { fix: { at, replace: String(ports[0]), description: `Use port ${ports[0]}` } } : {}),
        related,
      });
    }
  },
});
