import { stringMap, type Labels } from '../index/labels.js';
import { isObject } from '../model/resources.js';
import { perLongList } from '../model/cache.js';
import { pointer } from '../model/pointer.js';
import { portProtocol } from './protocol.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';

/** ClusterIP, NodePort, LoadBalancer or ExternalName; anything else as written. */
type ServiceType = string;

export interface ServicePortView {
  index: number;
  name: string | null;
  port: number | null;
  /** As written: a number, a string (named port or a quoted number), or null when absent (defaults to port). */
  targetPort: number | string | null;
  /** The target as the API server defaults it: targetPort, else port. */
  effectiveTarget: number | string | null;
  protocol: string;
  nodePort: number | null;
  appProtocol: string | null;
  at: string;
  value: JsonObject;
}

export function specOf(r: Resource): JsonObject {
  return isObject(r.value.spec) ? r.value.spec : {};
}

export function serviceType(svc: Resource): ServiceType {
  const t = specOf(svc).type;
  // The API server defaults an absent (or empty) type to ClusterIP.
  return typeof t === 'string' && t !== '' ? t : 'ClusterIP';
}

/** `clusterIP: None` (or clusterIPs: [None]). */
export function isHeadless(svc: Resource): boolean {
  const spec = specOf(svc);
  return spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None');
}

/** The equality selector; empty when absent (a Service without selector). */
export function serviceSelector(svc: Resource): Labels {
  return stringMap(specOf(svc).selector);
}

/**
 * The Service's ports, worked out once per object when there are many (some twenty rules read them,
 * and a Service may list any number): never mutate the list or its views.
 */
export const servicePorts: (svc: Resource) => ServicePortView[] = perLongList(readServicePorts);

function readServicePorts(svc: Resource): ServicePortView[] {
  const ports = specOf(svc).ports;
  if (!Array.isArray(ports)) return [];
  const out: ServicePortView[] = [];
  ports.forEach((p: JsonValue, index) => {
    if (!isObject(p)) return;
    const port = typeof p.port === 'number' ? p.port : null;
    const tp = p.targetPort;
    const targetPort = typeof tp === 'number' || typeof tp === 'string' ? tp : null;
    out.push({
      index,
      name: typeof p.name === 'string' ? p.name : null,
      port,
      targetPort,
      // The API server defaults an absent (or 0 / "") targetPort to port.
      effectiveTarget: targetPort === null || targetPort === 0 || targetPort === '' ? port : targetPort,
      protocol: portProtocol(p.protocol),
      nodePort: typeof p.nodePort === 'number' ? p.nodePort : null,
      appProtocol: typeof p.appProtocol === 'string' ? p.appProtocol : null,
      at: portPointer(index),
      value: p,
    });
  });
  return out;
}

/** `port 80 (http)`, for messages; a port without a number is named by its place, `ports[1] (http)`. */
export function describeServicePort(p: ServicePortView): string {
  return p.protocol !== 'TCP' ? flat(describeServicePortTcp(p), '/', p.protocol) : describeServicePortTcp(p);
}

/** `port 80 (http)` without the protocol. */
export function describeServicePortTcp(p: ServicePortView): string {
  const number = p.port !== null ? `port ${p.port}` : `ports[${p.index}]`;
  return p.name ? flat(number, ' (', p.name, ')') : number;
}

/**
 * `/spec/ports/<index>/<field>`: the pointer to a field of a port (the fields' names need no
 * escape), as one flat string.
 */
export function servicePortPointer(p: ServicePortView, field: 'name' | 'port' | 'targetPort' | 'nodePort'): string {
  return flat(p.at, '/', field);
}

/**
 * `/spec/ports/<index>`, one string per index for the first PORT_POINTERS ports: a Service's short
 * port list is read again by each rule that asks (perLongList keeps only long ones), and each read
 * made the pointer of every port anew.
 */
function portPointer(index: number): string {
  if (index >= PORT_POINTERS) return flat('/spec/ports/', String(index));
  return (portPointers[index] ??= flat('/spec/ports/', String(index)));
}

const PORT_POINTERS = 64;
const portPointers: string[] = [];

