import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { ipFamily } from '../../src/k8s/cidr.js';
import { dns1123SubdomainProblem } from '../../src/k8s/names.js';
import { serviceType, specOf } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'service-external-name-invalid',
    title: 'ExternalName is not a valid DNS name',
    description:
      'The externalName of an ExternalName Service must be a lowercase DNS-1123 subdomain (one trailing dot allowed), or the API server rejects the Service. An IPv4 address passes that check but is served as a CNAME to a name made of digits, which resolvers do not resolve: the Service silently does not work.',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    remediation:
      'externalName must be a DNS name. For an IP address use a headless Service without selector plus an EndpointSlice with that address.',
    messages: {
      invalid: 'Service {name} externalName "{value}" is not a valid DNS name: {reason}; the API server rejects the Service',
      invalidClosest: 'Service {name} externalName "{value}" is not a valid DNS name: {reason}; did you mean "{suggestion}"?',
      ipAddress:
        'Service {name} externalName "{value}" is an IP address: it is published as a CNAME, which DNS does not resolve',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (serviceType(svc) !== 'ExternalName') return;
    const raw = specOf(svc).externalName;
    if (typeof raw !== 'string') return;
    // One trailing dot (fully qualified) is trimmed first; an empty name is service-type-field-mismatch's.
    const name = raw.endsWith('.') ? raw.slice(0, -1) : raw;
    if (name === '') return;
    const at = pointer('spec', 'externalName');
    const family = ipFamily(name);
    if (family === 6) {
      ctx.report({ messageId: 'invalid', data: { name: svc.name, value: raw, reason: 'it is an IPv6 address, not a DNS name' }, at });
      return;
    }
    const reason = dns1123SubdomainProblem(name);
    if (reason) {
      const suggestion = suggest(name);
      ctx.report({
        messageId: suggestion ? 'invalidClosest' : 'invalid',
        data: { name: svc.name, value: raw, reason, suggestion: suggestion ?? '' },
        at,
        ...(suggestion ? { fix: { at, replace: suggestion, description: `Use ${suggestion}` } } : {}),
      });
      return;
    }
    if (family === 4) ctx.report({ messageId: 'ipAddress', data: { name: svc.name, value: raw }, at, severity: 'warning' });
  },
});

/** The host name inside a URL or host:port, lowercased; null when that is not a valid name either. */
function suggest(s: string): string | null {
  let host = s.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(host);
  if (url) host = url[1]!;
  host = host.replace(/:\d+$/, '').toLowerCase().replace(/\.$/, '');
  return host !== s && dns1123SubdomainProblem(host) === null && ipFamily(host) === 0 ? host : null;
}
