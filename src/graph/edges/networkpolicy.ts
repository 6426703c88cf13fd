import { formatSelector, isEmptySelector, toLabelSelector } from '../../index/labels.js';
import type { ResourceIndex } from '../../index/resource-index.js';
import { isObject } from '../../model/resources.js';
import type { JsonValue, Resource } from '../../model/types.js';
import { valueText } from '../../text/value-text.js';
import type { GraphBuilder } from '../model.js';
import { brokenBy, type EdgeContext, type EdgeSource } from './source.js';
import { NETWORK_POLICY_KINDS } from '../../model/group-kinds.js';

/** `ingress: 8080, metrics; egress: deny`: what the policy lets in and out of the pods it covers. */
function policySummary(np: Resource): string {
  const spec = isObject(np.value.spec) ? np.value.spec : {};
  const declared = Array.isArray(spec.policyTypes) ? spec.policyTypes.filter((t): t is string => typeof t === 'string') : null;
  // Without policyTypes: Ingress always, Egress when an egress section is present.
  const types = declared ?? ['Ingress', ...(spec.egress !== undefined ? ['Egress'] : [])];
  const parts: string[] = [];
  const part = (direction: string, rules: JsonValue | undefined): string => {
    if (!Array.isArray(rules) || rules.length === 0) return `${direction}: deny`;
    const ports = new Set<string>();
    let anyPort = false;
    for (const r of rules) {
      if (!isObject(r) || !Array.isArray(r.ports) || r.ports.length === 0) {
        anyPort = true;
        continue;
      }
      for (const p of r.ports) {
        if (!isObject(p)) continue;
        const port = p.port === undefined ? 'any' : valueText(p.port);
        const range = typeof p.endPort === 'number' ? `-${p.endPort}` : '';
        const proto = typeof p.protocol === 'string' && p.protocol !== 'TCP' ? `/${p.protocol}` : '';
        ports.add(`${port}${range}${proto}`);
      }
    }
    return `${direction}: ${anyPort ? 'any port' : [...ports].join(', ')}`;
  };
  if (types.includes('Ingress')) parts.push(part('ingress', spec.ingress));
  if (types.includes('Egress')) parts.push(part('egress', spec.egress));
  return parts.join('; ');
}

/** NetworkPolicy → the workloads its podSelector covers (same namespace). */
export const networkPolicyEdges: EdgeSource = {
  name: 'networkpolicy',
  kinds: NETWORK_POLICY_KINDS,
  build(index: ResourceIndex, g: GraphBuilder, ctx: EdgeContext) {
    for (const np of index.allOf(NETWORK_POLICY_KINDS)) {
      if (np.namespace === null) continue;
      const spec = isObject(np.value.spec) ? np.value.spec : {};
      const selector = toLabelSelector(spec.podSelector);
      const summary = policySummary(np);
      if (isEmptySelector(selector)) {
        // Covers every pod of the namespace: one edge per workload would bury the graph.
        g.node(np, `all pods; ${summary}`);
        continue;
      }
      const from = g.node(np);
      const templates = index.templatesSelectedBy(np.namespace, selector);
      if (templates.length === 0) {
        // A broken wire where network-policy-selects-nothing reported one.
        const broken = brokenBy(ctx.findings(np, 'network-policy-selects-nothing'), `podSelector ${formatSelector(selector)} matches no pods`);
        if (!('broken' in broken)) continue;
        const to = g.missing('Pods', np.namespace, formatSelector(selector));
        g.edge({ from, to, relation: 'covers', label: summary, source: 'networkpolicy', ...broken });
        continue;
      }
      for (const t of templates) g.edge({ from, to: g.node(t.owner), relation: 'covers', label: summary, source: 'networkpolicy' });
    }
  },
};
