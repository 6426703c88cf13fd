import { defineRule } from '../../src/engine/rule.js';
import { joinPointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';
import { describeAllowed, describeTypes, describeValue, fieldPath } from '../../src/schema/describe.js';

export default defineRule({
  meta: {
    id: 'schema-invalid',
    title: 'A field has the wrong type, a bad value, or a required field is missing',
    description:
      'The object does not validate against the Kubernetes API schema of its apiVersion and kind (the embedded schemas of the target Kubernetes release, or a schema from --schema-location): a field of the wrong type (a name where a port number is required, an unquoted yes/no/on/off that YAML 1.1 reads as a boolean where a string is required), a value outside the allowed set, or a missing required field. The API server rejects such an object, so the deploy fails.',
    severity: 'error',
    category: 'schema',
    appliesTo: '*',
    messages: {
      type: '{path} must be {expected}, got {actual}',
      quoteBoolean:
        '{path} must be a string, got boolean {value}: quote it; unquoted yes/no/on/off/true/false are booleans in YAML 1.1, which Kubernetes reads',
      quoteNumber: '{path} must be a string, got number {value}: quote it ("{value}")',
      required: '{path} is missing the required field "{field}"',
      enum: '{path} must be one of {allowed}, got {actual}{suggestion}',
      other: '{path} {problem}',
      format: '{path} must have format {formats}, got {actual}',
    },
  },
  check(ctx) {
    const outcome = ctx.schema();
    if (outcome.status !== 'validated') return;
    const kind = ctx.resource.kind;
    for (const p of outcome.problems) {
      const path = fieldPath(p.at, kind);
      if (p.kind === 'type' && p.allowed) {
        ctx.report({
          messageId: 'enum',
          data: { path, allowed: describeAllowed(p.allowed), actual: describeValue(p.value), suggestion: '' },
          at: p.at,
        });
      } else if (p.kind === 'type') {
        const wantsString = p.expected.includes('string');
        if (wantsString && typeof p.value === 'boolean') {
          ctx.report({ messageId: 'quoteBoolean', data: { path, value: String(p.value) }, at: p.at });
        } else if (wantsString && typeof p.value === 'number') {
          ctx.report({ messageId: 'quoteNumber', data: { path, value: String(p.value) }, at: p.at });
        } else {
          ctx.report({ messageId: 'type', data: { path, expected: describeTypes(p.expected), actual: describeValue(p.value) }, at: p.at });
        }
      } else if (p.kind === 'required') {
        // At the absent field's pointer (located at its object): a semantic finding about the same field wins (precedence.ts).
        ctx.report({ messageId: 'required', data: { path, field: p.field }, at: joinPointer(p.at, p.field), target: 'key' });
      } else if (p.kind === 'enum') {
        const strings = p.allowed.filter((a): a is string => typeof a === 'string');
        const near = typeof p.value === 'string' ? closest(p.value, strings) : null;
        ctx.report({
          messageId: 'enum',
          data: { path, allowed: describeAllowed(p.allowed), actual: describeValue(p.value), suggestion: near ? `; did you mean "${near}"?` : '' },
          at: p.at,
          ...(near ? { fix: { at: p.at, replace: near, description: `Replace with ${near}` } } : {}),
        });
      } else if (p.kind === 'format') {
        // A capitalised word where an address, a date or base64 goes is a placeholder a script
        // replaces (caBundle: "CRT", then sed s/CRT/$CERT/), not an attempt at the value.
        if (/^[A-Z][A-Z0-9_]*$/.test(p.value)) continue;
        ctx.report({ messageId: 'format', data: { path, formats: p.formats.join(' or '), actual: describeValue(p.value) }, at: p.at });
      } else if (p.kind === 'other') {
        ctx.report({ messageId: 'other', data: { path, problem: p.message }, at: p.at });
      }
    }
  },
});
