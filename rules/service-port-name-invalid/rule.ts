import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { dns1123LabelProblem, toDns1123Label } from '../../src/k8s/names.js';
import { flat, servicePortPointer, servicePorts } from '../../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'service-port-name-invalid',
    title: 'Service port name is not a valid DNS-1123 label',
    description:
      'A Service port name must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters), or the API server rejects the Service. Service port names are not limited to 15 characters (that is the IANA rule of container port names).',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    messages: {
      invalid: 'Service {name} port name "{portName}" is not a valid DNS-1123 label: {reason}; the API server rejects the Service',
      invalidClosest: 'Service {name} port name "{portName}" is not a valid DNS-1123 label: {reason}; did you mean "{suggestion}"?',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    for (const p of servicePorts(svc)) {
      // Absent or empty names are service-port-name-required's concern; non-strings are a schema error.
      if (p.name === null || p.name === '') continue;
      const reason = dns1123LabelProblem(p.name);
      if (!reason) continue;
      const at = servicePortPointer(p, 'name');
      const suggestion = toDns1123Label(p.name);
      // One literal (no spread of an optional fix), flat strings: a Service may have thousands of invalid names.
      ctx.report({
        messageId: suggestion ? 'invalidClosest' : 'invalid',
        data: { name: svc.name, portName: p.name, reason, suggestion: suggestion ?? '' },
        at,
        // A name is a scalar, marked by its value either way; with 'value' said, the engine locates
        // the finding and its fix (the same field) once.
        target: 'value',
        fix: suggestion ? { at, replace: suggestion, description: flat('Rename the port to ', suggestion) } : undefined,
      });
    }
  },
});
