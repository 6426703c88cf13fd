/**
 * Kinds are always (group, kind): an Istio `Gateway` is not a Gateway API `Gateway`, a Knative
 * `serving.knative.dev` `Service` is not a core Service. Rules name what they check and what they look
 * up with these constants, and the index answers by them.
 */
export interface GroupKind {
  /** API group: '' for the core group. */
  readonly group: string;
  readonly kind: string;
}

export function gk(group: string, kind: string): GroupKind {
  return Object.freeze({ group, kind });
}

/** The index key of a group/kind: `Service` for core kinds, `Ingress.networking.k8s.io` otherwise (as kubectl writes them). */
export function groupKindKey(g: GroupKind): string {
  return g.group === '' ? g.kind : `${g.kind}.${g.group}`;
}

/** True when `r` is of one of the kinds. */
export function isKind(r: GroupKind, ...kinds: readonly GroupKind[]): boolean {
  return isOneOf(r, kinds);
}

/**
 * isKind against a list held in a constant (`isOneOf(r, WORKLOAD_KINDS)`): asked of every object,
 * so no spread copy of the list and no closure per call.
 */
export function isOneOf(r: GroupKind, kinds: readonly GroupKind[]): boolean {
  for (let i = 0; i < kinds.length; i++) if (kinds[i].kind === r.kind && kinds[i].group === r.group) return true;
  return false;
}

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';
export const ISTIO_SECURITY_GROUP = 'security.istio.io';

export const SERVICE = gk('', 'Service');
export const SECRET = gk('', 'Secret');
export const NAMESPACE = gk('', 'Namespace');
export const ENDPOINTS = gk('', 'Endpoints');
export const ENDPOINT_SLICE = gk('discovery.k8s.io', 'EndpointSlice');
export const POD = gk('', 'Pod');
export const POD_TEMPLATE = gk('', 'PodTemplate');
export const STATEFUL_SET = gk('apps', 'StatefulSet');
/** Ingress of networking.k8s.io, and of extensions/v1beta1 in old manifests. */
export const INGRESS_KINDS: readonly GroupKind[] = [gk('networking.k8s.io', 'Ingress'), gk('extensions', 'Ingress')];
export const INGRESS_CLASS = gk('networking.k8s.io', 'IngressClass');
/** AWS Load Balancer Controller's class parameters (an IngressGroup for every Ingress of a class). */
export const INGRESS_CLASS_PARAMS = gk('elbv2.k8s.aws', 'IngressClassParams');
export const NETWORK_POLICY_KINDS: readonly GroupKind[] = [gk('networking.k8s.io', 'NetworkPolicy'), gk('extensions', 'NetworkPolicy')];

/**
 * The built-in kinds whose objects are or carry pod templates, with the groups of old manifests
 * (extensions/v1beta1, apps/v1beta*). Rules do not name them: they use WORKLOADS, which also covers
 * every other object with a pod template (Argo Rollouts, OpenKruise, …) and pods that operators create.
 */
export const WORKLOAD_KINDS: readonly GroupKind[] = [
  POD,
  POD_TEMPLATE,
  gk('', 'ReplicationController'),
  gk('apps', 'Deployment'),
  STATEFUL_SET,
  gk('apps', 'DaemonSet'),
  gk('apps', 'ReplicaSet'),
  gk('extensions', 'Deployment'),
  gk('extensions', 'DaemonSet'),
  gk('extensions', 'ReplicaSet'),
  gk('batch', 'Job'),
  gk('batch', 'CronJob'),
];

/**
 * A pseudo (group, kind) for "pods": in `meta.appliesTo`, every object of the input with a pod template
 * (the built-in workloads, any object with `spec.template` or `spec.jobTemplate.spec.template` holding
 * containers, a PodTemplate); in `meta.references` and `missing.kinds`, the pods of a namespace, which
 * the engine counts from the index's templates (declared and operator-made). `*` is no API group, so it
 * never names a real object.
 */
export const WORKLOADS = gk('*', 'Workload');

export const GATEWAY = gk(GATEWAY_API_GROUP, 'Gateway');
export const GATEWAY_CLASS = gk(GATEWAY_API_GROUP, 'GatewayClass');
export const REFERENCE_GRANT = gk(GATEWAY_API_GROUP, 'ReferenceGrant');
export const HTTP_ROUTE = gk(GATEWAY_API_GROUP, 'HTTPRoute');
export const GRPC_ROUTE = gk(GATEWAY_API_GROUP, 'GRPCRoute');
export const TLS_ROUTE = gk(GATEWAY_API_GROUP, 'TLSRoute');
export const TCP_ROUTE = gk(GATEWAY_API_GROUP, 'TCPRoute');
export const UDP_ROUTE = gk(GATEWAY_API_GROUP, 'UDPRoute');
export const ROUTE_KINDS: readonly GroupKind[] = [HTTP_ROUTE, GRPC_ROUTE, TLS_ROUTE, TCP_ROUTE, UDP_ROUTE];

export const ISTIO_GATEWAY = gk(ISTIO_NETWORKING_GROUP, 'Gateway');
export const VIRTUAL_SERVICE = gk(ISTIO_NETWORKING_GROUP, 'VirtualService');
export const DESTINATION_RULE = gk(ISTIO_NETWORKING_GROUP, 'DestinationRule');
export const SERVICE_ENTRY = gk(ISTIO_NETWORKING_GROUP, 'ServiceEntry');
export const WORKLOAD_ENTRY = gk(ISTIO_NETWORKING_GROUP, 'WorkloadEntry');
export const WORKLOAD_GROUP = gk(ISTIO_NETWORKING_GROUP, 'WorkloadGroup');

/** Knative Serving's Service: its controller creates a core Service of the same name. */
export const KNATIVE_SERVICE = gk('serving.knative.dev', 'Service');
export const ARGO_ROLLOUT = gk('argoproj.io', 'Rollout');

/** Prometheus Operator monitors: a ServiceMonitor selects Services, a PodMonitor pods. */
export const SERVICE_MONITOR = gk('monitoring.coreos.com', 'ServiceMonitor');
export const POD_MONITOR = gk('monitoring.coreos.com', 'PodMonitor');

/** Traefik's routing CRDs: `traefik.io` since Traefik v2.10, `traefik.containo.us` before (still served by v2). */
export const TRAEFIK_GROUPS: readonly string[] = ['traefik.io', 'traefik.containo.us'];
export const TRAEFIK_INGRESS_ROUTE_KINDS: readonly GroupKind[] = TRAEFIK_GROUPS.flatMap((g) => [
  gk(g, 'IngressRoute'),
  gk(g, 'IngressRouteTCP'),
  gk(g, 'IngressRouteUDP'),
]);
