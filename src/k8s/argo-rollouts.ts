/** Argo Rollouts (argoproj.io/v1alpha1 Rollout): the Services and traffic-routing objects a Rollout names. */
import { stringMap, type Labels } from '../index/labels.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { isObject } from '../model/resources.js';
import { pointer } from '../model/pointer.js';
import type { JsonObject, Resource } from '../model/types.js';

export interface RolloutServiceRef {
  /** `canaryService`, `stableService`, `activeService`, `previewService`, `pingService`, `pongService`. */
  field: string;
  name: string;
  at: string;
}

function strategy(r: Resource): { canary: JsonObject | null; blueGreen: JsonObject | null } {
  const spec = isObject(r.value.spec) ? r.value.spec : {};
  const s = isObject(spec.strategy) ? spec.strategy : {};
  return { canary: isObject(s.canary) ? s.canary : null, blueGreen: isObject(s.blueGreen) ? s.blueGreen : null };
}

/** The Services the strategy names (the controller adds `rollouts-pod-template-hash` to their selectors). */
export function rolloutServiceRefs(r: Resource): RolloutServiceRef[] {
  const out: RolloutServiceRef[] = [];
  const add = (obj: JsonObject, field: string, ...path: string[]) => {
    const v = obj[field];
    if (typeof v === 'string' && v !== '') out.push({ field, name: v, at: pointer('spec', 'strategy', ...path, field) });
  };
  const { canary, blueGreen } = strategy(r);
  if (canary) {
    add(canary, 'canaryService', 'canary');
    add(canary, 'stableService', 'canary');
    if (isObject(canary.pingPong)) {
      add(canary.pingPong, 'pingService', 'canary', 'pingPong');
      add(canary.pingPong, 'pongService', 'canary', 'pingPong');
    }
  }
  if (blueGreen) {
    add(blueGreen, 'activeService', 'blueGreen');
    add(blueGreen, 'previewService', 'blueGreen');
  }
  return out;
}

/**
 * The labels of the Rollout's pods: its own template's, or the template of the Deployment its
 * `workloadRef` names (src/index/producers.ts makes those templates the Rollout's). Null when unknown.
 */
export function rolloutTemplateLabels(index: ResourceIndex, r: Resource): { labels: Labels; owner: Resource; at: string } | null {
  const spec = isObject(r.value.spec) ? r.value.spec : {};
  if (isObject(spec.template)) {
    const meta = isObject(spec.template.metadata) ? spec.template.metadata : {};
    return { labels: stringMap(meta.labels), owner: r, at: pointer('spec', 'template', 'metadata', 'labels') };
  }
  if (r.namespace === null) return null;
  const t = index.templatesIn(r.namespace).find((t) => t.maker?.kind === 'Rollout' && t.maker.name === r.name && t.produced);
  return t ? { labels: t.labels, owner: t.owner, at: t.labelsAt } : null;
}

export type TrafficRefKind = 'Ingress' | 'VirtualService' | 'DestinationRule';

export interface RolloutTrafficRef {
  kind: TrafficRefKind;
  name: string;
  namespace: string;
  at: string;
  /** For a VirtualService: the HTTP route names the Rollout updates (`routes`), with their pointers. */
  routes: { name: string; at: string }[];
}

/**
 * `trafficRouting` references to objects of the input: nginx `stableIngress` and
 * `additionalStableIngresses`, ALB `ingress` and `ingresses`, Istio `virtualService` /
 * `virtualServices[]` (a `name` or `name.namespace`, with `routes`) and `destinationRule`.
 */
export function rolloutTrafficRefs(r: Resource): RolloutTrafficRef[] {
  const { canary } = strategy(r);
  if (!canary || !isObject(canary.trafficRouting) || r.namespace === null) return [];
  const ns = r.namespace;
  const tr = canary.trafficRouting;
  const base = ['spec', 'strategy', 'canary', 'trafficRouting'];
  const out: RolloutTrafficRef[] = [];
  const ingress = (v: unknown, ...path: (string | number)[]) => {
    if (typeof v === 'string' && v !== '') out.push({ kind: 'Ingress', name: v, namespace: ns, at: pointer(...base, ...path), routes: [] });
  };
  if (isObject(tr.nginx)) {
    ingress(tr.nginx.stableIngress, 'nginx', 'stableIngress');
    if (Array.isArray(tr.nginx.additionalStableIngresses)) tr.nginx.additionalStableIngresses.forEach((v, i) => ingress(v, 'nginx', 'additionalStableIngresses', i));
  }
  if (isObject(tr.alb)) {
    ingress(tr.alb.ingress, 'alb', 'ingress');
    if (Array.isArray(tr.alb.ingresses)) tr.alb.ingresses.forEach((v, i) => ingress(v, 'alb', 'ingresses', i));
  }
  if (isObject(tr.istio)) {
    const istio = tr.istio;
    const vs = (v: unknown, ...path: (string | number)[]) => {
      if (!isObject(v) || typeof v.name !== 'string' || v.name === '') return;
      // `name.namespace` names a VirtualService of another namespace.
      const dot = v.name.indexOf('.');
      const name = dot > 0 ? v.name.slice(0, dot) : v.name;
      const namespace = dot > 0 ? v.name.slice(dot + 1) : ns;
      const routes = Array.isArray(v.routes)
        ? v.routes.flatMap((rt, i) => (typeof rt === 'string' && rt !== '' ? [{ name: rt, at: pointer(...base, ...path, 'routes', i) }] : []))
        : [];
      out.push({ kind: 'VirtualService', name, namespace, at: pointer(...base, ...path, 'name'), routes });
    };
    vs(istio.virtualService, 'istio', 'virtualService');
    if (Array.isArray(istio.virtualServices)) istio.virtualServices.forEach((v, i) => vs(v, 'istio', 'virtualServices', i));
    if (isObject(istio.destinationRule) && typeof istio.destinationRule.name === 'string' && istio.destinationRule.name !== '') {
      out.push({ kind: 'DestinationRule', name: istio.destinationRule.name, namespace: ns, at: pointer(...base, 'istio', 'destinationRule', 'name'), routes: [] });
    }
  }
  return out;
}
