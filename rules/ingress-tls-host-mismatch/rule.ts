import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_KINDS } from '../../src/model/group-kinds.js';
import type { ResourceIndex } from '../../src/index/resource-index.js';
import { describeIngress, hostMatches, ingressRules, ingressTls, isIngress, uniqueIngresses } from '../../src/k8s/ingress.js';
import type { Resource } from '../../src/model/types.js';
import { pointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'ingress-tls-host-mismatch',
    title: 'Ingress TLS hosts and rule hosts do not match',
    description:
      'In an Ingress with TLS, a TLS host that no rule serves gets a certificate but no routes, and a rule host that no TLS entry covers is served without TLS (or with the controller\'s default certificate). A wildcard (*.example.com) matches exactly one label.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: INGRESS_KINDS,
    messages: {
      tlsHostUnused: '{ingress} TLS host {host} matches no rule host ({ruleHosts})',
      tlsHostUnusedClosest: '{ingress} TLS host {host} matches no rule host ({ruleHosts}); did you mean {suggestion}?',
      ruleHostWithoutTls: '{ingress} rule host {host} is covered by no TLS host ({tlsHosts}): add it to spec.tls[].hosts',
      ruleHostWithoutTlsClosest: '{ingress} rule host {host} is covered by no TLS host ({tlsHosts}); did you mean {suggestion} in tls.hosts?',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing)) return;
    const ingress = describeIngress(ing);
    const tls = ingressTls(ing);
    if (tls.length === 0) return;
    const rules = ingressRules(ing);
    const ruleHosts = rules.filter((r) => r.hasHost).map((r) => r.host);
    const tlsHosts = tls.flatMap((t) => t.hosts).filter((h) => h.host !== '');
    // A rule without host serves every host: every TLS host is routed.
    const catchAll = rules.some((r) => !r.hasHost);
    if (!catchAll && ruleHosts.length > 0) {
      for (const h of tlsHosts) {
        if (ruleHosts.some((r) => hostMatches(r, h.host) || hostMatches(h.host, r))) continue;
        if (listedElsewhere(hostOwners(ctx.index, 'rules'), ing, h.host)) continue;
        const suggestion = closest(h.host, ruleHosts);
        ctx.report({
          messageId: suggestion ? 'tlsHostUnusedClosest' : 'tlsHostUnused',
          data: { ingress, host: h.host, ruleHosts: ruleHosts.join(', '), ...(suggestion ? { suggestion } : {}) },
          at: h.at,
        });
      }
    }
    // A TLS entry without hosts covers the controller's default host set: nothing to compare.
    if (tls.some((t) => t.hosts.length === 0)) return;
    const tlsNames = tlsHosts.map((h) => h.host);
    const reported = new Set<string>();
    for (const r of rules) {
      if (!r.hasHost || reported.has(r.host)) continue;
      // A wildcard rule host with some of its hosts under TLS is taken as deliberate.
      if (tlsNames.some((t) => hostMatches(t, r.host) || hostMatches(r.host, t))) continue;
      // Controllers such as ingress-nginx merge TLS per host across Ingresses: another Ingress may hold it.
      if (listedElsewhere(hostOwners(ctx.index, 'tls'), ing, r.host)) continue;
      reported.add(r.host);
      const suggestion = closest(r.host, tlsNames);
      ctx.report({
        messageId: suggestion ? 'ruleHostWithoutTlsClosest' : 'ruleHostWithoutTls',
        data: { ingress, host: r.host, tlsHosts: tlsNames.join(', ') || 'none', ...(suggestion ? { suggestion } : {}) },
        at: pointer('spec', 'rules', r.index, 'host'),
      });
    }
  },
});

type HostOwners = Map<string, Set<string>>;

/** host → the Ingresses (namespace/name, so copies of one Ingress count once) listing it. */
function hostOwners(index: ResourceIndex, what: 'tls' | 'rules'): HostOwners {
  return index.memo(`ingress-tls-host-mismatch:${what}-hosts`, () => {
    const m: HostOwners = new Map();
    for (const r of uniqueIngresses(index)) {
      const hosts =
        what === 'tls' ? ingressTls(r).flatMap((t) => t.hosts.map((h) => h.host)) : ingressRules(r).filter((x) => x.hasHost).map((x) => x.host);
      for (const host of hosts) {
        const key = host.toLowerCase();
        let set = m.get(key);
        if (!set) m.set(key, (set = new Set()));
        set.add(`${r.namespace ?? ''}/${r.name}`);
      }
    }
    return m;
  });
}

/** Whether an Ingress other than `ing` lists `host`, or the wildcard of its parent domain. */
function listedElsewhere(owners: HostOwners, ing: Resource, host: string): boolean {
  const self = `${ing.namespace ?? ''}/${ing.name}`;
  const h = host.toLowerCase();
  const dot = h.indexOf('.');
  const candidates = h.startsWith('*.') || dot < 0 ? [h] : [h, `*${h.slice(dot)}`];
  return candidates.some((c) => [...(owners.get(c) ?? [])].some((id) => id !== self));
}
