import { defineRule } from '../../src/engine/rule.js';
import { DESTINATION_RULE, VIRTUAL_SERVICE } from '../../src/model/group-kinds.js';
import {
  describe,
  destinationRuleHost,
  destinationRules,
  destinationRulesFor,
  ISTIO_NETWORKING,
  meshPresent,
  virtualServiceDestinations,
} from '../../src/k8s/istio.js';
import { joinPointer, pointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'mesh-subset-missing',
    title: 'VirtualService subset is defined by no DestinationRule for its host',
    description:
      'A VirtualService destination subset must be defined in a DestinationRule for the same host (both hosts compared as full names, each short name expanded with its own object\'s namespace). Without it Envoy has no cluster for the subset and answers 503 (NR). istioctl analyze reports this as IST0101.',
    severity: 'error',
    category: 'mesh',
    appliesTo: [VIRTUAL_SERVICE],
    references: [DESTINATION_RULE],
    // A destination whose host resolves to nothing is mesh-destination-host-missing's finding: one per mistake.
    qualifies: ['mesh-destination-host-missing'],
    messages: {
      noSubset:
        'VirtualService {name} {role} {host} subset {subset} is not defined by {rule} (subsets: {subsets}) (IST0101)',
      closest:
        'VirtualService {name} {role} {host} subset {subset} is not defined by {rule}; did you mean {suggestion}? (IST0101)',
      noRule: 'VirtualService {name} {role} {host} subset {subset}: no DestinationRule for host {fqdn} defines subsets (IST0101)',
      otherHost:
        'VirtualService {name} subset {subset}: no DestinationRule for {fqdn}; {rule} has host {drHost} ({drFqdn})',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (vs.group !== ISTIO_NETWORKING || vs.namespace === null || !meshPresent(ctx.index)) return;
    for (const d of virtualServiceDestinations(ctx.index, vs)) {
      if (d.subset === null) continue;
      const fqdn = d.resolution.fqdn;
      const rules = destinationRulesFor(ctx.index, fqdn);
      if (rules.some((e) => e.subsets.some((s) => s.name === d.subset))) continue;
      const at = joinPointer(d.at, 'subset');
      const base = { name: vs.name, role: d.role === 'mirror' ? 'mirror' : 'destination', host: d.host, subset: d.subset, fqdn };
      const withSubsets = rules.filter((e) => e.subsets.length > 0);
      if (withSubsets.length > 0) {
        const e = withSubsets[0];
        const names = withSubsets.flatMap((r) => r.subsets.map((s) => s.name));
        // Short names such as v1/v3 are versions, not typos of each other: suggest only a case slip then.
        const near = closest(d.subset, names);
        const suggestion = near && (d.subset.length > 3 || near.toLowerCase() === d.subset.toLowerCase()) ? near : null;
        const data = { ...base, rule: describe(e.dr, vs.namespace), subsets: names.join(', ') };
        const related = [{ resource: e.dr, at: pointer('spec', 'subsets'), message: `${describe(e.dr)} subsets: ${names.join(', ')}` }];
        if (suggestion) {
          ctx.report({
            messageId: 'closest',
            data: { ...data, suggestion },
            at,
            fix: { at, replace: suggestion, description: `Use subset ${suggestion}` },
            related,
          });
        } else {
          ctx.report({ messageId: 'noSubset', data, at, related });
        }
        continue;
      }
      // A DestinationRule meant for this host but written with a short name read in another namespace.
      const service = d.resolution.service;
      const firstLabel = (h: string): string => h.split('.')[0];
      const near = destinationRules(ctx.index).find(
        (e) => e.fqdn !== fqdn && e.subsets.some((s) => s.name === d.subset) && firstLabel(e.fqdn) === (service?.name ?? firstLabel(fqdn)),
      );
      if (near) {
        ctx.report({
          messageId: 'otherHost',
          data: { ...base, rule: describe(near.dr, vs.namespace), drHost: destinationRuleHost(near.dr) ?? '', drFqdn: near.fqdn },
          at,
          related: [{ resource: near.dr, at: pointer('spec', 'host'), message: `${describe(near.dr)} host resolves to ${near.fqdn}` }],
        });
        continue;
      }
      // DestinationRules may live in any namespace (the root namespace, exported): judged where the input holds any.
      ctx.report({ messageId: 'noRule', data: base, at, missing: { kinds: [DESTINATION_RULE], namespace: null } });
    }
  },
});
