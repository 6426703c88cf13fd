import { defineRule } from '../../src/engine/rule.js';
import { isObject } from '../../src/model/resources.js';

const LINE_ONE = { line: 1, column: 1, endLine: 1, endColumn: 2 };

export default defineRule({
  meta: {
    id: 'input-not-rendered',
    title: 'A Helm chart or Kustomize root linted without its tool',
    description:
      'A folder with Chart.yaml is a Helm chart and a folder with kustomization.yaml is a Kustomize root: what reaches the cluster is their output. When helm or kustomize is not found (or rendering is off), or a chart\'s dependencies are missing, kubewire cannot produce it: a chart\'s templates are not linted; a root\'s resources are linted as plain YAML and its patches are not. One note per chart and per root says so.',
    severity: 'info',
    category: 'input',
    appliesTo: [],
    messages: {
      chart: 'Helm chart {name} was not rendered: its templates are not linted; to lint them: helm template {dir} | kubewire lint -',
      root: 'Kustomize root {dir} was not built: resources linted as plain YAML, patches skipped; to lint the build: kustomize build {dir} | kubewire lint -',
      skipped: '{dir} was not rendered ({command}): {reason}',
    },
    remediation:
      'Put helm and kustomize (or kubectl) on PATH and kubewire renders charts and builds roots itself; for missing chart dependencies run `helm dependency build <chart>`. Or lint what the tool produces: `helm template <release> <chart> -f <values> | kubewire lint -`, `kustomize build <root> | kubewire lint -`. Turn this rule off to silence the note.',
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
  },
});
