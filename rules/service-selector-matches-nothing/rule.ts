import { defineRule } from '../../src/engine/rule.js';
import { SERVICE, WORKLOADS } from '../../src/model/group-kinds.js';
import { formatLabels } from '../../src/index/labels.js';
import { reportSelectorMiss } from '../../src/k8s/selector-miss.js';
import { serviceSelector, serviceType } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'service-selector-matches-nothing',
    title: 'Service selector matches no pods',
    description:
      'The Service has a selector, but no pod template in its namespace carries all of its labels, so the Service gets no endpoints and every connection to it fails. Services only select pods in their own namespace, and they match the pod template labels (spec.template.metadata.labels), not the workload\'s own labels.',
    severity: 'error',
    category: 'wiring',
    appliesTo: [SERVICE],
    references: [WORKLOADS],
    messages: {
      closest:
        'Service {name} selector {selector} matches no pods in namespace {namespace}; closest is {template} with {labels}: {differences}',
      noWorkloads: 'Service {name} selector {selector} matches no pods: namespace {namespace} has no workloads',
      noMatch: 'Service {name} selector {selector} matches no pods in namespace {namespace} (workloads there: {templates})',
      otherNamespace:
        'Service {name} selector {selector} matches no pods in namespace {namespace}; {template} in namespace {otherNamespace} does',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (serviceType(svc) === 'ExternalName' || svc.namespace === null) return;
    const selector = serviceSelector(svc);
    if (Object.keys(selector).length === 0) return;
    if (ctx.index.templatesMatching(svc.namespace, selector).length > 0) return;

    reportSelectorMiss(ctx.index, ctx.report, {
      namespace: svc.namespace,
      selector: { matchLabels: selector },
      at: pointer('spec', 'selector'),
      pairsAt: pointer('spec', 'selector'),
      base: { name: svc.name, selector: formatLabels(selector), namespace: svc.namespace },
    });
  },
});
