import { defineRule } from '../../src/engine/rule.js';

const MESSAGE_OF_KIND = {
  syntax: 'syntax',
  aliases: 'aliases',
  binary: 'binary',
  encoding: 'encoding',
  'too-large': 'tooLarge',
} as const;

export default defineRule({
  meta: {
    id: 'yaml-syntax-error',
    title: 'YAML that does not parse',
    description:
      'The file (or one document of it) is not valid YAML, so kubectl would refuse it. Also reported: alias bombs, binary and non-UTF-8 files and files over the size limit, which are not linted. Templates (Go templates, placeholders, envsubst) are not broken YAML: input-not-rendered notes them.',
    severity: 'error',
    category: 'input',
    appliesTo: [],
    messages: {
      syntax: 'YAML syntax error: {detail}',
      aliases: 'Too many YAML aliases to expand ({detail}); the document looks like an alias bomb and was not linted',
      binary: 'Not a text file (it contains NUL bytes); not linted',
      encoding: 'Not UTF-8 text ({detail}); save it as UTF-8 to lint it',
      tooLarge: 'File too large to lint ({detail}); skipped',
    },
  },
  checkFile(ctx) {
    for (const p of ctx.file.problems) {
      // Duplicate keys are yaml-duplicate-key's; templates are input-not-rendered's.
      if (!(p.kind in MESSAGE_OF_KIND)) continue;
      ctx.report({ messageId: MESSAGE_OF_KIND[p.kind as keyof typeof MESSAGE_OF_KIND], data: { detail: p.message }, range: p.range });
    }
  },
});
