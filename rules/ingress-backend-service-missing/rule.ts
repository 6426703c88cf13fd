import { defineRule, type Report } from '../../src/engine/rule.js';
import { INGRESS_KINDS, SERVICE } from '../../src/model/group-kinds.js';
import { describeIngress, ingressBackends, ingressBackendServices, isIngress } from '../../src/k8s/ingress.js';
import { evidentWorkload, exposeServiceYaml } from '../../src/k8s/expose.js';
import { describeTemplate } from '../../src/index/pod-templates.js';
import { extend } from '../../src/k8s/report-data.js';

/** What a report on a missing Service looks for (one list for every report). */
const SERVICE_KINDS = [SERVICE] as const;

export default defineRule({
  meta: {
    id: 'ingress-backend-service-missing',
    title: 'Ingress backend names a Service that does not exist',
    description:
      'A backend of the Ingress (a path backend or the default backend) names a Service that is not in the Ingress namespace. An Ingress can only send traffic to Services of its own namespace, so the controller answers 503 (or 404) for those requests.',
    severity: 'error',
    category: 'wiring',
    appliesTo: INGRESS_KINDS,
    references: [SERVICE],
    messages: {
      missing: '{ingress} backend Service {service} does not exist in namespace {namespace}',
      closest: '{ingress} backend Service {service} does not exist in namespace {namespace}; did you mean {suggestion}?',
      otherNamespace:
        '{ingress} backend Service {service} does not exist in namespace {namespace}; one exists in namespace {otherNamespace}',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing) || ing.namespace === null) return;
    const ns = ing.namespace;
    let described: string | undefined;
    const backends = ingressBackends(ing);
    const services = ingressBackendServices(ctx.index, ing);
    for (let i = 0; i < backends.length; i++) {
      if (services[i]) continue;
      const b = backends[i];
      const missing = { kinds: SERVICE_KINDS, namespace: ns, name: b.serviceName };
      const base = { ingress: (described ??= describeIngress(ing)), service: b.serviceName, namespace: ns };
      const named = ctx.index.named(SERVICE, b.serviceName);
      const elsewhere = named.length === 0 ? named : named.filter((s) => s.namespace !== ns);
      if (elsewhere.length > 0) {
        const other = elsewhere[0];
        ctx.report({
          messageId: 'otherNamespace',
          missing,
          data: extend(base, 'otherNamespace', elsewhere.map((s) => s.namespace).join(', ')),
          at: b.nameAt,
          related: [{ resource: other, at: '/metadata/name', message: `Service ${other.name} in namespace ${other.namespace}` }],
        });
        continue;
      }
      const suggestion = ctx.index.closestName(SERVICE, ns, b.serviceName);
      if (suggestion !== null) {
        const svc = ctx.index.get(SERVICE, ns, suggestion)!;
        ctx.report({
          messageId: 'closest',
          missing,
          data: extend(base, 'suggestion', suggestion),
          at: b.nameAt,
          related: [{ resource: svc, at: '/metadata/name', message: `Service ${suggestion} in namespace ${ns}` }],
          fix: { at: b.nameAt, replace: suggestion, description: `Use Service ${suggestion}` },
        });
        continue;
      }
      // The Service kubectl expose would make for the one workload evidently meant.
      const target = evidentWorkload(ctx.index, ns, b.serviceName);
      const document = target ? exposeServiceYaml(target, b.serviceName, b.port) : null;
      // The fix set on the report when there is one (no object spread: every missing backend reports).
      const report: Report = { messageId: 'missing', data: base, at: b.nameAt, missing };
      if (target && document) {
        report.fix = { nextTo: target.owner, document, description: `Create Service ${b.serviceName} for ${describeTemplate(target)} (kubectl expose)` };
      }
      ctx.report(report);
    }
  },
});
