import { defineRule } from '../../src/engine/rule.js';
import { NETWORK_POLICY_KINDS } from '../../src/model/group-kinds.js';
import { explicitPolicyTypes, policySpec } from '../../src/k8s/network-policy.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'network-policy-egress-not-enforced',
    title: 'NetworkPolicy egress section that is not enforced',
    description:
      'The NetworkPolicy has an egress section, but Egress is not among its policyTypes, so egress of the selected pods is not isolated and the egress section is ignored. policyTypes defaults to Ingress, plus Egress only when the egress list is non-empty: an `egress: []` meant as deny-all-egress does nothing without an explicit policyTypes that lists Egress, and explicit policyTypes that leave out Egress make any egress rules dead.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: NETWORK_POLICY_KINDS,
    remediation:
      'Add Egress to policyTypes: without it, egress rules (and an empty egress list) are ignored and egress is not isolated. Without policyTypes the default is [Ingress], plus Egress only when egress rules are present.',
    messages: {
      rulesIgnored:
        'NetworkPolicy {name} has {count} egress rule(s), but policyTypes {types} leaves out Egress: they are ignored',
      denyIgnored:
        'NetworkPolicy {name} has egress: [] (deny all), but policyTypes {types} leaves out Egress: egress is not isolated',
      denyDefaulted:
        'NetworkPolicy {name} has egress: [] but no policyTypes, which default to [Ingress]: egress is not isolated; set policyTypes: [Ingress, Egress]',
      denyDefaultedNoIngress:
        'NetworkPolicy {name} has egress: [] but no policyTypes, which default to [Ingress]: it denies all ingress, not egress; set policyTypes: [Egress]',
    },
  },
  check(ctx) {
    const np = ctx.resource;
    const spec = policySpec(np);
    const egress = spec.egress;
    if (!Array.isArray(egress)) return;
    const explicit = explicitPolicyTypes(np);
    if (explicit) {
      if (explicit.includes('Egress')) return;
      const types = `[${explicit.join(', ')}]`;
      if (egress.length > 0) {
        ctx.report({ messageId: 'rulesIgnored', data: { name: np.name, count: egress.length, types }, at: pointer('spec', 'policyTypes') });
      } else {
        ctx.report({ messageId: 'denyIgnored', data: { name: np.name, types }, at: pointer('spec', 'policyTypes') });
      }
      return;
    }
    if (egress.length > 0) return; // defaulted to [Ingress, Egress]
    // Without an ingress section the defaulted [Ingress] denies all ingress: likely not what was meant.
    ctx.report({
      messageId: Array.isArray(spec.ingress) ? 'denyDefaulted' : 'denyDefaultedNoIngress',
      data: { name: np.name },
      at: pointer('spec', 'egress'),
    });
  },
});
