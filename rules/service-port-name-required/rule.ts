import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { describeServicePortEntry, servicePorts } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

/** Conventional names for well-known ports; anything else becomes `<protocol>-<port>`. */
const WELL_KNOWN: Record<number, string> = {
  53: 'dns', 80: 'http', 443: 'https', 8080: 'http', 8443: 'https', 9090: 'metrics', 9100: 'metrics', 50051: 'grpc',
};

export default defineRule({
  meta: {
    id: 'service-port-name-required',
    title: 'Service port needs a name when the Service has several ports',
    description:
      'When a Service has more than one port, every port must have a name (ValidateService requires it: "Required value"), so the API server rejects the Service. Names are also how Ingresses, Routes, EndpointSlices and DNS SRV records refer to a port.',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    messages: {
      unnamed:
        'Service {name} has {count} ports, so each needs a name, but {port} has none; add e.g. `name: {suggestion}`',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    const ports = servicePorts(svc);
    // Most Services name every port: their names are gathered only when one is missing (a Service
    // may list thousands).
    if (ports.length < 2 || ports.every((p) => p.name)) return;
    const taken = new Set(ports.map((p) => p.name).filter((n): n is string => !!n));
    for (const p of ports) {
      if (p.name) continue;
      const base = (p.port !== null && WELL_KNOWN[p.port]) || `${p.protocol.toLowerCase()}-${p.port ?? 'port'}`;
      let suggestion = base;
      for (let i = 2; taken.has(suggestion); i++) suggestion = `${base}-${i}`;
      taken.add(suggestion);
      ctx.report({
        messageId: 'unnamed',
        data: { name: svc.name, count: ports.length, port: describeServicePortEntry(p), suggestion },
        at: p.value.name !== undefined ? pointer('spec', 'ports', p.index, 'name') : p.at,
      });
    }
  },
});
