import { defineRule } from '../../src/engine/rule.js';
import { VIRTUAL_SERVICE } from '../../src/model/group-kinds.js';
import {
  describe,
  exportScopes,
  isMeshBound,
  ISTIO_NETWORKING,
  meshPresent,
  scopesOverlap,
  toFqdn,
  virtualServiceHosts,
} from '../../src/k8s/istio.js';
import type { Resource } from '../../src/model/types.js';

interface Claim {
  vs: Resource;
  host: string;
  at: string;
  scopes: Set<string>;
}

export default defineRule({
  meta: {
    id: 'mesh-virtual-service-host-conflict',
    title: 'Two mesh-bound VirtualServices claim the same host',
    description:
      'VirtualServices bound to the mesh gateway (gateways empty or containing `mesh`) are merged per host by the sidecars; two of them for the same host (compared as full names, in an overlapping exportTo scope) conflict, and Istio applies only one of them, so some routes silently disappear. istioctl analyze reports this as IST0109.',
    severity: 'error',
    category: 'mesh',
    appliesTo: [VIRTUAL_SERVICE],
    remediation: 'Merge the VirtualServices that claim one host into one VirtualService, or bind them to different gateways.',
    messages: {
      conflict:
        'VirtualService {name} and {others} are both bound to the mesh and claim host {fqdn}: sidecars apply only one (IST0109)',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (vs.group !== ISTIO_NETWORKING || vs.namespace === null || !meshPresent(ctx.index)) return;
    // The same object defined twice is one object: only its canonical copy takes part.
    if (ctx.index.isDuplicate(vs) || !isMeshBound(vs)) return;
    const byHost = ctx.index.memo('mesh-virtual-service-host-conflict:claims', () => {
      const m = new Map<string, Claim[]>();
      for (const v of ctx.index.all(VIRTUAL_SERVICE)) {
        if (v.namespace === null || !isMeshBound(v)) continue;
        const scopes = exportScopes(v);
        const seen = new Set<string>();
        for (const h of virtualServiceHosts(v)) {
          const fqdn = toFqdn(h.value, v.namespace);
          if (seen.has(fqdn)) continue;
          seen.add(fqdn);
          const claim = { vs: v, host: h.value, at: h.at, scopes };
          const list = m.get(fqdn);
          if (list) list.push(claim);
          else m.set(fqdn, [claim]);
        }
      }
      return m;
    });
    const scopes = exportScopes(vs);
    const seen = new Set<string>();
    for (const h of virtualServiceHosts(vs)) {
      const fqdn = toFqdn(h.value, vs.namespace);
      if (seen.has(fqdn)) continue;
      seen.add(fqdn);
      const others = (byHost.get(fqdn) ?? []).filter((c) => c.vs !== vs && scopesOverlap(scopes, c.scopes));
      if (others.length === 0) continue;
      const names = others.map((c) => describe(c.vs, vs.namespace));
      ctx.report({
        messageId: 'conflict',
        data: {
          name: vs.name,
          others: names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`,
          fqdn,
        },
        at: h.at,
        related: others.map((c) => ({
          resource: c.vs,
          at: c.at,
          message: `${describe(c.vs)} (file ${c.vs.source.file}) also claims ${c.host}`,
        })),
      });
    }
  },
});
