import { DEFAULT_KUBERNETES_VERSION } from '../config/defaults.js';

/**
 * Deprecated and removed built-in API versions, as data. Sources: the Kubernetes "Deprecated API
 * Migration Guide" (kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md,
 * sections v1.16 to v1.32), the "API deprecations in 1.16" blog post, the v1.33 Endpoints
 * deprecation post (KEP-4974), and, for the deprecated-in releases the guide does not give, the API
 * server's own lifecycle data (k8s.io/api zz_generated.prerelease-lifecycle.go, which produces the
 * "X is deprecated in v1.N+, unavailable in v1.M+" warnings).
 *
 * The table knows every removal up to its `TABLE_COVERS` release; DEFAULT_KUBERNETES_VERSION
 * (src/config/defaults.ts) must not be newer (a test checks it). Alpha versions are left out: they are
 * off by default and change without a deprecation period.
 */
export const TABLE_COVERS = '1.35'; // 1.35 removed only alpha versions (storage.k8s.io/v1alpha1, storagemigration.k8s.io/v1alpha1)

interface ApiVersionEntry {
  /** apiVersion as written in manifests: `extensions/v1beta1`, `v1`. */
  apiVersion: string;
  kinds: string[];
  /** Minor release that deprecated it: "1.19". */
  deprecatedIn: string;
  /** Minor release that stopped serving it; absent when it is still served. */
  removedIn?: string;
  /** What to use instead: an apiVersion (the kind stays), or a sentence when there is no direct successor. */
  replacement: { apiVersion: string; kind?: string; since?: string } | { text: string };
  /** Field changes a migration needs, for the message; empty when the move is a plain apiVersion change. */
  changes: string[];
}

const APPS_SELECTOR = 'spec.selector is required (use the template labels)';

