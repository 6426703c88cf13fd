import { defineRule } from '../../src/engine/rule.js';
import { destinationRuleHost, hostJudgeable, ISTIO_NETWORKING, meshPresent, resolveHost, servicesIn } from '../../src/k8s/istio.js';
import { pointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'mesh-destination-rule-host-missing',
    title: 'DestinationRule host resolves to no Service or ServiceEntry',
    description:
      'A DestinationRule applies to the traffic for its host: a Kubernetes Service (a short name is expanded with the DestinationRule\'s namespace) or a ServiceEntry host. A host that resolves to nothing makes the whole rule — subsets, TLS settings, load balancing, outlier detection — silently apply to nothing. istioctl analyze reports this as IST0174.',
    severity: 'warning',
    category: 'mesh',
    appliesTo: ['DestinationRule'],
    references: ['Service', 'ServiceEntry'],
    messages: {
      missing: 'DestinationRule {name} host {host}{expanded} resolves to no Service or ServiceEntry: the rule applies to nothing (IST0174)',
      closest:
        'DestinationRule {name} host {host}{expanded} resolves to no Service or ServiceEntry; did you mean {suggestion}? (IST0174)',
      otherNamespace:
        'DestinationRule {name} host {host} means {fqdn}: a short name is read in the DestinationRule\'s namespace {namespace}, but Service {service} is in namespace {otherNamespace}; write {suggestion} (IST0174)',
      partial:
        'DestinationRule {name} host {host} is taken literally by Istio, which expands only names without a dot; write {suggestion} for Service {service} in namespace {otherNamespace} (IST0174)',
      external: 'DestinationRule {name} host {host} is not a Kubernetes Service and no ServiceEntry declares it (IST0174)',
    },
  },
  check(ctx) {
    const dr = ctx.resource;
    if (dr.group !== ISTIO_NETWORKING || dr.namespace === null || !meshPresent(ctx.index)) return;
    const host = destinationRuleHost(dr);
    if (!host) return;
    const r = resolveHost(ctx.index, host, dr.namespace);
    if (r.target || !hostJudgeable(ctx.index, r, ctx.settings.completeness === 'complete')) return;
    const at = pointer('spec', 'host');
    const base = { name: dr.name, host, fqdn: r.fqdn, expanded: r.fqdn === host ? '' : ` (${r.fqdn})` };
    if (r.partialOf) {
      const svc = r.partialOf;
      const suggestion = `${svc.name}.${svc.namespace}.svc.cluster.local`;
      ctx.report({
        messageId: 'partial',
        data: { ...base, suggestion, service: svc.name, otherNamespace: svc.namespace ?? '' },
        at,
        fix: { at, replace: suggestion, description: `Use the full name ${suggestion}` },
        related: [{ resource: svc, at: pointer('metadata', 'name'), message: `Service ${svc.name} (namespace ${svc.namespace})` }],
      });
      return;
    }
    if (r.hostClass === 'external') {
      ctx.report({ messageId: 'external', data: base, at });
      return;
    }
    const target = r.service!;
    const elsewhere = ctx.index.named('Service', target.name, '').filter((s) => s.namespace !== target.namespace);
    if (elsewhere.length > 0) {
      const svc = elsewhere[0]!;
      const suggestion = `${svc.name}.${svc.namespace}.svc.cluster.local`;
      ctx.report({
        messageId: 'otherNamespace',
        data: { ...base, namespace: target.namespace, service: svc.name, otherNamespace: svc.namespace ?? '', suggestion },
        at,
        fix: { at, replace: suggestion, description: `Use the full name ${suggestion}` },
        related: [{ resource: svc, at: pointer('metadata', 'name'), message: `Service ${svc.name} is in namespace ${svc.namespace}` }],
      });
      return;
    }
    const candidates = servicesIn(ctx.index, target.namespace);
    const near = closest(target.name, candidates.map((s) => s.name));
    if (near) {
      const svc = candidates.find((s) => s.name === near)!;
      const suggestion = host.includes('.') ? `${near}.${target.namespace}.svc.cluster.local` : near;
      ctx.report({
        messageId: 'closest',
        data: { ...base, suggestion },
        at,
        fix: { at, replace: suggestion, description: `Apply to Service ${near}` },
        related: [{ resource: svc, at: pointer('metadata', 'name'), message: `Service ${near}` }],
      });
      return;
    }
    ctx.report({ messageId: 'missing', data: base, at });
  },
});
