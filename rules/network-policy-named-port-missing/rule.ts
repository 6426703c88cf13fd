import { defineRule, type Report } from '../../src/engine/rule.js';
import { NETWORK_POLICY_KINDS, WORKLOADS } from '../../src/model/group-kinds.js';
import { describeTemplate, type ContainerPortView, type PodTemplateView } from '../../src/index/pod-templates.js';
import type { ResourceIndex } from '../../src/index/resource-index.js';
import type { Resource } from '../../src/model/types.js';
import { portNameProblem } from '../../src/k8s/names.js';
import { networkPolicyPortProtocol } from '../../src/k8s/protocol.js';
import { ingressRulesOnSelectedPods, policyPodSelector } from '../../src/k8s/network-policy.js';
import { SHORT_LIST } from '../../src/model/cache.js';
import { listTemplates } from '../../src/k8s/selector-miss.js';
import { joinPointer } from '../../src/model/pointer.js';
import { isObject } from '../../src/model/resources.js';
import { closest } from '../../src/text/closest.js';

const NP_PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

export default defineRule({
  meta: {
    id: 'network-policy-named-port-missing',
    title: 'NetworkPolicy named port declared by none of the selected pods',
    description:
      'An ingress rule of the NetworkPolicy allows a named port, but no pod template the policy selects declares a container port with that name and protocol. A named port in a NetworkPolicy is resolved on each selected pod (it is a port on the pod, not a Service port), so on pods without it the entry opens nothing and the traffic stays blocked.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: NETWORK_POLICY_KINDS,
    references: [WORKLOADS],
    remediation:
      'Use a port name the selected pods declare with that protocol, or set the protocol the pods declare the port with.',
    messages: {
      missing:
        'NetworkPolicy {name} {field} allows named port {port}, which no selected pod ({templates}) declares over {protocol}',
      missingClosest:
        'NetworkPolicy {name} {field} allows named port {port}, which no selected pod declares; did you mean {suggestion}?',
      missingNames:
        'NetworkPolicy {name} {field} allows named port {port}; the selected pods name their {protocol} ports {names}',
      protocol:
        'NetworkPolicy {name} {field} allows named port {port} over {protocol}; {template} declares it over {other}',
    },
  },
  check(ctx) {
    const np = ctx.resource;
    // Ingress rules not enforced, no selected pods (network-policy-selects-nothing), or pods whose ports are not read: nothing to judge.
    const found = ingressRulesOnSelectedPods(ctx.index, np);
    if (!found) return;
    const { rules, selected } = found;

    // One table of the selected pods' ports per policy, built at the first named port (not per port).
    let table: DeclaredPorts | null = null;
    for (const rule of rules) {
      const ports = rule.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        if (!isObject(p) || typeof p.port !== 'string' || portNameProblem(p.port) !== null) return;
        const name = p.port;
        const protocol = networkPolicyPortProtocol(p.protocol);
        if (!NP_PROTOCOLS.has(protocol)) return; // an invalid protocol ("", "tcp") is network-policy-invalid's
        table ??= declaredPorts(ctx.index, np, selected);
        const sameName = table.byName.get(name) ?? [];
        if (sameName.some(({ port }) => port.protocol === protocol)) return;
        const at = joinPointer(rule.at, 'ports', i, 'port');
        const field = `spec.ingress[${rule.index}].ports[${i}]`;
        const otherProtocol = sameName[0];
        if (otherProtocol) {
          ctx.report({
            messageId: 'protocol',
            data: { name: np.name, field, port: name, protocol, other: otherProtocol.port.protocol, template: describeTemplate(otherProtocol.t) },
            at: joinPointer(rule.at, 'ports', i, typeof p.protocol === 'string' ? 'protocol' : 'port'),
            related: [{ resource: otherProtocol.t.owner, at: otherProtocol.port.at, message: `${describeTemplate(otherProtocol.t)} declares ${name} over ${otherProtocol.port.protocol}` }],
          });
          return;
        }
        const names = table.namesByProtocol.get(protocol) ?? new Set<string>();
        const suggestion = closest(name, names);
        const near = suggestion ? table.byName.get(suggestion)?.[0] : undefined;
        // The optional keys are added in place, not spread (V8's slow path on Node 20, per finding).
        const data: Record<string, string> = { name: np.name, field, port: name, protocol, templates: table.templates() };
        if (suggestion) data.suggestion = suggestion;
        else if (names.size > 0) data.names = table.sortedNames(protocol);
        const report: Report = { messageId: suggestion ? 'missingClosest' : names.size > 0 ? 'missingNames' : 'missing', data, at };
        if (near) report.related = [{ resource: near.t.owner, at: near.port.at, message: `${describeTemplate(near.t)} declares port ${suggestion}` }];
        if (suggestion) report.fix = { at, replace: suggestion, description: `Use the declared port name ${suggestion}` };
        ctx.report(report);
      });
    }
  },
});

interface Declared {
  t: PodTemplateView;
  port: ContainerPortView;
}

interface DeclaredPorts {
  /** Port name → the selected pods' ports of that name, in template order. */
  byName: Map<string, Declared[]>;
  /** Protocol → the port names declared over it. */
  namesByProtocol: Map<string, Set<string>>;
  /** The selected templates, for messages (made when first asked). */
  templates(): string;
  sortedNames(protocol: string): string;
}

/**
 * The ports the selected pods declare, indexed by name and protocol: once per policy, and, for a large
 * selection, once per run for the policies of a namespace with the same podSelector (they select the
 * same pods).
 */
function declaredPorts(index: ResourceIndex, np: Resource, selected: readonly PodTemplateView[]): DeclaredPorts {
  // A few templates: cheaper to build again than to keep for the whole run, one per policy (see perList).
  if (selected.length <= SHORT_LIST) return portTable(selected);
  return index.memo(`network-policy-named-port-missing:${np.namespace ?? ''}\u0000${JSON.stringify(policyPodSelector(np))}`, () => portTable(selected));
}

/** The table of the ports of `selected`. */
function portTable(selected: readonly PodTemplateView[]): DeclaredPorts {
  const byName = new Map<string, Declared[]>();
  const namesByProtocol = new Map<string, Set<string>>();
  for (const t of selected) {
    for (const c of t.containers) {
      for (const port of c.ports) {
        if (!port.name) continue;
        const list = byName.get(port.name);
        if (list) list.push({ t, port });
        else byName.set(port.name, [{ t, port }]);
        let names = namesByProtocol.get(port.protocol);
        if (!names) namesByProtocol.set(port.protocol, (names = new Set<string>()));
        names.add(port.name);
      }
    }
  }
  let sorted: Map<string, string> | undefined;
  let templates: string | undefined;
  return {
    byName,
    namesByProtocol,
    templates: () => (templates ??= listTemplates(selected)),
    sortedNames: (protocol: string) => {
      sorted ??= new Map<string, string>();
      let v = sorted.get(protocol);
      if (v === undefined) sorted.set(protocol, (v = [...(namesByProtocol.get(protocol) ?? [])].sort().join(', ')));
      return v;
    },
  };
}