export const API_VERSIONS: readonly ApiVersionEntry[] = [
  // networking
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Ingress'],
    deprecatedIn: '1.14',
    removedIn: '1.22',
    replacement: { apiVersion: 'networking.k8s.io/v1', since: '1.19' },
    changes: ingressChanges(),
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['Ingress'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: { apiVersion: 'networking.k8s.io/v1', since: '1.19' },
    changes: ingressChanges(),
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['IngressClass'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: { apiVersion: 'networking.k8s.io/v1', since: '1.19' },
    changes: [],
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: { apiVersion: 'networking.k8s.io/v1', since: '1.8' },
    changes: [],
  },
  // workloads (apps, extensions)
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Deployment'],
    deprecatedIn: '1.8',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: [
      'spec.rollbackTo is removed',
      APPS_SELECTOR,
      'spec.progressDeadlineSeconds defaults to 600',
      'spec.revisionHistoryLimit defaults to 10',
      'maxSurge and maxUnavailable default to 25%',
    ],
  },
  {
    apiVersion: 'apps/v1beta1',
    kinds: ['Deployment'],
    deprecatedIn: '1.8',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: ['spec.rollbackTo is removed', APPS_SELECTOR, 'spec.revisionHistoryLimit defaults to 10'],
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['Deployment'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: [APPS_SELECTOR],
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['DaemonSet'],
    deprecatedIn: '1.8',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: ['spec.templateGeneration is removed', APPS_SELECTOR, 'spec.updateStrategy.type defaults to RollingUpdate (was OnDelete)'],
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['DaemonSet'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: [APPS_SELECTOR],
  },
  {
    apiVersion: 'apps/v1beta1',
    kinds: ['StatefulSet'],
    deprecatedIn: '1.8',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: [APPS_SELECTOR, 'spec.updateStrategy.type defaults to RollingUpdate (was OnDelete)'],
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['StatefulSet'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: [APPS_SELECTOR],
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['ReplicaSet'],
    deprecatedIn: '1.8',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: [APPS_SELECTOR],
  },
  {
    apiVersion: 'apps/v1beta1',
    kinds: ['ReplicaSet'],
    deprecatedIn: '1.8',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: [APPS_SELECTOR],
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['ReplicaSet'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: { apiVersion: 'apps/v1', since: '1.9' },
    changes: [APPS_SELECTOR],
  },
  // batch
  {
    apiVersion: 'batch/v1beta1',
    kinds: ['CronJob'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: { apiVersion: 'batch/v1', since: '1.21' },
    changes: [],
  },
  // policy
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: { apiVersion: 'policy/v1', since: '1.21' },
    changes: ['an empty spec.selector ({}) selects every pod of the namespace in policy/v1 (none in v1beta1)'],
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: { text: 'Pod Security Admission (pod-security.kubernetes.io namespace labels) or a third-party admission webhook' },
    changes: [],
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.11',
    removedIn: '1.16',
    replacement: { text: 'Pod Security Admission (pod-security.kubernetes.io namespace labels); policy/v1beta1 PodSecurityPolicy was itself removed in 1.25' },
    changes: [],
  },
  // autoscaling
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacement: { apiVersion: 'autoscaling/v2', since: '1.23' },
    changes: ['metrics[].resource.targetAverageUtilization becomes target.averageUtilization with target.type: Utilization (likewise targetAverageValue → target.averageValue)'],
  },
  {
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: '1.23',
    removedIn: '1.26',
    replacement: { apiVersion: 'autoscaling/v2', since: '1.23' },
    changes: [],
  },
  // discovery and core endpoints
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: { apiVersion: 'discovery.k8s.io/v1', since: '1.21' },
    changes: [
      'endpoints[].topology["kubernetes.io/hostname"] becomes endpoints[].nodeName',
      'endpoints[].topology["topology.kubernetes.io/zone"] becomes endpoints[].zone',
      'topology becomes deprecatedTopology, which is not writable',
    ],
  },
  {
    apiVersion: 'v1',
    kinds: ['Endpoints'],
    deprecatedIn: '1.33',
    replacement: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', since: '1.21' },
    changes: ['an EndpointSlice carries the label kubernetes.io/service-name: <service> and an addressType'],
  },
  {
    apiVersion: 'v1',
    kinds: ['ComponentStatus'],
    deprecatedIn: '1.19',
    replacement: { text: 'the API server /livez and /readyz endpoints' },
    changes: [],
  },
  // events
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kinds: ['Event'],
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacement: { apiVersion: 'events.k8s.io/v1', since: '1.19' },
    changes: ['involvedObject becomes regarding', 'type is Normal or Warning', 'action, reason, reportingController and reportingInstance are required'],
  },
  // rbac
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacement: { apiVersion: 'rbac.authorization.k8s.io/v1', since: '1.8' },
    changes: [],
  },
  // storage
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['StorageClass'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: { apiVersion: 'storage.k8s.io/v1', since: '1.6' },
    changes: [],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['VolumeAttachment'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: { apiVersion: 'storage.k8s.io/v1', since: '1.13' },
    changes: [],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: { apiVersion: 'storage.k8s.io/v1', since: '1.19' },
    changes: [],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSINode'],
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacement: { apiVersion: 'storage.k8s.io/v1', since: '1.17' },
    changes: [],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIStorageCapacity'],
    deprecatedIn: '1.24',
    removedIn: '1.27',
    replacement: { apiVersion: 'storage.k8s.io/v1', since: '1.24' },
    changes: [],
  },
  // flowcontrol
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: '1.23',
    removedIn: '1.26',
    replacement: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' },
    changes: ['PriorityLevelConfiguration spec.limited.assuredConcurrencyShares becomes spec.limited.nominalConcurrencyShares'],
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: '1.26',
    removedIn: '1.29',
    replacement: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' },
    changes: ['PriorityLevelConfiguration spec.limited.assuredConcurrencyShares becomes spec.limited.nominalConcurrencyShares'],
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: '1.29',
    removedIn: '1.32',
    replacement: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' },
    changes: ['spec.limited.nominalConcurrencyShares defaults to 30 only when unset (an explicit 0 stays 0)'],
  },
  // admissionregistration, apiextensions, apiregistration
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacement: { apiVersion: 'admissionregistration.k8s.io/v1', since: '1.16' },
    changes: [
      'webhooks[].sideEffects is required (None or NoneOnDryRun)',
      'webhooks[].admissionReviewVersions is required',
      'failurePolicy defaults to Fail (was Ignore)',
      'matchPolicy defaults to Equivalent (was Exact)',
      'timeoutSeconds defaults to 10 (was 30)',
    ],
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacement: { apiVersion: 'apiextensions.k8s.io/v1', since: '1.16' },
    changes: [
      'spec.scope is required',
      'spec.version, spec.validation, spec.subresources and spec.additionalPrinterColumns move into spec.versions[] (schema.openAPIV3Schema is required and structural)',
      'spec.conversion.webhookClientConfig moves to spec.conversion.webhook.clientConfig',
    ],
  },
  {
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    kinds: ['APIService'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: { apiVersion: 'apiregistration.k8s.io/v1', since: '1.10' },
    changes: [],
  },
  // certificates, coordination, scheduling, node
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: { apiVersion: 'certificates.k8s.io/v1', since: '1.19' },
    changes: ['spec.signerName is required (kubernetes.io/legacy-unknown is not allowed)', 'spec.usages is required'],
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: { apiVersion: 'coordination.k8s.io/v1', since: '1.14' },
    changes: [],
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    deprecatedIn: '1.14',
    removedIn: '1.22',
    replacement: { apiVersion: 'scheduling.k8s.io/v1', since: '1.14' },
    changes: [],
  },
  {
    apiVersion: 'node.k8s.io/v1beta1',
    kinds: ['RuntimeClass'],
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacement: { apiVersion: 'node.k8s.io/v1', since: '1.20' },
    changes: [],
  },
];

