import { defineRule } from '../../src/engine/rule.js';
import { NETWORK_POLICY_KINDS, WORKLOADS } from '../../src/model/group-kinds.js';
import { formatSelector, isEmptySelector } from '../../src/index/labels.js';
import { foreignTemplatesSelectedBy, policyPodSelector, policySpec, selectorProblem } from '../../src/k8s/network-policy.js';
import { reportSelectorMiss } from '../../src/k8s/selector-miss.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'network-policy-selects-nothing',
    title: 'NetworkPolicy podSelector selects no pods',
    description:
      'The NetworkPolicy has a non-empty podSelector, but no pod template in its namespace carries matching labels, so the policy applies to nothing: the pods it was written for are neither isolated nor allowed the traffic it lists. A NetworkPolicy only applies to pods in its own namespace, and it matches pod template labels (spec.template.metadata.labels).',
    severity: 'warning',
    category: 'wiring',
    appliesTo: NETWORK_POLICY_KINDS,
    references: [WORKLOADS],
    remediation:
      'Fix the podSelector to match the pod template labels. A NetworkPolicy only applies to pods in its own namespace.',
    messages: {
      closest:
        'NetworkPolicy {name} podSelector {selector} selects no pods in namespace {namespace}; closest is {template}: {differences}',
      noWorkloads: 'NetworkPolicy {name} podSelector {selector} selects no pods: namespace {namespace} has no workloads',
      noMatch: 'NetworkPolicy {name} podSelector {selector} selects no pods in namespace {namespace}, so it has no effect (workloads there: {templates})',
      otherNamespace:
        'NetworkPolicy {name} podSelector {selector} selects no pods in namespace {namespace}; {template} in namespace {otherNamespace} matches',
    },
  },
  check(ctx) {
    const np = ctx.resource;
    if (np.namespace === null) return;
    const raw = policySpec(np).podSelector;
    const selector = policyPodSelector(np);
    // An empty selector selects every pod; an invalid one is network-policy-invalid's finding.
    if (isEmptySelector(selector) || selectorProblem(raw) !== null) return;
    if (ctx.index.templatesSelectedBy(np.namespace, selector).length > 0) return;
    if (foreignTemplatesSelectedBy(ctx.index, np.namespace, selector).length > 0) return;

    reportSelectorMiss(ctx.index, ctx.report, {
      namespace: np.namespace,
      selector,
      at: pointer('spec', 'podSelector'),
      pairsAt: pointer('spec', 'podSelector', 'matchLabels'),
      base: { name: np.name, selector: formatSelector(selector), namespace: np.namespace },
    });
  },
});
