import { defineRule } from '../../src/engine/rule.js';
import { WORKLOADS } from '../../src/model/group-kinds.js';
import { describeTemplate } from '../../src/index/pod-templates.js';
import { portNameProblem } from '../../src/k8s/names.js';
import { joinPointer, pointerToPath } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'container-port-invalid',
    title: 'Invalid container port name or number',
    description:
      'Container ports are validated by the API server: a name must be an IANA service name (at most 15 characters of a-z, 0-9 and "-", at least one letter, no "--", no "-" at either end) and unique within its container, containerPort is required and must be 1-65535, and hostPort 0-65535. A manifest breaking these is rejected. The same name in two containers of one pod is accepted with a warning from the API server: Services and probes that select the port by name use the first.',
    severity: 'error',
    category: 'validity',
    appliesTo: [WORKLOADS],
    messages: {
      badName: 'Container port name "{name}" of container {container} in {owner} is invalid: {reason}',
      duplicateName: 'Container port name "{name}" is used twice in container {container} of {owner}; port names must be unique within a container',
      // The API server's own warning text (pkg/api/pod/warnings.go, kubernetes#122170).
      duplicateNameInPod: '{field}: duplicate port name "{name}" with {first}, services and probes that select ports by name will use {first}',
      badContainerPort: 'containerPort {value} of container {container} in {owner} is outside 1-65535',
      missingContainerPort: 'Port {port} of container {container} in {owner} has no containerPort; every entry of ports needs one (1-65535)',
      badHostPort: 'hostPort {value} of container {container} in {owner} is outside 0-65535',
    },
  },
  check(ctx) {
    const t = ctx.index.templateOf(ctx.resource);
    if (!t) return;
    // Every workload's ports pass here and most are fine: what a report says (the owner's text, a
    // port's field path) is made when one is made.
    let owner: string | undefined;
    const ownerText = (): string => (owner ??= describeTemplate(t));
    // The API server visits init containers first, then containers (VisitContainersWithPath): the
    // first port with a name is the one Services and probes resolve, and later ones are warned about.
    // Name → the pointer of the pod's first port of that name.
    let firstInPod: Map<string, string> | null = null;
    for (const list of VISITED) {
      for (const c of t.allContainers) {
        if (c.list !== list || c.ports.length === 0) continue;
        const inContainer = new Set<string>();
        for (const p of c.ports) {
          if (p.name !== null) {
            const reason = portNameProblem(p.name);
            if (reason) ctx.report({ messageId: 'badName', data: { container: c.name, owner: ownerText(), name: p.name, reason }, at: joinPointer(p.at, 'name') });
            const first = firstInPod?.get(p.name);
            if (inContainer.has(p.name)) {
              // Rejected: ValidateContainerPorts requires unique names within one container.
              ctx.report({ messageId: 'duplicateName', data: { container: c.name, owner: ownerText(), name: p.name }, at: joinPointer(p.at, 'name') });
            } else if (first !== undefined) {
              // Accepted with a warning: the same name in another container of the pod.
              ctx.report({
                messageId: 'duplicateNameInPod',
                data: { field: pointerToPath(p.at), name: p.name, first: pointerToPath(first) },
                at: joinPointer(p.at, 'name'),
                severity: 'warning',
              });
            }
            inContainer.add(p.name);
            if (first === undefined) (firstInPod ??= new Map()).set(p.name, p.at);
          }
          const cp = p.value.containerPort;
          if (cp === undefined || cp === null) {
            ctx.report({
              messageId: 'missingContainerPort',
              data: { container: c.name, owner: ownerText(), port: p.name !== null ? `"${p.name}"` : `#${p.at.split('/').pop()}` },
              at: joinPointer(p.at, 'containerPort'),
            });
          } else if (typeof cp === 'number' && (!Number.isInteger(cp) || cp < 1 || cp > 65535)) {
            ctx.report({ messageId: 'badContainerPort', data: { container: c.name, owner: ownerText(), value: cp }, at: joinPointer(p.at, 'containerPort') });
          }
          const hp = p.value.hostPort;
          if (typeof hp === 'number' && (!Number.isInteger(hp) || hp < 0 || hp > 65535)) {
            ctx.report({ messageId: 'badHostPort', data: { container: c.name, owner: ownerText(), value: hp }, at: joinPointer(p.at, 'hostPort') });
          }
        }
      }
    }
  },
});

/** The container lists whose ports the API server visits, in its order. */
const VISITED = ['initContainers', 'containers'] as const;
