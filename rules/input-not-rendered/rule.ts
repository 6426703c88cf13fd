import { defineRule } from '../../src/engine/rule.js';
import { isObject } from '../../src/model/resources.js';

const LINE_ONE = { line: 1, column: 1, endLine: 1, endColumn: 2 };

export default defineRule({
  meta: {
    id: 'input-not-rendered',
    title: 'A Helm chart or Kustomize root linted without its tool',
    description:
      'A folder with Chart.yaml is a Helm chart and a folder with kustomization.yaml is a Kustomize root: what reaches the cluster is their output, which kubewire does not produce. A chart\'s templates are not linted; a root\'s resources are linted as plain YAML and its patches are not. One note per chart and per root says so and how to lint the output.',
    severity: 'info',
    category: 'input',
    appliesTo: [],
    messages: {
      chart: 'Helm chart {name} was not rendered: its templates are not linted; to lint them: helm template {dir} | kubewire lint -',
      root: 'Kustomize root {dir} was not built: resources linted as plain YAML, patches skipped; to lint the build: kustomize build {dir} | kubewire lint -',
    },
    remediation:
      'Lint what the tool produces: `helm template <release> <chart> -f <values> | kubewire lint -` for a chart, `kustomize build <root> | kubewire lint -` (or `kubectl kustomize`) for a Kustomize root. Turn this rule off to silence the note.',
  },
  checkFile(ctx) {
    const role = ctx.file.role;
    if (role?.kind === 'chart') {
      const chart = ctx.file.documents[0]?.value;
      const name = isObject(chart) && typeof chart.name === 'string' && chart.name !== '' ? chart.name : role.dir;
      ctx.report({ messageId: 'chart', data: { name, dir: role.dir }, range: LINE_ONE });
    } else if (role?.kind === 'kustomization') {
      ctx.report({ messageId: 'root', data: { dir: role.dir }, range: LINE_ONE });
    }
  },
});
