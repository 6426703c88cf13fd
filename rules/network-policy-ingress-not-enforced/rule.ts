import { defineRule } from '../../src/engine/rule.js';
import { NETWORK_POLICY_KINDS } from '../../src/model/group-kinds.js';
import { explicitPolicyTypes, policySpec } from '../../src/k8s/network-policy.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'network-policy-ingress-not-enforced',
    title: 'NetworkPolicy ingress section that is not enforced',
    description:
      'The NetworkPolicy has an ingress section, but its explicit policyTypes leave out Ingress, so ingress of the selected pods is not isolated and the ingress rules (or the deny-all `ingress: []`) are ignored.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: NETWORK_POLICY_KINDS,
    remediation:
      'Add Ingress to policyTypes ([Ingress, Egress]) so that the ingress rules are enforced, or delete the ingress section if ingress was not meant to be restricted.',
    messages: {
      rulesIgnored:
        'NetworkPolicy {name} has {count} ingress rule(s), but policyTypes {types} leaves out Ingress: they are ignored',
      denyIgnored:
        'NetworkPolicy {name} has ingress: [] (deny all), but policyTypes {types} leaves out Ingress: ingress is not isolated',
    },
  },
  check(ctx) {
    const np = ctx.resource;
    const ingress = policySpec(np).ingress;
    if (!Array.isArray(ingress)) return;
    const explicit = explicitPolicyTypes(np);
    // Without policyTypes, Ingress is always defaulted in.
    if (!explicit || explicit.includes('Ingress')) return;
    const types = `[${explicit.join(', ')}]`;
    ctx.report({
      messageId: ingress.length > 0 ? 'rulesIgnored' : 'denyIgnored',
      data: { name: np.name, types, ...(ingress.length > 0 ? { count: ingress.length } : {}) },
      at: pointer('spec', 'policyTypes'),
    });
  },
});
