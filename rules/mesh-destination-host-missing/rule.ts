import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { SERVICE, SERVICE_ENTRY, VIRTUAL_SERVICE } from '../../src/model/group-kinds.js';
import { hostCheckable, ISTIO_NETWORKING, meshPresent, virtualServiceDestinations, type VsDestination } from '../../src/k8s/istio.js';
import { reportUnresolvedHost } from '../../src/k8s/istio-unresolved-host.js';
import type { ResourceIndex } from '../../src/index/resource-index.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'mesh-destination-host-missing',
    title: 'VirtualService destination host resolves to no Service or ServiceEntry',
    description:
      'Istio routes a VirtualService destination only to a host in its service registry: a Kubernetes Service (name.namespace.svc.cluster.local) or a ServiceEntry host. A short name is expanded with the VirtualService\'s namespace, not the Service\'s. A destination or mirror host that resolves to nothing makes Envoy answer 503 (no cluster found). istioctl analyze reports this as IST0101.',
    severity: 'error',
    category: 'mesh',
    appliesTo: [VIRTUAL_SERVICE],
    references: [SERVICE, SERVICE_ENTRY],
    remediation:
      'A short host is read in the VirtualService\'s namespace, and a name with a dot is taken literally: write the Service\'s FQDN (name.namespace.svc.cluster.local). For a host outside the mesh add a ServiceEntry.',
    messages: {
      missing: 'VirtualService {name} {role} host {fqdn} resolves to no Service or ServiceEntry (IST0101)',
      closest: 'VirtualService {name} {role} host {fqdn} resolves to no Service or ServiceEntry; did you mean {suggestion}? (IST0101)',
      otherNamespace:
        'VirtualService {name} {role} host {host} means {fqdn}, but Service {service} is in {otherNamespace}: write {suggestion}',
      partial:
        'VirtualService {name} {role} host {host} is taken literally by Istio; write {suggestion} for Service {service} (IST0101)',
      external:
        'VirtualService {name} {role} host {host} is no Kubernetes Service and no ServiceEntry declares it (IST0101)',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (vs.group !== ISTIO_NETWORKING || vs.namespace === null || !meshPresent(ctx.index)) return;
    for (const d of virtualServiceDestinations(ctx.index, vs)) {
      if (d.target || !hostCheckable(d.resolution)) continue;
      reportMissing(ctx.index, vs.name, d, ctx.report);
    }
  },
});

function reportMissing(index: ResourceIndex, name: string, d: VsDestination, report: RuleContext['report']): void {
  const fqdn = d.resolution.fqdn;
  const base = { name, role: d.role === 'mirror' ? 'mirror' : 'destination', host: d.host, fqdn };
  reportUnresolvedHost(index, report, d.host, d.resolution, joinPointer(d.at, 'host'), base, { port: d.port });
}
