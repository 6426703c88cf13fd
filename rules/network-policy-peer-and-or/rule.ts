import { defineRule } from '../../src/engine/rule.js';
import { NETWORK_POLICY_KINDS } from '../../src/model/group-kinds.js';
import { formatSelector, toLabelSelector } from '../../src/index/labels.js';
import { describePeer, policyRules, rulePeers, type PeerView } from '../../src/k8s/network-policy.js';

export default defineRule({
  meta: {
    id: 'network-policy-peer-and-or',
    title: 'NetworkPolicy namespaceSelector and podSelector as two peers (OR) where one (AND) may be meant',
    description:
      'A from/to list has a peer with only a namespaceSelector next to a peer with only a podSelector. As two list items they are ORed: all pods of the matching namespaces, or the matching pods of the policy\'s own namespace. Written as one item (no "-" before the second key) they are ANDed: the matching pods inside the matching namespaces. The two differ by one dash, and the OR form usually allows far more than meant.',
    severity: 'info',
    category: 'wiring',
    appliesTo: NETWORK_POLICY_KINDS,
    remediation:
      'To allow pods matching the podSelector only in the namespaces matching the namespaceSelector, make them one peer: remove the "-" before the second selector.',
    messages: {
      split:
        'NetworkPolicy {name} {first} and {second} are two peers (OR): namespaces {namespaceSelector}, or pods {podSelector} of namespace {namespace}',
    },
  },
  check(ctx) {
    const np = ctx.resource;
    for (const rule of [...policyRules(np, 'ingress'), ...policyRules(np, 'egress')]) {
      const peers = rulePeers(rule);
      for (let i = 1; i < peers.length; i++) {
        const a = peers[i - 1];
        const b = peers[i];
        // Adjacent items, as the split happens: consecutive indexes of the same list.
        if (b.index !== a.index + 1) continue;
        const ns = nsOnly(a) ? a : nsOnly(b) ? b : null;
        const pod = podOnly(a) ? a : podOnly(b) ? b : null;
        if (!ns || !pod) continue;
        ctx.report({
          messageId: 'split',
          data: {
            name: np.name,
            first: describePeer(a),
            second: describePeer(b),
            namespaceSelector: formatSelector(toLabelSelector(ns.value.namespaceSelector)) || '{} (every namespace)',
            podSelector: formatSelector(toLabelSelector(pod.value.podSelector)) || '{}',
            namespace: np.namespace ?? 'default',
          },
          at: b.at,
        });
        i++; // one finding per pair
      }
    }
  },
});

function nsOnly(p: PeerView): boolean {
  return p.hasNamespaceSelector && !p.hasPodSelector && !p.hasIpBlock;
}

function podOnly(p: PeerView): boolean {
  return p.hasPodSelector && !p.hasNamespaceSelector && !p.hasIpBlock;
}
