import { defineRule } from '../../src/engine/rule.js';
import { NETWORK_POLICY_KINDS } from '../../src/model/group-kinds.js';
import { explicitPolicyTypes, policySpec } from '../../src/k8s/network-policy.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'network-policy-implicit-ingress-deny',
    title: 'NetworkPolicy with egress rules that also denies all ingress',
    description:
      'A NetworkPolicy without policyTypes gets Ingress in its policyTypes by default (plus Egress, because it has egress rules). With no ingress section, the policy then isolates ingress with no rule allowing any: all ingress to the selected pods is denied, though the policy was written about egress.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: NETWORK_POLICY_KINDS,
    remediation:
      'Set policyTypes: [Egress] for an egress-only policy; if denying all ingress is intended, say so with policyTypes: [Ingress, Egress] (or add ingress: []).',
    messages: {
      implicitDeny:
        'NetworkPolicy {name} has {count} egress rule(s) and no policyTypes, which default to [Ingress, Egress]: all ingress to its pods is denied',
    },
  },
  check(ctx) {
    const np = ctx.resource;
    const spec = policySpec(np);
    if (!Array.isArray(spec.egress) || spec.egress.length === 0) return; // egress: [] is network-policy-egress-not-enforced's
    if (explicitPolicyTypes(np) !== null) return;
    // An ingress section (even `ingress: []`) states what ingress is allowed: the isolation is deliberate.
    if (spec.ingress !== undefined && spec.ingress !== null) return;
    ctx.report({ messageId: 'implicitDeny', data: { name: np.name, count: spec.egress.length }, at: pointer('spec', 'egress') });
  },
});
