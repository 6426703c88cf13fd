import { pairingScope } from '../../src/engine/completeness.js';
import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_CLASS_PARAMS, INGRESS_KINDS } from '../../src/model/group-kinds.js';
import { isObject } from '../../src/model/resources.js';
import type { ResourceIndex } from '../../src/index/resource-index.js';
import {
  annotationsOf,
  CANARY_ANNOTATION,
  describeIngress,
  ingressClasses,
  ingressClassOf,
  ingressPaths,
  isCanonicalIngress,
  isBetaIngress,
  isDefaultIngressClass,
  uniqueIngresses,
  type IngressPathEntry,
} from '../../src/k8s/ingress.js';
import type { Resource } from '../../src/model/types.js';
import type { RelatedReport } from '../../src/engine/rule.js';

interface Claim {
  ingress: Resource;
  at: string;
  canary: boolean;
}

export default defineRule({
  meta: {
    id: 'ingress-host-path-conflict',
    title: 'Two Ingresses serve the same host and path',
    description:
      'Two Ingresses of the same class (or both without a class) serve the same host, path and pathType. Only one of them can own the route: ingress-nginx\'s admission webhook refuses the later one ("host … and path … is already defined in ingress …"), and other controllers pick one of them. ingress-nginx canary Ingresses (nginx.ingress.kubernetes.io/canary: "true") are meant to share a route with exactly one non-canary Ingress.',
    severity: 'error',
    category: 'wiring',
    appliesTo: INGRESS_KINDS,
    messages: {
      conflict: '{ingress} serves host {host} path {path} ({pathType}){klass}, as {others} does: one wins',
      canaryConflict:
        '{ingress} is a canary for host {host} path {path} ({pathType}){klass}, as {others} is',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    // Later copies of the same Ingress are the same object: only the canonical one is judged, and it
    // is never paired with its own copies.
    if (!isCanonicalIngress(ctx.index, ing)) return;
    const { routes, peers } = claims(ctx.index);
    // Every canonical Ingress is read by claims: one without routes there has a load balancer of its own.
    const own = routes.get(ing);
    if (own === undefined) return;
    const { klass } = own;
    const canary = isCanary(ing);
    let described: string | undefined;
    let classText: string | undefined;
    // Indexed loops on the paths of every Ingress (no iterator objects before the code is optimized).
    const list = own.list;
    for (let i = 0; i < list.length; i++) {
      const { p, at, claims, repeat } = list[i];
      // The same route again in this Ingress: reported once (its claims are the same list).
      if (repeat) continue;
      // The claims of one route and canary flag hold each Ingress once (this one included): the first
      // few others are read, the rest only counted, so N Ingresses on one route stay linear.
      const all = claims ?? [];
      if (all.length <= 1) continue;
      const { others, related } = peersOf(all, ing, peers);
      ctx.report({
        messageId: canary ? 'canaryConflict' : 'conflict',
        data: {
          ingress: (described ??= describeIngress(ing)),
          host: p.host === '' ? '(any host)' : p.host,
          path: normalPath(p.path),
          pathType: p.pathType ?? 'ImplementationSpecific',
          klass: (classText ??= klass === '' ? ' without a class' : ` of class ${klass}`),
          others,
        },
        at,
        related,
      });
    }
  },
});

/** What a finding on a route says of the other Ingresses claiming it: their names (the message's `others`) and the first five as related locations. */
interface Peers {
  others: string;
  related: RelatedReport[];
}

/**
 * The peers of `ing` on the route whose claims are `all` (`ing` among them). Every Ingress that is
 * not among the first five claims has the same first five others: their peers are made once per
 * route (and namespace, which their names depend on) and shared by those findings; each of the
 * first five has its own.
 */
function peersOf(all: readonly Claim[], ing: Resource, cache: Map<readonly Claim[], Peers & { namespace: string | null }>): Peers {
  let early = false;
  for (let i = 0; i < 5 && i < all.length; i++) if (all[i].ingress === ing) early = true;
  if (!early) {
    const known = cache.get(all);
    if (known && known.namespace === ing.namespace) return known;
  }
  const count = all.length - 1;
  const others: Claim[] = [];
  for (const c of all) {
    if (c.ingress === ing) continue;
    others.push(c);
    if (others.length === 5) break;
  }
  const names = others.map((c) => describeIngress(c.ingress, ing.namespace));
  const peers = {
    namespace: ing.namespace,
    others: count <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${count - 3} more`,
    related: others.map((c, i) => ({ resource: c.ingress, at: c.at, message: `${names[i]} serves the same route` })),
  };
  if (!early) cache.set(all, peers);
  return peers;
}

/**
 * The routes an Ingress claims, in path order (the same route twice included), each with its key in
 * the claims tables (one per canary flag) and, once `claims` has filled the tables, the list of
 * claims on that key and flag (`claims`), and whether an earlier route has the same key (`repeat`).
 */
interface Routes {
  klass: string;
  /** Each route is the Ingress's claim on it too (`at`: the pointer a finding and a claim on the route mark: the path, else the path entry). */
  list: Route[];
}

interface Route extends Claim {
  key: string;
  p: IngressPathEntry;
  repeat: boolean;
  claims?: Claim[];
}

/** The routes of `ing`; null when its load balancer is its own (sharedLoadBalancer). */
function routesOf(index: ResourceIndex, ing: Resource): Routes | null {
  const klass = effectiveClass(index, ing);
  const lb = sharedLoadBalancer(index, ing, klass);
  if (lb === null) return null;
  const list: Routes['list'] = [];
  const paths = ingressPaths(ing);
  if (paths.length === 0) return { klass, list };
  // Documentation snippets conflict only within their file (pairingScope).
  const prefix = `${pairingScope(index, ing.source.file)}\u0000${lb === '' ? klass : `${klass}\u0000${lb}`}`;
  const canary = isCanary(ing);
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i];
    if (!claimsRoute(ing, p.pathType)) continue;
    const key = `${prefix}\u0000${claimKey(p.host, p.path, p.pathType)}`;
    list.push({ ingress: ing, at: p.value.path !== undefined ? `${p.at}/path` : p.at, canary, key, p, repeat: false, claims: undefined });
  }
  return { klass, list };
}

/**
 * Each unique Ingress's routes (read again by check), every route with the claims on its key and
 * canary flag (each Ingress once, in the order of the Ingresses).
 */
function claims(index: ResourceIndex): {
  routes: Map<Resource, Routes>;
  peers: Map<readonly Claim[], Peers & { namespace: string | null }>;
} {
  return index.memo('ingress-host-path-conflict:claims', () => {
    const tables = [new Map<string, Claim[]>(), new Map<string, Claim[]>()] as const;
    const routes = new Map<Resource, Routes>();
    const ingresses = uniqueIngresses(index);
    for (let i = 0; i < ingresses.length; i++) {
      const ing = ingresses[i];
      const own = routesOf(index, ing);
      if (own === null) continue;
      routes.set(ing, own);
      const table = tables[isCanary(ing) ? 1 : 0];
      for (let j = 0; j < own.list.length; j++) {
        const route = own.list[j];
        const { key } = route;
        const list = table.get(key);
        route.claims = list;
        // The same route twice in one Ingress is not two Ingresses: its claims end with this Ingress's
        // (an Ingress's claims are added one after the other).
        if (list !== undefined && list[list.length - 1].ingress === ing) {
          route.repeat = true;
          continue;
        }
        // The route is the Ingress's claim on it (no claim object beside it).
        if (list) list.push(route);
        else table.set(key, (route.claims = [route]));
      }
    }
    return { routes, peers: new Map<readonly Claim[], Peers & { namespace: string | null }>() };
  });
}

/** The class the Ingress ends up with: its own, else the input's single default IngressClass (the admission plugin assigns it), else ''. */
function effectiveClass(index: ResourceIndex, ing: Resource): string {
  const own = ingressClassOf(ing).name;
  if (own !== null) return own;
  const defaults = ingressClasses(index).filter((ic) => isDefaultIngressClass(ic));
  return defaults.length === 1 ? defaults[0].name : '';
}

/**
 * The load balancer an Ingress's routes go to, beyond its class: null when the controller gives the
 * Ingress one of its own (two such Ingresses with the same host and path are two load balancers, not
 * one route claimed twice), a group name when Ingresses of the class share one per group, else ''.
 * - AWS Load Balancer Controller (class `alb`, or an IngressClass of controller `ingress.k8s.aws/alb`):
 *   one ALB per Ingress unless Ingresses join an IngressGroup (`alb.ingress.kubernetes.io/group.name`,
 *   or `spec.group.name` of the class's IngressClassParams); grouped Ingresses share one ALB, and then
 *   the same route twice is a conflict (the group's order picks one).
 * - GKE Ingress (class `gce` or `gce-internal`): one load balancer per Ingress, always.
 */
function sharedLoadBalancer(index: ResourceIndex, ing: Resource, klass: string): string | null {
  const ic = ingressClasses(index).find((c) => c.name === klass);
  const spec = ic && isObject(ic.value.spec) ? ic.value.spec : null;
  const controller = spec && typeof spec.controller === 'string' ? spec.controller : null;
  if (controller === null ? klass === 'gce' || klass === 'gce-internal' : controller === 'k8s.io/ingress-gce') return null;
  if (controller === null ? klass !== 'alb' : controller !== 'ingress.k8s.aws/alb') return '';
  // The class's IngressClassParams may put every Ingress of the class into one group; else the annotation.
  const params = spec && isObject(spec.parameters) ? spec.parameters : null;
  if (params && params.kind === 'IngressClassParams' && typeof params.name === 'string') {
    const p = index.named(INGRESS_CLASS_PARAMS, params.name)[0];
    const g = p && isObject(p.value.spec) && isObject(p.value.spec.group) ? p.value.spec.group.name : undefined;
    if (typeof g === 'string' && g !== '') return `group ${g}`;
  }
  const group = annotationsOf(ing)[ALB_GROUP_ANNOTATION];
  return typeof group === 'string' && group !== '' ? `group ${group}` : null;
}

const ALB_GROUP_ANNOTATION = 'alb.ingress.kubernetes.io/group.name';

/**
 * Whether a path entry claims a route: a networking.k8s.io/v1 path without pathType cannot be created
 * (ingress-path-invalid reports it), while v1beta1 defaulted it to ImplementationSpecific.
 */
function claimsRoute(ing: Resource, pathType: string | null): boolean {
  return pathType !== null || isBetaIngress(ing);
}

/** An unquoted `true` is an invalid annotation value, but the intent is clear: judge it as a canary (fewer findings). */
function isCanary(ing: Resource): boolean {
  const v = annotationsOf(ing)[CANARY_ANNOTATION];
  return v === 'true' || v === true;
}

/** An empty path is "/" to controllers; a missing pathType was ImplementationSpecific in v1beta1. */
function normalPath(path: string | null): string {
  return path === null || path === '' ? '/' : path;
}

/** A route's part of its key in the claims table (after the scope, class and load balancer). */
function claimKey(host: string, path: string | null, pathType: string | null): string {
  return `${host.toLowerCase()}\u0000${normalPath(path)}\u0000${pathType ?? 'ImplementationSpecific'}`;
}
