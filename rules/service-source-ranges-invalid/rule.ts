import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { parseCidr } from '../../src/k8s/cidr.js';
import { LOAD_BALANCER_SOURCE_RANGES_ANNOTATION, loadBalancerSourceRanges } from '../../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'service-source-ranges-invalid',
    title: 'loadBalancerSourceRanges entry is not a CIDR',
    description:
      'Each entry of spec.loadBalancerSourceRanges (or, when that field is empty, of the comma-separated service.beta.kubernetes.io/load-balancer-source-ranges annotation) must be an IPv4 or IPv6 CIDR such as 203.0.113.0/24 or 2001:db8::/32; otherwise the API server rejects the Service.',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    messages: {
      invalidEntry: 'Service {name} loadBalancerSourceRanges entry "{value}" is not a CIDR: {reason}; the API server rejects the Service',
      invalidEntryClosest: 'Service {name} loadBalancerSourceRanges entry "{value}" is not a CIDR: {reason}; did you mean {suggestion}?',
      invalidAnnotation: 'Service {name} annotation {annotation} entry "{value}" is not a CIDR: {reason}',
      invalidAnnotationClosest: 'Service {name} annotation {annotation} entry "{value}" is not a CIDR: {reason}; did you mean {suggestion}?',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    const ranges = loadBalancerSourceRanges(svc);
    if (!ranges) return;
    for (const e of ranges.entries) {
      const parsed = parseCidr(e.text);
      if ('cidr' in parsed) continue;
      const closestSuffix = parsed.suggestion ? 'Closest' : '';
      const suggestion = parsed.suggestion ?? '';
      if (ranges.source === 'field') {
        ctx.report({
          messageId: `invalidEntry${closestSuffix}`,
          data: { name: svc.name, value: e.text, reason: parsed.problem, suggestion },
          at: e.at,
          ...(parsed.suggestion ? { fix: { at: e.at, replace: parsed.suggestion, description: `Use ${parsed.suggestion}` } } : {}),
        });
      } else {
        ctx.report({
          messageId: `invalidAnnotation${closestSuffix}`,
          data: { name: svc.name, annotation: LOAD_BALANCER_SOURCE_RANGES_ANNOTATION, value: e.text, reason: parsed.problem, suggestion },
          at: e.at,
        });
      }
    }
  },
});
