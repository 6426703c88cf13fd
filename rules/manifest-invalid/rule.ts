import { defineRule } from '../../src/engine/rule.js';
import { holdsObjects, isManifest, isObject, toolOfDocument } from '../../src/model/resources.js';
import { pointer } from '../../src/model/pointer.js';
import type { JsonValue } from '../../src/model/types.js';

function typeName(v: JsonValue): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'null' : `a ${typeof v}`;
}

export default defineRule({
  meta: {
    id: 'manifest-invalid',
    title: 'A document that is not a well-formed Kubernetes object',
    description:
      'A document has kind but no apiVersion (or the reverse), a non-string apiVersion or kind, no metadata.name (and no generateName), or is a list or scalar in a file of manifests. kubectl rejects such documents. Documents with neither apiVersion nor kind (CI files), documents of client-side tools (kustomize, Skaffold, kind, kubeconfig…), tool files (Helm values, Chart.yaml) and kustomize patches are not Kubernetes objects and are skipped.',
    severity: 'error',
    category: 'input',
    appliesTo: [],
    messages: {
      noApiVersion: '{kind} has no apiVersion; add apiVersion (e.g. {example})',
      noKind: 'Document with apiVersion {apiVersion} has no kind',
      notString: '{field} must be a string, got {value}',
      noName: '{kind} has no metadata.name (and no metadata.generateName)',
      notMapping: 'Document {index} is {type}, not a mapping: every document of a manifest file must be one Kubernetes object',
    },
  },
  checkFile(ctx) {
    // Tool files and kustomize patches hold no objects; tool documents are not objects (src/model/resources.ts).
    if (!holdsObjects(ctx.file)) return;
    const docs = ctx.file.documents;
    const hasManifests = docs.some((d) => isManifest(d.value) && toolOfDocument(d.value) === null);
    for (const doc of docs) {
      const v = doc.value as JsonValue | undefined;
      if (v === null || v === undefined) continue; // an empty document
      if (!isObject(v)) {
        if (hasManifests) {
          ctx.report({ messageId: 'notMapping', data: { index: doc.index + 1, type: typeName(v) }, docIndex: doc.index, at: '' });
        }
        continue;
      }
      const items = typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items) ? v.items : null;
      const objects = items ? items.map((item, i) => ({ value: item, base: pointer('items', i) })) : [];
      objects.unshift({ value: v, base: '' });
      for (const { value, base } of objects) {
        if (!isObject(value)) continue;
        // null when absent or null.
        const apiVersion = 'apiVersion' in value ? value.apiVersion : null;
        const kind = 'kind' in value ? value.kind : null;
        const report = (messageId: string, at: string, data: Record<string, string | number>) =>
          ctx.report({ messageId, data, docIndex: doc.index, at: base + at });
        // Tool documents (kustomize, kind, kubeadm, component configs, a Chart.yaml's content…) are never objects.
        if (toolOfDocument(value) !== null) continue;
        if (apiVersion !== null && typeof apiVersion !== 'string') {
          report('notString', '/apiVersion', { field: 'apiVersion', value: JSON.stringify(apiVersion) });
          continue;
        }
        if (kind !== null && typeof kind !== 'string') {
          report('notString', '/kind', { field: 'kind', value: JSON.stringify(kind) });
          continue;
        }
        if (apiVersion === null || kind === null) {
          // Neither: not a manifest (CI file, Helm values), skipped.
          if (kind !== null) report('noApiVersion', '/kind', { kind, example: exampleApiVersion(kind) });
          else if (apiVersion !== null) report('noKind', '/apiVersion', { apiVersion });
          continue;
        }
        if (items && base === '') continue; // the List wrapper itself needs no name
        const meta = isObject(value.metadata) ? value.metadata : null;
        const named = meta && ((typeof meta.name === 'string' && meta.name !== '') || typeof meta.generateName === 'string');
        if (!named) report('noName', meta ? '/metadata' : '/kind', { kind });
      }
    }
  },
});

const EXAMPLES: Record<string, string> = {
  Service: 'v1', Pod: 'v1', ConfigMap: 'v1', Secret: 'v1', Namespace: 'v1', ServiceAccount: 'v1',
  Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', ReplicaSet: 'apps/v1',
  Job: 'batch/v1', CronJob: 'batch/v1', Ingress: 'networking.k8s.io/v1', NetworkPolicy: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1', HTTPRoute: 'gateway.networking.k8s.io/v1', Gateway: 'gateway.networking.k8s.io/v1',
};

function exampleApiVersion(kind: string): string {
  return EXAMPLES[kind] ?? 'v1';
}
