import { defineRule } from '../../src/engine/rule.js';
import { fieldPath } from '../../src/schema/describe.js';

/** A rule's expression in a message: its first 60 characters. */
function shortRule(rule: string): string {
  const one = rule.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}

const FAILED: Record<string, 'failed' | 'failedForbidden' | 'failedRequired' | 'failedDuplicate'> = {
  FieldValueForbidden: 'failedForbidden',
  FieldValueRequired: 'failedRequired',
  FieldValueDuplicate: 'failedDuplicate',
};

export default defineRule({
  meta: {
    id: 'schema-cel-invalid',
    title: 'A validation rule (x-kubernetes-validations) of the CRD rejects the object',
    description:
      'Custom resources are checked against the CEL validation rules (x-kubernetes-validations) of their CustomResourceDefinition, as the API server checks them on create: the embedded Gateway API and Istio CRDs, the CRDs of the input and those listed under crds:. A rule that is false is an error at the field the rule names (fieldPath) or at the node that carries it, with the rule\'s message (or messageExpression). A rule that cannot be compiled or evaluated here is an info.',
    severity: 'error',
    category: 'schema',
    appliesTo: '*',
    messages: {
      failed: '{path}: {message}',
      failedForbidden: '{path}: Forbidden: {message}',
      failedRequired: '{path}: Required value: {message}',
      failedDuplicate: '{path}: Duplicate value: {message}',
      uncompiled: 'The validation rule `{rule}` at {path} ({source}) was not evaluated: it does not compile here: {problem}',
      unevaluated: 'The validation rule `{rule}` at {path} could not be evaluated: {problem}',
      cost: 'The validation rule `{rule}` at {path} was not evaluated: {problem}',
    },
    remediation:
      "Change the object so that the rule holds: the message says what the CRD requires (the Gateway API and Istio rules name the fields). If the rule is new to you, read it in the CRD's x-kubernetes-validations at the path shown.",
  },
  check(ctx) {
    const outcome = ctx.schema();
    if (outcome.status !== 'validated') return;
    const kind = ctx.resource.kind;
    for (const p of outcome.problems) {
      if (p.kind !== 'cel') continue;
      const path = fieldPath(p.at, kind);
      const rule = shortRule(p.rule);
      if (p.outcome === 'failed') {
        ctx.report({ messageId: FAILED[p.reason] ?? 'failed', data: { path, message: p.message, rule, reason: p.reason }, at: p.at });
      } else if (p.outcome === 'uncompiled') {
        // One info per rule and schema per run: the rule is the problem, not each object.
        const seen = ctx.index.memo('schema-cel-invalid:uncompiled', () => new Set<string>());
        const key = `${outcome.source}\u0000${p.rule}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({ messageId: 'uncompiled', data: { path, rule, source: outcome.source, problem: p.message }, at: p.at, severity: 'info' });
      } else {
        ctx.report({ messageId: p.outcome, data: { path, rule, problem: p.message }, at: p.at, severity: 'info' });
      }
    }
  },
});
