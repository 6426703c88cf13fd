import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { isCatchAll, parseCidr } from '../../src/k8s/cidr.js';
import { internalLoadBalancerReason, loadBalancerSourceRanges, servicePorts, serviceType } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'service-load-balancer-unrestricted',
    title: 'LoadBalancer Service is open to any source address',
    description:
      'A LoadBalancer Service without loadBalancerSourceRanges (or with 0.0.0.0/0 or ::/0 among them) gets a load balancer that accepts connections from anywhere, usually the internet. Restrict the sources, or make the load balancer internal with the cloud provider\'s annotation (AWS, Azure, GKE, IBM Cloud, OpenStack, Baidu, Tencent, Alibaba, OCI, DigitalOcean, Hetzner are recognized).',
    severity: 'info',
    category: 'exposure',
    securitySeverity: 6.5,
    appliesTo: [SERVICE],
    remediation:
      'Add loadBalancerSourceRanges with the client CIDRs, or make the load balancer internal (networking.gke.io/load-balancer-type: Internal, service.beta.kubernetes.io/aws-load-balancer-scheme: internal, service.beta.kubernetes.io/azure-load-balancer-internal: "true"). A range of 0.0.0.0/0 or ::/0 restricts nothing.',
    messages: {
      unrestricted:
        'LoadBalancer Service {name} accepts connections from any address on {ports}: no loadBalancerSourceRanges, no internal-load-balancer annotation',
      webEntry:
        'LoadBalancer Service {name} serves {ports} to any address: fine for a public web entry point, else restrict it with loadBalancerSourceRanges',
      openRange:
        'LoadBalancer Service {name} admits {range} in its {where}: every address, so the restriction has no effect',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (serviceType(svc) !== 'LoadBalancer') return;
    if (internalLoadBalancerReason(svc)) return;
    const ranges = loadBalancerSourceRanges(svc);
    if (ranges && ranges.entries.length > 0) {
      const parsed = ranges.entries.map((e) => ({ e, p: parseCidr(e.text) }));
      // Invalid entries make the API server reject the Service (service-source-ranges-invalid).
      if (parsed.some(({ p }) => !('cidr' in p))) return;
      const open = parsed.find(({ p }) => 'cidr' in p && isCatchAll(p.cidr));
      if (open) {
        ctx.report({
          messageId: 'openRange',
          data: {
            name: svc.name,
            range: open.e.text,
            where: ranges.source === 'field' ? 'loadBalancerSourceRanges' : 'load-balancer-source-ranges annotation',
          },
          at: open.e.at,
        });
      }
      return;
    }
    const views = servicePorts(svc).filter((p) => p.port !== null);
    const ports = views.map((p) => `${p.port}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`);
    // HTTP and HTTPS side by side (80 and 443, nothing else): a web entry point (an ingress controller, a gateway) that is
    // public by design and redirects 80 to 443; the message says so. An admin interface on 443 alone is no web entry point.
    const web =
      views.every((p) => (p.port === 80 || p.port === 443) && p.protocol === 'TCP') && views.some((p) => p.port === 80) && views.some((p) => p.port === 443);
    ctx.report({
      messageId: web ? 'webEntry' : 'unrestricted',
      data: { name: svc.name, ports: ports.length ? `${ports.length > 1 ? 'ports' : 'port'} ${ports.join(', ')}` : 'its ports' },
      at: pointer('spec', 'type'),
    });
  },
});
