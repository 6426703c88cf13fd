import { defineRule } from '../../src/engine/rule.js';
import { apiStatus, describeReplacement, targetVersion } from '../../src/k8s/api-versions.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'api-version-removed',
    title: 'API version no longer served by the target Kubernetes version',
    description:
      'The object uses an apiVersion that the target Kubernetes release (settings.kubernetesVersion) no longer serves, such as extensions/v1beta1 or networking.k8s.io/v1beta1 Ingress (removed in 1.22) or policy/v1beta1 PodDisruptionBudget (removed in 1.25). kubectl apply fails with "no matches for kind". The message names the replacement; the README lists the field changes the migration needs.',
    severity: 'error',
    category: 'deprecation',
    appliesTo: '*',
    messages: {
      removed: '{apiVersion} {kind} is no longer served since Kubernetes {removedIn} (target {target}): use {replacement}',
      removedChanged:
        '{apiVersion} {kind} is no longer served since Kubernetes {removedIn} (target {target}): use {replacement} and migrate its fields',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const target = targetVersion(ctx.settings.kubernetesVersion);
    const status = apiStatus(r.apiVersion, r.kind, target);
    if (status?.state !== 'removed') return;
    const { entry } = status;
    const replacement = entry.replacement;
    // A plain apiVersion swap is a safe fix; with field changes (or a kind change) it would leave an invalid object.
    const fixable = 'apiVersion' in replacement && replacement.kind === undefined && entry.changes.length === 0;
    ctx.report({
      messageId: entry.changes.length > 0 ? 'removedChanged' : 'removed',
      data: {
        apiVersion: r.apiVersion,
        kind: r.kind,
        removedIn: entry.removedIn!,
        target,
        replacement: describeReplacement(entry, r.kind),
      },
      at: pointer('apiVersion'),
      ...(fixable ? { fix: { at: pointer('apiVersion'), replace: replacement.apiVersion, description: `Use ${replacement.apiVersion}` } } : {}),
    });
  },
});
