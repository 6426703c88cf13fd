/**
 * Istio knowledge shared by the mesh-* rules and the wiring graph: where a mesh is present, how
 * VirtualService/DestinationRule hosts resolve to Services and ServiceEntries (istioctl analyze's
 * lookup, SEMANTICS.md §5), which gateways a VirtualService binds to, and the protocol Istio infers
 * for a Service port (§5.3). Tables are computed once per run through `index.memo`.
 */
import { stringMap, type Labels } from '../index/labels.js';
import type { PodTemplateView } from '../index/pod-templates.js';
import { push, type ResourceIndex } from '../index/resource-index.js';
import { pointer } from '../model/pointer.js';
import { isObject } from '../model/resources.js';
import type { JsonValue, Resource } from '../model/types.js';
import { servicePorts, specOf } from './service.js';
import { NAMESPACE, SERVICE, SERVICE_ENTRY } from '../model/group-kinds.js';

export const ISTIO_NETWORKING = 'networking.istio.io';
const ISTIO_SECURITY = 'security.istio.io';
export const GATEWAY_API = 'gateway.networking.k8s.io';
const CLUSTER_DOMAIN = 'cluster.local';
/** The reserved gateway name that binds a VirtualService to every sidecar. */
const MESH_GATEWAY = 'mesh';

/** Ports the Envoy sidecar (and the pilot-agent next to it) listens on inside every meshed pod. */
export const RESERVED_PORTS: ReadonlyMap<number, string> = new Map([
  [15000, 'Envoy admin'],
  [15001, 'Envoy outbound capture'],
  [15004, 'pilot-agent debug'],
  [15006, 'Envoy inbound capture'],
  [15008, 'HBONE mTLS tunnel'],
  [15020, 'merged Prometheus telemetry'],
  [15021, 'health checks'],
  [15053, 'DNS proxy'],
  [15090, 'Envoy Prometheus telemetry'],
]);

function isIstio(r: Resource): boolean {
  return r.group === ISTIO_NETWORKING || r.group === ISTIO_SECURITY;
}

export function labelsOfMetadata(r: Resource): Labels {
  return stringMap(isObject(r.value.metadata) ? r.value.metadata.labels : undefined);
}

// ---------------------------------------------------------------------------------------------
// Mesh presence and injection

/** Injection state a Namespace object declares: `istio-injection` wins over `istio.io/rev`, as in Istio's webhooks. */
type NamespaceInjection = 'enabled' | 'disabled' | 'unlabelled' | 'unknown';

function injectionOfNamespace(ns: Resource): NamespaceInjection {
  const labels = labelsOfMetadata(ns);
  const injection = labels['istio-injection'];
  if (injection === 'enabled') return 'enabled';
  if (injection !== undefined) return 'disabled';
  if (labels['istio.io/rev'] !== undefined) return 'enabled';
  return 'unlabelled';
}

interface MeshFacts {
  present: boolean;
  namespaces: Map<string, NamespaceInjection>;
}

function meshFacts(index: ResourceIndex): MeshFacts {
  return index.memo('istio:mesh', () => {
    const namespaces = new Map<string, NamespaceInjection>();
    for (const ns of index.all(NAMESPACE)) namespaces.set(ns.name, injectionOfNamespace(ns));
    const present = [...namespaces.values()].includes('enabled') || index.unique.some(isIstio);
    return { present, namespaces };
  });
}

/**
 * Whether the input shows an Istio mesh: any networking.istio.io / security.istio.io object, or a
 * Namespace labelled `istio-injection=enabled` or `istio.io/rev`. Mesh rules run only then.
 */
export function meshPresent(index: ResourceIndex): boolean {
  return meshFacts(index).present;
}

/** Injection state of a namespace: 'unknown' when the input holds no Namespace object for it. */
function namespaceInjection(index: ResourceIndex, namespace: string): NamespaceInjection {
  return meshFacts(index).namespaces.get(namespace) ?? 'unknown';
}

/**
 * Whether the pods of a template get an Envoy sidecar, judged conservatively from the input:
 * - the namespace is labelled for injection (`istio-injection=enabled`, or `istio.io/rev` without
 *   `istio-injection`) and the template does not opt out (`sidecar.istio.io/inject: "false"` label or
 *   annotation); or
 * - the template opts in with the label `sidecar.istio.io/inject: "true"` or `istio.io/rev`, and its
 *   namespace is not labelled `istio-injection=disabled`.
 * Pods on the host network are never injected, and gateway-injected pods (`inject.istio.io/templates`
 * naming `gateway`) run Envoy as the main container, so they own these ports by design.
 * Returns the reason, or null when the pods are not (known to be) meshed.
 */
