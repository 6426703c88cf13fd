import { defineRule } from '../../src/engine/rule.js';
import { GATEWAY, SERVICE } from '../../src/model/group-kinds.js';
import {
  definitionsOf,
  describeListener,
  isGatewayParent,
  isRoute,
  isServiceParent,
  listeners,
  listenersFor,
  nsName,
  parentRefs,
  ROUTE_KINDS,
  type ParentRefView,
} from '../../src/k8s/gateway-api.js';
import { servicePorts, describeServicePort } from '../../src/k8s/service.js';
import { joinPointer } from '../../src/model/pointer.js';
import type { Resource } from '../../src/model/types.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { closest } from '../../src/text/closest.js';

export default defineRule({
  meta: {
    id: 'route-parent-missing',
    title: 'Route parentRef names no Gateway or listener',
    description:
      'A Gateway API route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) attaches to its parents through spec.parentRefs: a Gateway (namespace defaults to the route\'s), narrowed by sectionName (a listener name) and port (a listener port), or a Service for mesh (GAMMA) routes. A parent that does not exist, or a sectionName/port that selects no listener, leaves the route unattached: it serves no traffic.',
    severity: 'error',
    category: 'gateway',
    appliesTo: ROUTE_KINDS,
    references: [GATEWAY, SERVICE],
    messages: {
      missing: '{kind} {route} references Gateway {gateway}, which is not in the input; namespace {namespace} has no Gateway',
      missingClosest: '{kind} {route} references Gateway {gateway}, which is not in the input; did you mean {suggestion}?',
      missingOthers: '{kind} {route} references Gateway {gateway}, which is not in the input (Gateways in {namespace}: {gateways})',
      otherNamespace:
        '{kind} {route} references Gateway {gateway}, not in the input; one exists in namespace {other}',
      sectionName: '{kind} {route} parentRef sectionName {section} names no listener of Gateway {gateway} (listeners: {listeners})',
      sectionNameClosest: '{kind} {route} parentRef sectionName {section} names no listener of Gateway {gateway}; did you mean {suggestion}?',
      port: '{kind} {route} parentRef port {port} matches no listener{section} of Gateway {gateway} (listeners: {listeners})',
      serviceMissing: '{kind} {route} attaches to Service {service} (mesh), which is not in the input',
      serviceMissingClosest: '{kind} {route} attaches to Service {service} (mesh), which is not in the input; did you mean {suggestion}?',
      serviceOtherNamespace: '{kind} {route} attaches to Service {service} (mesh), not in the input; one exists in namespace {other}',
      servicePort: '{kind} {route} parentRef {what} matches no port of Service {service} (ports: {ports})',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    if (!isRoute(route)) return;
    for (const ref of parentRefs(route)) {
      if (isGatewayParent(ref)) checkGateway(ctx, route, ref);
      else if (isServiceParent(ref)) checkService(ctx, route, ref);
      // Other parents (ListenerSet, implementation kinds) are not judged.
    }
  },
});

function checkGateway(ctx: RuleContext, route: Resource, ref: ParentRefView): void {
  const gateway = nsName(ref.namespace, ref.name);
  const gw = ctx.index.get(GATEWAY, ref.namespace, ref.name);
  const base = { kind: route.kind, route: nsName(route.namespace, route.name), gateway };
  if (!gw) {
    const missing = { kinds: [GATEWAY], namespace: ref.namespace, name: ref.name };
    const elsewhere = ctx.index.named(GATEWAY, ref.name);
    if (elsewhere.length > 0) {
      const other = elsewhere[0];
      ctx.report({
        messageId: 'otherNamespace',
        missing,
        data: { ...base, name: ref.name, other: other.namespace ?? '' },
        at: joinPointer(ref.at, ref.explicitNamespace ? 'namespace' : 'name'),
        related: [{ resource: other, at: '/metadata/name', message: `Gateway ${nsName(other.namespace, other.name)}` }],
      });
      return;
    }
    const names = ctx.index.inNamespace(GATEWAY, ref.namespace).map((g) => g.name);
    const near = closest(ref.name, names);
    const nearGw = near ? ctx.index.get(GATEWAY, ref.namespace, near) : undefined;
    ctx.report({
      messageId: near ? 'missingClosest' : names.length > 0 ? 'missingOthers' : 'missing',
      missing,
      data: { ...base, namespace: ref.namespace, suggestion: near ?? '', gateways: names.slice(0, 5).join(', ') },
      at: joinPointer(ref.at, 'name'),
      ...(nearGw ? { related: [{ resource: nearGw, at: '/metadata/name', message: `Gateway ${nsName(nearGw.namespace, nearGw.name)}` }] } : {}),
      ...(near ? { fix: { at: joinPointer(ref.at, 'name'), replace: near, description: `Attach to Gateway ${near}` } } : {}),
    });
    return;
  }
  // Attached when any definition of the Gateway (alternative files) has a listener the ref selects.
  if (definitionsOf(ctx.index, gw).some((d) => listenersFor(d, ref).length > 0)) return;
  const ls = listeners(gw);
  if (ls.length === 0) return;
  const list = ls.map(describeListener).join(', ');
  if (ref.sectionName !== null) {
    const named = ls.find((l) => l.name === ref.sectionName);
    if (!named) {
      const near = closest(ref.sectionName, ls.map((l) => l.name));
      ctx.report({
        messageId: near ? 'sectionNameClosest' : 'sectionName',
        data: { ...base, section: ref.sectionName, listeners: list, suggestion: near ?? '' },
        at: joinPointer(ref.at, 'sectionName'),
        related: [{ resource: gw, at: '/spec/listeners', message: `listeners of Gateway ${gateway}` }],
        ...(near ? { fix: { at: joinPointer(ref.at, 'sectionName'), replace: near, description: `Attach to listener ${near}` } } : {}),
      });
      return;
    }
    if (ref.port !== null && named.port !== ref.port) {
      ctx.report({
        messageId: 'port',
        data: { ...base, port: ref.port, section: ` named ${ref.sectionName}`, listeners: list },
        at: joinPointer(ref.at, 'port'),
        related: [{ resource: gw, at: named.at, message: named.port !== null ? `listener ${named.name} has port ${named.port}` : `listener ${named.name} has no port` }],
      });
    }
    return;
  }
  if (ref.port !== null && !ls.some((l) => l.port === ref.port)) {
    ctx.report({
      messageId: 'port',
      data: { ...base, port: ref.port, section: '', listeners: list },
      at: joinPointer(ref.at, 'port'),
      related: [{ resource: gw, at: '/spec/listeners', message: `listeners of Gateway ${gateway}` }],
    });
  }
}

function checkService(ctx: RuleContext, route: Resource, ref: ParentRefView): void {
  const service = nsName(ref.namespace, ref.name);
  const svc = ctx.index.get(SERVICE, ref.namespace, ref.name);
  const base = { kind: route.kind, route: nsName(route.namespace, route.name), service };
  if (!svc) {
    const elsewhere = ctx.index.named(SERVICE, ref.name);
    const names = ctx.index.inNamespace(SERVICE, ref.namespace).map((s) => s.name);
    const near = closest(ref.name, names);
    ctx.report({
      messageId: elsewhere.length > 0 ? 'serviceOtherNamespace' : near ? 'serviceMissingClosest' : 'serviceMissing',
      missing: { kinds: [SERVICE], namespace: ref.namespace, name: ref.name },
      data: { ...base, other: elsewhere[0]?.namespace ?? '', suggestion: near ?? '' },
      at: joinPointer(ref.at, 'name'),
      ...(elsewhere.length > 0
        ? { related: [{ resource: elsewhere[0], at: '/metadata/name', message: `Service ${nsName(elsewhere[0].namespace, ref.name)}` }] }
        : {}),
    });
    return;
  }
  const selects = (d: Resource): boolean => {
    const ps = servicePorts(d);
    return (
      ps.length === 0 ||
      ps.some((p) => (ref.sectionName === null || p.name === ref.sectionName) && (ref.port === null || p.port === ref.port))
    );
  };
  if (definitionsOf(ctx.index, svc).some(selects)) return;
  const ports = servicePorts(svc);
  const portList = ports.map(describeServicePort).join(', ');
  if (ref.sectionName !== null && !ports.some((p) => p.name === ref.sectionName)) {
    ctx.report({
      messageId: 'servicePort',
      data: { ...base, what: `sectionName ${ref.sectionName} (a port name for a Service parent)`, ports: portList },
      at: joinPointer(ref.at, 'sectionName'),
      related: [{ resource: svc, at: '/spec/ports', message: `ports of Service ${service}` }],
    });
    return;
  }
  if (ref.port !== null && !ports.some((p) => p.port === ref.port && (ref.sectionName === null || p.name === ref.sectionName))) {
    ctx.report({
      messageId: 'servicePort',
      data: { ...base, what: `port ${ref.port}${ref.sectionName !== null ? ` with sectionName ${ref.sectionName}` : ''}`, ports: portList },
      at: joinPointer(ref.at, 'port'),
      related: [{ resource: svc, at: '/spec/ports', message: `ports of Service ${service}` }],
    });
  }
}
