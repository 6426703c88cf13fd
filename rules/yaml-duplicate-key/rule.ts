import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'yaml-duplicate-key',
    title: 'The same key twice in one mapping',
    description:
      'A mapping holds the same key twice. kubectl keeps the later value and silently drops the earlier one, so half of what was written never reaches the cluster.',
    severity: 'error',
    category: 'input',
    appliesTo: [],
    messages: {
      duplicate: 'Duplicate key "{key}": the later value silently replaces the earlier one; keep one of them',
    },
  },
  checkFile(ctx) {
    for (const p of ctx.file.problems) {
      if (p.kind === 'duplicate-key') ctx.report({ messageId: 'duplicate', data: { key: p.message }, range: p.range });
    }
  },
});
