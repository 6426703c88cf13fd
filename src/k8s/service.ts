import { stringMap, type Labels } from '../index/labels.js';
import { isObject } from '../model/resources.js';
import { pointer } from '../model/pointer.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | string;

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
  return typeof t === 'string' ? t : 'ClusterIP';
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

export function servicePorts(svc: Resource): ServicePortView[] {
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
      protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
      nodePort: typeof p.nodePort === 'number' ? p.nodePort : null,
      appProtocol: typeof p.appProtocol === 'string' ? p.appProtocol : null,
      at: pointer('spec', 'ports', index),
      value: p,
    });
  });
  return out;
}

/** `port 80 (http)`, for messages. */
export function describeServicePort(p: ServicePortView): string {
  return `port ${p.port ?? '?'}${p.name ? ` (${p.name})` : ''}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`;
}
