import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { describeServicePortEntry, flat, servicePortPointer, servicePorts, type ServicePortView } from '../../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'service-port-duplicate',
    title: 'Service has duplicate port names, ports or nodePorts',
    description:
      'Within one Service, port names must be unique, each (port, protocol) pair may appear once, and each (nodePort, protocol) pair may appear once; otherwise the API server rejects the Service ("Duplicate value"). The same number on TCP and UDP is allowed, e.g. DNS on 53/TCP and 53/UDP.',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    remediation:
      'Remove the duplicate port or change its port; for a duplicate nodePort remove one and let Kubernetes allocate it.',
    messages: {
      duplicateName: 'Service {name} port name "{portName}" is used twice ({port} and {first}); port names must be unique',
      duplicatePort:
        'Service {name} exposes {protocol} port {number} twice ({port} and {first}): the API server rejects it',
      duplicateNodePort:
        'Service {name} uses {protocol} nodePort {number} for two ports ({port} and {first}): the API server rejects it',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    const names = new Map<string, ServicePortView>();
    // The first port of each number, per protocol (numbers as keys: no "port/protocol" string per port).
    const ports = new Map<string, Map<number, ServicePortView>>();
    const nodePorts = new Map<string, Map<number, ServicePortView>>();
    const related = (first: ServicePortView, field: 'name' | 'port' | 'nodePort') => [
      { resource: svc, at: servicePortPointer(first, field), message: flat('first defined here: ', describeServicePortEntry(first)) },
    ];
    for (const p of servicePorts(svc)) {
      // The data of a duplicate is made only for a duplicate (a Service may list thousands of ports), as a literal.
      if (p.name) {
        const first = names.get(p.name);
        if (first) {
          ctx.report({
            messageId: 'duplicateName',
            data: { name: svc.name, port: describeServicePortEntry(p), portName: p.name, first: describeServicePortEntry(first) },
            at: servicePortPointer(p, 'name'),
            related: related(first, 'name'),
          });
        } else names.set(p.name, p);
      }
      if (p.port !== null) {
        const first = firstOf(ports, p.protocol, p.port, p);
        if (first) {
          ctx.report({
            messageId: 'duplicatePort',
            data: { name: svc.name, port: describeServicePortEntry(p), protocol: p.protocol, number: p.port, first: describeServicePortEntry(first) },
            at: servicePortPointer(p, 'port'),
            related: related(first, 'port'),
          });
        }
      }
      // nodePort 0 means "allocate one".
      if (p.nodePort !== null && p.nodePort !== 0) {
        const first = firstOf(nodePorts, p.protocol, p.nodePort, p);
        if (first) {
          ctx.report({
            messageId: 'duplicateNodePort',
            data: { name: svc.name, port: describeServicePortEntry(p), protocol: p.protocol, number: p.nodePort, first: describeServicePortEntry(first) },
            at: servicePortPointer(p, 'nodePort'),
            related: related(first, 'nodePort'),
          });
        }
      }
    }
  },
});

/** The port that used `number` on `protocol` before `p`, or undefined (then `p` is the first). */
function firstOf(seen: Map<string, Map<number, ServicePortView>>, protocol: string, number: number, p: ServicePortView): ServicePortView | undefined {
  let byNumber = seen.get(protocol);
  if (!byNumber) seen.set(protocol, (byNumber = new Map<number, ServicePortView>()));
  const first = byNumber.get(number);
  if (!first) byNumber.set(number, p);
  return first;
}
