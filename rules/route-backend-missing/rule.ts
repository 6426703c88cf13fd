import { defineRule } from '../../src/engine/rule.js';
import { ROUTE_KINDS, SERVICE } from '../../src/model/group-kinds.js';
import { backendRefs, isRoute, isServiceBackend, nsName } from '../../src/k8s/gateway-api.js';
import { joinPointer } from '../../src/model/pointer.js';
import { evidentWorkload, exposeServiceYaml } from '../../src/k8s/expose.js';
import { describeTemplate } from '../../src/index/pod-templates.js';

export default defineRule({
  meta: {
    id: 'route-backend-missing',
    title: 'Route backendRef names a Service that does not exist',
    description:
      'A Gateway API route sends traffic to the Services of its backendRefs (group "" and kind Service by default, namespace defaulting to the route\'s). A backendRef naming a Service that is not in the input gets no endpoints: the Gateway answers its share of requests with HTTP 500 (or refuses the connection for TCP, TLS and UDP routes). Backends of other groups and kinds are not judged.',
    severity: 'error',
    category: 'gateway',
    appliesTo: ROUTE_KINDS,
    references: [SERVICE],
    messages: {
      missing: '{kind} {route} {via} Service {service} is not in the input',
      missingClosest: '{kind} {route} {via} Service {service} is not in the input; did you mean {suggestion}?',
      otherNamespace: '{kind} {route} {via} Service {service} is not in the input; a Service {name} exists in namespace {other}',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    if (!isRoute(route)) return;
    for (const b of backendRefs(route)) {
      if (!isServiceBackend(b)) continue;
      if (ctx.index.get(SERVICE, b.namespace, b.name)) continue;
      const missing = { kinds: [SERVICE], namespace: b.namespace, name: b.name };
      const weight = b.value.weight;
      const severity = weight === 0 ? ('warning' as const) : undefined;
      const base = {
        kind: route.kind,
        route: nsName(route.namespace, route.name),
        via: b.via === 'mirror' ? 'mirrors to' : 'backendRef',
        service: nsName(b.namespace, b.name),
      };
      const at = joinPointer(b.at, 'name');
      const elsewhere = ctx.index.named(SERVICE, b.name).filter((s) => s.namespace !== b.namespace);
      if (elsewhere.length > 0) {
        const other = elsewhere[0];
        ctx.report({
          messageId: 'otherNamespace',
          missing,
          data: { ...base, name: b.name, other: other.namespace ?? '' },
          at,
          ...(severity ? { severity } : {}),
          related: [{ resource: other, at: '/metadata/name', message: `Service ${nsName(other.namespace, other.name)}` }],
        });
        continue;
      }
      const near = ctx.index.closestName(SERVICE, b.namespace, b.name);
      const nearSvc = near ? ctx.index.get(SERVICE, b.namespace, near) : undefined;
      // Without a near name: the Service kubectl expose would make for the one workload evidently meant.
      const target = near ? null : evidentWorkload(ctx.index, b.namespace, b.name);
      const port = b.value.port;
      const document = target ? exposeServiceYaml(target, b.name, typeof port === 'number' ? { number: port } : {}) : null;
      ctx.report({
        messageId: near ? 'missingClosest' : 'missing',
        missing,
        data: near ? { ...base, suggestion: near } : base,
        at,
        ...(severity ? { severity } : {}),
        ...(nearSvc ? { related: [{ resource: nearSvc, at: '/metadata/name', message: `Service ${nsName(nearSvc.namespace, nearSvc.name)}` }] } : {}),
        ...(near ? { fix: { at, replace: near, description: `Send traffic to Service ${near}` } } : {}),
        ...(target && document
          ? { fix: { nextTo: target.owner, document, description: `Create Service ${b.name} for ${describeTemplate(target)} (kubectl expose)` } }
          : {}),
      });
    }
  },
});
