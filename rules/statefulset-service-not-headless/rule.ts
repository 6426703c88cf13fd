import { defineRule } from '../../src/engine/rule.js';
import { SERVICE, STATEFUL_SET } from '../../src/model/group-kinds.js';
import { isHeadless } from '../../src/k8s/service.js';
import { statefulSetServiceName } from '../../src/k8s/workloads.js';
import { isObject } from '../../src/model/resources.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'statefulset-service-not-headless',
    title: 'StatefulSet governing Service is not headless',
    description:
      'The Service named by a StatefulSet\'s spec.serviceName exists but has a cluster IP. Only a headless Service (clusterIP: None) publishes per-pod DNS records (pod-0.name.namespace.svc), which is what the StatefulSet\'s stable network identity relies on.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: [STATEFUL_SET],
    references: [SERVICE],
    remediation:
      'Set clusterIP: None on the governing Service, and keep a separate Service for load-balanced access.',
    messages: {
      notHeadless:
        'StatefulSet {name} serviceName "{service}" is not a headless Service: pods get no stable DNS names',
    },
  },
  check(ctx) {
    const sts = ctx.resource;
    const service = statefulSetServiceName(sts);
    if (service === null || sts.namespace === null) return;
    const svc = ctx.index.get(SERVICE, sts.namespace, service);
    if (!svc || isHeadless(svc)) return;
    const svcSpec = isObject(svc.value.spec) ? svc.value.spec : {};
    if (svcSpec.type === 'ExternalName') return;
    ctx.report({
      messageId: 'notHeadless',
      data: { name: sts.name, service },
      at: pointer('spec', 'serviceName'),
      related: [
        {
          resource: svc,
          at: 'clusterIP' in svcSpec ? pointer('spec', 'clusterIP') : pointer('spec'),
          message: `Service ${service} has ${typeof svcSpec.clusterIP === 'string' ? `clusterIP ${svcSpec.clusterIP}` : 'a cluster IP'}`,
        },
      ],
    });
  },
});