function ingressChanges(): string[] {
  return [
    'spec.backend becomes spec.defaultBackend',
    'backend serviceName becomes service.name',
    'a numeric servicePort becomes service.port.number, a named one service.port.name',
    'pathType is required on every path (ImplementationSpecific keeps the v1beta1 behaviour)',
  ];
}

const byKey = new Map<string, ApiVersionEntry>();
for (const e of API_VERSIONS) for (const k of e.kinds) byKey.set(`${e.apiVersion}\u0000${k}`, e);

/** The table entry for an apiVersion and kind, if that pair is deprecated or removed. */
function apiVersionEntry(apiVersion: string, kind: string): ApiVersionEntry | undefined {
  return byKey.get(`${apiVersion.trim()}\u0000${kind}`);
}

/** "1.33", "v1.33", "1.33.2" → [1, 33]; null when it is not a version. */
export function parseMinor(version: string): [number, number] | null {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(String(version).trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export function compareMinor(a: string, b: string): number {
  const pa = parseMinor(a) ?? [0, 0];
  const pb = parseMinor(b) ?? [0, 0];
  return pa[0] - pb[0] || pa[1] - pb[1];
}

let lastTarget: { setting: unknown; version: string } = { setting: Symbol('none'), version: DEFAULT_KUBERNETES_VERSION };

/** The run's target release as "1.N": the setting when it parses, else the default. */
export function targetVersion(setting: unknown): string {
  // Asked for every object by two rules, with the run's one setting: the last answer is kept.
  if (setting === lastTarget.setting) return lastTarget.version;
  const p = typeof setting === 'string' || typeof setting === 'number' ? parseMinor(String(setting)) : null;
  const version = p ? `${p[0]}.${p[1]}` : DEFAULT_KUBERNETES_VERSION;
  lastTarget = { setting, version };
  return version;
}

type ApiStatus = { state: 'removed' | 'deprecated'; entry: ApiVersionEntry } | null;

/** Whether an apiVersion/kind is removed or deprecated in the target release (a "1.N" string). */
export function apiStatus(apiVersion: string, kind: string, target: string): ApiStatus {
  const entry = apiVersionEntry(apiVersion, kind);
  if (!entry) return null;
  if (entry.removedIn !== undefined && compareMinor(target, entry.removedIn) >= 0) return { state: 'removed', entry };
  if (compareMinor(target, entry.deprecatedIn) >= 0) return { state: 'deprecated', entry };
  return null;
}

/** `networking.k8s.io/v1 Ingress (since 1.19)` or the replacement sentence. */
export function describeReplacement(entry: ApiVersionEntry, kind: string): string {
  const r = entry.replacement;
  if ('text' in r) return r.text;
  return `${r.apiVersion} ${r.kind ?? kind}${r.since ? ` (available since ${r.since})` : ''}`;
}

/** The field changes as one clause for a message: `; changes: a; b` or ''. */
