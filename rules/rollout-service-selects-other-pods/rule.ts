import { defineRule } from '../../src/engine/rule.js';
import { ARGO_ROLLOUT, SERVICE } from '../../src/model/group-kinds.js';
import { formatLabels } from '../../src/index/labels.js';
import { rolloutServiceRefs, rolloutTemplateLabels } from '../../src/k8s/argo-rollouts.js';
import { serviceSelector } from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

/** The label the controller adds to the Services' selectors (DefaultRolloutUniqueLabelKey). */
const HASH_LABEL = 'rollouts-pod-template-hash';

export default defineRule({
  meta: {
    id: 'rollout-service-selects-other-pods',
    title: 'Argo Rollout Service whose selector does not match the Rollout\'s pods',
    description:
      'A Service named by an Argo Rollout strategy (canaryService, stableService, activeService, previewService, pingPong) has a selector label that the Rollout\'s pod template does not carry with that value. The controller refuses the Rollout (InvalidSpec: "Service has unmatch label in rollout"), since the Service, once it adds the pod-template hash, would select none of the Rollout\'s pods.',
    severity: 'error',
    category: 'wiring',
    appliesTo: [ARGO_ROLLOUT],
    remediation:
      'Make the Service selector a subset of the Rollout\'s template labels (the controller adds rollouts-pod-template-hash itself); kustomize commonLabels do not reach a Rollout\'s template unless configured to.',
    messages: {
      mismatch: 'Rollout {name} {field} {service} selects {key}={value}, which the Rollout\'s pods lack ({labels})',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.namespace === null) return;
    const template = rolloutTemplateLabels(ctx.index, r);
    if (!template) return;
    for (const ref of rolloutServiceRefs(r)) {
      const first = ctx.index.get(SERVICE, r.namespace, ref.name);
      if (!first) continue; // rollout-service-missing
      // The applied definition may be any variant: report only when every one of them mismatches.
      const mismatches = ctx.index.variants(first).map((svc) => {
        const sel = serviceSelector(svc);
        const key = Object.keys(sel).find((k) => k !== HASH_LABEL && template.labels[k] !== sel[k]);
        return key === undefined ? null : { svc, key, value: sel[key] };
      });
      if (mismatches.some((m) => m === null)) continue;
      const m = mismatches[0]!;
      ctx.report({
        messageId: 'mismatch',
        data: { name: r.name, field: ref.field, service: ref.name, key: m.key, value: m.value, labels: formatLabels(template.labels) || 'no labels' },
        at: ref.at,
        related: [
          { resource: m.svc, at: pointer('spec', 'selector', m.key), message: `Service ${ref.name} selects ${m.key}=${m.value}` },
          { resource: template.owner, at: template.at, message: `the Rollout's pod template labels` },
        ],
      });
    }
  },
});
