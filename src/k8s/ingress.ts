import { INGRESS_KINDS } from '../model/group-kinds.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { perObject } from '../model/cache.js';
import { isObject } from '../model/resources.js';
import { pointer } from '../model/pointer.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';
import { INGRESS_CLASS, SERVICE } from '../model/group-kinds.js';

/**
 * Ingress knowledge shared by the ingress-* rules and the wiring graph: where backends live in the
 * networking.k8s.io/v1 shape and in the removed v1beta1 shape (extensions/v1beta1,
 * networking.k8s.io/v1beta1), which class an Ingress belongs to, and how hosts match.
 */

/** API groups that serve `kind: Ingress` (networking.k8s.io; extensions for old manifests). */
const INGRESS_GROUPS = ['networking.k8s.io', 'extensions'];

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
export const CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary';
export const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];

export function isIngress(r: Resource): boolean {
  return r.kind === 'Ingress' && INGRESS_GROUPS.includes(r.group);
}

export function isIngressClass(r: Resource): boolean {
  return r.kind === 'IngressClass' && r.group === 'networking.k8s.io';
}

/**
 * True for the v1beta1 shapes (`backend: {serviceName, servicePort}`, `spec.backend`); false for
 * networking.k8s.io/v1 (`backend: {service: {name, port: {number|name}}}`, `spec.defaultBackend`).
 */
export function isBetaIngress(r: Resource): boolean {
  return r.version !== 'v1';
}

function specOf(r: Resource): JsonObject {
  return isObject(r.value.spec) ? r.value.spec : {};
}

export function annotationsOf(r: Resource): JsonObject {
  const meta = r.value.metadata;
  return isObject(meta) && isObject(meta.annotations) ? meta.annotations : {};
}

/** One backend slot of an Ingress: the default backend or a path's backend, whatever it holds. */
export interface IngressBackendSlot {
  /** Pointer to the backend object. */
  at: string;
  value: JsonObject;
  /** `defaultBackend` (or the beta `backend`) or a rule path. */
  where: 'default' | 'path';
  /** For path backends: the rule's host ('' when absent) and the path entry. */
  host?: string;
  ruleIndex?: number;
  pathIndex?: number;
}

/** Every backend object of an Ingress, in document order: the default backend first, then each path's (read by several rules: made once per object). */
export const ingressBackendSlots: (r: Resource) => readonly IngressBackendSlot[] = perObject(readSlots);

function readSlots(r: Resource): IngressBackendSlot[] {
  const spec = specOf(r);
  const out: IngressBackendSlot[] = [];
  const beta = isBetaIngress(r);
  const v = spec[beta ? 'backend' : 'defaultBackend'];
  if (isObject(v)) out.push({ at: beta ? BETA_DEFAULT_AT : DEFAULT_AT, value: v, where: 'default' });
  // Indexed loops here and in readBackends (no iterator objects before the code is optimized: every backend is read).
  const paths = ingressPaths(r);
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i];
    if (isObject(p.value.backend)) {
      out.push({
        at: `${p.at}/backend`,
        value: p.value.backend,
        where: 'path',
        host: p.host,
        ruleIndex: p.ruleIndex,
        pathIndex: p.pathIndex,
      });
    }
  }
  return out;
}

const DEFAULT_AT = pointer('spec', 'defaultBackend');
const BETA_DEFAULT_AT = pointer('spec', 'backend');

/** A backend that names a Service, in either API shape. */
export interface IngressServiceBackend {
  serviceName: string;
  /** The Service port: by number (the Service `port`, not the targetPort) or by Service port name. */
  port: { number?: number; name?: string };
  /** Pointer to the backend object. */
  at: string;
  /** Pointer to the Service name field (`service/name`, or `serviceName`). */
  nameAt: string;
  /** Pointer to the port field (`service/port/number`, `service/port/name`, or `servicePort`); null when absent. */
  portAt: string | null;
  where: 'default' | 'path';
  host?: string;
}

/** The port name the AWS Load Balancer Controller reserves for action backends. */
export const ALB_USE_ANNOTATION = 'use-annotation';

