import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { portNameProblem } from '../../src/k8s/names.js';
import { describeServicePortEntry, servicePortPointer, servicePorts } from '../../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'service-target-port-invalid',
    title: 'Service targetPort is not a valid port number or port name',
    description:
      'A numeric targetPort must be 1-65535; a string targetPort must be an IANA service name (at most 15 characters of a-z, 0-9 and "-", with at least one letter), naming a container port. A quoted number such as "8080" is a string without a letter, so the API server rejects it.',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    remediation:
      'Use the container port\'s number, or its name: at most 15 characters of a-z, 0-9 and "-". A quoted number is a name: write it unquoted.',
    messages: {
      outOfRange: 'Service {name} {port} has targetPort {value}, outside 1-65535; the API server rejects the Service',
      quotedNumber:
        'Service {name} {port} targetPort "{value}" is a quoted number, read as a port name: write {value} unquoted',
      invalidName:
        'Service {name} {port} targetPort "{value}" is not a valid port name: {reason}',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    for (const p of servicePorts(svc)) {
      const tp = p.targetPort;
      // Absent, 0 and "" are defaulted to port by the API server.
      if (tp === null || tp === 0 || tp === '') continue;
      if (typeof tp === 'number') {
        if (Number.isInteger(tp) && tp >= 1 && tp <= 65535) continue;
        ctx.report({
          messageId: 'outOfRange',
          data: { name: svc.name, port: describeServicePortEntry(p), value: tp },
          at: servicePortPointer(p, 'targetPort'),
        });
        continue;
      }
      // The pointer and the port's description are made for a port reported (a Service may list thousands).
      const at = servicePortPointer(p, 'targetPort');
      const base = { name: svc.name, port: describeServicePortEntry(p), value: tp };
      if (/^\d+$/.test(tp.trim())) {
        const n = Number(tp.trim());
        const ok = n >= 1 && n <= 65535;
        ctx.report({
          messageId: 'quotedNumber',
          data: { ...base, value: tp.trim() },
          at,
          ...(ok ? { fix: { at, replace: String(n), description: `Unquote targetPort: ${n}` } } : {}),
        });
        continue;
      }
      const reason = portNameProblem(tp);
      if (reason) ctx.report({ messageId: 'invalidName', data: { ...base, reason }, at });
    }
  },
});
