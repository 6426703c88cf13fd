import { defineRule } from '../../src/engine/rule.js';
import { DESTINATION_RULE, SERVICE, SERVICE_ENTRY } from '../../src/model/group-kinds.js';
import { destinationRuleHost, hostCheckable, ISTIO_NETWORKING, meshPresent, resolveHost } from '../../src/k8s/istio.js';
import { reportUnresolvedHost } from '../../src/k8s/istio-unresolved-host.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'mesh-destination-rule-host-missing',
    title: 'DestinationRule host resolves to no Service or ServiceEntry',
    description:
      'A DestinationRule applies to the traffic for its host: a Kubernetes Service (a short name is expanded with the DestinationRule\'s namespace) or a ServiceEntry host. A host that resolves to nothing makes the whole rule — subsets, TLS settings, load balancing, outlier detection — silently apply to nothing. istioctl analyze reports this as IST0174.',
    severity: 'warning',
    category: 'mesh',
    appliesTo: [DESTINATION_RULE],
    references: [SERVICE, SERVICE_ENTRY],
    remediation:
      'A short host is read in the DestinationRule\'s namespace, and a name with a dot is taken literally: write the Service\'s FQDN (name.namespace.svc.cluster.local).',
    messages: {
      missing: 'DestinationRule {name} host {fqdn} resolves to no Service or ServiceEntry: the rule applies to nothing (IST0174)',
      closest:
        'DestinationRule {name} host {fqdn} resolves to no Service or ServiceEntry; did you mean {suggestion}? (IST0174)',
      otherNamespace:
        'DestinationRule {name} host {host} means {fqdn}, but Service {service} is in namespace {otherNamespace}: write {suggestion}',
      partial:
        'DestinationRule {name} host {host} is taken literally by Istio; write {suggestion} for Service {service} (IST0174)',
      external: 'DestinationRule {name} host {host} is not a Kubernetes Service and no ServiceEntry declares it (IST0174)',
    },
  },
  check(ctx) {
    const dr = ctx.resource;
    if (dr.group !== ISTIO_NETWORKING || dr.namespace === null || !meshPresent(ctx.index)) return;
    const host = destinationRuleHost(dr);
    if (!host) return;
    const r = resolveHost(ctx.index, host, dr.namespace);
    if (r.target || !hostCheckable(r)) return;
    const base = { name: dr.name, host, fqdn: r.fqdn };
    reportUnresolvedHost(ctx.index, ctx.report, host, r, pointer('spec', 'host'), base);
  },
});