/**
 * The parts joined into one flat string. A description or pointer a finding keeps (its data, its
 * related locations) lives until the report is written; joined with `+` or a template it is a
 * chain of concatenations, several small objects where one will do, that every garbage collection
 * copies or marks (a Service may have a finding on each of thousands of ports).
 */
export function flat(...parts: string[]): string {
  return parts.join('');
}

/** metadata.annotations with string values. */
export function serviceAnnotations(svc: Resource): Record<string, string> {
  const meta = isObject(svc.value.metadata) ? svc.value.metadata : {};
  const out: Record<string, string> = {};
  if (!isObject(meta.annotations)) return out;
  for (const [k, v] of Object.entries(meta.annotations)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** `spec.externalIPs` entries as written (strings only). */
export function serviceExternalIPs(svc: Resource): string[] {
  const ips = specOf(svc).externalIPs;
  return Array.isArray(ips) ? ips.filter((ip): ip is string => typeof ip === 'string') : [];
}

/**
 * ExternallyAccessible (pkg/api/service/util.go): LoadBalancer, NodePort, or ClusterIP with externalIPs.
 * Only these may set externalTrafficPolicy.
 */
export function isExternallyAccessible(svc: Resource): boolean {
  const t = serviceType(svc);
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && serviceExternalIPs(svc).length > 0);
}

export const LOAD_BALANCER_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

interface SourceRangeEntry {
  /** The entry after TrimSpace, as the API server validates it. */
  text: string;
  /** Pointer to the field entry, or to the annotation. */
  at: string;
}

/**
 * The source ranges a LoadBalancer admits: spec.loadBalancerSourceRanges, or, when that is empty,
 * the comma-separated `service.beta.kubernetes.io/load-balancer-source-ranges` annotation (as
 * ValidateService and the cloud providers read them). Null when neither is set.
 */
export function loadBalancerSourceRanges(
  svc: Resource,
): { source: 'field' | 'annotation'; entries: SourceRangeEntry[] } | null {
  const field = specOf(svc).loadBalancerSourceRanges;
  if (Array.isArray(field) && field.length > 0) {
    return {
      source: 'field',
      entries: field.map((v, i) => ({
        text: typeof v === 'string' ? v.trim() : JSON.stringify(v),
        at: pointer('spec', 'loadBalancerSourceRanges', i),
      })),
    };
  }
  const ann = serviceAnnotations(svc)[LOAD_BALANCER_SOURCE_RANGES_ANNOTATION];
  if (ann === undefined) return null;
  const at = pointer('metadata', 'annotations', LOAD_BALANCER_SOURCE_RANGES_ANNOTATION);
  const trimmed = ann.trim();
  // An empty annotation value is accepted and means no restriction.
  if (trimmed === '') return { source: 'annotation', entries: [] };
  return { source: 'annotation', entries: trimmed.split(',').map((t) => ({ text: t.trim(), at })) };
}

/**
 * Annotations that make a cloud provider's load balancer internal (a private address, reachable only
 * from the VPC / VNet / VCN). Sources: the Kubernetes Service docs ("Internal load balancer" tabs),
 * the AWS Load Balancer Controller and legacy in-tree AWS provider, GKE docs, the Alibaba, OCI,
 * DigitalOcean and Hetzner cloud controller managers.
 */
const INTERNAL_LB_ANNOTATIONS: { key: string; cloud: string; internal: (value: string) => boolean }[] = [
  // Legacy in-tree AWS provider: any value but "false" (historically "0.0.0.0/0") makes it internal.
  { key: 'service.beta.kubernetes.io/aws-load-balancer-internal', cloud: 'AWS', internal: (v) => v !== '' && v !== 'false' },
  { key: 'service.beta.kubernetes.io/aws-load-balancer-scheme', cloud: 'AWS', internal: (v) => v.toLowerCase() === 'internal' },
  { key: 'service.beta.kubernetes.io/azure-load-balancer-internal', cloud: 'Azure', internal: (v) => v.toLowerCase() === 'true' },
  { key: 'networking.gke.io/load-balancer-type', cloud: 'GKE', internal: (v) => v.toLowerCase() === 'internal' },
  { key: 'cloud.google.com/load-balancer-type', cloud: 'GKE', internal: (v) => v.toLowerCase() === 'internal' },
  { key: 'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', cloud: 'IBM Cloud', internal: (v) => v.toLowerCase() === 'private' },
  { key: 'service.beta.kubernetes.io/openstack-internal-load-balancer', cloud: 'OpenStack', internal: (v) => v.toLowerCase() === 'true' },
  { key: 'service.beta.kubernetes.io/cce-load-balancer-internal-vpc', cloud: 'Baidu Cloud', internal: (v) => v.toLowerCase() === 'true' },
  { key: 'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid', cloud: 'Tencent Cloud', internal: (v) => v !== '' },
  { key: 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', cloud: 'Alibaba Cloud', internal: (v) => v.toLowerCase() === 'intranet' },
  { key: 'service.beta.kubernetes.io/alicloud-loadbalancer-address-type', cloud: 'Alibaba Cloud', internal: (v) => v.toLowerCase() === 'intranet' },
  { key: 'service.beta.kubernetes.io/oci-load-balancer-internal', cloud: 'OCI', internal: (v) => v.toLowerCase() === 'true' },
  { key: 'oci-network-load-balancer.oraclecloud.com/internal', cloud: 'OCI', internal: (v) => v.toLowerCase() === 'true' },
  { key: 'service.beta.kubernetes.io/do-loadbalancer-network', cloud: 'DigitalOcean', internal: (v) => v.toUpperCase() === 'INTERNAL' },
  { key: 'load-balancer.hetzner.cloud/disable-public-network', cloud: 'Hetzner Cloud', internal: (v) => v.toLowerCase() === 'true' },
];

/** The annotation that makes this LoadBalancer internal, or null. */
function internalLoadBalancerAnnotation(svc: Resource): { key: string; value: string; cloud: string } | null {
  const ann = serviceAnnotations(svc);
  for (const a of INTERNAL_LB_ANNOTATIONS) {
    const v = ann[a.key];
    // Values are compared leniently (case, spaces): when in doubt, the load balancer counts as internal.
    if (v !== undefined && a.internal(v.trim())) return { key: a.key, value: v, cloud: a.cloud };
  }
  return null;
}

/**
 * Why a LoadBalancer Service gets an internal (private) load balancer, or null: an internal-LB
 * annotation of a cloud provider, or the AWS Load Balancer Controller, whose default scheme is
 * `internal` when it reconciles the Service (loadBalancerClass service.k8s.aws/nlb, or
 * aws-load-balancer-type external / nlb-ip) and no scheme annotation says otherwise.
 */
export function internalLoadBalancerReason(svc: Resource): { reason: string; at: string } | null {
  const a = internalLoadBalancerAnnotation(svc);
  if (a) return { reason: `${a.cloud} annotation ${a.key}: ${a.value}`, at: pointer('metadata', 'annotations', a.key) };
  const ann = serviceAnnotations(svc);
  const scheme = ann['service.beta.kubernetes.io/aws-load-balancer-scheme'];
  if (scheme !== undefined && scheme.trim() !== '') return null; // explicit scheme, not internal
  const cls = specOf(svc).loadBalancerClass;
  if (cls === 'service.k8s.aws/nlb') {
    return { reason: 'loadBalancerClass service.k8s.aws/nlb (the AWS Load Balancer Controller defaults to scheme internal)', at: pointer('spec', 'loadBalancerClass') };
  }
  const awsType = ann['service.beta.kubernetes.io/aws-load-balancer-type'];
  if (awsType === 'external' || awsType === 'nlb-ip') {
    return {
      reason: `aws-load-balancer-type: ${awsType} (the AWS Load Balancer Controller defaults to scheme internal)`,
      at: pointer('metadata', 'annotations', 'service.beta.kubernetes.io/aws-load-balancer-type'),
    };
  }
  return null;
}

/** Like describeServicePort, but names the list entry when the port number is missing: `ports[2]`. */
export function describeServicePortEntry(p: ServicePortView): string {
  return p.port === null ? describeServicePortTcp(p) : describeServicePort(p);
}
