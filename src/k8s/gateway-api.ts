/**
 * Gateway API (gateway.networking.k8s.io) knowledge shared by the route-* and gateway-* rules and the
 * wiring graph: references with their API defaults applied, listeners, route admission by
 * allowedRoutes, hostname intersection and ReferenceGrant resolution (SEMANTICS.md §4).
 */
import { matchesSelector, stringMap, toLabelSelector, isEmptySelector, type LabelSelector } from '../index/labels.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { GATEWAY, GATEWAY_API_GROUP, GATEWAY_CLASS, isOneOf, NAMESPACE, REFERENCE_GRANT, ROUTE_KINDS } from '../model/group-kinds.js';
import { isObject } from '../model/resources.js';
import { pointer } from '../model/pointer.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';
import { valueText } from '../text/value-text.js';

export const GATEWAY_GROUP = GATEWAY_API_GROUP;
/** Route kinds of the Gateway API, in every served version (v1, v1beta1, v1alpha2, v1alpha3). */
export { ROUTE_KINDS };

/** Route kinds whose spec has `hostnames`. */
const HOSTNAME_ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

export function isRoute(r: Resource): boolean {
  return isOneOf(r, ROUTE_KINDS);
}

/** Gateway API Gateways only (never Istio's networking.istio.io Gateway). */
export function isGatewayApiGateway(r: Resource): boolean {
  return r.kind === 'Gateway' && r.group === GATEWAY_GROUP;
}

function specOf(r: Resource): JsonObject {
  return isObject(r.value.spec) ? r.value.spec : {};
}