/**
 * An AWS Load Balancer Controller action backend: the port name `use-annotation` with an
 * `alb.ingress.kubernetes.io/actions.<service name>` annotation. The controller then reads the
 * action (forward to weighted target groups, redirect, fixed response) from the annotation, and the
 * backend's `service.name` names the action, not a Service ("The action-name in the annotation must
 * match the serviceName in the Ingress rules, and servicePort must be use-annotation":
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#actions).
 * `use-annotation` is a reserved value, never a Service port name (port names are DNS labels of at
 * most 15 characters; this one has 14, but the controller never reads it as a port): the annotation
 * may be written by another controller at run time (Argo Rollouts' ALB traffic routing manages the
 * `actions.<stable service>` annotation of the Ingresses it routes), so the backend is an action with
 * or without it.
 */
export function isAlbActionBackend(portName: string | undefined): boolean {
  return portName === ALB_USE_ANNOTATION;
}

/**
 * The Service backends of an Ingress (resource backends and AWS Load Balancer Controller action
 * backends, see isAlbActionBackend, are left out): `service` in networking.k8s.io/v1,
 * `serviceName`/`servicePort` in the v1beta1 versions. Each version's API server drops the other
 * shape's fields, so they are not read across versions. Read by several rules: made once per object.
 */
export const ingressBackends: (r: Resource) => readonly IngressServiceBackend[] = perObject(readBackends);

function readBackends(r: Resource): IngressServiceBackend[] {
  const out: IngressServiceBackend[] = [];
  const beta = isBetaIngress(r);
  const slots = ingressBackendSlots(r);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    const b = slot.value;
    if (!beta && isObject(b.service)) {
      const svc = b.service;
      if (typeof svc.name !== 'string' || svc.name === '') continue;
      const port = isObject(svc.port) ? svc.port : {};
      const number = typeof port.number === 'number' ? port.number : undefined;
      const name = typeof port.name === 'string' && port.name !== '' ? port.name : undefined;
      if (number === undefined && isAlbActionBackend(name)) continue;
      out.push(
        backend(
          slot,
          svc.name,
          portOf(number, name),
          slot.at + SERVICE_NAME_AT,
          number !== undefined ? slot.at + SERVICE_PORT_NUMBER_AT : name !== undefined ? slot.at + SERVICE_PORT_NAME_AT : null,
        ),
      );
    } else if (beta && typeof b.serviceName === 'string' && b.serviceName !== '') {
      const sp = b.servicePort;
      // servicePort is an IntOrString: a number is the Service port, a string its name. A quoted
      // number is read as the number (it cannot be a port name: those need a letter).
      const number = typeof sp === 'number' ? sp : typeof sp === 'string' && /^\d+$/.test(sp) ? Number(sp) : undefined;
      const name = typeof sp === 'string' && !/^\d+$/.test(sp) && sp !== '' ? sp : undefined;
      if (isAlbActionBackend(name)) continue;
      out.push(
        backend(slot, b.serviceName, portOf(number, name), slot.at + SERVICE_NAME_BETA_AT, number !== undefined || name !== undefined ? slot.at + SERVICE_PORT_BETA_AT : null),
      );
    }
  }
  return out;
}

/**
 * The Service each backend of `ing` names in the Ingress's namespace (`ingressBackends(ing)`'s order;
 * undefined where the namespace has none, and for an Ingress without a namespace), looked up once per
 * backend and run: three rules read it for every backend.
 */
export function ingressBackendServices(index: ResourceIndex, ing: Resource): readonly (Resource | undefined)[] {
  const byIngress = index.memo('k8s/ingress:backend-services', () => new Map<Resource, (Resource | undefined)[]>());
  let services = byIngress.get(ing);
  if (services === undefined) {
    const backends = ingressBackends(ing);
    services = new Array<Resource | undefined>(backends.length);
    for (let i = 0; i < backends.length; i++) services[i] = ing.namespace === null ? undefined : index.get(SERVICE, ing.namespace, backends[i].serviceName);
    byIngress.set(ing, services);
  }
  return services;
}

