import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_CLASS } from '../../src/model/group-kinds.js';
import { DEFAULT_CLASS_ANNOTATION, ingressClasses, isDefaultIngressClass, isIngressClass } from '../../src/k8s/ingress.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'ingress-class-multiple-defaults',
    title: 'More than one IngressClass is marked default',
    description:
      'Several IngressClasses carry ingressclass.kubernetes.io/is-default-class: "true". With more than one default, the admission controller refuses to create Ingresses that do not name a class.',
    severity: 'error',
    category: 'validity',
    appliesTo: [INGRESS_CLASS],
    messages: {
      multiple:
        'IngressClass {name} is marked default, as {others} is: with several defaults the API server refuses new Ingresses without ingressClassName',
    },
  },
  check(ctx) {
    const ic = ctx.resource;
    if (!isIngressClass(ic) || !isDefaultIngressClass(ic)) return;
    const classes = ingressClasses(ctx.index);
    // Copies of the same class (another file, or v1beta1 and v1) are one object: judge the first only.
    if (!classes.includes(ic)) return;
    const defaults = ctx.index.memo('ingress-class-multiple-defaults:defaults', () => classes.filter((c) => isDefaultIngressClass(c)));
    const count = defaults.length - 1;
    if (count <= 0) return;
    // Name and relate the first few others; count the rest (N defaults stay linear, the report bounded).
    const others = defaults.filter((c) => c !== ic).slice(0, 5);
    const names = others.slice(0, 3).map((c) => `IngressClass ${c.name}`);
    ctx.report({
      messageId: 'multiple',
      data: { name: ic.name, others: count <= 3 ? names.join(', ') : `${names.join(', ')} and ${count - 3} more` },
      at: pointer('metadata', 'annotations', DEFAULT_CLASS_ANNOTATION),
      related: others.map((c) => ({ resource: c, at: pointer('metadata', 'annotations', DEFAULT_CLASS_ANNOTATION), message: `IngressClass ${c.name} is marked default too` })),
    });
  },
});
