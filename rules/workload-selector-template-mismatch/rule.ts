import { defineRule } from '../../src/engine/rule.js';
import { ARGO_ROLLOUT, gk, isKind, isOneOf, type GroupKind, WORKLOADS } from '../../src/model/group-kinds.js';
import { formatLabels, formatSelector, matchesEquality, matchesSelector, stringMap, toLabelSelector } from '../../src/index/labels.js';
import { selectorProblem } from '../../src/k8s/network-policy.js';
import { isObject } from '../../src/model/resources.js';
import { joinPointer, pointer } from '../../src/model/pointer.js';
import type { JsonObject } from '../../src/model/types.js';

/** Kinds whose validation requires a non-empty selector matching the template labels (ValidateDeploymentSpec and its siblings). */
const SELECTOR_REQUIRED: readonly GroupKind[] = ['apps', 'extensions'].flatMap((g) =>
  ['Deployment', 'ReplicaSet', 'DaemonSet', ...(g === 'apps' ? ['StatefulSet'] : [])].map((k) => gk(g, k)),
);
const REPLICATION_CONTROLLER = gk('', 'ReplicationController');
const JOB = gk('batch', 'Job');

export default defineRule({
  meta: {
    id: 'workload-selector-template-mismatch',
    title: 'Workload selector that does not match its pod template',
    description:
      'A Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController, Job with manualSelector or Argo Rollout whose selector does not match the labels of its own pod template, or whose selector is empty or has an invalid matchExpression (In/NotIn without values, Exists/DoesNotExist with values, an unknown operator). The API server rejects the object ("selector does not match template labels"); the Rollout controller refuses to reconcile it.',
    severity: 'error',
    category: 'validity',
    appliesTo: [WORKLOADS],
    remediation:
      'Make spec.selector a subset of spec.template.metadata.labels (the selector of an existing Deployment, ReplicaSet, StatefulSet or DaemonSet is immutable: change the template labels, or recreate the object).',
    messages: {
      mismatch: '{kind} {name} selector {selector} does not match its template labels ({labels})',
      empty: '{kind} {name} has an empty selector, which the API server rejects; it must match the template labels ({labels})',
      invalidExpression: '{kind} {name} selector is invalid: {problem}',
    },
  },
  check(ctx) {
    const w = ctx.resource;
    const spec = isObject(w.value.spec) ? w.value.spec : null;
    if (!spec) return;
    // Each kind keeps its template at spec.template; a Rollout with workloadRef has none of its own.
    const judged =
      isOneOf(w, SELECTOR_REQUIRED) || isKind(w, REPLICATION_CONTROLLER) || (isKind(w, JOB) && spec.manualSelector === true) || isKind(w, ARGO_ROLLOUT);
    if (!judged) return;
    const template = isObject(spec.template) ? spec.template : null;
    if (!template) return;
    const meta = isObject(template.metadata) ? template.metadata : {};
    const labels = stringMap(meta.labels);
    const labelsText = formatLabels(labels) || 'none';
    const data = { kind: w.kind, name: w.name };
    const selAt = pointer('spec', 'selector');

    if (isKind(w, REPLICATION_CONTROLLER)) {
      // A map; when empty it defaults to the template labels.
      const sel = stringMap(spec.selector);
      if (Object.keys(sel).length === 0 || matchesEquality(sel, labels)) return;
      const key = Object.keys(sel).find((k) => labels[k] !== sel[k])!;
      ctx.report({ messageId: 'mismatch', data: { ...data, selector: formatLabels(sel), labels: labelsText }, at: joinPointer(selAt, key) });
      return;
    }
    if (spec.selector === undefined || spec.selector === null) return; // required field (schema), or defaulted from the template
    if (!isObject(spec.selector)) return; // schema-invalid
    // A selector written as a label map (`selector: {app: web}`): unknown fields, schema-unknown-field's to report.
    if (Object.keys(spec.selector).some((k) => k !== 'matchLabels' && k !== 'matchExpressions')) return;
    const problem = selectorProblem(spec.selector);
    if (problem) {
      ctx.report({ messageId: 'invalidExpression', data: { ...data, problem: problem.message }, at: joinPointer(selAt, ...problem.path) });
      return;
    }
    const sel = toLabelSelector(spec.selector);
    const empty = Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
    if (empty) {
      // Jobs and Rollouts do not reject an empty selector the same way; the built-in kinds do.
      if (isOneOf(w, SELECTOR_REQUIRED)) ctx.report({ messageId: 'empty', data: { ...data, labels: labelsText }, at: selAt });
      return;
    }
    if (matchesSelector(sel, labels)) return;
    ctx.report({ messageId: 'mismatch', data: { ...data, selector: formatSelector(sel), labels: labelsText }, at: firstFailing(spec.selector, sel, labels, selAt) });
  },
});

/** The selector entry that fails: a matchLabels key, else a matchExpression. */
function firstFailing(raw: JsonObject, sel: ReturnType<typeof toLabelSelector>, labels: Record<string, string>, selAt: string): string {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return joinPointer(selAt, 'matchLabels', k);
  const exprs = Array.isArray(raw.matchExpressions) ? raw.matchExpressions : [];
  for (let i = 0; i < exprs.length; i++) {
    if (!matchesSelector({ matchExpressions: toLabelSelector({ matchExpressions: [exprs[i]] }).matchExpressions }, labels)) {
      return joinPointer(selAt, 'matchExpressions', i);
    }
  }
  return selAt;
}
