import { defineRule } from '../../src/engine/rule.js';
import { POD_MONITOR, SERVICE_MONITOR, isKind } from '../../src/model/group-kinds.js';
import { serviceSelector, servicePorts } from '../../src/k8s/service.js';
import { monitorEndpointPorts, monitorNamespaces, monitorSelector, servicesSelectedBy } from '../../src/k8s/prometheus.js';
import { templateNames } from '../../src/k8s/workloads.js';
import type { PodTemplateView } from '../../src/index/pod-templates.js';
import type { Resource } from '../../src/model/types.js';
import { closest } from '../../src/text/closest.js';

function names(list: Iterable<string>): string {
  const all = [...new Set(list)].sort();
  return all.length > 0 ? all.join(', ') : 'none named';
}

export default defineRule({
  meta: {
    id: 'monitor-port-missing',
    title: 'ServiceMonitor or PodMonitor port that the selected objects do not name',
    description:
      'A ServiceMonitor endpoint `port` names a Service port (by name), a PodMonitor podMetricsEndpoints `port` a container port (by name). When none of the selected Services, or none of the selected pods, has a port of that name, Prometheus gets no target for the endpoint and the metrics are never scraped.',
    severity: 'error',
    category: 'wiring',
    appliesTo: [SERVICE_MONITOR, POD_MONITOR],
    remediation:
      'Use the name of a port of the selected Services (ServiceMonitor; use targetPort for a container port) or of a container port of the selected pods (PodMonitor).',
    messages: {
      servicePort: 'ServiceMonitor {name} endpoints[{index}] port {port} is no port name of the selected Services ({services}: {ports})',
      servicePortClosest: 'ServiceMonitor {name} endpoints[{index}] port {port} is no port name of the selected Services; did you mean {suggestion}?',
      containerPortName:
        'ServiceMonitor {name} endpoints[{index}] port {port} names a container port, not a port of Service {service} ({ports})',
      podPort: 'PodMonitor {name} podMetricsEndpoints[{index}] port {port} is no container port name of the selected pods ({templates}: {ports})',
      podPortClosest: 'PodMonitor {name} podMetricsEndpoints[{index}] port {port} is no container port name of the selected pods; did you mean {suggestion}?',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const namespaces = monitorNamespaces(r);
    if (namespaces === 'any') return;
    const selector = monitorSelector(r);
    if (!selector) return;
    if (isKind(r, SERVICE_MONITOR)) {
      const endpoints = monitorEndpointPorts(r, 'endpoints');
      if (endpoints.length === 0) return;
      const services: Resource[] = namespaces.flatMap((ns) => servicesSelectedBy(ctx.index, ns, selector));
      if (services.length === 0) return; // monitor-selects-nothing
      const portNames = new Set(services.flatMap((s) => servicePorts(s).map((p) => p.name).filter((n): n is string => !!n)));
      for (const ep of endpoints) {
        if (portNames.has(ep.port)) continue;
        const base = { name: r.name, index: ep.index, port: ep.port };
        const related = [{ resource: services[0], at: '/spec/ports', message: `Service ${services[0].name} ports` }];
        // The container port name behind a Service: a frequent mix-up with targetPort.
        const behind = services.find((s) => s.namespace !== null && ctx.index.templatesMatching(s.namespace, serviceSelector(s)).some((t) => declaresName(t, ep.port)));
        if (behind && Object.keys(serviceSelector(behind)).length > 0) {
          ctx.report({ messageId: 'containerPortName', data: { ...base, service: behind.name, ports: names(servicePorts(behind).flatMap((p) => (p.name ? [p.name] : []))) }, at: ep.at, related });
          continue;
        }
        const suggestion = closest(ep.port, [...portNames]);
        if (suggestion) {
          ctx.report({ messageId: 'servicePortClosest', data: { ...base, suggestion }, at: ep.at, related, fix: { at: ep.at, replace: suggestion, description: `Use Service port ${suggestion}` } });
        } else {
          ctx.report({ messageId: 'servicePort', data: { ...base, services: [...new Set(services.map((s) => s.name))].slice(0, 3).join(', '), ports: names(portNames) }, at: ep.at, related });
        }
      }
      return;
    }
    const endpoints = monitorEndpointPorts(r, 'podMetricsEndpoints');
    if (endpoints.length === 0) return;
    const templates: PodTemplateView[] = namespaces.flatMap((ns) => ctx.index.templatesSelectedBy(ns, selector));
    if (templates.length === 0) return; // monitor-selects-nothing
    const portNames = new Set(templates.flatMap((t) => t.containers.flatMap((c) => c.ports.map((p) => p.name).filter((n): n is string => !!n))));
    for (const ep of endpoints) {
      if (portNames.has(ep.port)) continue;
      const base = { name: r.name, index: ep.index, port: ep.port };
      const related = [{ resource: templates[0].owner, at: templates[0].specAt, message: `the pods of ${templateNames([templates[0]])}` }];
      const suggestion = closest(ep.port, [...portNames]);
      if (suggestion) {
        ctx.report({ messageId: 'podPortClosest', data: { ...base, suggestion }, at: ep.at, related, fix: { at: ep.at, replace: suggestion, description: `Use container port ${suggestion}` } });
      } else {
        ctx.report({ messageId: 'podPort', data: { ...base, templates: templateNames(templates), ports: names(portNames) }, at: ep.at, related });
      }
    }
  },
});

function declaresName(t: PodTemplateView, name: string): boolean {
  return t.containers.some((c) => c.ports.some((p) => p.name === name));
}
