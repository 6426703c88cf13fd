import { isClusterScoped } from '../model/kinds.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { gk } from '../model/group-kinds.js';
import { isObject } from '../model/resources.js';
import type { Resource } from '../model/types.js';

/**
 * The resource (plural) name and scope of the built-in kinds: what admission rules name. Generated once
 * from the Kubernetes OpenAPI v3 documents of 1.27 and 1.35 (../shared/schemas-src/kubernetes-openapi,
 * the paths' x-kubernetes-group-version-kind), plus the extensions/v1beta1 kinds of older clusters.
 */
const BUILT_IN: readonly (readonly [group: string, kind: string, plural: string, namespaced: boolean])[] = [
  ['', 'ConfigMap', 'configmaps', true],
  ['', 'Endpoints', 'endpoints', true],
  ['', 'Event', 'events', true],
  ['', 'LimitRange', 'limitranges', true],
  ['', 'Namespace', 'namespaces', false],
  ['', 'Node', 'nodes', false],
  ['', 'PersistentVolume', 'persistentvolumes', false],
  ['', 'PersistentVolumeClaim', 'persistentvolumeclaims', true],
  ['', 'Pod', 'pods', true],
  ['', 'PodTemplate', 'podtemplates', true],
  ['', 'ReplicationController', 'replicationcontrollers', true],
  ['', 'ResourceQuota', 'resourcequotas', true],
  ['', 'Secret', 'secrets', true],
  ['', 'Service', 'services', true],
  ['', 'ServiceAccount', 'serviceaccounts', true],
  ['admissionregistration.k8s.io', 'MutatingAdmissionPolicy', 'mutatingadmissionpolicies', false],
  ['admissionregistration.k8s.io', 'MutatingAdmissionPolicyBinding', 'mutatingadmissionpolicybindings', false],
  ['admissionregistration.k8s.io', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false],
  ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false],
  ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false],
  ['admissionregistration.k8s.io', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false],
  ['apiextensions.k8s.io', 'CustomResourceDefinition', 'customresourcedefinitions', false],
  ['apiregistration.k8s.io', 'APIService', 'apiservices', false],
  ['apps', 'ControllerRevision', 'controllerrevisions', true],
  ['apps', 'DaemonSet', 'daemonsets', true],
  ['apps', 'Deployment', 'deployments', true],
  ['apps', 'ReplicaSet', 'replicasets', true],
  ['apps', 'StatefulSet', 'statefulsets', true],
  ['autoscaling', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true],
  ['batch', 'CronJob', 'cronjobs', true],
  ['batch', 'Job', 'jobs', true],
  ['certificates.k8s.io', 'CertificateSigningRequest', 'certificatesigningrequests', false],
  ['certificates.k8s.io', 'ClusterTrustBundle', 'clustertrustbundles', false],
  ['certificates.k8s.io', 'PodCertificateRequest', 'podcertificaterequests', true],
  ['coordination.k8s.io', 'Lease', 'leases', true],
  ['coordination.k8s.io', 'LeaseCandidate', 'leasecandidates', true],
  ['discovery.k8s.io', 'EndpointSlice', 'endpointslices', true],
  ['events.k8s.io', 'Event', 'events', true],
  ['flowcontrol.apiserver.k8s.io', 'FlowSchema', 'flowschemas', false],
  ['flowcontrol.apiserver.k8s.io', 'PriorityLevelConfiguration', 'prioritylevelconfigurations', false],
  ['internal.apiserver.k8s.io', 'StorageVersion', 'storageversions', false],
  ['networking.k8s.io', 'ClusterCIDR', 'clustercidrs', false],
  ['networking.k8s.io', 'IPAddress', 'ipaddresses', false],
  ['networking.k8s.io', 'Ingress', 'ingresses', true],
  ['networking.k8s.io', 'IngressClass', 'ingressclasses', false],
  ['networking.k8s.io', 'NetworkPolicy', 'networkpolicies', true],
  ['networking.k8s.io', 'ServiceCIDR', 'servicecidrs', false],
  ['node.k8s.io', 'RuntimeClass', 'runtimeclasses', false],
  ['policy', 'PodDisruptionBudget', 'poddisruptionbudgets', true],
  ['rbac.authorization.k8s.io', 'ClusterRole', 'clusterroles', false],
  ['rbac.authorization.k8s.io', 'ClusterRoleBinding', 'clusterrolebindings', false],
  ['rbac.authorization.k8s.io', 'Role', 'roles', true],
  ['rbac.authorization.k8s.io', 'RoleBinding', 'rolebindings', true],
  ['resource.k8s.io', 'DeviceClass', 'deviceclasses', false],
  ['resource.k8s.io', 'DeviceTaintRule', 'devicetaintrules', false],
  ['resource.k8s.io', 'PodSchedulingContext', 'podschedulingcontexts', true],
  ['resource.k8s.io', 'ResourceClaim', 'resourceclaims', true],
  ['resource.k8s.io', 'ResourceClaimTemplate', 'resourceclaimtemplates', true],
  ['resource.k8s.io', 'ResourceClass', 'resourceclasses', false],
  ['resource.k8s.io', 'ResourceSlice', 'resourceslices', false],
  ['scheduling.k8s.io', 'PriorityClass', 'priorityclasses', false],
  ['scheduling.k8s.io', 'Workload', 'workloads', true],
  ['storage.k8s.io', 'CSIDriver', 'csidrivers', false],
  ['storage.k8s.io', 'CSINode', 'csinodes', false],
  ['storage.k8s.io', 'CSIStorageCapacity', 'csistoragecapacities', true],
  ['storage.k8s.io', 'StorageClass', 'storageclasses', false],
  ['storage.k8s.io', 'VolumeAttachment', 'volumeattachments', false],
  ['storage.k8s.io', 'VolumeAttributesClass', 'volumeattributesclasses', false],
  ['storagemigration.k8s.io', 'StorageVersionMigration', 'storageversionmigrations', false],
  ['extensions', 'Deployment', 'deployments', true],
  ['extensions', 'DaemonSet', 'daemonsets', true],
  ['extensions', 'ReplicaSet', 'replicasets', true],
  ['extensions', 'Ingress', 'ingresses', true],
  ['extensions', 'NetworkPolicy', 'networkpolicies', true],
  ['extensions', 'PodSecurityPolicy', 'podsecuritypolicies', false],
  ['policy', 'PodSecurityPolicy', 'podsecuritypolicies', false],
];

