import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { NETWORK_POLICY_KINDS } from '../../src/model/group-kinds.js';
import { portNameProblem } from '../../src/k8s/names.js';
import { exceptProblem, parseCidr, policyRules, policySpec, rulePeers, selectorProblem, type PeerView } from '../../src/k8s/network-policy.js';
import { joinPointer, pointer, pointerToPath } from '../../src/model/pointer.js';
import { isObject } from '../../src/model/resources.js';
import type { JsonValue } from '../../src/model/types.js';
import { valueText } from '../../src/text/value-text.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export default defineRule({
  meta: {
    id: 'network-policy-invalid',
    title: 'NetworkPolicy the API server rejects',
    description:
      'The NetworkPolicy breaks a rule of the networking API validation, so kubectl apply fails: an empty peer, an ipBlock combined with a selector in the same peer, an invalid CIDR or an except that is not a strict subset of its cidr, an endPort below port or with a named or missing port, a port outside 1-65535 or an invalid port name, a protocol other than TCP, UDP or SCTP, a bad policyTypes entry, or an invalid label selector.',
    severity: 'error',
    category: 'validity',
    appliesTo: NETWORK_POLICY_KINDS,
    messages: {
      emptyPeer:
        'NetworkPolicy {name} {field} is an empty peer: it needs podSelector, namespaceSelector or ipBlock',
      ipBlockWithSelector:
        'NetworkPolicy {name} {field} combines ipBlock with {other} in one peer, which the API server rejects: make them separate list items',
      invalidCidr: 'NetworkPolicy {name} {field} "{value}" is not a valid CIDR: {problem}',
      missingCidr: 'NetworkPolicy {name} {field} has no cidr: an ipBlock needs one',
      exceptNotInside: 'NetworkPolicy {name} {field} {value} must be a strict subset of cidr {cidr}: {problem}',
      endPortBelowPort: 'NetworkPolicy {name} {field} endPort {endPort} is less than port {port}',
      endPortNamed: 'NetworkPolicy {name} {field} endPort {endPort} is set with the named port {port}: a port range needs a numeric port',
      endPortWithoutPort: 'NetworkPolicy {name} {field} endPort {endPort} is set without port: a port range needs a numeric port',
      portRange: 'NetworkPolicy {name} {field} {value} is outside 1-65535',
      portName: 'NetworkPolicy {name} {field} "{value}" is not a valid port name: {problem}',
      quotedPort: 'NetworkPolicy {name} {field} "{value}" is a quoted number, read as an (invalid) port name: write {value}',
      protocol: 'NetworkPolicy {name} {field} "{value}" is not TCP, UDP or SCTP',
      protocolCase: 'NetworkPolicy {name} {field} "{value}" is not TCP, UDP or SCTP: protocols are upper case, write {suggestion}',
      policyTypes: 'NetworkPolicy {name} {field} {problem}',
      invalidSelector: 'NetworkPolicy {name} {field} is not a valid label selector: {problem}',
    },
  },
  check(ctx) {
    const np = ctx.resource;
    const spec = policySpec(np);
    const name = np.name;
    const field = (at: string): string => pointerToPath(at);

    checkSelector(ctx, spec.podSelector, pointer('spec', 'podSelector'));

    const types = spec.policyTypes;
    if (Array.isArray(types)) {
      types.forEach((t, i) => {
        if (t !== 'Ingress' && t !== 'Egress') {
          const at = pointer('spec', 'policyTypes', i);
          ctx.report({ messageId: 'policyTypes', data: { name, field: field(at), problem: `${JSON.stringify(t)} is not Ingress or Egress` }, at });
        }
      });
      if (types.length > 2) {
        const at = pointer('spec', 'policyTypes');
        ctx.report({ messageId: 'policyTypes', data: { name, field: field(at), problem: `has ${types.length} entries (at most 2: Ingress and Egress)` }, at });
      }
    }

    for (const rule of [...policyRules(np, 'ingress'), ...policyRules(np, 'egress')]) {
      const ports = rule.value.ports;
      if (Array.isArray(ports)) {
        ports.forEach((p, i) => {
          if (isObject(p)) checkPort(ctx, p, joinPointer(rule.at, 'ports', i));
        });
      }
      for (const peer of rulePeers(rule)) checkPeer(ctx, peer);
    }
  },
});

function checkSelector(ctx: RuleContext, v: JsonValue | undefined, at: string): void {
  const problem = selectorProblem(v);
  if (problem) {
    ctx.report({
      messageId: 'invalidSelector',
      data: { name: ctx.resource.name, field: pointerToPath(at), problem: problem.message },
      at: joinPointer(at, ...problem.path),
    });
  }
}

