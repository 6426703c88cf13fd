import type { Report } from '../engine/rule.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { pointer } from '../model/pointer.js';
import { closest } from '../text/closest.js';
import { servicesIn, type HostResolution } from './istio.js';
import { SERVICE, SERVICE_ENTRY } from '../model/group-kinds.js';
import { evidentWorkload, exposeServiceYaml } from './expose.js';
import { describeTemplate } from '../index/pod-templates.js';

/**
 * The finding for an Istio host that resolves to nothing (a VirtualService destination, a
 * DestinationRule host), with the nearest fix: a partially qualified name, a short name read in the
 * wrong namespace, a near-miss Service name, or an external host without ServiceEntry. The rules
 * using it share the messageIds partial, otherNamespace, closest, external and missing; `base`
 * carries their own placeholders. The rules declare SERVICE and SERVICE_ENTRY in meta.references.
 * With `expose` (a VirtualService destination, whose `port.number` is the Service port it asks for),
 * a missing cluster Service with no near name offers the Service `kubectl expose` would create for
 * the one workload of its namespace evidently meant, as Ingress and route backends do.
 */
export function reportUnresolvedHost(
  index: ResourceIndex,
  report: (r: Report) => void,
  host: string,
  r: HostResolution,
  at: string,
  base: Record<string, string>,
  expose?: { port: number | null },
): void {
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
    // ServiceEntries often live in a separate egress config, in any namespace: judged where the input holds any.
    report({ messageId: 'external', data: base, at, missing: { kinds: [SERVICE_ENTRY], namespace: null } });
    return;
  }
  const target = r.service!;
  const missing = { kinds: [SERVICE], namespace: target.namespace, name: target.name };
  // A short name read in the wrong namespace: the same-named Service elsewhere is the likely target.
  const elsewhere = index.named(SERVICE, target.name).filter((s) => s.namespace !== target.namespace);
  if (elsewhere.length > 0) {
    const svc = elsewhere[0];
    const suggestion = `${svc.name}.${svc.namespace}.svc.cluster.local`;
    report({
      messageId: 'otherNamespace',
      missing,
      data: { ...base, namespace: target.namespace, service: svc.name, otherNamespace: svc.namespace ?? '', suggestion },
      at,
      fix: { at, replace: suggestion, description: `Use the full name ${suggestion}` },
      related: [{ resource: svc, at: pointer('metadata', 'name'), message: `Service ${svc.name} is in namespace ${svc.namespace}` }],
    });
    return;
  }
  const candidates = servicesIn(index, target.namespace);
  const near = closest(target.name, candidates.map((s) => s.name));
  if (near) {
    const svc = candidates.find((s) => s.name === near)!;
    const suggestion = host.includes('.') ? `${near}.${target.namespace}.svc.cluster.local` : near;
    report({
      messageId: 'closest',
      missing,
      data: { ...base, suggestion },
      at,
      fix: { at, replace: suggestion, description: `Use Service ${near}` },
      related: [{ resource: svc, at: pointer('metadata', 'name'), message: `Service ${near}` }],
    });
    return;
  }
  const workload = expose ? evidentWorkload(index, target.namespace, target.name) : null;
  const document = workload ? exposeServiceYaml(workload, target.name, expose && expose.port !== null ? { number: expose.port } : {}) : null;
  report({
    messageId: 'missing',
    data: base,
    at,
    missing,
    ...(workload && document
      ? { fix: { nextTo: workload.owner, document, description: `Create Service ${target.name} for ${describeTemplate(workload)} (kubectl expose)` } }
      : {}),
  });
}