/**
 * Resources served under several groups: matchPolicy Equivalent matches a rule for one of them on an
 * object of the other (the API server converts the request), as the equivalent-resource registry does.
 */
const EQUIVALENT_GROUPS: ReadonlyMap<string, readonly string[]> = new Map([
  ['deployments', ['apps', 'extensions']],
  ['daemonsets', ['apps', 'extensions']],
  ['replicasets', ['apps', 'extensions']],
  ['ingresses', ['networking.k8s.io', 'extensions']],
  ['networkpolicies', ['networking.k8s.io', 'extensions']],
  ['podsecuritypolicies', ['policy', 'extensions']],
]);

export interface ApiResource {
  group: string;
  version: string;
  kind: string;
  /** The plural resource name admission rules name (`deployments`). */
  resource: string;
  namespaced: boolean;
  /** Where the name came from: the built-in table, a CustomResourceDefinition of the input, or kubectl's guess. */
  known: 'built-in' | 'crd' | 'guessed';
}

const builtIn = new Map(BUILT_IN.map(([g, k, p, n]) => [`${g}\u0000${k}`, { plural: p, namespaced: n }]));

/** kubectl's guess for a kind nobody declares (meta.UnsafeGuessKindToResource). */
export function guessPlural(kind: string): string {
  const s = kind.toLowerCase();
  if (s.endsWith('s')) return `${s}es`;
  if (s.endsWith('y')) return `${s.slice(0, -1)}ies`;
  return `${s}s`;
}

/** The resource names of the input's objects: built-in kinds, the CRDs of the input, else kubectl's guess. */
export class ApiResources {
  private readonly crds = new Map<string, { plural: string; namespaced: boolean }>();

  constructor(index: ResourceIndex) {
    for (const crd of index.all(gk('apiextensions.k8s.io', 'CustomResourceDefinition'))) {
      const spec = crd.value.spec;
      if (!isObject(spec) || typeof spec.group !== 'string' || !isObject(spec.names)) continue;
      const { kind, plural } = spec.names;
      if (typeof kind !== 'string' || typeof plural !== 'string') continue;
      this.crds.set(`${spec.group}\u0000${kind}`, { plural, namespaced: spec.scope !== 'Cluster' });
    }
  }

  of(r: Pick<Resource, 'group' | 'version' | 'kind'>): ApiResource {
    const key = `${r.group}\u0000${r.kind}`;
    const crd = this.crds.get(key);
    if (crd) return { group: r.group, version: r.version, kind: r.kind, resource: crd.plural, namespaced: crd.namespaced, known: 'crd' };
    const b = builtIn.get(key);
    if (b) return { group: r.group, version: r.version, kind: r.kind, resource: b.plural, namespaced: b.namespaced, known: 'built-in' };
    return { group: r.group, version: r.version, kind: r.kind, resource: guessPlural(r.kind), namespaced: !isClusterScoped(r.kind), known: 'guessed' };
  }

  /** Whether a kind (by group and kind) is namespaced. */
  namespaced(group: string, kind: string): boolean {
    return this.of({ group, version: '', kind }).namespaced;
  }
}

/** The groups an object's resource is also served under (matchPolicy Equivalent), its own first. */
export function equivalentGroups(group: string, resource: string): readonly string[] {
  const groups = EQUIVALENT_GROUPS.get(resource);
  return groups?.includes(group) ? [group, ...groups.filter((g) => g !== group)] : [group];
}
