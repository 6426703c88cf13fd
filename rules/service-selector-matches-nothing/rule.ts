import { defineRule } from '../../src/engine/rule.js';
import { formatLabels } from '../../src/index/labels.js';
import { describeTemplate } from '../../src/index/pod-templates.js';
import { serviceSelector, serviceType } from '../../src/k8s/service.js';
import { closestTemplate, labelsOf, WORKLOAD_KINDS } from '../../src/k8s/workloads.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'service-selector-matches-nothing',
    title: 'Service selector matches no pods',
    description:
      'The Service has a selector, but no pod template in its namespace carries all of its labels, so the Service gets no endpoints and every connection to it fails. Services only select pods in their own namespace, and they match the pod template labels (spec.template.metadata.labels), not the workload\'s own labels.',
    severity: 'error',
    category: 'wiring',
    appliesTo: ['Service'],
    references: WORKLOAD_KINDS,
    messages: {
      closest:
        'Service {name} selector {selector} matches no pods in namespace {namespace}; closest is {template} with {labels}: {differences}',
      noWorkloads: 'Service {name} selector {selector} matches no pods: namespace {namespace} has no workloads',
      noMatch: 'Service {name} selector {selector} matches no pods in namespace {namespace} (workloads there: {templates})',
      otherNamespace:
        'Service {name} selector {selector} matches no pods in namespace {namespace}; {template} in namespace {otherNamespace} matches, but a Service only selects pods in its own namespace',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (serviceType(svc) === 'ExternalName' || svc.namespace === null) return;
    const selector = serviceSelector(svc);
    if (Object.keys(selector).length === 0) return;
    if (!ctx.isComplete(...WORKLOAD_KINDS)) return;
    if (ctx.index.templatesMatching(svc.namespace, selector).length > 0) return;

    const base = { name: svc.name, selector: formatLabels(selector), namespace: svc.namespace };
    const elsewhere = ctx.index.templatesMatching(null, selector);
    if (elsewhere.length > 0) {
      const t = elsewhere[0]!;
      ctx.report({
        messageId: 'otherNamespace',
        data: { ...base, template: describeTemplate(t), otherNamespace: t.namespace },
        at: pointer('spec', 'selector'),
        related: [{ resource: t.owner, at: t.labelsAt, message: `${describeTemplate(t)} (namespace ${t.namespace}) has ${labelsOf(t)}` }],
      });
      return;
    }
    const inNamespace = ctx.index.templatesIn(svc.namespace);
    if (inNamespace.length === 0) {
      ctx.report({ messageId: 'noWorkloads', data: base, at: pointer('spec', 'selector') });
      return;
    }
    const closest = closestTemplate(ctx.index, svc.namespace, selector);
    if (!closest) {
      const names = inNamespace.slice(0, 3).map((t) => `${describeTemplate(t)} (${labelsOf(t)})`);
      ctx.report({
        messageId: 'noMatch',
        data: { ...base, templates: names.join(', ') + (inNamespace.length > 3 ? ` and ${inNamespace.length - 3} more` : '') },
        at: pointer('spec', 'selector'),
      });
      return;
    }
    const t = closest.template;
    ctx.report({
      messageId: 'closest',
      data: { ...base, template: describeTemplate(t), labels: labelsOf(t), differences: closest.differences.join(', ') },
      // One differing pair: mark exactly that pair.
      at: closest.differingKeys.length === 1 ? pointer('spec', 'selector', closest.differingKeys[0]!) : pointer('spec', 'selector'),
      related: [{ resource: t.owner, at: t.labelsAt, message: `closest pod template: ${describeTemplate(t)} has ${labelsOf(t)}` }],
    });
  },
});
