import { defineRule } from '../../src/engine/rule.js';
import { closest } from '../../src/text/closest.js';
import { fieldPath, parentPointer } from '../../src/schema/describe.js';

const SHOWN_FIELDS = 12;

export default defineRule({
  meta: {
    id: 'schema-unknown-field',
    title: 'A field the Kubernetes schema does not define (a typo)',
    description:
      'The object has a field that the schema of its apiVersion and kind does not define, such as targetport for targetPort or contianers for containers. Clients with lenient field validation drop the field silently, so the setting never takes effect; strict validation rejects the object. Free-form maps (labels, annotations, ConfigMap data, fields marked x-kubernetes-preserve-unknown-fields) accept any key and are never flagged.',
    severity: 'error',
    category: 'schema',
    appliesTo: '*',
    messages: {
      unknownField: 'Unknown field "{field}" in {parent}; did you mean "{suggestion}"?',
      unknownFieldNoSuggestion: 'Unknown field "{field}" in {parent} (fields there: {known})',
    },
  },
  check(ctx) {
    const outcome = ctx.schema();
    if (outcome.status !== 'validated') return;
    for (const p of outcome.problems) {
      if (p.kind !== 'unknown') continue;
      const parent = fieldPath(parentPointer(p.at), ctx.resource.kind);
      const suggestion = closest(p.field, p.known);
      if (suggestion) {
        ctx.report({ messageId: 'unknownField', data: { field: p.field, parent, suggestion }, at: p.at, target: 'key' });
      } else {
        const known = [...p.known].sort();
        const shown = known.length > SHOWN_FIELDS ? `${known.slice(0, SHOWN_FIELDS).join(', ')}, …` : known.join(', ') || 'none';
        ctx.report({ messageId: 'unknownFieldNoSuggestion', data: { field: p.field, parent, known: shown }, at: p.at, target: 'key' });
      }
    }
  },
});
