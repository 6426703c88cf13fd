import { defineRule } from '../../src/engine/rule.js';
import { NETWORK_POLICY_KINDS, WORKLOADS } from '../../src/model/group-kinds.js';
import { formatSelector, isEmptySelector, matchesSelector, toLabelSelector } from '../../src/index/labels.js';
import { describePeer, foreignTemplatesSelectedBy, namespaceObjects, policyPeers, selectorProblem } from '../../src/k8s/network-policy.js';
import { extend } from '../../src/k8s/report-data.js';
import { listTemplates, reportSelectorMiss } from '../../src/k8s/selector-miss.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'network-policy-peer-selects-nothing',
    title: 'NetworkPolicy peer podSelector selects no pods',
    description:
      'A from/to peer of the NetworkPolicy has a podSelector that selects no pod template. A podSelector without namespaceSelector selects pods in the policy\'s own namespace only; with a namespaceSelector in the same peer it selects pods in the matching namespaces, which is judged only when the input holds those Namespace objects and their workloads. A peer that selects nothing allows nothing, so the traffic the rule was written for stays blocked.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: NETWORK_POLICY_KINDS,
    references: [WORKLOADS],
    remediation:
      'A podSelector without namespaceSelector selects pods in the policy\'s namespace only: to select pods of another namespace add namespaceSelector (matchLabels kubernetes.io/metadata.name: <namespace>) to the same peer. Otherwise fix the labels to match the pod template.',
    messages: {
      closest:
        'NetworkPolicy {name} {peer} podSelector {selector} selects no pods in namespace {namespace}; closest is {template}: {differences}',
      noWorkloads: 'NetworkPolicy {name} {peer} podSelector {selector} selects no pods: namespace {namespace} has no workloads',
      noMatch: 'NetworkPolicy {name} {peer} podSelector {selector} selects no pods in namespace {namespace} (workloads there: {templates})',
      otherNamespace:
        'NetworkPolicy {name} {peer} podSelector {selector} selects no pods in namespace {namespace}; {template} in namespace {otherNamespace} matches',
      inNamespaces:
        'NetworkPolicy {name} {peer} podSelector {selector} selects no pods in the namespaces of namespaceSelector {namespaceSelector} ({namespaces})',
    },
  },
  check(ctx) {
    const np = ctx.resource;
    if (np.namespace === null) return;
    for (const peer of policyPeers(np)) {
      if (!peer.hasPodSelector || peer.hasIpBlock) continue;
      const raw = peer.value.podSelector;
      if (selectorProblem(raw) !== null) continue;
      const selector = toLabelSelector(raw);
      const at = joinPointer(peer.at, 'podSelector');
      const base = { name: np.name, peer: describePeer(peer), selector: formatSelector(selector) || '{}' };

      if (peer.hasNamespaceSelector) {
        // AND: pods matching podSelector in namespaces matching namespaceSelector. Judged only on
        // Namespace objects of the input, and only when every such namespace has workloads here.
        const nsRaw = peer.value.namespaceSelector;
        if (selectorProblem(nsRaw) !== null) continue;
        const nsSelector = toLabelSelector(nsRaw);
        if (isEmptySelector(nsSelector)) continue; // every namespace of the cluster: not knowable here
        const matched = namespaceObjects(ctx.index).filter((ns) => matchesSelector(nsSelector, ns.labels));
        if (matched.length === 0) continue;
        if (matched.some((ns) => ctx.index.templatesIn(ns.name).length === 0)) continue;
        if (matched.some((ns) => ctx.index.templatesSelectedBy(ns.name, selector).length > 0)) continue;
        if (matched.some((ns) => foreignTemplatesSelectedBy(ctx.index, ns.name, selector).length > 0)) continue;
        ctx.report({
          messageId: 'inNamespaces',
          data: extend(base, 'namespaceSelector', formatSelector(nsSelector), 'namespaces', matched.map((ns) => ns.name).join(', ')),
          at,
          related: matched.slice(0, 3).map((ns) => ({
            resource: ns.resource,
            at: '/metadata/name',
            message: `Namespace ${ns.name} matches the namespaceSelector; its workloads: ${listTemplates(ctx.index.templatesIn(ns.name))}`,
          })),
        });
        continue;
      }

      if (isEmptySelector(selector)) continue; // every pod of the policy's namespace
      const namespace = np.namespace;
      if (ctx.index.templatesSelectedBy(namespace, selector).length > 0) continue;
      if (foreignTemplatesSelectedBy(ctx.index, namespace, selector).length > 0) continue;
      reportSelectorMiss(ctx.index, ctx.report, { namespace, selector, at, pairsAt: joinPointer(at, 'matchLabels'), base: extend(base, 'namespace', namespace) });
    }
  },
});
