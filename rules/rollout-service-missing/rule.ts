import { defineRule } from '../../src/engine/rule.js';
import { ARGO_ROLLOUT, SERVICE } from '../../src/model/group-kinds.js';
import { rolloutServiceRefs } from '../../src/k8s/argo-rollouts.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'rollout-service-missing',
    title: 'Argo Rollout names a Service that does not exist',
    description:
      'The canary (canaryService, stableService, pingPong services) or blue-green (activeService, previewService) strategy of an Argo Rollout names a Service that is not in the Rollout\'s namespace. The controller cannot point the Service at the new or stable ReplicaSet: the Rollout stays degraded ("service not found") and no new version is rolled out.',
    severity: 'error',
    category: 'wiring',
    appliesTo: [ARGO_ROLLOUT],
    references: [SERVICE],
    remediation: 'Create the Service in the Rollout\'s namespace (selecting the Rollout\'s pods), or name an existing one.',
    messages: {
      missing: 'Rollout {name} {field} {service} does not exist in namespace {namespace}',
      closest: 'Rollout {name} {field} {service} does not exist in namespace {namespace}; did you mean {suggestion}?',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.namespace === null) return;
    const ns = r.namespace;
    for (const ref of rolloutServiceRefs(r)) {
      if (ctx.index.get(SERVICE, ns, ref.name)) continue;
      const missing = { kinds: [SERVICE], namespace: ns, name: ref.name };
      const base = { name: r.name, field: ref.field, service: ref.name, namespace: ns };
      const suggestion = closest(ref.name, ctx.index.inNamespace(SERVICE, ns).map((s) => s.name));
      if (suggestion !== null) {
        ctx.report({
          messageId: 'closest',
          missing,
          data: { ...base, suggestion },
          at: ref.at,
          related: [{ resource: ctx.index.get(SERVICE, ns, suggestion)!, at: '/metadata/name', message: `Service ${suggestion}` }],
          fix: { at: ref.at, replace: suggestion, description: `Use Service ${suggestion}` },
        });
        continue;
      }
      ctx.report({ messageId: 'missing', data: base, at: ref.at, missing });
    }
  },
});