const SERVICE_NAME_AT = pointer('service', 'name');
const SERVICE_PORT_NUMBER_AT = pointer('service', 'port', 'number');
const SERVICE_PORT_NAME_AT = pointer('service', 'port', 'name');
const SERVICE_NAME_BETA_AT = pointer('serviceName');
const SERVICE_PORT_BETA_AT = pointer('servicePort');

/** One backend, its fields in a fixed order (`host` only for a path's backend), built without spreading objects (every Ingress backend is read). */
function backend(slot: IngressBackendSlot, serviceName: string, port: IngressServiceBackend['port'], nameAt: string, portAt: string | null): IngressServiceBackend {
  return slot.host !== undefined
    ? { at: slot.at, where: slot.where, host: slot.host, serviceName, port, nameAt, portAt }
    : { at: slot.at, where: slot.where, serviceName, port, nameAt, portAt };
}

function portOf(number: number | undefined, name: string | undefined): IngressServiceBackend['port'] {
  if (number !== undefined) return name !== undefined ? { number, name } : { number };
  return name !== undefined ? { name } : {};
}

/** One entry of `spec.rules[].http.paths`. */
export interface IngressPathEntry {
  ruleIndex: number;
  pathIndex: number;
  /** The rule's host; '' when absent (the rule matches every host). */
  host: string;
  /** `path` as written; null when absent or not a string. */
  path: string | null;
  /** `pathType` as written; null when absent. */
  pathType: string | null;
  at: string;
  value: JsonObject;
}

/** The path entries of an Ingress, in document order (read by several rules: made once per object). */
export const ingressPaths: (r: Resource) => readonly IngressPathEntry[] = perObject(readPaths);

function readPaths(r: Resource): IngressPathEntry[] {
  const out: IngressPathEntry[] = [];
  // What ingressRules reads, without its entries (every Ingress is read).
  const rules = specOf(r).rules;
  if (!Array.isArray(rules)) return out;
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
    const rule = rules[ruleIndex];
    if (!isObject(rule)) continue;
    const http = rule.http;
    if (!isObject(http) || !Array.isArray(http.paths)) continue;
    const host = ruleHost(rule);
    const paths: JsonValue[] = http.paths;
    for (let pathIndex = 0; pathIndex < paths.length; pathIndex++) {
      const p = paths[pathIndex];
      if (!isObject(p)) continue;
      out.push({
        ruleIndex,
        pathIndex,
        host,
        path: typeof p.path === 'string' ? p.path : null,
        pathType: typeof p.pathType === 'string' ? p.pathType : null,
        // pointer('spec', 'rules', ruleIndex, 'http', 'paths', pathIndex), without escaping tokens that need none (read for every path of every Ingress).
        at: `/spec/rules/${ruleIndex}/http/paths/${pathIndex}`,
        value: p,
      });
    }
  }
  return out;
}

interface IngressRuleEntry {
  index: number;
  host: string;
  /** Whether `host` is set (a non-empty string). */
  hasHost: boolean;
  value: JsonObject;
}

/** A rule's host as the API server reads it: '' when absent (or not a string, a schema error). */
function ruleHost(rule: JsonObject): string {
  return typeof rule.host === 'string' ? rule.host : '';
}

export function ingressRules(r: Resource): IngressRuleEntry[] {
  const rules = specOf(r).rules;
  if (!Array.isArray(rules)) return [];
  const out: IngressRuleEntry[] = [];
  rules.forEach((rule, index) => {
    if (!isObject(rule)) return;
    const host = ruleHost(rule);
    out.push({ index, host, hasHost: host !== '', value: rule });
  });
  return out;
}

interface IngressTlsEntry {
  index: number;
  /** Hosts with their pointers; non-string entries are skipped. */
  hosts: { host: string; at: string }[];
  secretName: string | null;
  at: string;
}

