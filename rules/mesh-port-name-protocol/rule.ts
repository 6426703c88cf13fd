import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { labelsOfMetadata, istioProtocol, meshPresent } from '../../src/k8s/istio.js';
import { describeServicePort, servicePorts } from '../../src/k8s/service.js';
import { portNameProblem } from '../../src/k8s/names.js';
import { pointer } from '../../src/model/pointer.js';

/** Namespaces istioctl's PortNameAnalyzer skips (inject.IgnoredNamespaces). */
const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/** Example names `http-<base>` / `tcp-<base>`, kept within the 15 characters a port name may have. */
function examples(base: string): { http: string; tcp: string } {
  const fit = (prefix: string): string => {
    const name = `${prefix}-${base}`;
    return portNameProblem(name) === null ? name : prefix;
  };
  return { http: fit('http'), tcp: fit('tcp') };
}

export default defineRule({
  meta: {
    id: 'mesh-port-name-protocol',
    title: 'Istio cannot tell the protocol of a Service port',
    description:
      'Istio selects a Service port\'s protocol from its appProtocol or from the prefix of its name (http-…, grpc-…, tcp-…). A port with neither falls back to protocol sniffing: only HTTP and HTTP/2 are detected, everything else is plain TCP, and server-first protocols can stall. istioctl analyze reports this as IST0118. Checked only when the input shows an Istio mesh.',
    severity: 'info',
    category: 'mesh',
    appliesTo: [SERVICE],
    remediation:
      'Name the port <protocol>[-suffix] (http, http2, https, grpc, grpc-web, tcp, tls, mongo, mysql, redis) or set appProtocol to one of those or kubernetes.io/h2c, kubernetes.io/ws, kubernetes.io/wss. Otherwise Istio sniffs the protocol (IST0118).',
    messages: {
      unnamed:
        'Service {name} {port} has no name and no appProtocol: Istio sniffs the protocol; name it e.g. {http} or {tcp} (IST0118)',
      unknownName:
        'Service {name} {port}: Istio does not know the prefix "{prefix}" of name {portName}; use e.g. {http} or {tcp} (IST0118)',
      unknownAppProtocol:
        'Service {name} {port}: Istio does not recognise appProtocol {appProtocol} and sniffs the protocol (IST0118)',
    },
  },
  check(ctx) {
    const svc = ctx.resource;
    if (svc.group !== '' || svc.namespace === null) return;
    if (!meshPresent(ctx.index)) return;
    if (IGNORED_NAMESPACES.has(svc.namespace)) return;
    const labels = labelsOfMetadata(svc);
    // istioctl skips the control plane's own Services and Services managed by Istio's gateway controller.
    if ('istio' in labels || labels.release === 'istio' || labels['gateway.istio.io/managed'] !== undefined) return;
    for (const p of servicePorts(svc)) {
      // A port without a number is invalid input, reported by the schema and Service spec rules.
      if (p.port === null) continue;
      if (istioProtocol(p.port, p.name, p.protocol, p.appProtocol) !== null) continue;
      const base = { name: svc.name, port: describeServicePort(p) };
      if (p.appProtocol) {
        ctx.report({ messageId: 'unknownAppProtocol', data: { ...base, appProtocol: p.appProtocol }, at: pointer('spec', 'ports', p.index, 'appProtocol') });
      } else if (p.name) {
        const dash = p.name.indexOf('-');
        ctx.report({
          messageId: 'unknownName',
          data: { ...base, portName: p.name, prefix: dash >= 0 ? p.name.slice(0, dash) : p.name, ...examples(p.name) },
          at: pointer('spec', 'ports', p.index, 'name'),
        });
      } else {
        ctx.report({ messageId: 'unnamed', data: { ...base, ...examples(svc.name) }, at: p.at });
      }
    }
  },
});
