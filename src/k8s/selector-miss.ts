import type { FixReport, Report } from '../engine/rule.js';
import { formatLabels, type LabelSelector } from '../index/labels.js';
import { describeTemplate, type PodTemplateView } from '../index/pod-templates.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { WORKLOADS } from '../model/group-kinds.js';
import { escapeToken, joinPointer } from '../model/pointer.js';
import { extend } from './report-data.js';
import { closestTemplate, labelsOf, type ClosestTemplate } from './workloads.js';

/**
 * Pods a cluster runs itself in kube-system, never part of a repository: kubeadm's static
 * control-plane pods (labels `component: <name>`, `tier: control-plane` in the manifests kubeadm
 * writes to /etc/kubernetes/manifests; kind and kubeadm clusters), and the add-ons kubeadm installs,
 * CoreDNS (`k8s-app: kube-dns`) and kube-proxy (`k8s-app: kube-proxy`). A selector in kube-system that
 * only asks for their labels selects them (Prometheus discovery Services for the scheduler and the
 * controller manager, NetworkPolicies allowing DNS).
 */
const CLUSTER_PODS: readonly Readonly<Record<string, string>>[] = [
  ...['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((component) => ({ component, tier: 'control-plane' })),
  { 'k8s-app': 'kube-dns' },
  { 'k8s-app': 'kube-proxy' },
];

function selectsClusterPods(namespace: string, selector: LabelSelector): boolean {
  if (namespace !== 'kube-system' || selector.matchExpressions?.length) return false;
  const pairs = Object.entries(selector.matchLabels ?? {});
  return pairs.length > 0 && CLUSTER_PODS.some((labels) => pairs.every(([k, v]) => labels[k] === v));
}

interface SelectorMiss {
  namespace: string;
  selector: LabelSelector;
  /** Where to report: the selector. */
  at: string;
  /** The pointer of the equality pairs (a Service's selector, a LabelSelector's matchLabels). */
  pairsAt: string;
  /** The rule's own placeholders, besides the ones filled here. */
  base: Record<string, string | number>;
}

/**
 * Reports a selector that selects no pod template in its namespace, with the nearest fix (the rule
 * declares [WORKLOADS] in meta.references). Shared by
 * the rules whose messages have the ids otherNamespace ({template}, {otherNamespace}), noWorkloads,
 * closest ({template}, {labels}, {differences}; the one differing pair is marked and offered as a
 * quick fix) and noMatch ({templates}).
 */
export function reportSelectorMiss(index: ResourceIndex, report: (r: Report) => void, miss: SelectorMiss): void {
  const { namespace, selector, at, base } = miss;
  // A custom resource of the namespace evidently makes these pods (an operator kubewire has no table for).
  if (index.unknownProducerOfPods(namespace, selector.matchLabels ?? {})) return;
  // Pods the cluster itself runs in kube-system (CLUSTER_PODS).
  if (selectsClusterPods(namespace, selector)) return;
  // What was looked for: pods in the namespace. A template elsewhere that matches is evidence of its own.
  const missing = { kinds: [WORKLOADS], namespace };
  const elsewhere = index.templatesSelectedBy(null, selector);
  if (elsewhere.length > 0) {
    const t = elsewhere[0];
    const described = describeTemplate(t);
    report({
      messageId: 'otherNamespace',
      data: extend(base, 'template', described, 'otherNamespace', t.namespace),
      at,
      related: [{ resource: t.owner, at: t.labelsAt, message: `${described} (namespace ${t.namespace}) has ${labelsOf(t)}` }],
    });
    return;
  }
  const inNamespace = index.templatesIn(namespace);
  if (inNamespace.length === 0) {
    report({ messageId: 'noWorkloads', data: base, at, missing });
    return;
  }
  // The closest-template hint is exact for equality pairs only; with expressions, list the workloads.
  const closest = selector.matchExpressions?.length ? null : closestTemplate(index, namespace, selector.matchLabels ?? {});
  if (!closest) {
    report({ messageId: 'noMatch', data: extend(base, 'templates', listedIn(index, namespace, inNamespace)), at, missing });
    return;
  }
  const t = closest.template;
  const fix = closestValueFix(closest, miss.pairsAt);
  const described = describeTemplate(t);
  const labels = labelsOf(t);
  const data = extend(base, 'template', described, 'labels', labels);
  data.differences = closest.differences.join(', ');
  const r: Report = {
    messageId: 'closest',
    missing,
    data,
    at: closest.differingKeys.length === 1 ? joinPointer(miss.pairsAt, closest.differingKeys[0]) : at,
    related: [{ resource: t.owner, at: t.labelsAt, message: `closest pod template: ${described}${variantFile(index, t)} has ${labels}` }],
  };
  if (fix) r.fix = fix;
  report(r);
}

/** listTemplates of the templates of a namespace, made once per namespace and run (every selector there that misses names them). */
function listedIn(index: ResourceIndex, namespace: string, inNamespace: readonly PodTemplateView[]): string {
  const listed = index.memo('selector-miss:listed', () => new Map<string, string>());
  let text = listed.get(namespace);
  if (text === undefined) listed.set(namespace, (text = listTemplates(inNamespace)));
  return text;
}

/** `Deployment web (app=web), StatefulSet db (app=db) and 2 more`. */
export function listTemplates(templates: readonly PodTemplateView[], max = 3): string {
  if (templates.length === 0) return 'none';
  const names = templates.slice(0, max).map((t) => `${describeTemplate(t)} (${formatLabels(t.labels) || 'no labels'})`);
  return names.join(', ') + (templates.length > max ? ` and ${templates.length - max} more` : '');
}

/**
 * The quick fix for a selector that differs from its closest template in one value only: that
 * value, as a YAML scalar that stays a string.
 */
function closestValueFix(closest: Pick<ClosestTemplate, 'template' | 'differingKeys'>, pairsAt: string): FixReport | undefined {
  if (closest.differingKeys.length !== 1) return undefined;
  const key = closest.differingKeys[0];
  const value = closest.template.labels[key];
  if (value === undefined) return undefined;
  const plain = /^[A-Za-z][A-Za-z0-9._-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value);
  return {
    at: `${pairsAt}/${escapeToken(key)}`,
    replace: plain ? value : JSON.stringify(value),
    description: `Select ${key}=${value} (the label of ${closest.template.owner.kind} ${closest.template.owner.name})`,
  };
}

/** ` (in overlays/prod/deploy.yaml)` for a workload defined in several files: the variant compared against. */
export function variantFile(index: ResourceIndex, t: PodTemplateView): string {
  return !t.produced && index.variants(t.owner).length > 1 ? ` (in ${t.owner.source.file})` : '';
}
