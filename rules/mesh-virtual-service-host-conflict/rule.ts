import { pairingScope } from '../../src/engine/completeness.js';
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
  /** Position in file order, to name the first others in that order. */
  order: number;
}

interface ScopeGroup {
  scopes: Set<string>;
  claims: Claim[];
}

/** Others named and related per finding; the rest are counted in the message. */
const MAX_RELATED = 5;

function scopesKey(scopes: Set<string>): string {
  return [...scopes].sort().join('\u0000');
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
      const m = new Map<string, Map<string, ScopeGroup>>();
      let order = 0;
      for (const v of ctx.index.all(VIRTUAL_SERVICE)) {
        if (v.namespace === null || !isMeshBound(v)) continue;
        const scopes = exportScopes(v);
        const seen = new Set<string>();
        for (const h of virtualServiceHosts(v)) {
          // Documentation snippets conflict only within their file (pairingScope).
          const fqdn = `${pairingScope(ctx.index, v.source.file)}\u0000${toFqdn(h.value, v.namespace)}`;
          if (seen.has(fqdn)) continue;
          seen.add(fqdn);
          const claim = { vs: v, host: h.value, at: h.at, scopes, order: order++ };
          let groups = m.get(fqdn);
          if (!groups) m.set(fqdn, (groups = new Map<string, ScopeGroup>()));
          const key = scopesKey(scopes);
          const group = groups.get(key);
          if (group) group.claims.push(claim);
          else groups.set(key, { scopes, claims: [claim] });
        }
      }
      return m;
    });
    const scopes = exportScopes(vs);
    const ownKey = scopesKey(scopes);
    const seen = new Set<string>();
    for (const h of virtualServiceHosts(vs)) {
      const fqdn = toFqdn(h.value, vs.namespace);
      const claimKey = `${pairingScope(ctx.index, vs.source.file)}\u0000${fqdn}`;
      if (seen.has(claimKey)) continue;
      seen.add(claimKey);
      // Claims are grouped by export scopes: whole groups are counted, the first few others named
      // and related (N VirtualServices on one host stay linear, the report bounded).
      let count = 0;
      let others: Claim[] = [];
      for (const [key, group] of byHost.get(claimKey) ?? new Map<string, ScopeGroup>()) {
        if (!scopesOverlap(scopes, group.scopes)) continue;
        // This VirtualService is in the group of its own scopes, once.
        count += group.claims.length - (key === ownKey ? 1 : 0);
        for (let i = 0, taken = 0; i < group.claims.length && taken < MAX_RELATED; i++) {
          if (group.claims[i].vs === vs) continue;
          others.push(group.claims[i]);
          taken++;
        }
      }
      if (count === 0) continue;
      others = others.sort((a, b) => a.order - b.order).slice(0, MAX_RELATED);
      const names = others.slice(0, 3).map((c) => describe(c.vs, vs.namespace));
      ctx.report({
        messageId: 'conflict',
        data: {
          name: vs.name,
          others: count <= 3 ? names.join(', ') : `${names.join(', ')} and ${count - 3} more`,
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
