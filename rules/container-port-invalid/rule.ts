import { defineRule } from '../../src/engine/rule.js';
import { WORKLOADS } from '../../src/model/group-kinds.js';
import { describeTemplate } from '../../src/index/pod-templates.js';
import { portNameProblem } from '../../src/k8s/names.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'container-port-invalid',
    title: 'Invalid container port name or number',
    description:
      'Container ports are validated by the API server: a name must be an IANA service name (at most 15 characters of a-z, 0-9 and "-", at least one letter, no "--", no "-" at either end) and unique within the pod, containerPort is required and must be 1-65535, and hostPort 0-65535. A manifest breaking these is rejected.',
    severity: 'error',
    category: 'validity',
    appliesTo: [WORKLOADS],
    messages: {
      badName: 'Container port name "{name}" of container {container} in {owner} is invalid: {reason}',
      duplicateName: 'Container port name "{name}" is used twice in {owner} (containers {first} and {second}); port names must be unique within a pod',
      badContainerPort: 'containerPort {value} of container {container} in {owner} is outside 1-65535',
      missingContainerPort: 'Port {port} of container {container} in {owner} has no containerPort; every entry of ports needs one (1-65535)',
      badHostPort: 'hostPort {value} of container {container} in {owner} is outside 0-65535',
    },
  },
  check(ctx) {
    const t = ctx.index.templateOf(ctx.resource);
    if (!t) return;
    const owner = describeTemplate(t);
    const seen = new Map<string, { container: string }>();
    for (const c of t.allContainers) {
      for (const p of c.ports) {
        const data = { container: c.name, owner };
        if (p.name !== null) {
          const reason = portNameProblem(p.name);
          if (reason) ctx.report({ messageId: 'badName', data: { ...data, name: p.name, reason }, at: joinPointer(p.at, 'name') });
          const first = seen.get(p.name);
          if (first) {
            ctx.report({
              messageId: 'duplicateName',
              data: { name: p.name, owner, first: first.container, second: c.name },
              at: joinPointer(p.at, 'name'),
            });
          } else seen.set(p.name, { container: c.name });
        }
        const cp = p.value.containerPort;
        if (cp === undefined || cp === null) {
          ctx.report({
            messageId: 'missingContainerPort',
            data: { ...data, port: p.name !== null ? `"${p.name}"` : `#${p.at.split('/').pop()}` },
            at: joinPointer(p.at, 'containerPort'),
          });
        } else if (typeof cp === 'number' && (!Number.isInteger(cp) || cp < 1 || cp > 65535)) {
          ctx.report({ messageId: 'badContainerPort', data: { ...data, value: cp }, at: joinPointer(p.at, 'containerPort') });
        }
        const hp = p.value.hostPort;
        if (typeof hp === 'number' && (!Number.isInteger(hp) || hp < 0 || hp > 65535)) {
          ctx.report({ messageId: 'badHostPort', data: { ...data, value: hp }, at: joinPointer(p.at, 'hostPort') });
        }
      }
    }
  },
});
