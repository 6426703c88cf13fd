import { defineRule } from '../../src/engine/rule.js';
import { GATEWAY, ISTIO_GATEWAY, VIRTUAL_SERVICE } from '../../src/model/group-kinds.js';
import {
  describe,
  hostsOverlap,
  istioGatewayHosts,
  ISTIO_NETWORKING,
  meshPresent,
  toFqdn,
  virtualServiceGatewayRefs,
  virtualServiceHosts,
} from '../../src/k8s/istio.js';
import { specOf } from '../../src/k8s/service.js';
import { isObject } from '../../src/model/resources.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'mesh-gateway-host-mismatch',
    title: 'VirtualService hosts match none of its Gateway\'s hosts',
    description:
      'A gateway serves a VirtualService only for the VirtualService hosts that match a host of one of the Gateway\'s servers (`*.example.com` matches any subdomain; a `namespace/host` server host admits only VirtualServices of that namespace). A VirtualService bound to a Gateway none of whose hosts match is ignored by that gateway. istioctl analyze reports this as IST0132.',
    severity: 'warning',
    category: 'mesh',
    appliesTo: [VIRTUAL_SERVICE],
    messages: {
      mismatch: 'VirtualService {name} hosts {hosts} match no host of {gateway} ({gatewayHosts}): the gateway ignores it (IST0132)',
      namespace:
        'VirtualService {name} host {host} matches {gateway} host {gatewayHost}, which admits only namespace {allowed} (IST0132)',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (vs.group !== ISTIO_NETWORKING || vs.namespace === null || !meshPresent(ctx.index)) return;
    const hosts = virtualServiceHosts(vs);
    if (hosts.length === 0) return;
    const candidates = hosts.flatMap((h) => [...new Set([h.value, toFqdn(h.value, vs.namespace!)])].map((c) => ({ host: h.value, name: c })));
    const hostList = hosts.map((h) => h.value).join(', ');
    const seen = new Set<string>();
    for (const ref of virtualServiceGatewayRefs(vs, false)) {
      const key = `${ref.namespace}/${ref.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const istioGw = ctx.index.get(ISTIO_GATEWAY, ref.namespace, ref.name);
      if (istioGw) {
        const gwHosts = istioGatewayHosts(istioGw);
        if (gwHosts.length === 0) continue;
        const byName = gwHosts.filter((g) => candidates.some((c) => hostsOverlap(g.hostname, c.name)));
        if (byName.some((g) => g.namespace === null || g.namespace === vs.namespace)) continue;
        const gateway = describe(istioGw, vs.namespace);
        if (byName.length > 0) {
          const g = byName[0];
          const c = candidates.find((x) => hostsOverlap(g.hostname, x.name))!;
          ctx.report({
            messageId: 'namespace',
            data: { name: vs.name, host: c.host, gateway, gatewayHost: g.value, allowed: g.namespace ?? '', namespace: vs.namespace },
            at: ref.at,
            related: [{ resource: istioGw, at: g.at, message: `${gateway} server host ${g.value}` }],
          });
          continue;
        }
        ctx.report({
          messageId: 'mismatch',
          data: { name: vs.name, hosts: hostList, gateway, gatewayHosts: gwHosts.map((g) => g.value).join(', ') },
          at: ref.at,
          related: [{ resource: istioGw, at: pointer('spec', 'servers'), message: `${gateway} serves ${gwHosts.map((g) => g.value).join(', ')}` }],
        });
        continue;
      }
      const k8sGw = ctx.index.get(GATEWAY, ref.namespace, ref.name);
      if (!k8sGw) continue;
      const listeners = Array.isArray(specOf(k8sGw).listeners) ? (specOf(k8sGw).listeners as unknown[]).filter(isObject) : [];
      if (listeners.length === 0) continue;
      // A listener without a hostname accepts every host.
      const names = listeners.map((l) => (typeof l.hostname === 'string' && l.hostname !== '' ? l.hostname : null));
      if (names.some((n) => n === null)) continue;
      if (names.some((n) => candidates.some((c) => hostsOverlap(n!, c.name)))) continue;
      const gateway = describe(k8sGw, vs.namespace);
      ctx.report({
        messageId: 'mismatch',
        data: { name: vs.name, hosts: hostList, gateway, gatewayHosts: names.join(', ') },
        at: ref.at,
        related: [{ resource: k8sGw, at: pointer('spec', 'listeners'), message: `${gateway} listener hostnames ${names.join(', ')}` }],
      });
    }
  },
});
