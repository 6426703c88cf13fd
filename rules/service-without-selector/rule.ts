import { defineRule } from '../../src/engine/rule.js';
import { ENDPOINTS, ENDPOINT_SLICE, SERVICE } from '../../src/model/group-kinds.js';
import { isObject } from '../../src/model/resources.js';
import { serviceSelector, serviceType } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export default defineRule({
  meta: {
    id: 'service-without-selector',
    title: 'Service without selector and without endpoints in the input',
    description:
      'A Service (not ExternalName) with no selector gets no endpoints from Kubernetes: they must be written by hand as an EndpointSlice labelled kubernetes.io/service-name (or a legacy Endpoints object of the same name) or managed by another controller. When the input holds none, nothing will receive the traffic unless endpoints are managed elsewhere.',
    severity: 'info',
    category: 'wiring',
    appliesTo: [SERVICE],
    references: [ENDPOINT_SLICE, ENDPOINTS],
    remediation:
      'A Service without selector gets endpoints only from an EndpointSlice (label kubernetes.io/service-name) or Endpoints object of the same name: add one, or a selector.',
    messages: {
      noEndpoints:
        'Service {name} has no selector and the input holds no EndpointSlice or Endpoints for it in namespace {namespace}',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (serviceType(svc) === 'ExternalName' || svc.namespace === null) return;
    if (Object.keys(serviceSelector(svc)).length > 0) return;
    if (ctx.index.get(ENDPOINTS, svc.namespace, svc.name)) return;
    const slices = ctx.index.memo('service-without-selector:slices', () => {
      const owners = new Set<string>();
      for (const s of ctx.index.all(ENDPOINT_SLICE)) {
        const labels = isObject(s.value.metadata) && isObject(s.value.metadata.labels) ? s.value.metadata.labels : {};
        const owner = labels[SERVICE_NAME_LABEL];
        if (typeof owner === 'string') owners.add(`${s.namespace}/${owner}`);
      }
      return owners;
    });
    if (slices.has(`${svc.namespace}/${svc.name}`)) return;
    ctx.report({ messageId: 'noEndpoints', data: { name: svc.name, namespace: svc.namespace }, at: pointer('spec', 'selector') });
  },
});
