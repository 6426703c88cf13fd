import { defineRule } from '../../src/engine/rule.js';
import { apiStatus, describeReplacement, targetVersion } from '../../src/k8s/api-versions.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'api-version-deprecated',
    title: 'API version deprecated in the target Kubernetes version',
    description:
      'The object uses an apiVersion that the target Kubernetes release (settings.kubernetesVersion) still serves but has deprecated: the API server answers with a warning, and a later release stops serving it. The message names the release that removes it and the replacement; the README lists the field changes.',
    severity: 'warning',
    category: 'deprecation',
    appliesTo: '*',
    remediation:
      'Change apiVersion to the replacement the message names and apply the field changes listed in the README.',
    messages: {
      deprecated:
        '{apiVersion} {kind} is deprecated since Kubernetes {deprecatedIn}, removed in {removedIn} (target {target}): use {replacement}',
      deprecatedChanged:
        '{apiVersion} {kind} is deprecated since {deprecatedIn}, removed in {removedIn} (target {target}): use {replacement} and migrate its fields',
      deprecatedKept: '{apiVersion} {kind} is deprecated since Kubernetes {deprecatedIn} (target {target}): use {replacement}',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const target = targetVersion(ctx.settings.kubernetesVersion);
    const status = apiStatus(r.apiVersion, r.kind, target);
    if (status?.state !== 'deprecated') return;
    const { entry } = status;
    const data = {
      apiVersion: r.apiVersion,
      kind: r.kind,
      deprecatedIn: entry.deprecatedIn,
      target,
      replacement: describeReplacement(entry, r.kind),
    };
    if (entry.removedIn !== undefined) {
      ctx.report({ messageId: entry.changes.length > 0 ? 'deprecatedChanged' : 'deprecated', data: { ...data, removedIn: entry.removedIn }, at: pointer('apiVersion') });
    } else {
      ctx.report({ messageId: 'deprecatedKept', data, at: pointer('apiVersion') });
    }
  },
});
