import { defineRule } from '../../src/engine/rule.js';
import { SERVICE, STATEFUL_SET } from '../../src/model/group-kinds.js';
import { formatLabels, matchesEquality } from '../../src/index/labels.js';
import { serviceSelector } from '../../src/k8s/service.js';
import { labelsOf, statefulSetServiceName } from '../../src/k8s/workloads.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'statefulset-service-missing',
    title: 'StatefulSet serviceName names no Service that selects its pods',
    description:
      'spec.serviceName names the governing Service that gives each StatefulSet pod a stable DNS name (pod-0.name.namespace.svc). When that Service does not exist in the StatefulSet\'s namespace, or its selector does not select the StatefulSet\'s pods, the pods get no DNS records and peers cannot find each other.',
    severity: 'error',
    category: 'wiring',
    appliesTo: [STATEFUL_SET],
    references: [SERVICE],
    remediation:
      'The governing Service must be a headless Service in the StatefulSet\'s namespace whose selector matches the pod template labels.',
    messages: {
      missing: 'StatefulSet {name} serviceName "{service}" names no Service in namespace {namespace}; create a headless Service {service}',
      notSelecting:
        'StatefulSet {name} serviceName "{service}" names a Service whose selector {selector} does not select its pods ({labels})',
      otherNamespace:
        'StatefulSet {name} serviceName "{service}" names no Service in namespace {namespace}; one exists in namespace {other}',
    },
  },
  check(ctx) {
    const sts = ctx.resource;
    const service = statefulSetServiceName(sts);
    if (service === null || sts.namespace === null) return;
    const svc = ctx.index.get(SERVICE, sts.namespace, service);
    if (svc) {
      // A Service without selector has its endpoints managed by hand: nothing to compare.
      const selector = serviceSelector(svc);
      const t = ctx.index.templateOf(sts);
      if (t && Object.keys(selector).length > 0 && !matchesEquality(selector, t.labels)) {
        ctx.report({
          messageId: 'notSelecting',
          data: { name: sts.name, service, selector: formatLabels(selector), labels: labelsOf(t) },
          at: pointer('spec', 'serviceName'),
          related: [
            { resource: svc, at: pointer('spec', 'selector'), message: `Service ${service} selects ${formatLabels(selector)}` },
            { resource: sts, at: t.labelsAt, message: `the pods of StatefulSet ${sts.name} have ${labelsOf(t)}` },
          ],
        });
      }
      return;
    }
    const elsewhere = ctx.index.named(SERVICE, service);
    const data = { name: sts.name, service, namespace: sts.namespace };
    const missing = { kinds: [SERVICE], namespace: sts.namespace, name: service };
    if (elsewhere.length > 0) {
      ctx.report({
        messageId: 'otherNamespace',
        missing,
        data: { ...data, other: elsewhere[0].namespace ?? '' },
        at: pointer('spec', 'serviceName'),
        related: [{ resource: elsewhere[0], at: pointer('metadata', 'name'), message: `Service ${service} in namespace ${elsewhere[0].namespace}` }],
      });
    } else {
      ctx.report({ messageId: 'missing', data, at: pointer('spec', 'serviceName'), missing });
    }
  },
});
