import { isIP } from 'node:net';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { INGRESS_KINDS } from '../../src/model/group-kinds.js';
import { describeIngress, ingressRules, ingressTls, isIngress } from '../../src/k8s/ingress.js';
import { isDns1123Subdomain, isWildcardDns1123Subdomain } from '../../src/k8s/names.js';

export default defineRule({
  meta: {
    id: 'ingress-host-invalid',
    title: 'Ingress host is not a valid DNS name',
    description:
      'An Ingress rule host (or TLS host) must be a lowercase DNS name, optionally with one leading wildcard label (`*.example.com`). IP addresses (in rule hosts), ports, uppercase letters and other wildcard forms (`*`, `*.*.example.com`, `f*.example.com`) are refused by the API server.',
    severity: 'error',
    category: 'validity',
    appliesTo: INGRESS_KINDS,
    messages: {
      ip: '{ingress} host {host} is an IP address: rule hosts must be DNS names (omit host to match any address)',
      port: '{ingress} host {host} has a port: hosts carry no port (the controller serves 80 and 443); use {suggestion}',
      uppercase: '{ingress} host {host} has uppercase letters: hosts must be lowercase; use {suggestion}',
      wildcard:
        '{ingress} host {host} is not a valid wildcard: only a whole first label may be "*", followed by a DNS name (like *.example.com)',
      invalid: '{ingress} host "{host}" is not a valid DNS name: lowercase letters, digits, "-" and "." only',
      ipv6: '{ingress} host "{host}" is an IPv6 address, not a DNS name',
      scheme: '{ingress} host "{host}" is not a valid DNS name: drop the scheme "{scheme}"',
      path: '{ingress} host "{host}" is not a valid DNS name: a path belongs in http.paths[].path',
      trailingDot: '{ingress} host "{host}" is not a valid DNS name: drop the trailing dot',
      underscore: '{ingress} host "{host}" is not a valid DNS name: "_" is not allowed',
      tooLong: '{ingress} host is not a valid DNS name: {length} characters long, at most 253',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing)) return;
    const name = describeIngress(ing);
    // An indexed loop (no iterator objects before the code is optimized: every rule of every Ingress).
    const rules = ingressRules(ing);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (rule.hasHost) checkHost(ctx, name, rule.host, `/spec/rules/${rule.index}/host`, true);
    }
    for (const tls of ingressTls(ing)) {
      for (const h of tls.hosts) if (h.host !== '') checkHost(ctx, name, h.host, h.at, false);
    }
  },
});

/** A host name valid as written, or a wildcard one. */
function valid(h: string): boolean {
  return h.includes('*') ? isWildcardDns1123Subdomain(h) : isDns1123Subdomain(h);
}

function checkHost(ctx: RuleContext, ingress: string, host: string, at: string, isRuleHost: boolean): void {
  if (valid(host)) {
    // Validation refuses IPs in rule hosts only; an IPv4 address passes the DNS name syntax (a DNS
    // name has no ':', so only digits and dots can be an address: node's isIP is not asked for every host).
    if (isRuleHost && /^[\d.]+$/.test(host) && isIP(host) !== 0) ctx.report({ messageId: 'ip', data: { ingress, host }, at });
    return;
  }
  if (isIP(host) !== 0 || isIP(host.replace(/^\[|\]$/g, '')) !== 0) {
    if (isRuleHost) ctx.report({ messageId: 'ip', data: { ingress, host }, at });
    else ctx.report({ messageId: 'ipv6', data: { ingress, host }, at });
    return;
  }
  const withPort = /^(.*):(\d+)$/.exec(host);
  if (withPort) {
    const bare = withPort[1];
    const suggestion = valid(bare.toLowerCase()) ? bare.toLowerCase() : null;
    if (suggestion !== null) {
      ctx.report({ messageId: 'port', data: { ingress, host, suggestion }, at, fix: { at, replace: suggestion, description: `Use ${suggestion}` } });
    } else {
      ctx.report({ messageId: 'port', data: { ingress, host, suggestion: 'the bare host name' }, at });
    }
    return;
  }
  const lower = host.toLowerCase();
  if (lower !== host && valid(lower)) {
    ctx.report({ messageId: 'uppercase', data: { ingress, host, suggestion: lower }, at, fix: { at, replace: lower, description: `Use ${lower}` } });
    return;
  }
  if (host.includes('*')) {
    ctx.report({ messageId: 'wildcard', data: { ingress, host }, at });
    return;
  }
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(host);
  if (scheme) ctx.report({ messageId: 'scheme', data: { ingress, host, scheme: scheme[0] }, at });
  else if (host.includes('/')) ctx.report({ messageId: 'path', data: { ingress, host }, at });
  else if (host.endsWith('.')) ctx.report({ messageId: 'trailingDot', data: { ingress, host }, at });
  else if (host.includes('_')) ctx.report({ messageId: 'underscore', data: { ingress, host }, at });
  else if (host.length > 253) ctx.report({ messageId: 'tooLong', data: { ingress, length: host.length }, at });
  else ctx.report({ messageId: 'invalid', data: { ingress, host }, at });
}
