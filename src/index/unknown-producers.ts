import type { Resource } from '../model/types.js';
import { PRODUCER_KINDS } from './producers.js';
import type { Labels } from './labels.js';

/**
 * Operators kubewire has no table for (CloudNativePG, Zalando's postgres-operator, Redis Enterprise,
 * LeaderWorkerSet, KubeRay, …) create pods and Services named after their custom resources, and label
 * the pods with keys of their own (`cnpg.io/cluster: <name>`, `cluster-name: <name>`,
 * `leaderworkerset.sigs.k8s.io/name: <name>`). So when a custom resource in the namespace is the
 * evident producer of what a reference looks for, its absence from the input proves nothing:
 * - a selector with a pair `key: <the resource's name>` whose key is operator-specific (not one of the
 *   common application keys such as `app` or `tier`, which any manifest uses and a same-named Ingress
 *   route or ServiceMonitor would otherwise hide; `app.kubernetes.io/name` and `/instance` name an
 *   application instance, which is what such a resource is: a RedisFailover, a Flux HelmRelease);
 * - a Service named `<the resource's name>-<suffix>` (KubeRay's `<name>-head-svc`, CNPG's
 *   `<name>-rw`, ECK's `<name>-es-http`).
 * Custom resources of groups that make no pods (Istio, Gateway API, cert-manager, policy engines…)
 * never count, nor do those of operators producers.ts models exactly (Prometheus Operator, ECK,
 * Knative, Argo Rollouts): their products are known by name, so a typo there is still a finding.
 */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'policy', 'autoscaling', 'extensions']);
const NOT_PRODUCERS = [
  'istio.io', 'monitoring.coreos.com', 'cert-manager.io', 'external-secrets.io', 'bitnami.com', 'kyverno.io',
  'traefik.io', 'traefik.containo.us', 'keda.sh', 'gateway.networking.k8s.io', 'networking.gke.io', 'cloud.google.com',
];
const COMMON_KEYS = new Set(['app', 'name', 'component', 'tier', 'role', 'version', 'release', 'instance', 'k8s-app', 'run']);

/** Groups whose operators producers.ts models exactly: their products are known by name, never guessed. */
const MODELLED_GROUPS = new Set(PRODUCER_KINDS.map((k) => k.group));

export function isProducerCandidate(r: Resource): boolean {
  if (BUILT_IN_GROUPS.has(r.group) || r.group.endsWith('.k8s.io') || r.namespace === null || r.name === '') return false;
  if (MODELLED_GROUPS.has(r.group)) return false;
  return !NOT_PRODUCERS.some((g) => r.group === g || r.group.endsWith(`.${g}`));
}

/** Whether a selector key is an operator's own (not a common application label). */
export function isOperatorKey(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? '' : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  // app.kubernetes.io/name and /instance name an application instance, which is what an operator's
  // resource (a RedisFailover, a Flux HelmRelease) is; its other keys (component, part-of…) do not.
  if (prefix === 'app.kubernetes.io') return name === 'name' || name === 'instance';
  if (prefix === 'kubernetes.io') return false;
  return prefix !== '' || !COMMON_KEYS.has(name);
}

/** The custom resource among `candidates` (same namespace) that evidently produces pods selected by `selector`. */
export function producerOfSelector(candidates: ReadonlyMap<string, Resource>, selector: Labels): Resource | undefined {
  for (const [k, v] of Object.entries(selector)) {
    const cr = candidates.get(v);
    if (cr && isOperatorKey(k)) return cr;
  }
  return undefined;
}

/** The custom resource among `candidates` that evidently produces a Service of this name (`<name>-<suffix>`). */
export function producerOfServiceName(candidates: ReadonlyMap<string, Resource>, name: string): Resource | undefined {
  for (let i = name.indexOf('-'); i > 0; i = name.indexOf('-', i + 1)) {
    const cr = candidates.get(name.slice(0, i));
    if (cr) return cr;
  }
  return undefined;
}