export function ingressTls(r: Resource): IngressTlsEntry[] {
  const tls = specOf(r).tls;
  if (!Array.isArray(tls)) return [];
  const out: IngressTlsEntry[] = [];
  tls.forEach((t, index) => {
    if (!isObject(t)) return;
    const hosts = Array.isArray(t.hosts)
      ? t.hosts.flatMap((h, j) => (typeof h === 'string' ? [{ host: h, at: pointer('spec', 'tls', index, 'hosts', j) }] : []))
      : [];
    out.push({
      index,
      hosts,
      secretName: typeof t.secretName === 'string' && t.secretName !== '' ? t.secretName : null,
      at: pointer('spec', 'tls', index),
    });
  });
  return out;
}

interface IngressClassRef {
  /** The class from spec.ingressClassName, else from the annotation; null when neither is set. */
  name: string | null;
  source: 'spec' | 'annotation' | null;
  /** spec.ingressClassName as written. */
  spec: string | null;
  /** The kubernetes.io/ingress.class annotation as written. */
  annotation: string | null;
}

/** The class of an Ingress. spec.ingressClassName wins over the deprecated annotation, as controllers read it. */
export function ingressClassOf(r: Resource): IngressClassRef {
  const spec = specOf(r).ingressClassName;
  const ann = annotationsOf(r)[INGRESS_CLASS_ANNOTATION];
  const specName = typeof spec === 'string' && spec !== '' ? spec : null;
  const annotation = typeof ann === 'string' && ann !== '' ? ann : null;
  if (specName !== null) return { name: specName, source: 'spec', spec: specName, annotation };
  if (annotation !== null) return { name: annotation, source: 'annotation', spec: null, annotation };
  return { name: null, source: null, spec: null, annotation: null };
}

/**
 * An IngressClass marked default. The admission plugin compares the annotation with the string
 * "true"; `lenient` also accepts an unquoted boolean (an invalid annotation, but a clear intent).
 */
export function isDefaultIngressClass(ic: Resource, lenient = false): boolean {
  const v = annotationsOf(ic)[DEFAULT_CLASS_ANNOTATION];
  return v === 'true' || (lenient && v === true);
}

/**
 * IngressClasses of the input, one per name (the same class defined in several files, or under
 * v1beta1 and v1, is one object).
 */
export function ingressClasses(index: ResourceIndex): Resource[] {
  return index.memo('k8s/ingress:classes', () => {
    const byName = new Map<string, Resource>();
    for (const ic of index.all(INGRESS_CLASS)) {
      if (isIngressClass(ic) && !byName.has(ic.name)) byName.set(ic.name, ic);
    }
    return [...byName.values()];
  });
}

/**
 * The Ingresses of the input, one per namespace/name. The index keys objects by API group too, but an
 * Ingress under extensions/v1beta1 and under networking.k8s.io/v1 with the same name is one object
 * in a cluster, so the first definition wins.
 */
export function uniqueIngresses(index: ResourceIndex): Resource[] {
  return index.memo('k8s/ingress:unique', () => {
    const byName = new Map<string, Resource>();
    for (const r of index.allOf(INGRESS_KINDS)) {
      if (!isIngress(r)) continue;
      const k = `${r.namespace ?? ''}/${r.name}`;
      if (!byName.has(k)) byName.set(k, r);
    }
    return [...byName.values()];
  });
}

/** Whether `r` is the one definition of its Ingress that rules pairing Ingresses should judge. */
export function isCanonicalIngress(index: ResourceIndex, r: Resource): boolean {
  if (index.isDuplicate(r)) return false;
  return index.memo('k8s/ingress:unique-set', () => new Set(uniqueIngresses(index))).has(r);
}

/**
 * Whether an Ingress host pattern serves a request host. `*.foo.com` matches exactly one label:
 * `bar.foo.com`, not `foo.com` and not `baz.bar.foo.com`. Comparison is case-insensitive.
 */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  if (!p.startsWith('*.') || h.startsWith('*.')) return false;
  const suffix = p.slice(1); // ".foo.com"
  if (!h.endsWith(suffix)) return false;
  const label = h.slice(0, h.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

/** `Ingress web` or `Ingress shop/web` when the namespace differs from `ns`. */
export function describeIngress(r: Resource, ns?: string | null): string {
  return r.namespace !== null && ns !== undefined && r.namespace !== ns ? `Ingress ${r.namespace}/${r.name}` : `Ingress ${r.name}`;
}
