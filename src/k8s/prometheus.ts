/** Prometheus Operator ServiceMonitor / PodMonitor (monitoring.coreos.com/v1): what they select and scrape. */
import { matchesSelector, stringMap, toLabelSelector, type LabelSelector } from '../index/labels.js';
import type { ResourceIndex } from '../index/resource-index.js';
import { SERVICE } from '../model/group-kinds.js';
import { isObject } from '../model/resources.js';
import { pointer } from '../model/pointer.js';
import type { Resource } from '../model/types.js';

function specOf(r: Resource) {
  return isObject(r.value.spec) ? r.value.spec : {};
}

/**
 * The namespaces a monitor selects in: `namespaceSelector.matchNames`, or the monitor's own namespace
 * when the namespaceSelector is absent or empty; 'any' for `any: true` (every namespace).
 */
export function monitorNamespaces(r: Resource): string[] | 'any' {
  const ns = specOf(r).namespaceSelector;
  if (isObject(ns)) {
    if (ns.any === true) return 'any';
    if (Array.isArray(ns.matchNames)) {
      const names = ns.matchNames.filter((n): n is string => typeof n === 'string' && n !== '');
      if (names.length > 0) return [...new Set(names)];
    }
  }
  return r.namespace === null ? [] : [r.namespace];
}

/** `spec.selector`, or null when absent (the CRD requires it). */
export function monitorSelector(r: Resource): LabelSelector | null {
  const sel = specOf(r).selector;
  return isObject(sel) ? toLabelSelector(sel) : null;
}

/** Services of `namespace` whose metadata.labels match the selector (operator-made Services have no known labels). */
export function servicesSelectedBy(index: ResourceIndex, namespace: string, selector: LabelSelector): Resource[] {
  return index.inNamespace(SERVICE, namespace).filter((s) => {
    const meta = isObject(s.value.metadata) ? s.value.metadata : {};
    return matchesSelector(selector, stringMap(meta.labels));
  });
}

export interface MonitorEndpoint {
  index: number;
  port: string;
  at: string;
}

/** The named ports a monitor scrapes: ServiceMonitor `endpoints[].port`, PodMonitor `podMetricsEndpoints[].port`. */
export function monitorEndpointPorts(r: Resource, list: 'endpoints' | 'podMetricsEndpoints'): MonitorEndpoint[] {
  const eps = specOf(r)[list];
  if (!Array.isArray(eps)) return [];
  const out: MonitorEndpoint[] = [];
  eps.forEach((e, index) => {
    if (isObject(e) && typeof e.port === 'string' && e.port !== '' && !/^\d+$/.test(e.port)) out.push({ index, port: e.port, at: pointer('spec', list, index, 'port') });
  });
  return out;
}
