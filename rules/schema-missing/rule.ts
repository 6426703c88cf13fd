import { defineRule } from '../../src/engine/rule.js';
import { apiStatus, targetVersion } from '../../src/k8s/api-versions.js';
import { closest } from '../../src/text/closest.js';
import { pointer } from '../../src/model/pointer.js';
import type { Resource } from '../../src/model/types.js';

/** API groups of client-side configuration files that look like objects but have no API schema. */
const CLIENT_SIDE_GROUPS = new Set(['kustomize.config.k8s.io']);

/** Per run: "apiVersion kind" → the first object of that type (input order) and how many there are. */
function typesOf(resources: readonly Resource[]): Map<string, { first: Resource; count: number }> {
  const out = new Map<string, { first: Resource; count: number }>();
  for (const r of resources) {
    const key = `${r.apiVersion} ${r.kind}`;
    const seen = out.get(key);
    if (seen) seen.count++;
    else out.set(key, { first: r, count: 1 });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'schema-missing',
    title: 'No schema is known for this apiVersion and kind',
    description:
      'The objects of an apiVersion and kind could not be validated: no CustomResourceDefinition of the input or of crds:, no embedded schema (Kubernetes release, Gateway API, Istio) and no --schema-location has a schema for them, or a schema location could not be read. One info per apiVersion and kind, on its first object. Within a built-in API group, a kind that the group does not have but that is close to one it has is reported on each object as an error: the API server answers "no matches for kind".',
    severity: 'info',
    category: 'schema',
    appliesTo: '*',
    messages: {
      noSchema: 'No schema for {apiVersion} {kind} ({count} in the input){known}{tried}: not validated; add its CRD (crds:, --crd)',
      experimentalOnly: '{apiVersion} {kind} ({count} in the input) is only in the Gateway API experimental channel: set gatewayApiChannel: experimental',
      fetchFailed: 'Could not load the schema of {apiVersion} {kind} from {location}: {error}; {count} not validated',
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
    const groupKinds = outcome.status === 'missing' ? outcome.groupKinds : [];
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
    // One info per apiVersion and kind: on its first object, counting the others.
    const type = ctx.index.memo('schema-missing:types', () => typesOf(ctx.index.resources)).get(`${r.apiVersion} ${r.kind}`);
    if (type && type.first !== r) return;
    const count = type?.count ?? 1;
    if (outcome.status === 'failed') {
      ctx.report({ messageId: 'fetchFailed', data: { apiVersion: r.apiVersion, kind: r.kind, location: outcome.location, error: outcome.error, count }, at: pointer('kind') });
      return;
    }
    if (outcome.inExperimentalChannel) {
      ctx.report({ messageId: 'experimentalOnly', data: { apiVersion: r.apiVersion, kind: r.kind, count }, at: pointer('kind') });
      return;
    }
    const versions = groupKinds.filter((k) => k.kind === r.kind).map((k) => k.apiVersion);
    const known = versions.length ? ` (the embedded schemas have ${r.kind} as ${versions.join(', ')})` : '';
    const tried = outcome.tried.length ? ` (looked in ${outcome.tried.join(', ')})` : '';
    ctx.report({ messageId: 'noSchema', data: { apiVersion: r.apiVersion, kind: r.kind, count, known, tried }, at: pointer('kind') });
  },
});
