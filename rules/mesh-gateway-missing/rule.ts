import { defineRule } from '../../src/engine/rule.js';
import { GATEWAY, ISTIO_GATEWAY, VIRTUAL_SERVICE } from '../../src/model/group-kinds.js';
import { ISTIO_NETWORKING, meshPresent, virtualServiceGatewayRefs } from '../../src/k8s/istio.js';
import { pointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'mesh-gateway-missing',
    title: 'VirtualService names a Gateway that does not exist',
    description:
      'Each entry of a VirtualService\'s gateways (other than the reserved `mesh`) names an Istio Gateway or a Kubernetes Gateway API Gateway: `name` in the VirtualService\'s namespace, or `namespace/name`. A VirtualService bound to a missing Gateway configures no gateway, so its routes are never served there. istioctl analyze reports this as IST0101.',
    severity: 'error',
    category: 'mesh',
    appliesTo: [VIRTUAL_SERVICE],
    references: [ISTIO_GATEWAY, GATEWAY],
    messages: {
      missing: 'VirtualService {name} gateway {gateway}: there is no Gateway {gatewayName} in namespace {namespace} (IST0101)',
      closest:
        'VirtualService {name} gateway {gateway}: there is no Gateway {gatewayName} in namespace {namespace}; did you mean {suggestion}? (IST0101)',
      otherNamespace:
        'VirtualService {name} gateway {gateway}: no Gateway {gatewayName} in {namespace}, one in {otherNamespace}; write {suggestion}',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (vs.group !== ISTIO_NETWORKING || vs.namespace === null || !meshPresent(ctx.index)) return;
    const gatewaysIn = (ns: string) => [
      ...ctx.index.inNamespace(ISTIO_GATEWAY, ns),
      ...ctx.index.inNamespace(GATEWAY, ns),
    ];
    for (const ref of virtualServiceGatewayRefs(vs)) {
      if (ctx.index.get(ISTIO_GATEWAY, ref.namespace, ref.name)) continue;
      if (ctx.index.get(GATEWAY, ref.namespace, ref.name)) continue;
      const inNs = gatewaysIn(ref.namespace);
      // Judged where the input holds Gateways (a Gateway installed separately, in istio-system, is not).
      const missing = { kinds: [ISTIO_GATEWAY, GATEWAY], namespace: ref.namespace, name: ref.name };
      const base = { name: vs.name, gateway: ref.value, gatewayName: ref.name, namespace: ref.namespace };
      const elsewhere = [...ctx.index.named(ISTIO_GATEWAY, ref.name), ...ctx.index.named(GATEWAY, ref.name)].filter(
        (g) => g.namespace !== ref.namespace,
      );
      if (elsewhere.length > 0) {
        const g = elsewhere[0];
        const suggestion = `${g.namespace}/${g.name}`;
        ctx.report({
          messageId: 'otherNamespace',
          missing,
          data: { ...base, otherNamespace: g.namespace ?? '', suggestion },
          at: ref.at,
          fix: { at: ref.at, replace: suggestion, description: `Bind to Gateway ${suggestion}` },
          related: [{ resource: g, at: pointer('metadata', 'name'), message: `Gateway ${g.name} (namespace ${g.namespace})` }],
        });
        continue;
      }
      const near = closest(ref.name, inNs.map((g) => g.name));
      if (near) {
        const g = inNs.find((x) => x.name === near)!;
        const suggestion = ref.value === ref.name ? near : `${ref.namespace}/${near}`;
        ctx.report({
          messageId: 'closest',
          missing,
          data: { ...base, suggestion },
          at: ref.at,
          fix: { at: ref.at, replace: suggestion, description: `Bind to Gateway ${near}` },
          related: [{ resource: g, at: pointer('metadata', 'name'), message: `Gateway ${g.name}` }],
        });
        continue;
      }
      ctx.report({ messageId: 'missing', data: base, at: ref.at, missing });
    }
  },
});
