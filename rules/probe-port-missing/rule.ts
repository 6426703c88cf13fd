import { defineRule } from '../../src/engine/rule.js';
import { WORKLOADS } from '../../src/model/group-kinds.js';
import { describeTemplate } from '../../src/index/pod-templates.js';
import { isObject } from '../../src/model/resources.js';
import { joinPointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

export default defineRule({
  meta: {
    id: 'probe-port-missing',
    title: 'Probe uses a port name the container does not declare',
    description:
      'An httpGet or tcpSocket probe may name its port; the name must be one of the container\'s own ports. Otherwise the API server rejects the pod (or, for a quoted number such as "8080", the string is taken as a name that cannot exist).',
    severity: 'error',
    category: 'wiring',
    appliesTo: [WORKLOADS],
    messages: {
      missing: '{probe} of container {container} in {owner} uses port "{name}", which the container does not declare (its ports: {declared})',
      missingSuggest: '{probe} of container {container} in {owner} uses port "{name}", which the container does not declare; did you mean "{suggestion}"?',
      quoted: '{probe} of container {container} in {owner} uses port "{name}", a quoted number: write it unquoted ({name}) or use a port name',
    },
  },
  check(ctx) {
    const t = ctx.index.templateOf(ctx.resource);
    if (!t) return;
    const owner = describeTemplate(t);
    for (const c of t.allContainers) {
      const names = c.ports.map((p) => p.name).filter((n): n is string => !!n);
      for (const probe of PROBES) {
        const pv = c.value[probe];
        if (!isObject(pv)) continue;
        for (const handler of HANDLERS) {
          const h = pv[handler];
          if (!isObject(h) || typeof h.port !== 'string') continue;
          const name = h.port;
          if (names.includes(name)) continue;
          const at = joinPointer(c.at, probe, handler, 'port');
          const data = { probe, container: c.name, owner, name };
          if (/^\d+$/.test(name)) {
            ctx.report({ messageId: 'quoted', data, at, fix: { at, replace: name, description: `Use the number ${name}` } });
            continue;
          }
          const suggestion = closest(name, names);
          if (suggestion) {
            ctx.report({
              messageId: 'missingSuggest',
              data: { ...data, suggestion },
              at,
              fix: { at, replace: suggestion, description: `Use the container port name "${suggestion}"` },
            });
          } else {
            ctx.report({ messageId: 'missing', data: { ...data, declared: names.length ? names.join(', ') : 'no named ports' }, at });
          }
        }
      }
    }
  },
});
