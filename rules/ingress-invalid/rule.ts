import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { INGRESS_KINDS } from '../../src/model/group-kinds.js';
import { describeIngress, ingressBackendSlots, ingressRules, isBetaIngress, isIngress, type IngressBackendSlot } from '../../src/k8s/ingress.js';
import { isDns1123Label, isValidPortNumber, portNameProblem } from '../../src/k8s/names.js';
import { isObject } from '../../src/model/resources.js';
import { pointer } from '../../src/model/pointer.js';
import { valueText } from '../../src/text/value-text.js';

export default defineRule({
  meta: {
    id: 'ingress-invalid',
    title: 'Ingress spec the API server rejects',
    description:
      'The Ingress breaks a structural rule of networking.k8s.io/v1 validation: it has neither rules nor a defaultBackend, a backend sets both or neither of service and resource, a service backend lacks its name or sets both or neither of port.name and port.number (or an invalid one), or an HTTP rule has no paths. The API server refuses the object.',
    severity: 'error',
    category: 'validity',
    appliesTo: INGRESS_KINDS,
    messages: {
      empty: '{ingress} has neither rules nor a defaultBackend: either is required',
      betaBackend:
        '{ingress} has spec.backend, the v1beta1 name of spec.defaultBackend: networking.k8s.io/v1 drops it, leaving neither rules nor a defaultBackend',
      bothBackends: '{ingress} backend sets both service and resource: set one',
      noBackend: '{ingress} backend sets neither service nor resource: one is required',
      betaFields:
        '{ingress} backend uses the v1beta1 fields serviceName/servicePort: in networking.k8s.io/v1 write service: {name: {service}, port: {port}}',
      noServiceName: '{ingress} service backend has no name',
      badServiceName: '{ingress} backend Service name "{service}" is not a valid Service name (lowercase DNS label: letters, digits, "-")',
      bothPorts: '{ingress} backend Service {service} port sets both name ({name}) and number ({number}): set one',
      noPort: '{ingress} backend Service {service} has no port: set port.number (the Service port) or port.name',
      badPortName: '{ingress} backend Service {service} port name "{name}" is invalid: {reason}',
      badPortNumber: '{ingress} backend Service {service} port number {number} is out of range 1-65535',
      resourceIncomplete: '{ingress} resource backend needs kind and name',
      noPaths: '{ingress} rule for host {host} has http without paths: http.paths needs at least one path',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing)) return;
    const name = describeIngress(ing);
    const spec = isObject(ing.value.spec) ? ing.value.spec : {};
    const beta = isBetaIngress(ing);
    const rules = ingressRules(ing);
    const defaultKey = beta ? 'backend' : 'defaultBackend';
    if (rules.length === 0 && !isObject(spec[defaultKey])) {
      if (!beta && isObject(spec.backend)) {
        ctx.report({ messageId: 'betaBackend', data: { ingress: name }, at: pointer('spec', 'backend'), target: 'key' });
      } else {
        ctx.report({ messageId: 'empty', data: { ingress: name }, at: isObject(ing.value.spec) ? pointer('spec') : '', target: 'key' });
      }
    }
    // Indexed loops (no iterator objects before the code is optimized: every rule and backend of every Ingress).
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      const http = rule.value.http;
      if (!isObject(http)) continue; // absent or null: a host-only rule is allowed
      if (!Array.isArray(http.paths) || http.paths.length === 0) {
        ctx.report({
          messageId: 'noPaths',
          data: { ingress: name, host: rule.hasHost ? rule.host : '(any)' },
          at: pointer('spec', 'rules', rule.index, 'http'),
          target: 'key',
        });
      }
    }
    // The removed v1beta1 shapes validated backends differently; api-version-removed reports them.
    if (beta) return;
    const slots = ingressBackendSlots(ing);
    for (let i = 0; i < slots.length; i++) checkBackend(ctx, name, slots[i]);
  },
});

function checkBackend(ctx: RuleContext, ingress: string, slot: IngressBackendSlot): void {
  const b = slot.value;
  const hasService = b.service !== undefined && b.service !== null;
  const hasResource = b.resource !== undefined && b.resource !== null;
  if (hasService && hasResource) {
    ctx.report({ messageId: 'bothBackends', data: { ingress }, at: slot.at, target: 'key' });
    return;
  }
  if (!hasService && !hasResource) {
    if (typeof b.serviceName === 'string' || b.servicePort !== undefined) {
      ctx.report({
        messageId: 'betaFields',
        data: { ingress, service: typeof b.serviceName === 'string' ? b.serviceName : '<name>', port: typeof b.servicePort === 'number' ? `{number: ${b.servicePort}}` : typeof b.servicePort === 'string' ? `{name: ${b.servicePort}}` : '{number: <port>}' },
        at: slot.at + pointer(typeof b.serviceName === 'string' ? 'serviceName' : 'servicePort'),
        target: 'key',
      });
    } else {
      ctx.report({ messageId: 'noBackend', data: { ingress }, at: slot.at, target: 'key' });
    }
    return;
  }
  if (hasResource) {
    const r = isObject(b.resource) ? b.resource : {};
    if (typeof r.kind !== 'string' || r.kind === '' || typeof r.name !== 'string' || r.name === '') {
      ctx.report({ messageId: 'resourceIncomplete', data: { ingress }, at: slot.at + pointer('resource'), target: 'key' });
    }
    return;
  }
  const svc = isObject(b.service) ? b.service : {};
  if (typeof svc.name !== 'string' || svc.name === '') {
    ctx.report({ messageId: 'noServiceName', data: { ingress }, at: serviceAt(slot), target: 'key' });
    return;
  }
  const service = svc.name;
  // DNS-1035 label normally; relaxed to a DNS-1123 label behind RelaxedServiceNameValidation, so only
  // what fails both is certain to be refused.
  if (!isDns1123Label(service)) {
    ctx.report({ messageId: 'badServiceName', data: { ingress, service }, at: serviceAt(slot) + pointer('name') });
  }
  const port = isObject(svc.port) ? svc.port : {};
  const hasName = port.name !== undefined && port.name !== null && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== null && port.number !== 0;
  if (hasName && hasNumber) {
    ctx.report({
      messageId: 'bothPorts',
      data: { ingress, service, name: valueText(port.name), number: valueText(port.number) },
      at: serviceAt(slot) + pointer('port'),
      target: 'key',
    });
  } else if (!hasName && !hasNumber) {
    ctx.report({ messageId: 'noPort', data: { ingress, service }, at: isObject(svc.port) ? serviceAt(slot) + pointer('port') : serviceAt(slot), target: 'key' });
  } else if (hasName) {
    const reason = typeof port.name === 'string' ? portNameProblem(port.name) : 'it must be a string';
    if (reason !== null) {
      ctx.report({ messageId: 'badPortName', data: { ingress, service, name: valueText(port.name), reason }, at: serviceAt(slot) + pointer('port', 'name') });
    }
  } else if (typeof port.number === 'number' && !isValidPortNumber(port.number)) {
    ctx.report({ messageId: 'badPortNumber', data: { ingress, service, number: String(port.number) }, at: serviceAt(slot) + pointer('port', 'number') });
  }
}

/** The pointer to a backend's `service`, made only for a report (every backend is read). */
function serviceAt(slot: IngressBackendSlot): string {
  return slot.at + SERVICE_AT;
}

const SERVICE_AT = pointer('service');
