import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { describeServicePortEntry, servicePorts, serviceType } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

interface Options {
  min: number;
  max: number;
}

export default defineRule<Options>({
  meta: {
    id: 'service-node-port-out-of-range',
    title: 'Service nodePort is outside the NodePort range',
    description:
      'A nodePort chosen by hand must lie in the cluster\'s --service-node-port-range (default 30000-32767), or the API server rejects the Service with "provided port is not in the valid range". The range is configurable per cluster, so this is a warning; set the options min/max to your cluster\'s range.',
    severity: 'warning',
    category: 'validity',
    appliesTo: [SERVICE],
    remediation:
      'Pick a port in the NodePort range (default 30000-32767, set by the API server\'s --service-node-port-range), or remove nodePort to let Kubernetes allocate one.',
    messages: {
      outOfRange:
        'Service {name} {port} has nodePort {nodePort}, outside the NodePort range {min}-{max}: the API server rejects it',
    },
    options: {
      schema: {
        type: 'object',
        properties: {
          min: { type: 'integer', minimum: 1, maximum: 65535, description: 'Lowest nodePort of the cluster (--service-node-port-range). Default 30000.' },
          max: { type: 'integer', minimum: 1, maximum: 65535, description: 'Highest nodePort of the cluster (--service-node-port-range). Default 32767.' },
        },
        additionalProperties: false,
      },
      defaults: { min: 30000, max: 32767 },
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    const type = serviceType(svc);
    // nodePort on ClusterIP is service-type-field-mismatch's; ExternalName never allocates one.
    if (type !== 'NodePort' && type !== 'LoadBalancer') return;
    const { min, max } = ctx.options;
    for (const p of servicePorts(svc)) {
      if (p.nodePort === null || p.nodePort === 0) continue;
      if (p.nodePort >= min && p.nodePort <= max) continue;
      ctx.report({
        messageId: 'outOfRange',
        data: { name: svc.name, port: describeServicePortEntry(p), nodePort: p.nodePort, min, max },
        at: pointer('spec', 'ports', p.index, 'nodePort'),
      });
    }
  },
});
