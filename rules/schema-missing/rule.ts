import { defineRule } from '../../src/engine/rule.js';
import { apiStatus, targetVersion } from '../../src/k8s/api-versions.js';
import { closest } from '../../src/text/closest.js';
import { pointer } from '../../src/model/pointer.js';

/** API groups of client-side configuration files that look like objects but have no API schema. */
const CLIENT_SIDE_GROUPS = new Set(['kustomize.config.k8s.io']);

export default defineRule({
  meta: {
    id: 'schema-missing',
    title: 'No schema is known for this apiVersion and kind',
    description:
      'The object could not be validated: neither the embedded Kubernetes schemas nor any --schema-location has a schema for its apiVersion and kind (a custom resource, an API of another Kubernetes release), or a schema location could not be read. Within a built-in API group, a kind that the group does not have but that is close to one it has is reported as an error: the API server answers "no matches for kind".',
    severity: 'info',
    category: 'schema',
    appliesTo: '*',
    messages: {
      noSchema: 'No schema for {apiVersion} {kind}{known}{tried}: not validated; add a --schema-location with its JSON schema to validate it',
      fetchFailed: 'Could not load the schema of {apiVersion} {kind} from {location}: {error}; not validated',
      unknownKind: 'API group {group} has no kind {kind}; did you mean {suggestion}?',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    // kustomization.yaml files are build instructions for kustomize, never sent to a cluster.
    if (CLIENT_SIDE_GROUPS.has(r.group)) return;
    const outcome = ctx.schema();
    if (outcome.status === 'validated') return;
    // An apiVersion the target release no longer serves has no schema there: api-version-removed says so.
    if (outcome.status === 'missing' && apiStatus(r.apiVersion, r.kind, targetVersion(ctx.settings.kubernetesVersion))?.state === 'removed') return;
    if (outcome.status === 'failed') {
      ctx.report({ messageId: 'fetchFailed', data: { apiVersion: r.apiVersion, kind: r.kind, location: outcome.location, error: outcome.error }, at: pointer('kind') });
      return;
    }
    const groupKinds = outcome.groupKinds;
    if (groupKinds.length > 0 && !groupKinds.some((k) => k.kind === r.kind)) {
      const near = closest(r.kind, new Set(groupKinds.map((k) => k.kind)));
      if (near) {
        ctx.report({
          messageId: 'unknownKind',
          data: { group: r.group || 'core (v1)', kind: r.kind, suggestion: near },
          at: pointer('kind'),
          severity: 'error',
          fix: { at: pointer('kind'), replace: near, description: `Replace with ${near}` },
        });
        return;
      }
    }
    const versions = groupKinds.filter((k) => k.kind === r.kind).map((k) => k.apiVersion);
    const known = versions.length ? ` (the embedded Kubernetes schemas have ${r.kind} as ${versions.join(', ')})` : '';
    const tried = outcome.tried.length ? ` (looked in ${outcome.tried.join(', ')})` : '';
    ctx.report({ messageId: 'noSchema', data: { apiVersion: r.apiVersion, kind: r.kind, known, tried }, at: pointer('kind') });
  },
});