function str(v: JsonValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

function int(v: JsonValue | undefined): number | null {
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

/** `ns/name`. */
export function nsName(namespace: string | null, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * Every definition of the object `canonical` identifies, in file order (the canonical one first). The
 * same Gateway or Service defined in several files with different content — alternative examples,
 * a base and an overlay — may each be the one applied: a reference is judged broken only when it is
 * broken against every definition. (Only copies of one identity are gathered: objects are still paired
 * through the canonical index.)
 */
export function definitionsOf(index: ResourceIndex, canonical: Resource): Resource[] {
  return [...index.variants(canonical)];
}

// ---------------------------------------------------------------------------------------------
// Implementations

/**
 * GatewayClass controllers that route a Service backendRef by the Service alone and ignore its `port`:
 * Consul's API gateway (consul-k8s `translateHTTPBackendRef`/`translateTCPRouteRule` build the upstream
 * from the Service's name and namespace; the Consul service carries the ports), whose chart installs
 * route CRDs without the "Must have port for Service reference" rule.
 */
const PORT_AGNOSTIC_CONTROLLERS: ReadonlySet<string> = new Set(['consul.hashicorp.com/gateway-controller']);

/** The controllerNames of the GatewayClasses of a Gateway, over every definition of the Gateway and of its class that the input holds. */
function controllersOf(index: ResourceIndex, gateway: Resource): Set<string> {
  const out = new Set<string>();
  for (const g of definitionsOf(index, gateway)) {
    const className = str(specOf(g).gatewayClassName);
    const cls = className ? index.get(GATEWAY_CLASS, null, className) : undefined;
    if (!cls) continue;
    for (const c of definitionsOf(index, cls)) {
      const controller = str(specOf(c).controllerName);
      if (controller) out.add(controller);
    }
  }
  return out;
}

/**
 * Whether the route's backendRef ports are ignored by every Gateway it attaches to: each Gateway
 * parent is in the input and one of its definitions belongs to a class run by a controller that
 * ignores backendRef ports (PORT_AGNOSTIC_CONTROLLERS). As for every reference, a port is judged
 * broken only when broken under every variant. A route with no Gateway parent, or a parent whose
 * class is not in the input, is judged as the Gateway API specifies.
 */
export function backendPortIgnored(index: ResourceIndex, route: Resource): boolean {
  const parents = parentRefs(route).filter(isGatewayParent);
  if (parents.length === 0) return false;
  return parents.every((p) => {
    const gateway = index.get(GATEWAY, p.namespace, p.name);
    return gateway !== undefined && [...controllersOf(index, gateway)].some((c) => PORT_AGNOSTIC_CONTROLLERS.has(c));
  });
}

// ---------------------------------------------------------------------------------------------
// parentRefs

export interface ParentRefView {
  index: number;
  /** Defaulted: gateway.networking.k8s.io. */
  group: string;
  /** Defaulted: Gateway. */
  kind: string;
  /** Defaulted: the route's namespace. */
  namespace: string;
  name: string;
  /** Whether `namespace` was written (a cross-namespace attachment is governed by allowedRoutes). */
  explicitNamespace: boolean;
  /** Listener name of a Gateway; port name of a Service. */
  sectionName: string | null;
  /** Listener port of a Gateway; Service port of a Service. */
  port: number | null;
  at: string;
  value: JsonObject;
}

export function parentRefs(route: Resource): ParentRefView[] {
  const refs = specOf(route).parentRefs;
  if (!Array.isArray(refs)) return [];
  const out: ParentRefView[] = [];
  refs.forEach((ref, index) => {
    if (!isObject(ref) || typeof ref.name !== 'string') return;
    const ns = str(ref.namespace);
    out.push({
      index,
      group: str(ref.group) ?? GATEWAY_GROUP,
      kind: str(ref.kind) ?? 'Gateway',
      namespace: ns || (route.namespace ?? ''),
      name: ref.name,
      explicitNamespace: !!ns,
      sectionName: str(ref.sectionName) || null,
      port: int(ref.port),
      at: pointer('spec', 'parentRefs', index),
      value: ref,
    });
  });
  return out;
}

/** A parentRef to a Gateway API Gateway. */
export function isGatewayParent(p: ParentRefView): boolean {
  return p.group === GATEWAY_GROUP && p.kind === 'Gateway';
}

/** A parentRef to a Service (GAMMA, mesh attachment): group "" written explicitly, kind Service. */
export function isServiceParent(p: ParentRefView): boolean {
  return p.group === '' && p.kind === 'Service';
}

// ---------------------------------------------------------------------------------------------
// backendRefs

interface BackendRefView {
  /** Defaulted: "" (core). */
  group: string;
  /** Defaulted: Service. */
  kind: string;
  /** Defaulted: the route's namespace. */
  namespace: string;
  name: string;
  /** Whether `namespace` was written and differs from the route's (needs a ReferenceGrant). */
  crossNamespace: boolean;
  port: number | null;
  /** Whether `port` is written at all (a non-integer one is the schema rules' concern). */
  hasPort: boolean;
  /** `backendRef` in rules[].backendRefs, `mirror` for a RequestMirror filter's backendRef. */
  via: 'backendRef' | 'mirror';
  /** Pointer to the reference object. */
  at: string;
  value: JsonObject;
}

function backendRefView(route: Resource, ref: JsonValue | undefined, at: string, via: BackendRefView['via']): BackendRefView | null {
  if (!isObject(ref) || typeof ref.name !== 'string') return null;
  const own = route.namespace ?? '';
  const ns = str(ref.namespace) || own;
  return {
    group: str(ref.group) ?? '',
    kind: str(ref.kind) ?? 'Service',
    namespace: ns,
    name: ref.name,
    crossNamespace: ns !== own,
    port: int(ref.port),
    hasPort: ref.port !== undefined && ref.port !== null,
    via,
    at,
    value: ref,
  };
}

function mirrorRefs(route: Resource, filters: JsonValue | undefined, base: (string | number)[], out: BackendRefView[]): void {
  if (!Array.isArray(filters)) return;
  filters.forEach((f, i) => {
    if (!isObject(f) || !isObject(f.requestMirror)) return;
    const v = backendRefView(route, f.requestMirror.backendRef, pointer(...base, 'filters', i, 'requestMirror', 'backendRef'), 'mirror');
    if (v) out.push(v);
  });
}

/**
 * Every backend reference of a route with defaults applied: rules[].backendRefs[] and the backendRef of
 * RequestMirror filters (on the rule and on each backendRef), which are BackendObjectReferences too.
 */
export function backendRefs(route: Resource): BackendRefView[] {
  const rules = specOf(route).rules;
  if (!Array.isArray(rules)) return [];
  const out: BackendRefView[] = [];
  rules.forEach((rule, r) => {
    if (!isObject(rule)) return;
    if (Array.isArray(rule.backendRefs)) {
      rule.backendRefs.forEach((ref, b) => {
        const v = backendRefView(route, ref, pointer('spec', 'rules', r, 'backendRefs', b), 'backendRef');
        if (v) out.push(v);
        if (isObject(ref)) mirrorRefs(route, ref.filters, ['spec', 'rules', r, 'backendRefs', b], out);
      });
    }
    mirrorRefs(route, rule.filters, ['spec', 'rules', r], out);
  });
  return out;
}

/** A backend reference to a core Service (the only kind these rules judge). */
export function isServiceBackend(b: BackendRefView): boolean {
  return b.group === '' && b.kind === 'Service';
}

/** The Services a route sends traffic to (for the wiring graph): namespace, name, Service port and pointer. */
export function routeBackends(route: Resource): { namespace: string; name: string; port: number | null; at: string }[] {
  if (!isRoute(route)) return [];
  return backendRefs(route)
    .filter(isServiceBackend)
    .map((b) => ({ namespace: b.namespace, name: b.name, port: b.port, at: b.at }));
}

// ---------------------------------------------------------------------------------------------
// Gateways and listeners

export interface ListenerView {
  index: number;
  name: string;
  port: number | null;
  protocol: string;
  hostname: string | null;
  tls: JsonObject | null;
  at: string;
  value: JsonObject;
}

export function listeners(gateway: Resource): ListenerView[] {
  const ls = specOf(gateway).listeners;
  if (!Array.isArray(ls)) return [];
  const out: ListenerView[] = [];
  ls.forEach((l, index) => {
    if (!isObject(l)) return;
    out.push({
      index,
      name: str(l.name) ?? '',
      port: int(l.port),
      protocol: str(l.protocol) ?? '',
      hostname: str(l.hostname) || null,
      tls: isObject(l.tls) ? l.tls : null,
      at: pointer('spec', 'listeners', index),
      value: l,
    });
  });
  return out;
}

/** A listener's tls.mode as the CRD defaults it: Terminate when absent. */
export function tlsMode(l: ListenerView): string {
  return l.tls && typeof l.tls.mode === 'string' ? l.tls.mode : 'Terminate';
}

export function describeListener(l: ListenerView): string {
  const parts = [l.protocol, l.port !== null ? String(l.port) : '', l.hostname ?? ''].filter((s) => s !== '');
  return `${l.name || `#${l.index}`}${parts.length > 0 ? ` (${parts.join(' ')})` : ''}`;
}

/** The listeners a parentRef selects: all, narrowed by sectionName (listener name) and port. */
export function listenersFor(gateway: Resource, ref: ParentRefView): ListenerView[] {
  return listeners(gateway).filter(
    (l) => (ref.sectionName === null || l.name === ref.sectionName) && (ref.port === null || l.port === ref.port),
  );
}

/**
 * Route kinds a listener admits when allowedRoutes.kinds is empty, by protocol; null for custom protocols.
 * A TLS listener in Passthrough mode admits TLSRoute only (the stream stays encrypted); in Terminate
 * mode (tls.mode's default) the Gateway decrypts, so TCPRoute is admitted too: the Gateway API TLS
 * guide lists TCPRoute for TLS/Terminate (https://gateway-api.sigs.k8s.io/guides/tls/), TLSRoute's
 * TLSRouteModeTerminate feature covers TLSRoute there, and implementations such as Envoy Gateway
 * ("TLS Termination for TCP", https://gateway.envoyproxy.io/docs/tasks/security/tls-termination/)
 * serve TCPRoutes on it.
 */
function defaultRouteKinds(l: ListenerView): string[] | null {
  switch (l.protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      return tlsMode(l) === 'Passthrough' ? ['TLSRoute'] : ['TLSRoute', 'TCPRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return null;
  }
}

export type Admission =
  | { result: 'yes' }
  /** Not judged: a Selector whose Namespace object is not in the input, a custom protocol, an invalid allowedRoutes. */
  | { result: 'unknown' }
  | { result: 'no'; reason: 'namespace' | 'kind'; detail: string; at: string };

/** Labels of a Namespace object as the API server keeps them: it always adds kubernetes.io/metadata.name. */
function namespaceLabels(ns: Resource): Record<string, string> {
  const meta = isObject(ns.value.metadata) ? ns.value.metadata : {};
  return { ...stringMap(meta.labels), 'kubernetes.io/metadata.name': ns.name };
}

function describeSelector(sel: LabelSelector): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) parts.push(`${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(',')})` : ''}`);
  return parts.join(',');
}

/** Whether a listener's allowedRoutes admits the route (namespace first, then kind). */
export function admits(index: ResourceIndex, gateway: Resource, l: ListenerView, route: Resource): Admission {
  const allowed = isObject(l.value.allowedRoutes) ? l.value.allowedRoutes : {};
  const namespaces = isObject(allowed.namespaces) ? allowed.namespaces : {};
  const from = str(namespaces.from) ?? 'Same';
  const nsAt = pointer('spec', 'listeners', l.index, 'allowedRoutes', 'namespaces');
  let unknown = false;
  if (from === 'Same') {
    if (route.namespace !== gateway.namespace) {
      return {
        result: 'no',
        reason: 'namespace',
        detail: `listener ${l.name} admits routes from namespace ${gateway.namespace} only (allowedRoutes.namespaces.from: Same${isObject(allowed.namespaces) && namespaces.from !== undefined ? '' : ', the default'})`,
        at: isObject(l.value.allowedRoutes) ? nsAt : l.at,
      };
    }
  } else if (from === 'Selector') {
    const sel = toLabelSelector(namespaces.selector);
    const nsObject = route.namespace ? index.get(NAMESPACE, null, route.namespace) : undefined;
    if (!isObject(namespaces.selector) || isEmptySelector(sel) || !nsObject) unknown = true;
    else if (!matchesSelector(sel, namespaceLabels(nsObject))) {
      return {
        result: 'no',
        reason: 'namespace',
        detail: `listener ${l.name} admits routes from namespaces labelled ${describeSelector(sel)}, and Namespace ${route.namespace} does not match`,
        at: pointer('spec', 'listeners', l.index, 'allowedRoutes', 'namespaces', 'selector'),
      };
    }
  } else if (from !== 'All') unknown = true;

  const kinds = Array.isArray(allowed.kinds) ? allowed.kinds.filter(isObject) : [];
  if (kinds.length > 0) {
    const ok = kinds.some((k) => (str(k.group) ?? GATEWAY_GROUP) === route.group && k.kind === route.kind);
    if (!ok) {
      return {
        result: 'no',
        reason: 'kind',
        detail: `listener ${l.name} admits ${kinds.map((k) => valueText(k.kind)).join(', ')} only (allowedRoutes.kinds)`,
        at: pointer('spec', 'listeners', l.index, 'allowedRoutes', 'kinds'),
      };
    }
  } else {
    const defaults = defaultRouteKinds(l);
    if (defaults === null) unknown = true;
    else if (!defaults.includes(route.kind)) {
      return {
        result: 'no',
        reason: 'kind',
        detail: `listener ${l.name} (protocol ${l.protocol}${l.protocol === 'TLS' ? `, mode ${tlsMode(l)}` : ''}) admits ${defaults.join(', ')} only`,
        at: pointer('spec', 'listeners', l.index, 'protocol'),
      };
    }
  }
  return unknown ? { result: 'unknown' } : { result: 'yes' };
}

// ---------------------------------------------------------------------------------------------
// Hostnames

/** Route hostnames (HTTPRoute, GRPCRoute, TLSRoute); [] when absent (the route matches every hostname). */
export function routeHostnames(route: Resource): string[] {
  if (!HOSTNAME_ROUTE_KINDS.has(route.kind)) return [];
  const hs = specOf(route).hostnames;
  return Array.isArray(hs) ? hs.filter((h): h is string => typeof h === 'string' && h !== '') : [];
}

/**
 * Whether two Gateway API hostnames can match a common request host. A wildcard `*.example.com`
 * matches any number of labels in front of `example.com` (a suffix match), never `example.com` itself.
 */
export function hostnamesIntersect(a: string, b: string): boolean {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return true;
  const wa = a.startsWith('*.');
  const wb = b.startsWith('*.');
  if (wa && wb) return a.slice(1).endsWith(b.slice(1)) || b.slice(1).endsWith(a.slice(1));
  if (wa) return b.endsWith(a.slice(1));
  if (wb) return a.endsWith(b.slice(1));
  return false;
}

/** A listener without hostname matches every route; a route without hostnames matches every listener. */
export function listenerMatchesHostnames(l: ListenerView, hostnames: readonly string[]): boolean {
  if (l.hostname === null || hostnames.length === 0) return true;
  return hostnames.some((h) => hostnamesIntersect(h, l.hostname!));
}

// ---------------------------------------------------------------------------------------------
// ReferenceGrant

interface GroupKindNamespace {
  group: string;
  kind: string;
  namespace: string;
}

interface GrantEntry {
  grant: Resource;
  from: GroupKindNamespace[];
  to: { group: string; kind: string; name: string | null }[];
}

function grantsByNamespace(index: ResourceIndex): Map<string, GrantEntry[]> {
  return index.memo('gateway-api:referenceGrants', () => {
    const m = new Map<string, GrantEntry[]>();
    for (const g of index.all(REFERENCE_GRANT)) {
      if (g.namespace === null) continue;
      const spec = specOf(g);
      const from = (Array.isArray(spec.from) ? spec.from.filter(isObject) : []).map((f) => ({
        group: str(f.group) ?? '',
        kind: str(f.kind) ?? '',
        namespace: str(f.namespace) ?? '',
      }));
      const to = (Array.isArray(spec.to) ? spec.to.filter(isObject) : []).map((t) => ({
        group: str(t.group) ?? '',
        kind: str(t.kind) ?? '',
        name: str(t.name) || null,
      }));
      const list = m.get(g.namespace);
      if (list) list.push({ grant: g, from, to });
      else m.set(g.namespace, [{ grant: g, from, to }]);
    }
    return m;
  });
}

/** ReferenceGrants in a namespace (for messages and related locations). */
export function referenceGrantsIn(index: ResourceIndex, namespace: string): Resource[] {
  return (grantsByNamespace(index).get(namespace) ?? []).map((e) => e.grant);
}

/**
 * The ReferenceGrant in the target namespace that permits `from` (the referrer's group, kind and
 * namespace) to reference the object `to`, or undefined. A `to` entry without name covers every object
 * of its group and kind.
 */
export function grantFor(
  index: ResourceIndex,
  from: GroupKindNamespace,
  to: { group: string; kind: string; namespace: string; name: string },
): Resource | undefined {
  for (const e of grantsByNamespace(index).get(to.namespace) ?? []) {
    const fromOk = e.from.some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace);
    const toOk = e.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name === null || t.name === to.name));
    if (fromOk && toOk) return e.grant;
  }
  return undefined;
}

/** cert-manager's gateway-shim issues the listeners' certificate Secrets of annotated Gateways. */
export function certManagerIssues(gateway: Resource): boolean {
  const meta = isObject(gateway.value.metadata) ? gateway.value.metadata : {};
  const ann = isObject(meta.annotations) ? meta.annotations : {};
  return typeof ann['cert-manager.io/issuer'] === 'string' || typeof ann['cert-manager.io/cluster-issuer'] === 'string';
}