export function sidecarInjected(index: ResourceIndex, t: PodTemplateView): string | null {
  if (t.spec.hostNetwork === true) return null;
  const tpl = templateMeta(t);
  const labels = t.labels;
  const annotations = tpl.annotations;
  if ((annotations['inject.istio.io/templates'] ?? '').split(',').some((s) => s.trim() === 'gateway')) return null;
  const optOut = labels['sidecar.istio.io/inject'] === 'false' || annotations['sidecar.istio.io/inject'] === 'false';
  if (optOut) return null;
  const ns = namespaceInjection(index, t.namespace);
  if (ns === 'enabled') return `namespace ${t.namespace} is labelled for sidecar injection`;
  if (ns === 'disabled') return null;
  if (labels['sidecar.istio.io/inject'] === 'true') return 'its pod template is labelled sidecar.istio.io/inject: "true"';
  if (labels['istio.io/rev'] !== undefined) return `its pod template is labelled istio.io/rev: ${labels['istio.io/rev']}`;
  return null;
}

/**
 * A pointer of a pod template view (which includes a List item's base pointer) made relative to its
 * owner, as reports and related locations expect.
 */
export function ownerPointer(owner: Resource, p: string): string {
  return p.startsWith(owner.source.basePointer) ? p.slice(owner.source.basePointer.length) : p;
}

/** Annotations of a pod template (a Pod's own annotations). */
export function templateAnnotations(t: PodTemplateView): Labels {
  return templateMeta(t).annotations;
}

function templateMeta(t: PodTemplateView): { annotations: Labels } {
  // The template's metadata sits next to its spec: for a Pod, the Pod's own metadata.
  let node: JsonValue | undefined = t.owner.value;
  const path = t.at.slice(t.owner.source.basePointer.length).split('/').filter(Boolean);
  for (const p of path) node = isObject(node) ? node[p] : undefined;
  const meta = isObject(node) && isObject(node.metadata) ? node.metadata : {};
  return { annotations: stringMap(meta.annotations) };
}

// ---------------------------------------------------------------------------------------------
// Hosts

