import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_KINDS } from '../../src/model/group-kinds.js';
import { describeIngress, INGRESS_CLASS_ANNOTATION, ingressClassOf, isIngress } from '../../src/k8s/ingress.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'ingress-class-annotation',
    title: 'Ingress uses the deprecated kubernetes.io/ingress.class annotation',
    description:
      'The kubernetes.io/ingress.class annotation is deprecated in favour of spec.ingressClassName. When both are set they must be equal: the API server refuses to create an Ingress whose annotation disagrees with ingressClassName, and controllers follow ingressClassName.',
    severity: 'info',
    category: 'deprecation',
    appliesTo: INGRESS_KINDS,
    messages: {
      deprecated: '{ingress} uses the deprecated annotation kubernetes.io/ingress.class: {class}; set spec.ingressClassName: {class} instead',
      redundant: '{ingress} sets both spec.ingressClassName and the deprecated annotation kubernetes.io/ingress.class ({class}); remove the annotation',
      conflict:
        '{ingress} annotation kubernetes.io/ingress.class is {annotation} but spec.ingressClassName is {class}: the API server refuses it',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing)) return;
    const ref = ingressClassOf(ing);
    if (ref.annotation === null) return;
    const at = pointer('metadata', 'annotations', INGRESS_CLASS_ANNOTATION);
    const ingress = describeIngress(ing);
    if (ref.spec === null) {
      ctx.report({ messageId: 'deprecated', data: { ingress, class: ref.annotation }, at, target: 'key' });
    } else if (ref.spec === ref.annotation) {
      ctx.report({ messageId: 'redundant', data: { ingress, class: ref.spec }, at, target: 'key' });
    } else {
      ctx.report({
        messageId: 'conflict',
        data: { ingress, annotation: ref.annotation, class: ref.spec },
        at,
        severity: 'error',
        related: [{ resource: ing, at: pointer('spec', 'ingressClassName'), message: `spec.ingressClassName: ${ref.spec}` }],
      });
    }
  },
});
