import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_KINDS } from '../../src/model/group-kinds.js';
import { describeIngress, ingressClasses, ingressClassOf, isDefaultIngressClass, isIngress } from '../../src/k8s/ingress.js';
import { isObject } from '../../src/model/resources.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'ingress-class-missing',
    title: 'Ingress has no class and the input has no default IngressClass',
    description:
      'The Ingress sets neither spec.ingressClassName nor the kubernetes.io/ingress.class annotation, and no IngressClass in the input is marked default (ingressclass.kubernetes.io/is-default-class: "true"). Which controller serves it then depends on the cluster: with no default class, current controllers ignore it.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: INGRESS_KINDS,
    messages: {
      missing: '{ingress} has no ingressClassName and the input holds no IngressClass: set spec.ingressClassName or rely on a cluster default',
      noDefault: '{ingress} has no ingressClassName and no IngressClass of the input is the default: set spec.ingressClassName to {classes}',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing) || ingressClassOf(ing).name !== null) return;
    const classes = ingressClasses(ctx.index);
    if (classes.some((ic) => isDefaultIngressClass(ic, true))) return;
    const names = classes.map((c) => c.name).sort();
    ctx.report({
      messageId: classes.length === 0 ? 'missing' : 'noDefault',
      // Without any IngressClass in the input, the cluster decides (GKE's default gce controller, a
      // default class installed with the controller): a fact to know, not evidence of a fault.
      ...(classes.length === 0 ? { severity: 'info' as const } : {}),
      data: { ingress: describeIngress(ing), classes: names.length <= 3 ? names.join(' or ') : `one of ${names.slice(0, 3).join(', ')}, …` },
      at: isObject(ing.value.spec) ? pointer('spec') : '',
      target: 'key',
    });
  },
});
