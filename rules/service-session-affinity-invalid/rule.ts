import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { specOf } from '../../src/k8s/service.js';
import { isObject } from '../../src/model/resources.js';
import { pointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

const AFFINITIES = ['ClientIP', 'None'];
const MAX_TIMEOUT = 86400;

export default defineRule({
  meta: {
    id: 'service-session-affinity-invalid',
    title: 'Service session affinity is invalid',
    description:
      'sessionAffinity must be ClientIP or None (case-sensitive). With ClientIP, sessionAffinityConfig.clientIP.timeoutSeconds must be 1-86400 (default 10800); other values make the API server reject the Service.',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    remediation:
      'timeoutSeconds must be in 1-86400 (24 hours); omit it for the default 10800 (3 hours).',
    messages: {
      unknownAffinity: 'Service {name} sessionAffinity "{value}" is not ClientIP or None; the API server rejects it',
      unknownAffinityClosest: 'Service {name} sessionAffinity "{value}" is not ClientIP or None; did you mean {suggestion}?',
      timeoutOutOfRange:
        'Service {name} ClientIP session affinity timeoutSeconds {value} is outside 1-86400: the API server rejects it',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    const spec = specOf(svc);
    const affinity = spec.sessionAffinity;
    if (typeof affinity === 'string' && affinity !== '' && !AFFINITIES.includes(affinity)) {
      const guess = closest(affinity, AFFINITIES);
      ctx.report({
        messageId: guess ? 'unknownAffinityClosest' : 'unknownAffinity',
        data: { name: svc.name, value: affinity, suggestion: guess ?? '' },
        at: pointer('spec', 'sessionAffinity'),
        ...(guess ? { fix: { at: pointer('spec', 'sessionAffinity'), replace: guess, description: `Use ${guess}` } } : {}),
      });
      return;
    }
    // With None, v1 defaulting drops sessionAffinityConfig: nothing to validate.
    if (affinity !== 'ClientIP') return;
    const cfg = isObject(spec.sessionAffinityConfig) ? spec.sessionAffinityConfig : null;
    const clientIP = cfg && isObject(cfg.clientIP) ? cfg.clientIP : null;
    const t = clientIP?.timeoutSeconds;
    if (typeof t !== 'number') return; // absent: defaulted to 10800
    if (Number.isInteger(t) && t >= 1 && t <= MAX_TIMEOUT) return;
    ctx.report({
      messageId: 'timeoutOutOfRange',
      data: { name: svc.name, value: t },
      at: pointer('spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'),
    });
  },
});
