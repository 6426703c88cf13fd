import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { serviceExternalIPs } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'service-external-ips',
    title: 'Service sets externalIPs',
    description:
      'spec.externalIPs makes kube-proxy on every node capture traffic sent to those addresses and forward it to the Service. Kubernetes does not check who owns the addresses, so anyone who may create Services can intercept traffic to arbitrary IPs (CVE-2020-8554); the field is deprecated and clusters should reject it with the DenyServiceExternalIPs admission plugin.',
    severity: 'warning',
    category: 'exposure',
    securitySeverity: 5.0,
    appliesTo: [SERVICE],
    remediation:
      'Use a LoadBalancer Service or a Gateway instead: kube-proxy on every node captures traffic for externalIPs, which Kubernetes does not verify (CVE-2020-8554; the field is deprecated).',
    messages: {
      externalIPs:
        'Service {name} sets externalIPs {ips}: every node captures traffic for these unverified addresses (CVE-2020-8554)',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    const ips = serviceExternalIPs(svc);
    if (ips.length === 0) return;
    ctx.report({
      messageId: 'externalIPs',
      data: { name: svc.name, ips: ips.slice(0, 4).join(', ') + (ips.length > 4 ? ` and ${ips.length - 4} more` : '') },
      at: pointer('spec', 'externalIPs'),
      target: 'key',
    });
  },
});
