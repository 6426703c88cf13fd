import { defineRule } from '../../src/engine/rule.js';

const MESSAGE_OF_KIND = {
  syntax: 'syntax',
  aliases: 'aliases',
  helm: 'helm',
  variables: 'variables',
  binary: 'binary',
  encoding: 'encoding',
  'too-large': 'tooLarge',
} as const;

export default defineRule({
  meta: {
    id: 'yaml-syntax-error',
    title: 'YAML that does not parse',
    description:
      'The file (or one document of it) is not valid YAML, so kubectl would refuse it. Also reported: Helm templates that must be rendered first, envsubst templates (`port: ${PORT}`) that must be substituted first, alias bombs, binary and non-UTF-8 files and files over the size limit, which are not linted.',
    severity: 'error',
    category: 'input',
    appliesTo: [],
    messages: {
      syntax: 'YAML syntax error: {detail}',
      aliases: 'Too many YAML aliases to expand ({detail}); the document looks like an alias bomb and was not linted',
      helm: 'Helm template syntax {detail} is not YAML: render it first: helm template <release> <chart> | kubewire lint -',
      variables: 'Template variable {detail} stands for a value, so the file is not linted: substitute it first: envsubst < FILE | kubewire lint -',
      binary: 'Not a text file (it contains NUL bytes); not linted',
      encoding: 'Not UTF-8 text ({detail}); save it as UTF-8 to lint it',
      tooLarge: 'File too large to lint ({detail}); skipped',
    },
  },
  checkFile(ctx) {
    for (const p of ctx.file.problems) {
      if (p.kind === 'duplicate-key') continue;
      // A tool's file (Helm values templated by helmfile, say) may hold template actions: its tool reads it, not Kubernetes.
      if ((p.kind === 'helm' || p.kind === 'variables') && ctx.file.role !== undefined) continue;
      // An envsubst template is not broken, only not linted until substituted: an info.
      ctx.report({ messageId: MESSAGE_OF_KIND[p.kind], data: { detail: p.message }, range: p.range, ...(p.kind === 'variables' ? { severity: 'info' as const } : {}) });
    }
  },
});
