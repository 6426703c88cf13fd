import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import {
  LOAD_BALANCER_SOURCE_RANGES_ANNOTATION,
  describeServicePortEntry,
  isExternallyAccessible,
  isHeadless,
  serviceAnnotations,
  serviceExternalIPs,
  servicePorts,
  serviceSelector,
  serviceType,
  specOf,
} from '../../src/k8s/service.js';
import { pointer } from '../../src/model/pointer.js';

const KNOWN_TYPES = new Set(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);

export default defineRule({
  meta: {
    id: 'service-type-field-mismatch',
    title: 'Service sets a field its type does not allow',
    description:
      'Several Service fields only make sense for some types, and the API server rejects the others: nodePort on ClusterIP, clusterIP: None on NodePort/LoadBalancer, loadBalancer* fields and allocateLoadBalancerNodePorts on non-LoadBalancer Services, externalTrafficPolicy on Services that are not externally accessible, healthCheckNodePort without LoadBalancer + Local, cluster IPs and IP families on ExternalName, ExternalName without externalName, and no ports on a Service that needs them. A selector on an ExternalName Service is accepted but ignored (warning).',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    remediation:
      'Remove the field the Service type does not allow, or change the type: nodePort needs NodePort or LoadBalancer, externalTrafficPolicy needs NodePort, LoadBalancer or externalIPs, healthCheckNodePort needs LoadBalancer with externalTrafficPolicy: Local, and ExternalName Services need spec.externalName and have no cluster IP, selector or ports.',
    messages: {
      nodePortOnClusterIP:
        'Service {name} is type ClusterIP, but {port} sets nodePort {nodePort}: the API server rejects it',
      headlessType:
        'Service {name} is type {type} with clusterIP: None: a {type} Service cannot be headless, the API server rejects it',
      loadBalancerOnly:
        'Service {name} sets {field}, which only type LoadBalancer allows (it is type {type}): the API server rejects it',
      externalTrafficPolicy:
        'Service {name} sets externalTrafficPolicy: {value}, but it is type {type}{without}: the API server rejects it',
      healthCheckNodePort:
        'Service {name} sets healthCheckNodePort {value}, allowed only for LoadBalancer with externalTrafficPolicy Local, but {what}',
      externalNameForbidden:
        'Service {name} is type ExternalName and sets {field}: the API server rejects it',
      externalNameMissing:
        'Service {name} is type ExternalName but has no externalName: the API server rejects it',
      noPorts:
        'Service {name} (type {type}) has no ports: the API server rejects it',
      selectorIgnored:
        'Service {name} is type ExternalName, so its selector is ignored: DNS returns a CNAME to {externalName}',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    const spec = specOf(svc);
    const type = serviceType(svc);
    if (!KNOWN_TYPES.has(type)) return; // an unknown type is a schema error; its field rules are unknowable
    const base = { name: svc.name, type };
    const headlessAt = spec.clusterIP === 'None' ? pointer('spec', 'clusterIP') : pointer('spec', 'clusterIPs', 0);

    if (type === 'ClusterIP') {
      for (const p of servicePorts(svc)) {
        if (p.nodePort === null || p.nodePort === 0) continue;
        ctx.report({
          messageId: 'nodePortOnClusterIP',
          data: { name: svc.name, port: describeServicePortEntry(p), nodePort: p.nodePort },
          at: pointer('spec', 'ports', p.index, 'nodePort'),
        });
      }
    }

    if ((type === 'NodePort' || type === 'LoadBalancer') && isHeadless(svc)) {
      ctx.report({ messageId: 'headlessType', data: base, at: headlessAt });
    }

    if (type !== 'LoadBalancer') {
      const lbFields: [string, boolean][] = [
        ['loadBalancerSourceRanges', Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length > 0],
        ['loadBalancerClass', typeof spec.loadBalancerClass === 'string'],
        ['allocateLoadBalancerNodePorts', typeof spec.allocateLoadBalancerNodePorts === 'boolean'],
      ];
      for (const [field, set] of lbFields) {
        if (set) ctx.report({ messageId: 'loadBalancerOnly', data: { ...base, field }, at: pointer('spec', field), target: 'key' });
      }
      // ValidateService forbids the source-ranges annotation too (even empty) when the field is empty.
      if (!lbFields[0][1] && LOAD_BALANCER_SOURCE_RANGES_ANNOTATION in serviceAnnotations(svc)) {
        ctx.report({
          messageId: 'loadBalancerOnly',
          data: { ...base, field: `the annotation ${LOAD_BALANCER_SOURCE_RANGES_ANNOTATION}` },
          at: pointer('metadata', 'annotations', LOAD_BALANCER_SOURCE_RANGES_ANNOTATION),
          target: 'key',
        });
      }
    }

    const etp = spec.externalTrafficPolicy;
    if (typeof etp === 'string' && etp !== '' && !isExternallyAccessible(svc)) {
      ctx.report({
        messageId: 'externalTrafficPolicy',
        data: { ...base, value: etp, without: type === 'ClusterIP' && serviceExternalIPs(svc).length === 0 ? ' without externalIPs' : '' },
        at: pointer('spec', 'externalTrafficPolicy'),
        target: 'key',
      });
    }

    const hc = spec.healthCheckNodePort;
    if (typeof hc === 'number' && hc !== 0 && !(type === 'LoadBalancer' && etp === 'Local')) {
      ctx.report({
        messageId: 'healthCheckNodePort',
        data: {
          name: svc.name,
          value: hc,
          what: type === 'LoadBalancer' ? `its externalTrafficPolicy is ${typeof etp === 'string' && etp ? etp : 'Cluster, the default'}` : `it is type ${type}`,
        },
        at: pointer('spec', 'healthCheckNodePort'),
        target: 'key',
      });
    }

    if (type === 'ExternalName') {
      const forbidden: [string, boolean][] = [
        ['clusterIP', typeof spec.clusterIP === 'string' && spec.clusterIP !== ''],
        ['clusterIPs', Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0],
        ['ipFamilies', Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0],
        ['ipFamilyPolicy', typeof spec.ipFamilyPolicy === 'string'],
      ];
      for (const [field, set] of forbidden) {
        if (set) ctx.report({ messageId: 'externalNameForbidden', data: { name: svc.name, field }, at: pointer('spec', field), target: 'key' });
      }
      const en = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
      if (en === '') {
        ctx.report({ messageId: 'externalNameMissing', data: { name: svc.name }, at: spec.externalName !== undefined ? pointer('spec', 'externalName') : pointer('spec', 'type') });
      }
      if (Object.keys(serviceSelector(svc)).length > 0) {
        ctx.report({
          messageId: 'selectorIgnored',
          data: { name: svc.name, externalName: en || '(no externalName)' },
          at: pointer('spec', 'selector'),
          target: 'key',
          severity: 'warning',
        });
      }
    } else if (!isHeadless(svc) && !(Array.isArray(spec.ports) && spec.ports.length > 0)) {
      ctx.report({ messageId: 'noPorts', data: base, at: spec.ports !== undefined ? pointer('spec', 'ports') : pointer('spec') , target: 'key' });
    }
  },
});
