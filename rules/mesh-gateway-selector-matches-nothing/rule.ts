import { defineRule } from '../../src/engine/rule.js';
import { ISTIO_GATEWAY, WORKLOADS } from '../../src/model/group-kinds.js';
import { formatLabels } from '../../src/index/labels.js';
import { describeTemplate } from '../../src/index/pod-templates.js';
import { istioGatewaySelector, ISTIO_NETWORKING, meshPresent, ownerPointer } from '../../src/k8s/istio.js';
import { closestTemplate, labelsOf } from '../../src/k8s/workloads.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'mesh-gateway-selector-matches-nothing',
    title: 'Istio Gateway selector matches no workload of the input',
    description:
      'An Istio Gateway configures the gateway proxies whose pods carry all labels of its selector, in any namespace. When no pod template of the input matches, either the gateway deployment is installed separately (common: istio-ingressgateway comes with Istio) or the selector is wrong and the Gateway configures no proxy. istioctl analyze reports the latter as IST0101 (selector).',
    severity: 'info',
    category: 'mesh',
    appliesTo: [ISTIO_GATEWAY],
    references: [WORKLOADS],
    remediation:
      'Fix the selector to match the labels of the gateway deployment (istio: ingressgateway by default), or install the gateway deployment separately.',
    messages: {
      noMatch:
        'Gateway {name} selector {selector} matches no pod template of the input, in any namespace (IST0101)',
      closest:
        'Gateway {name} selector {selector} matches no pod template; closest is {template} in {namespace}: {differences} (IST0101)',
    },
  },
  check(ctx) {
    const gw = ctx.resource;
    // `Gateway` is also a Gateway API kind: only Istio's has a pod selector.
    if (gw.group !== ISTIO_NETWORKING || !meshPresent(ctx.index)) return;
    const selector = istioGatewaySelector(gw);
    if (Object.keys(selector).length === 0) return;
    if (ctx.index.templatesMatching(null, selector).length > 0) return;
    const base = { name: gw.name, selector: formatLabels(selector) };
    // An ingress gateway's pods may run in any namespace: judged where the input holds workloads at all.
    const missing = { kinds: [WORKLOADS], namespace: null };
    // One search over the templates of every namespace (bounded as in a namespace), not one per namespace.
    const best = closestTemplate(ctx.index, null, selector);
    // A near miss (some pairs match) is worth naming; a template sharing only a key is not.
    if (best && best.differingKeys.length < Object.keys(selector).length) {
      const t = best.template;
      ctx.report({
        messageId: 'closest',
        missing,
        data: { ...base, template: describeTemplate(t), namespace: t.namespace, labels: labelsOf(t), differences: best.differences.join(', ') },
        at: best.differingKeys.length === 1 ? pointer('spec', 'selector', best.differingKeys[0]) : pointer('spec', 'selector'),
        related: [{ resource: t.owner, at: ownerPointer(t.owner, t.labelsAt), message: `${describeTemplate(t)} has ${labelsOf(t)}` }],
      });
      return;
    }
    ctx.report({ messageId: 'noMatch', data: base, at: pointer('spec', 'selector'), missing });
  },
});
