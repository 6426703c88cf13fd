import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import {
  hostJudgeable,
  ISTIO_NETWORKING,
  meshPresent,
  servicesIn,
  virtualServiceDestinations,
  type VsDestination,
} from '../../src/k8s/istio.js';
import type { ResourceIndex } from '../../src/index/resource-index.js';
import { joinPointer, pointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'mesh-destination-host-missing',
    title: 'VirtualService destination host resolves to no Service or ServiceEntry',
    description:
      'Istio routes a VirtualService destination only to a host in its service registry: a Kubernetes Service (name.namespace.svc.cluster.local) or a ServiceEntry host. A short name is expanded with the VirtualService\'s namespace, not the Service\'s. A destination or mirror host that resolves to nothing makes Envoy answer 503 (no cluster found). istioctl analyze reports this as IST0101.',
    severity: 'error',
    category: 'mesh',
    appliesTo: ['VirtualService'],
    references: ['Service', 'ServiceEntry'],
    messages: {
      missing: 'VirtualService {name} {role} host {host}{expanded} resolves to no Service or ServiceEntry (IST0101)',
      closest: 'VirtualService {name} {role} host {host}{expanded} resolves to no Service or ServiceEntry (IST0101); did you mean {suggestion}?',
      otherNamespace:
        'VirtualService {name} {role} host {host} means {fqdn}: a short name is read in the VirtualService\'s namespace {namespace}, but Service {service} is in namespace {otherNamespace}; write {suggestion} (IST0101)',
      partial:
        'VirtualService {name} {role} host {host} is taken literally by Istio, which expands only names without a dot; write {suggestion} for Service {service} in namespace {otherNamespace} (IST0101)',
      external:
        'VirtualService {name} {role} host {host} is not a Kubernetes Service and no ServiceEntry declares it (IST0101); add a ServiceEntry for {host}',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (vs.group !== ISTIO_NETWORKING || vs.namespace === null || !meshPresent(ctx.index)) return;
    const complete = ctx.settings.completeness === 'complete';
    for (const d of virtualServiceDestinations(ctx.index, vs)) {
      if (d.target || !hostJudgeable(ctx.index, d.resolution, complete)) continue;
      reportMissing(ctx.index, vs.name, d, ctx.report);
    }
  },
});

function reportMissing(index: ResourceIndex, name: string, d: VsDestination, report: RuleContext['report']): void {
  const at = joinPointer(d.at, 'host');
  const fqdn = d.resolution.fqdn;
  const base = { name, role: d.role === 'mirror' ? 'mirror' : 'destination', host: d.host, fqdn, expanded: fqdn === d.host ? '' : ` (${fqdn})` };
  const r = d.resolution;
  if (r.partialOf) {
    const svc = r.partialOf;
    const suggestion = `${svc.name}.${svc.namespace}.svc.cluster.local`;
    report({
      messageId: 'partial',
      data: { ...base, suggestion, service: svc.name, otherNamespace: svc.namespace ?? '' },
      at,
      fix: { at, replace: suggestion, description: `Use the full name ${suggestion}` },
      related: [{ resource: svc, at: pointer('metadata', 'name'), message: `Service ${svc.name} (namespace ${svc.namespace})` }],
    });
    return;
  }
  if (r.hostClass === 'external') {
    report({ messageId: 'external', data: base, at });
    return;
  }
  const target = r.service!;
  // A short name read in the wrong namespace: the same-named Service elsewhere is the likely target.
  const elsewhere = index.named('Service', target.name, '').filter((s) => s.namespace !== target.namespace);
  if (elsewhere.length > 0) {
    const svc = elsewhere[0]!;
    const suggestion = `${svc.name}.${svc.namespace}.svc.cluster.local`;
    report({
      messageId: 'otherNamespace',
      data: { ...base, namespace: target.namespace, service: svc.name, otherNamespace: svc.namespace ?? '', suggestion },
      at,
      fix: { at, replace: suggestion, description: `Use the full name ${suggestion}` },
      related: [{ resource: svc, at: pointer('metadata', 'name'), message: `Service ${svc.name} is in namespace ${svc.namespace}` }],
    });
    return;
  }
  const names = servicesIn(index, target.namespace).map((s) => s.name);
  const near = closest(target.name, names);
  if (near) {
    const svc = servicesIn(index, target.namespace).find((s) => s.name === near)!;
    const suggestion = d.host.includes('.') ? `${near}.${target.namespace}.svc.cluster.local` : near;
    report({
      messageId: 'closest',
      data: { ...base, suggestion },
      at,
      fix: { at, replace: suggestion, description: `Route to Service ${near}` },
      related: [{ resource: svc, at: pointer('metadata', 'name'), message: `Service ${near}` }],
    });
    return;
  }
  report({ messageId: 'missing', data: base, at });
}
