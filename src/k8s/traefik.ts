/** Traefik IngressRoute / IngressRouteTCP / IngressRouteUDP (traefik.io and traefik.containo.us v1alpha1): the Services they route to. */
import { isObject } from '../model/resources.js';
import { pointer } from '../model/pointer.js';
import type { Resource } from '../model/types.js';

export interface TraefikServiceRef {
  /** The Service's name as written. */
  name: string;
  /** Its namespace: `namespace` of the entry, else the route's own. */
  namespace: string;
  /** Whether the entry names another namespace explicitly. */
  crossNamespace: boolean;
  /** As written: a Service port number or name; null when absent. */
  port: number | string | null;
  routeIndex: number;
  serviceIndex: number;
  /** Pointer to the entry. */
  at: string;
}

/**
 * The `kind: Service` entries of `spec.routes[].services[]` (the default kind); `TraefikService`
 * entries name Traefik's own weighted/mirroring services, not Kubernetes Services.
 */
export function traefikServiceRefs(r: Resource): TraefikServiceRef[] {
  if (r.namespace === null) return [];
  const spec = isObject(r.value.spec) ? r.value.spec : {};
  const routes = Array.isArray(spec.routes) ? spec.routes : [];
  const out: TraefikServiceRef[] = [];
  routes.forEach((route, routeIndex) => {
    if (!isObject(route) || !Array.isArray(route.services)) return;
    route.services.forEach((s, serviceIndex) => {
      if (!isObject(s) || typeof s.name !== 'string' || s.name === '') return;
      if (s.kind !== undefined && s.kind !== null && s.kind !== 'Service') return;
      const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : r.namespace!;
      out.push({
        name: s.name,
        namespace: ns,
        crossNamespace: ns !== r.namespace,
        port: typeof s.port === 'number' || typeof s.port === 'string' ? s.port : null,
        routeIndex,
        serviceIndex,
        at: pointer('spec', 'routes', routeIndex, 'services', serviceIndex),
      });
    });
  });
  return out;
}

/** `spec.tls.secretName` (IngressRoute, IngressRouteTCP). */
export function traefikTlsSecret(r: Resource): { name: string; at: string } | null {
  const spec = isObject(r.value.spec) ? r.value.spec : {};
  const tls = isObject(spec.tls) ? spec.tls : null;
  if (!tls || typeof tls.secretName !== 'string' || tls.secretName === '') return null;
  return { name: tls.secretName, at: pointer('spec', 'tls', 'secretName') };
}
