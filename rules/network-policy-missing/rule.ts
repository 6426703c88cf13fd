import { defineRule } from '../../src/engine/rule.js';
import type { Resource } from '../../src/model/types.js';
import { NETWORK_POLICY_KINDS, WORKLOADS } from '../../src/model/group-kinds.js';
import { effectivePolicyTypes, policiesSelecting } from '../../src/k8s/network-policy.js';
import { perList } from '../../src/model/cache.js';
import { extend } from '../../src/k8s/report-data.js';

export default defineRule({
  meta: {
    id: 'network-policy-missing',
    title: 'Pods that no NetworkPolicy isolates',
    description:
      'No NetworkPolicy in the namespace of this pod template selects it for Ingress, or for Egress, so that direction of its traffic is not isolated: every pod in the cluster may connect to it, or it may connect anywhere. Judged only when the input holds NetworkPolicies (a project that uses them), since policies are additive and a pod selected by none is fully open in that direction.',
    severity: 'info',
    category: 'exposure',
    appliesTo: [WORKLOADS],
    references: NETWORK_POLICY_KINDS,
    // Lateral movement within the cluster, not exposure outside it: low.
    securitySeverity: 3.5,
    messages: {
      none: '{kind} {name}: no NetworkPolicy in namespace {namespace} selects its pods, so all their ingress and egress traffic is allowed',
      ingress:
        '{kind} {name}: no NetworkPolicy in namespace {namespace} selects its pods for Ingress (only for Egress: {policies}), so any pod may connect to them',
      egress:
        '{kind} {name}: no NetworkPolicy in namespace {namespace} selects its pods for Egress (only for Ingress: {policies}), so they may connect anywhere',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    // A PodTemplate runs nothing by itself; a later copy of an object is judged once.
    if (r.kind === 'PodTemplate' || ctx.index.isDuplicate(r)) return;
    const t = ctx.index.templateOf(r);
    if (!t) return;
    // NetworkPolicies do not reliably apply to host-network pods (the behaviour is left to the plugin).
    if (t.spec.hostNetwork === true) return;
    const policies = policiesSelecting(ctx.index, t);
    // Templates selected by the same policies share one list (policiesSelecting): a long one is split once.
    const { forIngress, forEgress } = perList(ctx.index, 'network-policy-missing:split', policies, () => ({
      forIngress: policies.filter((p) => effectivePolicyTypes(p).has('Ingress')),
      forEgress: policies.filter((p) => effectivePolicyTypes(p).has('Egress')),
    }));
    if (forIngress.length > 0 && forEgress.length > 0) return;
    const base = { kind: r.kind, name: r.name, namespace: t.namespace };
    // Judged in namespaces whose policies the input holds (a project that uses them there).
    const missing = { kinds: NETWORK_POLICY_KINDS, namespace: t.namespace };
    const at = t.labelsAt;
    const names = (list: readonly Resource[]): string => list.slice(0, 3).map((p) => p.name).join(', ') + (list.length > 3 ? ` and ${list.length - 3} more` : '');
    if (forIngress.length === 0 && forEgress.length === 0) {
      ctx.report({ messageId: 'none', data: base, at, missing });
    } else if (forIngress.length === 0) {
      ctx.report({ messageId: 'ingress', data: extend(base, 'policies', names(forEgress)), at, missing });
    } else {
      ctx.report({ messageId: 'egress', data: extend(base, 'policies', names(forIngress)), at, missing });
    }
  },
});