/** istioctl's ConvertHostToFQDN: a host without a dot (and not `*…`) becomes `host.<namespace>.svc.cluster.local`. */
export function toFqdn(host: string, namespace: string): string {
  if (host === '' || host.startsWith('*') || host.includes('.') || isIpAddress(host)) return host;
  return `${host}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}(\/\d+)?$/.test(host) || (host.includes(':') && /^[0-9a-fA-F:./]+$/.test(host));
}

/** `name.ns.svc.cluster.local` → {name, namespace} (istioctl's `^(.+)\.(.+)\.svc\.cluster\.local$`). */
function parseClusterHost(fqdn: string): { name: string; namespace: string } | null {
  const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(fqdn);
  return m ? { name: m[1], namespace: m[2] } : null;
}

/**
 * Istio's host.Name.Matches: two hostnames overlap when equal, or when one is a wildcard (`*`,
 * `*.suffix`) covering the other; a wildcard covers any number of labels.
 */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const aw = a.startsWith('*');
  const bw = b.startsWith('*');
  if (!aw && !bw) return false;
  if (aw && bw) {
    const sa = a.slice(1);
    const sb = b.slice(1);
    return sa.length <= sb.length ? sb.endsWith(sa) : sa.endsWith(sb);
  }
  const [wild, concrete] = aw ? [a, b] : [b, a];
  return concrete.endsWith(wild.slice(1));
}

/** A port of a registry entry: a Service `port`, or a ServiceEntry `ports[].number`. */
interface RegistryPort {
  number: number;
  name: string | null;
}

/** What a host resolves to in the mesh's service registry. */
export interface HostTarget {
  kind: 'Service' | 'ServiceEntry';
  resource: Resource;
  /** The registry host that matched: the Service FQDN, or the ServiceEntry host (maybe `*.suffix`). */
  host: string;
  /** Pointer to the matching host in the ServiceEntry (or the Service's metadata.name). */
  at: string;
  ports: RegistryPort[];
}

interface Registry {
  exact: Map<string, HostTarget[]>;
  /** Wildcard ServiceEntry hosts, most specific (longest suffix) first. */
  wildcards: { suffix: string; target: HostTarget }[];
  /** Service namespace → Services. */
  servicesByNs: Map<string, Resource[]>;
}

function registry(index: ResourceIndex): Registry {
  return index.memo('istio:registry', () => {
    const exact = new Map<string, HostTarget[]>();
    const wildcards: Registry['wildcards'] = [];
    const servicesByNs = new Map<string, Resource[]>();
    const add = (h: string, t: HostTarget): void => {
      const list = exact.get(h);
      if (list) list.push(t);
      else exact.set(h, [t]);
    };
    for (const svc of index.all(SERVICE)) {
      if (svc.namespace === null) continue;
      const ports = servicePorts(svc).flatMap((p) => (p.port === null ? [] : [{ number: p.port, name: p.name }]));
      add(`${svc.name}.${svc.namespace}.svc.${CLUSTER_DOMAIN}`, {
        kind: 'Service',
        resource: svc,
        host: `${svc.name}.${svc.namespace}.svc.${CLUSTER_DOMAIN}`,
        at: pointer('metadata', 'name'),
        ports,
      });
      const list = servicesByNs.get(svc.namespace);
      if (list) list.push(svc);
      else servicesByNs.set(svc.namespace, [svc]);
    }
    for (const se of index.all(SERVICE_ENTRY)) {
      const spec = specOf(se);
      const ports: RegistryPort[] = Array.isArray(spec.ports)
        ? spec.ports.filter(isObject).flatMap((p) =>
            typeof p.number === 'number' ? [{ number: p.number, name: typeof p.name === 'string' ? p.name : null }] : [],
          )
        : [];
      if (!Array.isArray(spec.hosts)) continue;
      spec.hosts.forEach((h, i) => {
        if (typeof h !== 'string' || h === '') return;
        const target: HostTarget = { kind: 'ServiceEntry', resource: se, host: h, at: pointer('spec', 'hosts', i), ports };
        if (h.startsWith('*')) {
          wildcards.push({ suffix: h.slice(1), target });
          return;
        }
        add(h, target);
        // A short ServiceEntry host also answers to its expanded name: counting both never adds a finding.
        if (se.namespace !== null && !h.includes('.')) add(toFqdn(h, se.namespace), target);
      });
    }
    wildcards.sort((a, b) => b.suffix.length - a.suffix.length);
    return { exact, wildcards, servicesByNs };
  });
}

export type HostClass =
  /** `name.ns.svc.cluster.local` (after short-name expansion). */
  | 'cluster'
  /** Any other concrete hostname: found only through a ServiceEntry. */
  | 'external'
  /** Wildcards and IP addresses: not judged. */
  | 'other';

export interface HostResolution {
  /** The host as written. */
  host: string;
  /** After short-name expansion against the referring object's namespace. */
  fqdn: string;
  hostClass: HostClass;
  /** For cluster hosts: the Service name and namespace the FQDN names. */
  service: { name: string; namespace: string } | null;
  /** The best match, or null when nothing in the input answers to the host. */
  target: HostTarget | null;
  /**
   * For a partially qualified name (`reviews.default`, `reviews.default.svc`) that Istio takes
   * literally: the Service the author probably meant.
   */
  partialOf: Resource | null;
}

/**
 * Resolves a destination or DestinationRule host the way istioctl analyze does (IST0101/IST0174):
 * exact FQDN among Services and ServiceEntry hosts, then wildcard ServiceEntry hosts by suffix.
 * exportTo is ignored (the conservative choice: visibility never creates a finding here).
 */
export function resolveHost(index: ResourceIndex, host: string, fromNamespace: string): HostResolution {
  const fqdn = toFqdn(host, fromNamespace);
  const reg = registry(index);
  const service = parseClusterHost(fqdn);
  const hostClass: HostClass = host.startsWith('*') || isIpAddress(host) ? 'other' : service ? 'cluster' : 'external';
  const base = { host, fqdn, hostClass, service, partialOf: null };
  const exact = reg.exact.get(fqdn);
  if (exact?.length) {
    // Prefer the Service: it is what a plain Kubernetes host names.
    return { ...base, target: exact.find((t) => t.kind === 'Service') ?? exact[0] };
  }
  if (hostClass !== 'other') {
    const w = reg.wildcards.find((c) => fqdn.endsWith(c.suffix));
    if (w) return { ...base, target: w.target };
  } else if (host.startsWith('*')) {
    const w = reg.wildcards.find((c) => c.target.host === host);
    if (w) return { ...base, target: w.target };
  }
  if (hostClass === 'external') {
    // `name.ns`, `name.ns.svc`: Istio does not expand these (it takes them literally), but a
    // `name.ns.svc.<other cluster domain>` is a cluster with a custom domain: accept it.
    const m = /^([^.]+)\.([^.]+)(\.svc)?(\..+)?$/.exec(fqdn);
    if (m) {
      const svc = (reg.servicesByNs.get(m[2]) ?? []).find((s) => s.name === m[1]);
      if (svc && m[3] && m[4]) {
        return {
          ...base,
          target: { kind: 'Service', resource: svc, host: fqdn, at: pointer('metadata', 'name'), ports: registryPortsOf(svc) },
        };
      }
      if (svc && !m[4]) return { ...base, target: null, partialOf: svc };
    }
  }
  return { ...base, target: null };
}

function registryPortsOf(svc: Resource): RegistryPort[] {
  return servicePorts(svc).flatMap((p) => (p.port === null ? [] : [{ number: p.port, name: p.name }]));
}

/** Services of one namespace in the input. */
export function servicesIn(index: ResourceIndex, namespace: string): Resource[] {
  return registry(index).servicesByNs.get(namespace) ?? [];
}

/**
 * Whether a host that resolved to nothing names something that could be in the input: a cluster
 * Service (or a partially qualified name of one) or an external host a ServiceEntry would declare;
 * never wildcards and IP addresses. Whether the input is complete enough to call it missing is the
 * engine's decision (reportUnresolvedHost names what it looked for).
 */
export function hostCheckable(r: HostResolution): boolean {
  return Boolean(r.partialOf) || r.hostClass === 'cluster' || r.hostClass === 'external';
}

// ---------------------------------------------------------------------------------------------
// VirtualService

export interface VsDestination {
  /** The host as written. */
  host: string;
  resolution: HostResolution;
  /** The Service or ServiceEntry the host resolves to, or null. */
  target: HostTarget | null;
  subset: string | null;
  /** `destination.port.number`, or null when absent. */
  port: number | null;
  /** Pointer to the Destination object (its `host` is at `${at}/host`). */
  at: string;
  /** `route` for http/tcp/tls routes, `mirror` for mirror and mirrors[]. */
  role: 'route' | 'mirror';
  section: 'http' | 'tcp' | 'tls';
}

/**
 * Every destination of a VirtualService: http/tcp/tls `route[].destination`, http `mirror` and
 * `mirrors[].destination`, each resolved against the VirtualService's namespace. Used by the mesh
 * rules and by the wiring graph (VirtualService → Service/subset edges).
 */
export function virtualServiceDestinations(index: ResourceIndex, vs: Resource): VsDestination[] {
  // Several rules and the graph ask for the same VirtualService: compute once per object (copies differ).
  const cache = index.memo('istio:destinations', () => new WeakMap<Resource, VsDestination[]>());
  let out = cache.get(vs);
  if (!out) cache.set(vs, (out = computeDestinations(index, vs)));
  return out;
}

function computeDestinations(index: ResourceIndex, vs: Resource): VsDestination[] {
  const ns = vs.namespace ?? 'default';
  const spec = specOf(vs);
  const out: VsDestination[] = [];
  const add = (d: JsonValue | undefined, at: string, role: VsDestination['role'], section: VsDestination['section']): void => {
    if (!isObject(d) || typeof d.host !== 'string' || d.host === '') return;
    const resolution = resolveHost(index, d.host, ns);
    const port = isObject(d.port) && typeof d.port.number === 'number' ? d.port.number : null;
    out.push({
      host: d.host,
      resolution,
      target: resolution.target,
      subset: typeof d.subset === 'string' && d.subset !== '' ? d.subset : null,
      port,
      at,
      role,
      section,
    });
  };
  for (const section of ['http', 'tcp', 'tls'] as const) {
    const routes = spec[section];
    if (!Array.isArray(routes)) continue;
    routes.forEach((r, i) => {
      if (!isObject(r)) return;
      if (Array.isArray(r.route)) {
        r.route.forEach((w, j) => {
          if (isObject(w)) add(w.destination, pointer('spec', section, i, 'route', j, 'destination'), 'route', section);
        });
      }
      if (section !== 'http') return;
      add(r.mirror, pointer('spec', section, i, 'mirror'), 'mirror', section);
      if (Array.isArray(r.mirrors)) {
        r.mirrors.forEach((m, j) => {
          if (isObject(m)) add(m.destination, pointer('spec', section, i, 'mirrors', j, 'destination'), 'mirror', section);
        });
      }
    });
  }
  return out;
}

function stringList(v: JsonValue | undefined): { value: string; index: number }[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((s, index) => (typeof s === 'string' ? [{ value: s, index }] : []));
}

/** `spec.hosts` of a VirtualService, with pointers. */
export function virtualServiceHosts(vs: Resource): { value: string; at: string }[] {
  return stringList(specOf(vs).hosts).map((h) => ({ value: h.value, at: pointer('spec', 'hosts', h.index) }));
}

/** Bound to sidecars: `gateways` empty/absent, or containing `mesh`. */
export function isMeshBound(vs: Resource): boolean {
  const gws = stringList(specOf(vs).gateways).map((g) => g.value);
  return gws.length === 0 || gws.includes(MESH_GATEWAY);
}

interface GatewayRef {
  /** As written: `name` or `ns/name`. */
  value: string;
  name: string;
  namespace: string;
  at: string;
}

/**
 * Gateway references of a VirtualService other than `mesh`: `spec.gateways[]` and the
 * `gateways` of http/tcp/tls match blocks. `ns/name` names another namespace, as does the legacy
 * `name.ns.svc.cluster.local`; a bare name is in the VirtualService's namespace.
 */
export function virtualServiceGatewayRefs(vs: Resource, includeMatches = true): GatewayRef[] {
  const ns = vs.namespace ?? 'default';
  const spec = specOf(vs);
  const out: GatewayRef[] = [];
  const add = (value: string, at: string): void => {
    if (value === MESH_GATEWAY || value === '') return;
    const slash = value.indexOf('/');
    if (slash >= 0) {
      const namespace = value.slice(0, slash);
      out.push({ value, name: value.slice(slash + 1), namespace: namespace === '.' ? ns : namespace, at });
    } else if (value.includes('.')) {
      // The legacy FQDN form `name.namespace[.svc.cluster.local]`, which Istio still resolves.
      const [name, namespace] = value.split('.');
      out.push({ value, name: name, namespace: namespace, at });
    } else {
      out.push({ value, name: value, namespace: ns, at });
    }
  };
  for (const g of stringList(spec.gateways)) add(g.value, pointer('spec', 'gateways', g.index));
  if (!includeMatches) return out;
  for (const section of ['http', 'tcp', 'tls'] as const) {
    const routes = spec[section];
    if (!Array.isArray(routes)) continue;
    routes.forEach((r, i) => {
      if (!isObject(r) || !Array.isArray(r.match)) return;
      r.match.forEach((m, j) => {
        if (!isObject(m)) return;
        for (const g of stringList(m.gateways)) add(g.value, pointer('spec', section, i, 'match', j, 'gateways', g.index));
      });
    });
  }
  return out;
}

/**
 * The namespaces an object is exported to: `exportTo` absent or empty means everywhere (`*`),
 * `.` its own namespace, `~` nowhere.
 */
export function exportScopes(r: Resource): Set<string> {
  const list = stringList(specOf(r).exportTo).map((e) => e.value);
  if (list.length === 0) return new Set(['*']);
  return new Set(list.filter((e) => e !== '~').map((e) => (e === '.' ? (r.namespace ?? 'default') : e)));
}

export function scopesOverlap(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  if (a.has('*') || b.has('*')) return true;
  for (const s of a) if (b.has(s)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Istio Gateway

/** An Istio Gateway server host split into its namespace part (`*` = any, null = none) and hostname. */
interface GatewayHost {
  value: string;
  namespace: string | null;
  hostname: string;
  at: string;
}

/**
 * Server hosts of an Istio Gateway, normalised as istioctl does for IST0132: `./h` names the
 * Gateway's namespace, `*\/h` any namespace.
 */
export function istioGatewayHosts(gw: Resource): GatewayHost[] {
  const spec = specOf(gw);
  const out: GatewayHost[] = [];
  if (!Array.isArray(spec.servers)) return out;
  spec.servers.forEach((s, i) => {
    if (!isObject(s)) return;
    for (const h of stringList(s.hosts)) {
      const slash = h.value.indexOf('/');
      let namespace: string | null = null;
      let hostname = h.value;
      if (slash >= 0) {
        namespace = h.value.slice(0, slash);
        hostname = h.value.slice(slash + 1);
        if (namespace === '.') namespace = gw.namespace;
        if (namespace === '*') namespace = null;
      }
      out.push({ value: h.value, namespace, hostname, at: pointer('spec', 'servers', i, 'hosts', h.index) });
    }
  });
  return out;
}

/** `spec.selector` of an Istio Gateway (equality labels). */
export function istioGatewaySelector(gw: Resource): Labels {
  return stringMap(specOf(gw).selector);
}

// ---------------------------------------------------------------------------------------------
// DestinationRule

interface DrSubset {
  name: string;
  labels: Labels;
  at: string;
}

export function destinationRuleSubsets(dr: Resource): DrSubset[] {
  const subsets = specOf(dr).subsets;
  if (!Array.isArray(subsets)) return [];
  return subsets.flatMap((s, i) =>
    isObject(s) && typeof s.name === 'string' ? [{ name: s.name, labels: stringMap(s.labels), at: pointer('spec', 'subsets', i) }] : [],
  );
}

export function destinationRuleHost(dr: Resource): string | null {
  const h = specOf(dr).host;
  return typeof h === 'string' && h !== '' ? h : null;
}

interface DrEntry {
  dr: Resource;
  /** The DR host resolved against the DR's namespace. */
  fqdn: string;
  subsets: DrSubset[];
}

/**
 * Every DestinationRule with its host as a full name (the DestinationRuleAnalyzer's table). Copies of
 * one DestinationRule in several files all count: which one is applied last is unknown, so a subset
 * defined by any copy is not reported missing.
 */
export function destinationRules(index: ResourceIndex): DrEntry[] {
  return index.memo('istio:destinationRules', () =>
    index.resources.filter((r) => r.kind === 'DestinationRule' && r.group === ISTIO_NETWORKING).flatMap((dr) => {
      const host = destinationRuleHost(dr);
      if (!host) return [];
      return [{ dr, fqdn: toFqdn(host, dr.namespace ?? 'default'), subsets: destinationRuleSubsets(dr) }];
    }),
  );
}

/**
 * DestinationRules that apply to a destination FQDN: exact full-name equality (istioctl), and, to stay
 * conservative, wildcard DR hosts covering it (Istio's runtime picks those up too).
 */
export function destinationRulesFor(index: ResourceIndex, fqdn: string): DrEntry[] {
  const { byFqdn, wildcards } = index.memo('istio:destinationRulesByHost', () => {
    const m = new Map<string, DrEntry[]>();
    const w: DrEntry[] = [];
    for (const e of destinationRules(index)) {
      if (e.fqdn.startsWith('*')) w.push(e);
      push(m, e.fqdn, e);
    }
    return { byFqdn: m, wildcards: w };
  });
  const exact = byFqdn.get(fqdn) ?? [];
  const covering = wildcards.filter((e) => e.fqdn !== fqdn && hostsOverlap(e.fqdn, fqdn));
  return covering.length === 0 ? exact : [...exact, ...covering];
}

// ---------------------------------------------------------------------------------------------
// Protocol selection (SEMANTICS.md §5.3)

const KNOWN_PROTOCOLS: Record<string, string> = {
  tcp: 'TCP',
  udp: 'UDP',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-Web',
  http: 'HTTP',
  http_proxy: 'HTTP_PROXY',
  http2: 'HTTP2',
  https: 'HTTPS',
  tls: 'TLS',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
};

/**
 * Istio's ConvertProtocol for a Kubernetes Service port: the protocol it selects, or null when it
 * cannot tell (Unsupported: protocol sniffing, IST0118).
 */
export function istioProtocol(port: number | null, name: string | null, protocol: string, appProtocol: string | null): string | null {
  if (protocol === 'UDP') return 'UDP';
  let s = name ?? '';
  if (appProtocol !== null && appProtocol !== '') {
    switch (appProtocol) {
      case 'kubernetes.io/h2c':
        return 'HTTP2';
      case 'kubernetes.io/ws':
        return 'HTTP';
      case 'kubernetes.io/wss':
        return 'HTTPS';
    }
    s = appProtocol;
  }
  const lower = s.toLowerCase();
  if (lower.startsWith('grpc-web')) return 'GRPC-Web';
  const dash = lower.indexOf('-');
  const prefix = dash >= 0 ? lower.slice(0, dash) : lower;
  const known = KNOWN_PROTOCOLS[prefix];
  if (known) return known;
  if (port === 25 || port === 53 || port === 3306 || port === 27017) return 'TCP';
  return null;
}

/** The object as `Kind name` with its namespace when it differs from `namespace`. */
export function describe(r: Resource, namespace?: string | null): string {
  return r.namespace !== null && r.namespace !== namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}
