import { defineRule } from '../../src/engine/rule.js';
import { ENDPOINT_SLICE, ENDPOINTS, isKind, SERVICE } from '../../src/model/group-kinds.js';
import { stringMap } from '../../src/index/labels.js';
import { serviceSelector, servicePorts, serviceType } from '../../src/k8s/service.js';
import { isObject } from '../../src/model/resources.js';
import { joinPointer, pointer } from '../../src/model/pointer.js';
import type { Resource } from '../../src/model/types.js';
import { closest } from '../../src/text/closest.js';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

interface EndpointPortView {
  name: string;
  /** Pointer to the port entry. */
  at: string;
  hasName: boolean;
}

function endpointPorts(r: Resource): EndpointPortView[] {
  const out: EndpointPortView[] = [];
  const collect = (list: unknown, base: (string | number)[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      if (!isObject(p)) return;
      const hasName = typeof p.name === 'string';
      out.push({ name: hasName ? (p.name as string) : '', at: pointer(...base, i), hasName });
    });
  };
  if (isKind(r, ENDPOINT_SLICE)) collect(r.value.ports, ['ports']);
  else if (Array.isArray(r.value.subsets)) r.value.subsets.forEach((s, i) => isObject(s) && collect(s.ports, ['subsets', i, 'ports']));
  return out;
}

export default defineRule({
  meta: {
    id: 'endpointslice-port-mismatch',
    title: 'EndpointSlice or Endpoints port whose name is no port name of its Service',
    description:
      'kube-proxy pairs each Service port with the endpoint ports of the same name. A port of a hand-written EndpointSlice (labelled kubernetes.io/service-name) or Endpoints object (named after the Service) whose name is not the name of one of the Service\'s ports carries no traffic, and the Service port it was meant for has no endpoints from it.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: [ENDPOINT_SLICE, ENDPOINTS],
    remediation:
      'Give each endpoint port the name of the Service port it serves (both unnamed when the Service has a single unnamed port).',
    messages: {
      mismatch: '{kind} {name} port {port} is not a port name of Service {service} ({names}): no Service port uses it',
      mismatchClosest: '{kind} {name} port {port} is not a port name of Service {service}; did you mean "{suggestion}"?',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.namespace === null) return;
    let serviceName: string;
    if (isKind(r, ENDPOINT_SLICE)) {
      const meta = isObject(r.value.metadata) ? r.value.metadata : {};
      const label = stringMap(meta.labels)[SERVICE_NAME_LABEL];
      if (!label) return;
      serviceName = label;
    } else {
      serviceName = r.name;
    }
    const variants = ctx.index.get(SERVICE, r.namespace, serviceName);
    if (!variants) return; // no Service in the input: nothing to compare with
    const services = ctx.index.variants(variants);
    // The Endpoints controller overwrites the Endpoints object of a Service with a selector.
    if (isKind(r, ENDPOINTS) && services.some((s) => Object.keys(serviceSelector(s)).length > 0)) return;
    if (services.some((s) => serviceType(s) === 'ExternalName' || servicePorts(s).length === 0)) return;
    const names = new Set(services.flatMap((s) => servicePorts(s).map((p) => p.name ?? '')));
    const shown = [...names].map((n) => (n === '' ? '(unnamed)' : n)).sort().join(', ');
    for (const p of endpointPorts(r)) {
      if (names.has(p.name)) continue;
      const port = p.name === '' ? '(unnamed)' : `"${p.name}"`;
      const suggestion = p.hasName && p.name !== '' ? closest(p.name, [...names].filter((n) => n !== '')) : null;
      const at = p.hasName ? joinPointer(p.at, 'name') : p.at;
      const related = [{ resource: services[0], at: pointer('spec', 'ports'), message: `Service ${serviceName} names its ports ${shown}` }];
      if (suggestion) {
        ctx.report({
          messageId: 'mismatchClosest',
          data: { kind: r.kind, name: r.name, port, service: serviceName, suggestion },
          at,
          related,
          fix: { at, replace: suggestion, description: `Use the Service port name "${suggestion}"` },
        });
      } else {
        ctx.report({ messageId: 'mismatch', data: { kind: r.kind, name: r.name, port, service: serviceName, names: shown }, at, related });
      }
    }
  },
});
