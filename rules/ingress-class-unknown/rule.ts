import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_CLASS, INGRESS_KINDS } from '../../src/model/group-kinds.js';
import { describeIngress, ingressClasses, ingressClassOf, isIngress } from '../../src/k8s/ingress.js';
import { pointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

/** What a report on a missing IngressClass looks for (one list for every report). */
const CLASS_KINDS = [INGRESS_CLASS] as const;

export default defineRule({
  meta: {
    id: 'ingress-class-unknown',
    title: 'Ingress class names no IngressClass',
    description:
      'spec.ingressClassName names an IngressClass that is not in the input. No controller claims the Ingress: it gets no address and serves nothing.',
    severity: 'error',
    category: 'wiring',
    appliesTo: INGRESS_KINDS,
    references: [INGRESS_CLASS],
    messages: {
      unknown: '{ingress} ingressClassName {class} names no IngressClass (the input has {classes})',
      closest: '{ingress} ingressClassName {class} names no IngressClass; did you mean {suggestion}?',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing)) return;
    const name = ingressClassOf(ing).spec;
    if (name === null) return;
    const classes = ingressClasses(ctx.index);
    for (const c of classes) if (c.name === name) return;
    const missing = { kinds: CLASS_KINDS, namespace: null, name };
    const at = pointer('spec', 'ingressClassName');
    const suggestion = closest(name, classes.map((c) => c.name));
    if (suggestion !== null) {
      const ic = classes.find((c) => c.name === suggestion)!;
      ctx.report({
        messageId: 'closest',
        missing,
        data: { ingress: describeIngress(ing), class: name, suggestion },
        at,
        related: [{ resource: ic, at: '/metadata/name', message: `IngressClass ${suggestion}` }],
        fix: { at, replace: suggestion, description: `Use IngressClass ${suggestion}` },
      });
      return;
    }
    ctx.report({
      messageId: 'unknown',
      missing,
      data: { ingress: describeIngress(ing), class: name, classes: classes.length > 0 ? classes.map((c) => c.name).join(', ') : 'none' },
      at,
    });
  },
});
