import { defineRule } from '../../src/engine/rule.js';

const LINE_ONE = { line: 1, column: 1, endLine: 1, endColumn: 2 };

export default defineRule({
  meta: {
    id: 'input-build-failed',
    title: 'A Kustomize root or Helm chart that its tool fails to build',
    description:
      'kubewire builds each Kustomize root with kustomize (or kubectl kustomize) and renders each Helm chart with helm template. When the tool rejects the input, nothing of it can reach the cluster: one finding, at line 1 of the kustomization file or Chart.yaml, with the tool\'s own message.',
    severity: 'error',
    category: 'input',
    appliesTo: [],
    messages: {
      failed: '{command} failed: {message}',
    },
    remediation:
      'Run the command shown and fix what the tool reports (a missing resource file, a patch for an object the root does not hold, a template error). A failure caused by the environment (remote resources, plugins) is an info of input-not-rendered instead.',
  },
  checkFile(ctx) {
    const role = ctx.file.role;
    if ((role?.kind === 'chart' || role?.kind === 'kustomization') && role.render?.status === 'failed') {
      ctx.report({ messageId: 'failed', data: { command: role.render.command, message: role.render.message }, range: LINE_ONE });
    }
  },
});
