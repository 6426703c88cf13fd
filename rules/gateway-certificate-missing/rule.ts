import { defineRule } from '../../src/engine/rule.js';
import { GATEWAY, REFERENCE_GRANT, SECRET } from '../../src/model/group-kinds.js';
import { secretCreatedByOtherObject } from '../../src/k8s/secrets.js';
import { certManagerIssues, GATEWAY_GROUP, grantFor, isGatewayApiGateway, listeners, nsName, referenceGrantsIn } from '../../src/k8s/gateway-api.js';
import { isObject } from '../../src/model/resources.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'gateway-certificate-missing',
    title: 'Gateway listener certificate Secret absent or not permitted',
    description:
      'A listener that terminates TLS names its certificates in tls.certificateRefs (group "" and kind Secret by default, namespace defaulting to the Gateway\'s). A Secret that is not in the input, or one in another namespace without a ReferenceGrant there permitting the Gateway to reference it, leaves the listener without a certificate (ResolvedRefs=False: InvalidCertificateRef or RefNotPermitted) and it serves no HTTPS traffic.',
    severity: 'error',
    category: 'gateway',
    appliesTo: [GATEWAY],
    references: [SECRET, REFERENCE_GRANT],
    remediation:
      'Create the kubernetes.io/tls Secret in the listener\'s namespace, or set the certificateRef namespace and add a ReferenceGrant in that namespace with from Gateway and to Secret.',
    messages: {
      missing: 'listener {listener} of Gateway {gateway} uses certificate Secret {secret}, which is not in the input',
      missingClosest: 'listener {listener} of Gateway {gateway} uses certificate Secret {secret}, which is not in the input; did you mean {suggestion}?',
      otherNamespace:
        'listener {listener} of Gateway {gateway} uses Secret {secret}, not in the input; a Secret {name} exists in namespace {other}',
      notPermitted:
        'listener {listener} of Gateway {gateway} uses Secret {secret} of another namespace; no ReferenceGrant in {namespace} permits it',
    },
  },
  check(ctx) {
    const gw = ctx.resource;
    if (!isGatewayApiGateway(gw) || gw.namespace === null) return;
    const gateway = nsName(gw.namespace, gw.name);
    const certManager = certManagerIssues(gw);
    for (const l of listeners(gw)) {
      const refs = l.tls && Array.isArray(l.tls.certificateRefs) ? l.tls.certificateRefs : [];
      refs.forEach((ref, i) => {
        if (!isObject(ref) || typeof ref.name !== 'string') return;
        const group = typeof ref.group === 'string' ? ref.group : '';
        const kind = typeof ref.kind === 'string' ? ref.kind : 'Secret';
        if (group !== '' || kind !== 'Secret') return; // other certificate kinds are implementation-specific
        const namespace = typeof ref.namespace === 'string' && ref.namespace !== '' ? ref.namespace : gw.namespace!;
        const secret = nsName(namespace, ref.name);
        const base = { listener: l.name || `#${l.index}`, gateway, secret };
        // Secrets are often kept out of manifests (created by hand, by controllers, from a vault): the
        // engine judges a missing one only where the input holds Secrets (completeness).
        const missing = { kinds: [SECRET], namespace, name: ref.name, tls: true } as const;
        if (
          !certManager &&
          !ctx.index.get(SECRET, namespace, ref.name) &&
          !secretCreatedByOtherObject(ctx.index, namespace, ref.name)
        ) {
          const elsewhere = ctx.index.named(SECRET, ref.name).filter((s) => s.namespace !== namespace);
          if (elsewhere.length > 0) {
            const other = elsewhere[0];
            ctx.report({
              messageId: 'otherNamespace',
              missing,
              data: { ...base, name: ref.name, other: other.namespace ?? '' },
              at: pointer('spec', 'listeners', l.index, 'tls', 'certificateRefs', i, 'name'),
              related: [{ resource: other, at: '/metadata/name', message: `Secret ${nsName(other.namespace, other.name)}` }],
            });
          } else {
            const near = ctx.index.closestName(SECRET, namespace, ref.name);
            ctx.report({
              messageId: near ? 'missingClosest' : 'missing',
              missing,
              data: near ? { ...base, suggestion: near } : base,
              at: pointer('spec', 'listeners', l.index, 'tls', 'certificateRefs', i, 'name'),
            });
          }
          return;
        }
        if (namespace !== gw.namespace) {
          const from = { group: GATEWAY_GROUP, kind: 'Gateway', namespace: gw.namespace! };
          if (grantFor(ctx.index, from, { group: '', kind: 'Secret', namespace, name: ref.name })) return;
          const grants = referenceGrantsIn(ctx.index, namespace);
          ctx.report({
            messageId: 'notPermitted',
            // Judged where the input holds the ReferenceGrants or the Secrets of the target namespace.
            missing: { kinds: [REFERENCE_GRANT, SECRET], namespace },
            data: { ...base, namespace, name: ref.name },
            at: pointer('spec', 'listeners', l.index, 'tls', 'certificateRefs', i, 'namespace'),
            related: grants.slice(0, 3).map((g) => ({ resource: g, at: '/spec', message: `ReferenceGrant ${nsName(g.namespace, g.name)} does not match` })),
          });
        }
      });
    }
  },
});