function checkPort(ctx: RuleContext, p: Record<string, JsonValue>, at: string): void {
  const name = ctx.resource.name;
  const { protocol, port, endPort } = p;
  if (typeof protocol === 'string' && !PROTOCOLS.includes(protocol)) {
    const upper = protocol.toUpperCase();
    const pAt = joinPointer(at, 'protocol');
    const fixable = PROTOCOLS.includes(upper);
    ctx.report({
      messageId: fixable ? 'protocolCase' : 'protocol',
      data: { name, field: pointerToPath(pAt), value: protocol, ...(fixable ? { suggestion: upper } : {}) },
      at: pAt,
      ...(fixable ? { fix: { at: pAt, replace: upper, description: `Write ${upper}` } } : {}),
    });
  }
  const portAt = joinPointer(at, 'port');
  const endAt = joinPointer(at, 'endPort');
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      ctx.report({ messageId: 'portRange', data: { name, field: pointerToPath(portAt), value: port }, at: portAt });
    }
    if (typeof endPort === 'number') {
      if (endPort < port) {
        ctx.report({ messageId: 'endPortBelowPort', data: { name, field: pointerToPath(at), endPort, port }, at: endAt });
      }
      if (!Number.isInteger(endPort) || endPort < 1 || endPort > 65535) {
        ctx.report({ messageId: 'portRange', data: { name, field: pointerToPath(endAt), value: endPort }, at: endAt });
      }
    }
  } else if (typeof port === 'string') {
    if (endPort !== undefined && endPort !== null) {
      ctx.report({ messageId: 'endPortNamed', data: { name, field: pointerToPath(at), endPort: valueText(endPort), port }, at: endAt });
    }
    const problem = portNameProblem(port);
    if (problem && /^\d+$/.test(port)) {
      ctx.report({
        messageId: 'quotedPort',
        data: { name, field: pointerToPath(portAt), value: port },
        at: portAt,
        fix: { at: portAt, replace: String(Number(port)), description: `Write the number ${Number(port)}` },
      });
    } else if (problem) {
      ctx.report({ messageId: 'portName', data: { name, field: pointerToPath(portAt), value: port, problem }, at: portAt });
    }
  } else if ((port === undefined || port === null) && endPort !== undefined && endPort !== null) {
    ctx.report({ messageId: 'endPortWithoutPort', data: { name, field: pointerToPath(at), endPort: valueText(endPort) }, at: endAt });
  }
}

function checkPeer(ctx: RuleContext, peer: PeerView): void {
  const name = ctx.resource.name;
  // Written out only for a report (a policy may list any number of peers, most of them valid).
  const field = (): string => pointerToPath(peer.at);
  if (!peer.hasPodSelector && !peer.hasNamespaceSelector && !peer.hasIpBlock) {
    ctx.report({ messageId: 'emptyPeer', data: { name, field: field(), list: peer.list }, at: peer.at });
    return;
  }
  if (peer.hasPodSelector) checkSelector(ctx, peer.value.podSelector, joinPointer(peer.at, 'podSelector'));
  if (peer.hasNamespaceSelector) checkSelector(ctx, peer.value.namespaceSelector, joinPointer(peer.at, 'namespaceSelector'));
  if (!peer.hasIpBlock) return;
  if (peer.hasPodSelector || peer.hasNamespaceSelector) {
    const other = [peer.hasPodSelector ? 'podSelector' : '', peer.hasNamespaceSelector ? 'namespaceSelector' : ''].filter(Boolean).join(' and ');
    ctx.report({ messageId: 'ipBlockWithSelector', data: { name, field: field(), other }, at: joinPointer(peer.at, 'ipBlock'), target: 'key' });
  }
  const block = peer.value.ipBlock;
  if (!isObject(block)) return;
  const cidrAt = joinPointer(peer.at, 'ipBlock', 'cidr');
  const cidrText = block.cidr;
  if (typeof cidrText !== 'string' || cidrText === '') {
    if (cidrText === undefined || cidrText === null || cidrText === '') {
      ctx.report({ messageId: 'missingCidr', data: { name, field: pointerToPath(joinPointer(peer.at, 'ipBlock')) }, at: joinPointer(peer.at, 'ipBlock') });
    }
    return;
  }
  const cidr = parseCidr(cidrText);
  if ('problem' in cidr) {
    ctx.report({
      messageId: 'invalidCidr',
      data: { name, field: pointerToPath(cidrAt), value: cidrText, problem: cidr.problem + (cidr.suggestion ? ` (did you mean ${cidr.suggestion}?)` : '') },
      at: cidrAt,
    });
  }
  if (!Array.isArray(block.except)) return;
  block.except.forEach((e, i) => {
    if (typeof e !== 'string') return;
    const at = joinPointer(peer.at, 'ipBlock', 'except', i);
    const except = parseCidr(e);
    if ('problem' in except) {
      ctx.report({
        messageId: 'invalidCidr',
        data: { name, field: pointerToPath(at), value: e, problem: except.problem + (except.suggestion ? ` (did you mean ${except.suggestion}?)` : '') },
        at,
      });
      return;
    }
    if ('problem' in cidr) return;
    const problem = exceptProblem(cidr.cidr, except.cidr);
    if (problem) ctx.report({ messageId: 'exceptNotInside', data: { name, field: pointerToPath(at), value: e, cidr: cidrText, problem }, at });
  });
}
