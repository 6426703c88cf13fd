import type { LabelSelector, LabelSelectorRequirement, Labels } from './labels.js';
import type { PodMaker, PodTemplateView } from './pod-templates.js';

/**
 * Labels that controllers add to the pods they create, beyond the template's own labels. A selector
 * that uses one of them matches the pods of the controllers that add it:
 *
 * | label | added by | a selector value matches when |
 * |---|---|---|
 * | `statefulset.kubernetes.io/pod-name` | StatefulSet | it is `<name>-<ordinal>` with ordinal ≥ `spec.ordinals.start` (default 0) |
 * | `apps.kubernetes.io/pod-index` | StatefulSet (1.28+) | it is a decimal ordinal ≥ `spec.ordinals.start` |
 * | `controller-revision-hash` | StatefulSet, DaemonSet | always (a hash computed at run time) |
 * | `pod-template-generation` | DaemonSet | always |
 * | `pod-template-hash` | Deployment (through its ReplicaSets) | always |
 * | `rollouts-pod-template-hash` | Argo Rollouts | always |
 * | `batch.kubernetes.io/job-name`, `job-name` | Job, CronJob | it is the Job's name; for a CronJob `<name>-<digits>` (its Jobs' names) |
 * | `batch.kubernetes.io/controller-uid`, `controller-uid` | Job, CronJob | always (the Job's uid) |
 *
 * Sources: Kubernetes "Well-Known Labels, Annotations and Taints"
 * (https://kubernetes.io/docs/reference/labels-annotations-taints/: statefulset.kubernetes.io/pod-name,
 * apps.kubernetes.io/pod-index, batch.kubernetes.io/job-name, batch.kubernetes.io/controller-uid,
 * controller-revision-hash, pod-template-hash), the StatefulSet concepts page ("Pod Name Label",
 * "Pod index label"), the Job concepts page (the legacy `job-name` and `controller-uid` labels) and
 * the CronJob controller (Job names `<cronjob>-<scheduled time in minutes>`); Argo Rollouts adds
 * `rollouts-pod-template-hash` (https://argoproj.github.io/argo-rollouts/features/specification/).
 *
 * The upper bound of a StatefulSet ordinal (`replicas`) is not judged: replicas change at run time
 * (kubectl scale, an autoscaler, an overlay's patch), so `web-3` selects a pod of StatefulSet `web`
 * whatever its `replicas` says. A selector value of one of these labels matches nothing on the pods of
 * other controllers (a Deployment's pods have no `statefulset.kubernetes.io/pod-name`).
 */
const CONTROLLER_LABELS: Record<string, (m: PodMaker, value: string) => boolean> = {
  'statefulset.kubernetes.io/pod-name': (m, v) =>
    m.kind === 'StatefulSet' && v.startsWith(`${m.name}-`) && isOrdinal(v.slice(m.name.length + 1), m.ordinalStart),
  'apps.kubernetes.io/pod-index': (m, v) => m.kind === 'StatefulSet' && isOrdinal(v, m.ordinalStart),
  'controller-revision-hash': (m) => m.kind === 'StatefulSet' || m.kind === 'DaemonSet',
  'pod-template-generation': (m) => m.kind === 'DaemonSet',
  'pod-template-hash': (m) => m.kind === 'Deployment',
  'rollouts-pod-template-hash': (m) => m.kind === 'Rollout',
  'batch.kubernetes.io/job-name': jobName,
  'job-name': jobName,
  'batch.kubernetes.io/controller-uid': (m) => m.kind === 'Job' || m.kind === 'CronJob',
  'controller-uid': (m) => m.kind === 'Job' || m.kind === 'CronJob',
};

function jobName(m: PodMaker, v: string): boolean {
  if (m.kind === 'Job') return v === m.name;
  return m.kind === 'CronJob' && v.startsWith(`${m.name}-`) && /^\d+$/.test(v.slice(m.name.length + 1));
}

function isOrdinal(s: string, start: number): boolean {
  return /^(0|[1-9]\d*)$/.test(s) && Number(s) >= start;
}

/** Whether a label key is one that controllers set on pods. */
export function isControllerLabel(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONTROLLER_LABELS, key);
}

/** Whether the pods of `t` carry label `key` with `value`: a controller label, or the template's own label. */
export function podHasLabel(t: PodTemplateView, key: string, value: string): boolean {
  if (isControllerLabel(key)) return t.maker !== null && CONTROLLER_LABELS[key](t.maker, value);
  return t.labels[key] === value;
}

/** Whether the pods of `t` carry label `key` at all. */
function podHasKey(t: PodTemplateView, key: string): boolean {
  if (isControllerLabel(key)) return t.maker !== null && CONTROLLER_LABELS[key](t.maker, anyValue(t.maker, key));
  return Object.prototype.hasOwnProperty.call(t.labels, key);
}

/** A value the controller would set, to test whether it sets the key at all. */
function anyValue(m: PodMaker, key: string): string {
  if (key === 'statefulset.kubernetes.io/pod-name') return `${m.name}-${m.ordinalStart}`;
  if (key === 'apps.kubernetes.io/pod-index') return String(m.ordinalStart);
  if (key === 'batch.kubernetes.io/job-name' || key === 'job-name') return m.kind === 'CronJob' ? `${m.name}-0` : m.name;
  return 'x';
}

/** An equality selector (a Service's) against the pods of `t`, controller labels included. */
export function podsMatchEquality(t: PodTemplateView, selector: Labels): boolean {
  for (const k in selector) if (!podHasLabel(t, k, selector[k])) return false;
  return true;
}

/** A full label selector against the pods of `t`, controller labels included. */
export function podsMatchSelector(t: PodTemplateView, sel: LabelSelector): boolean {
  if (sel.matchLabels && !podsMatchEquality(t, sel.matchLabels)) return false;
  return (sel.matchExpressions ?? []).every((e) => matchesRequirement(t, e));
}

function matchesRequirement(t: PodTemplateView, e: LabelSelectorRequirement): boolean {
  const values = e.values ?? [];
  const has = podHasKey(t, e.key);
  switch (e.operator) {
    case 'In':
      return values.some((v) => podHasLabel(t, e.key, v));
    case 'NotIn':
      // A controller label's value differs from pod to pod (or is a hash): some pod is not excluded.
      return !has || (isControllerLabel(e.key) ? true : !values.includes(t.labels[e.key]));
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An unknown operator is invalid; the API server rejects it, so it selects nothing.
      return false;
  }
}
