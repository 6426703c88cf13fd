import { defineRule } from '../../src/engine/rule.js';
import { isObject } from '../../src/model/resources.js';

const LINE_ONE = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/** The template problems of the loader (src/load/template.ts), by messageId. */
const MESSAGE_OF_TEMPLATE = {
  helm: 'helm',
  'go-template': 'goTemplate',
  placeholder: 'placeholder',
  variables: 'variables',
} as const;

export default defineRule({
  meta: {
    id: 'input-not-rendered',
    title: 'A template, Helm chart or Kustomize root linted without its tool',
    description:
      'A folder with Chart.yaml is a Helm chart and a folder with kustomization.yaml is a Kustomize root: what reaches the cluster is their output. When helm or kustomize is not found (or rendering is off), or a chart\'s dependencies are missing, kubewire cannot produce it: a chart\'s templates are not linted; a root\'s resources are linted as plain YAML and its patches are not. A file outside a chart that is a template (Go template actions, `{PLACEHOLDER}` tokens, envsubst variables) is not linted either. One note per chart, per root and per template file says so and how to lint the output.',
    severity: 'info',
    category: 'input',
    appliesTo: [],
    messages: {
      chart: 'Helm chart {name} was not rendered: its templates are not linted; to lint them: helm template {dir} | kubewire lint -',
      root: 'Kustomize root {dir} not built: resources linted as plain YAML, patches not applied; to lint it: kustomize build {dir} | kubewire lint -',
      helm: 'Helm template syntax {detail}: the file is a template, not linted; render it first: helm template <release> <chart> | kubewire lint -',
      goTemplate: 'Go template syntax {detail}: the file is a template, not linted; lint the output of the tool that renders it',
      placeholder: 'Placeholder {detail} stands for a value: the file is a template, not linted; lint it once the placeholders are filled in',
      variables: 'Template variable {detail} stands for a value, so the file is not linted: substitute it first: envsubst < FILE | kubewire lint -',
      skipped: '{dir} was not rendered ({command}): {reason}',
    },
    remediation:
      'Put helm and kustomize (or kubectl) on PATH and kubewire renders charts and builds roots itself; for missing chart dependencies run `helm dependency build <chart>`. Or lint what the tool produces: `helm template <release> <chart> -f <values> | kubewire lint -` for a chart, `kustomize build <root> | kubewire lint -` (or `kubectl kustomize`) for a Kustomize root, `envsubst < FILE | kubewire lint -` or the output of the script that fills in a template. Turn this rule off to silence the note.',
  },
  checkFile(ctx) {
    const role = ctx.file.role;
    // Rendered, or judged through a root or chart that includes it: nothing to note; a failure is input-build-failed's.
    if ((role?.kind === 'chart' || role?.kind === 'kustomization') && role.render !== undefined) {
      if (role.render.status === 'skipped') ctx.report({ messageId: 'skipped', data: { dir: role.dir, command: role.render.command, reason: role.render.reason }, range: LINE_ONE });
      return;
    }
    if (role?.kind === 'chart') {
      const chart = ctx.file.documents[0]?.value;
      const name = isObject(chart) && typeof chart.name === 'string' && chart.name !== '' ? chart.name : role.dir;
      ctx.report({ messageId: 'chart', data: { name, dir: role.dir }, range: LINE_ONE });
    } else if (role?.kind === 'kustomization') {
      ctx.report({ messageId: 'root', data: { dir: role.dir }, range: LINE_ONE });
    }
    // A tool's file (Helm values templated by helmfile, say) may hold template actions: its tool reads it, not Kubernetes.
    if (role !== undefined) return;
    for (const p of ctx.file.problems) {
      if (p.kind in MESSAGE_OF_TEMPLATE) {
        ctx.report({ messageId: MESSAGE_OF_TEMPLATE[p.kind as keyof typeof MESSAGE_OF_TEMPLATE], data: { detail: p.message }, range: p.range });
      }
    }
  },
});
