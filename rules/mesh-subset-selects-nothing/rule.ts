import { defineRule } from '../../src/engine/rule.js';
import { DESTINATION_RULE, VIRTUAL_SERVICE, WORKLOAD_ENTRY, WORKLOAD_GROUP, WORKLOADS } from '../../src/model/group-kinds.js';
import { formatLabels, matchesEquality, stringMap, type Labels } from '../../src/index/labels.js';
import { describeTemplate } from '../../src/index/pod-templates.js';
import type { ResourceIndex } from '../../src/index/resource-index.js';
import {
  destinationRuleHost,
  destinationRuleSubsets,
  describe,
  hostsOverlap,
  ISTIO_NETWORKING,
  meshPresent,
  ownerPointer,
  resolveHost,
  virtualServiceDestinations,
} from '../../src/k8s/istio.js';
import { serviceSelector, specOf } from '../../src/k8s/service.js';
import { templateNames } from '../../src/k8s/workloads.js';
import { isObject } from '../../src/model/resources.js';
import type { Resource } from '../../src/model/types.js';
import { joinPointer, pointer } from '../../src/model/pointer.js';

/**
 * Endpoint labels Istio derives rather than copies from the pod template: locality and hostname from
 * the Node, cluster and network from the mesh, and the labels the sidecar injector adds.
 */
const DERIVED_LABEL =
  /^(topology\.kubernetes\.io\/|topology\.istio\.io\/|failure-domain\.beta\.kubernetes\.io\/|kubernetes\.io\/hostname$|istio-locality$|security\.istio\.io\/tlsMode$|service\.istio\.io\/canonical-)/;

export default defineRule({
  meta: {
    id: 'mesh-subset-selects-nothing',
    title: 'DestinationRule subset selects no pods of its host',
    description:
      'A DestinationRule subset picks the endpoints of its host whose pods carry the subset labels. The endpoints of a Kubernetes Service are the pods its selector matches, so a subset has endpoints only where a pod template carries the Service selector and the subset labels together. A subset that matches none has no endpoints: traffic routed to it fails with 503 (UH). istioctl analyze reports a similar case as IST0173.',
    severity: 'error',
    category: 'mesh',
    appliesTo: [DESTINATION_RULE],
    references: [WORKLOADS],
    messages: {
      noMatch:
        'DestinationRule {name} subset {subset} selects no pods of {target}: no pod template in {namespace} has {selector}{found} (IST0173)',
      conflict:
        'DestinationRule {name} subset {subset} selects no pods of {target}: {key}={value} contradicts {key}={selectorValue} (IST0173)',
    },
  },
  check(ctx) {
    const dr = ctx.resource;
    if (dr.group !== ISTIO_NETWORKING || dr.namespace === null || !meshPresent(ctx.index)) return;
    const host = destinationRuleHost(dr);
    if (!host || host.startsWith('*')) return;
    const r = resolveHost(ctx.index, host, dr.namespace);
    const t = r.target;
    if (!t || t.resource.namespace === null) return;
    // Workloads behind the host: a Service's selector, or a ServiceEntry's workloadSelector.
    let base: Labels;
    if (t.kind === 'Service') {
      base = serviceSelector(t.resource);
    } else {
      const ws = specOf(t.resource).workloadSelector;
      base = stringMap(isObject(ws) ? ws.labels : undefined);
    }
    if (Object.keys(base).length === 0) return;
    const namespace = t.resource.namespace;
    const behindHost = ctx.index.templatesMatching(namespace, base);
    // A host selecting nothing at all is service-selector-matches-nothing's finding, not the subset's.
    if (behindHost.length === 0 && !workloadEntryMatches(ctx.index, namespace, base)) return;
    const target = describe(t.resource, dr.namespace);
    for (const subset of destinationRuleSubsets(dr)) {
      // Labels Istio adds to endpoints (from Nodes, the mesh or injection) are not in templates: not judged.
      const s = { ...subset, labels: Object.fromEntries(Object.entries(subset.labels).filter(([k]) => !DERIVED_LABEL.test(k))) };
      if (Object.keys(s.labels).length === 0) continue;
      const clash = Object.keys(s.labels).find((k) => k in base && base[k] !== s.labels[k]);
      const merged = { ...base, ...s.labels };
      if (!clash && (ctx.index.templatesMatching(namespace, merged).length > 0 || workloadEntryMatches(ctx.index, namespace, merged))) continue;
      const used = subsetUsed(ctx.index, r.fqdn, s.name);
      const data = {
        name: dr.name,
        subset: s.name,
        labels: formatLabels(s.labels),
        target,
      };
      // Lower to a warning while nothing in the input routes to the subset: it is dead, not yet broken.
      const severity = used ? undefined : ('warning' as const);
      const related = used ? [{ resource: used.vs, at: used.at, message: `VirtualService ${used.vs.name} routes to subset ${s.name}` }] : [];
      if (clash) {
        ctx.report({
          messageId: 'conflict',
          data: { ...data, key: clash, value: s.labels[clash], selectorValue: base[clash] },
          at: joinPointer(s.at, 'labels', clash),
          ...(severity ? { severity } : {}),
          related: [{ resource: t.resource, at: pointer('spec', t.kind === 'Service' ? 'selector' : 'workloadSelector'), message: `${target} selects ${formatLabels(base)}` }, ...related],
        });
        continue;
      }
      // What the host's pods carry for the subset's keys: the nearest fix.
      const found = behindHost.map((tpl) => {
        const pairs = Object.keys(s.labels).map((k) => (k in tpl.labels ? `${k}=${tpl.labels[k]}` : `no ${k}`));
        return `${describeTemplate(tpl)} has ${pairs.join(', ')}`;
      });
      ctx.report({
        messageId: 'noMatch',
        data: {
          ...data,
          namespace,
          selector: formatLabels(merged),
          found: found.length ? `; ${found.slice(0, 3).join('; ')}${found.length > 3 ? ` and ${found.length - 3} more` : ''}` : '',
        },
        at: joinPointer(s.at, 'labels'),
        ...(severity ? { severity } : {}),
        related: [
          ...behindHost.slice(0, 3).map((tpl) => ({ resource: tpl.owner, at: ownerPointer(tpl.owner, tpl.labelsAt), message: `${templateNames([tpl])} is behind ${target}` })),
          ...related,
        ],
      });
    }
  },
});

