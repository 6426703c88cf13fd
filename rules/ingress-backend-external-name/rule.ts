import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_KINDS, SERVICE } from '../../src/model/group-kinds.js';
import { describeIngress, ingressBackends, ingressBackendServices, isIngress } from '../../src/k8s/ingress.js';
import { serviceType, specOf } from '../../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'ingress-backend-external-name',
    title: 'Ingress backend is an ExternalName Service',
    description:
      'An Ingress backend points at a Service of type ExternalName, which has no endpoints, only a DNS name. Whether that works depends on the Ingress controller: some proxy to the external name, others refuse such backends or need an explicit opt-in, and the Host header and TLS SNI sent upstream are often not what the external server expects.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: INGRESS_KINDS,
    references: [SERVICE],
    remediation:
      'Check that the Ingress controller supports ExternalName backends (several refuse them or need an opt-in) and that the upstream accepts this Ingress\'s Host header.',
    messages: {
      externalName:
        '{ingress} backend Service {service} is an ExternalName Service ({externalName}): support depends on the controller',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing) || ing.namespace === null) return;
    const backends = ingressBackends(ing);
    const services = ingressBackendServices(ctx.index, ing);
    for (let i = 0; i < backends.length; i++) {
      const b = backends[i];
      const svc = services[i];
      if (!svc || serviceType(svc) !== 'ExternalName') continue;
      const ext = specOf(svc).externalName;
      ctx.report({
        messageId: 'externalName',
        data: { ingress: describeIngress(ing), service: svc.name, externalName: typeof ext === 'string' ? ext : 'no externalName' },
        at: b.nameAt,
        related: [{ resource: svc, at: '/spec/type', message: `Service ${svc.name} is type ExternalName` }],
      });
    }
  },
});