/** WorkloadEntries (VMs) carry labels too, and Services and subsets select them like pods. */
function workloadEntryMatches(index: ResourceIndex, namespace: string, selector: Labels): boolean {
  for (const we of index.inNamespace(WORKLOAD_ENTRY, namespace)) {
    if (matchesEquality(selector, stringMap(specOf(we).labels))) return true;
  }
  for (const wg of index.inNamespace(WORKLOAD_GROUP, namespace)) {
    const tpl = specOf(wg).template;
    const meta = isObject(specOf(wg).metadata) ? specOf(wg).metadata : undefined;
    const labels = { ...stringMap(isObject(tpl) ? tpl.labels : undefined), ...stringMap(isObject(meta) ? meta.labels : undefined) };
    if (matchesEquality(selector, labels)) return true;
  }
  return false;
}

/** The first VirtualService in the input routing to `subset` of the host `fqdn`. */
function subsetUsed(index: ResourceIndex, fqdn: string, subset: string): { vs: Resource; at: string } | null {
  const table = index.memo('mesh-subset-selects-nothing:used', () => {
    const m = new Map<string, { vs: Resource; at: string }>();
    for (const vs of index.all(VIRTUAL_SERVICE)) {
      for (const d of virtualServiceDestinations(index, vs)) {
        const key = `${d.resolution.fqdn}|${d.subset}`;
        if (d.subset !== null && !m.has(key)) m.set(key, { vs, at: joinPointer(d.at, 'subset') });
      }
    }
    return m;
  });
  const exact = table.get(`${fqdn}|${subset}`);
  if (exact) return exact;
  for (const [key, use] of table) {
    const [h, s] = key.split('|');
    if (s === subset && hostsOverlap(h, fqdn)) return use;
  }
  return null;
}
