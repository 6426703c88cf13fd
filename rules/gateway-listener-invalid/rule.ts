import { defineRule } from '../../src/engine/rule.js';
import { GATEWAY } from '../../src/model/group-kinds.js';
import { describeListener, isGatewayApiGateway, listeners, nsName } from '../../src/k8s/gateway-api.js';
import { isObject } from '../../src/model/resources.js';
import { joinPointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'gateway-listener-invalid',
    title: 'Gateway listener breaks the listener validation rules',
    description:
      'Gateway listeners follow the CEL rules of the Gateway API CRD and the field documentation: tls must not be set on HTTP, TCP and UDP listeners and is required on HTTPS and TLS listeners; HTTPS requires mode Terminate; mode Terminate (the default) needs certificateRefs or options; TCP and UDP listeners must not have a hostname; listener names must be unique, and so must the combination of port, protocol and hostname. The API server rejects such a Gateway, or the listener cannot serve.',
    severity: 'error',
    category: 'gateway',
    appliesTo: [GATEWAY],
    messages: {
      tlsNotAllowed: 'listener {listener} of Gateway {gateway} has protocol {protocol}, which must not have tls (only HTTPS and TLS listeners use tls)',
      tlsRequired: 'listener {listener} of Gateway {gateway} has protocol {protocol} but no tls: {need}',
      httpsPassthrough:
        'listener {listener} of Gateway {gateway}: tls mode must be Terminate for protocol HTTPS; for Passthrough use protocol TLS with TLSRoutes',
      certificatesRequired:
        'listener {listener} of Gateway {gateway} terminates TLS (mode {mode}) but has no certificateRefs or options',
      hostnameNotAllowed: 'listener {listener} of Gateway {gateway} has protocol {protocol}, which must not have a hostname',
      duplicateName: 'listener name {name} is used more than once in Gateway {gateway} (listener {other} has it too): listener names must be unique',
      duplicateListener:
        'listener {listener} of Gateway {gateway} has the same port, protocol and hostname as listener {other} ({combination}): the combination must be unique',
    },
  },
  check(ctx) {
    const gw = ctx.resource;
    if (!isGatewayApiGateway(gw)) return;
    const gateway = nsName(gw.namespace, gw.name);
    const ls = listeners(gw);
    const names = new Map<string, number>();
    const combos = new Map<string, number>();
    for (const l of ls) {
      const listener = l.name || `#${l.index}`;
      const base = { listener, gateway, protocol: l.protocol };
      const hasTls = isObject(l.value.tls);
      if (['HTTP', 'TCP', 'UDP'].includes(l.protocol) && hasTls) {
        ctx.report({ messageId: 'tlsNotAllowed', data: base, at: joinPointer(l.at, 'tls'), target: 'key' });
      }
      if ((l.protocol === 'HTTPS' || l.protocol === 'TLS') && !hasTls) {
        ctx.report({
          messageId: 'tlsRequired',
          data: {
            ...base,
            need:
              l.protocol === 'HTTPS'
                ? 'an HTTPS listener needs tls.certificateRefs to terminate TLS'
                : 'a TLS listener needs tls with mode Passthrough, or Terminate with certificateRefs',
          },
          at: joinPointer(l.at, 'protocol'),
        });
      }
      if (l.tls && (l.protocol === 'HTTPS' || l.protocol === 'TLS')) {
        const mode = typeof l.tls.mode === 'string' && l.tls.mode !== '' ? l.tls.mode : 'Terminate';
        if (l.protocol === 'HTTPS' && mode === 'Passthrough') {
          ctx.report({ messageId: 'httpsPassthrough', data: base, at: joinPointer(l.at, 'tls', 'mode') });
        } else if (mode === 'Terminate') {
          const certs = Array.isArray(l.tls.certificateRefs) ? l.tls.certificateRefs.length : 0;
          const options = isObject(l.tls.options) ? Object.keys(l.tls.options).length : 0;
          if (certs === 0 && options === 0) {
            ctx.report({
              messageId: 'certificatesRequired',
              data: { ...base, mode: l.tls.mode === undefined ? 'Terminate, the default' : mode },
              at: joinPointer(l.at, 'tls'),
              target: 'key',
            });
          }
        }
      }
      if ((l.protocol === 'TCP' || l.protocol === 'UDP') && l.hostname !== null) {
        ctx.report({ messageId: 'hostnameNotAllowed', data: base, at: joinPointer(l.at, 'hostname') });
      }
      if (l.name !== '') {
        const first = names.get(l.name);
        if (first !== undefined) {
          ctx.report({ messageId: 'duplicateName', data: { name: l.name, gateway, other: `#${first}` }, at: joinPointer(l.at, 'name') });
        } else names.set(l.name, l.index);
      }
      if (l.port !== null && l.protocol !== '') {
        const key = `${l.port}\u0000${l.protocol}\u0000${l.hostname ?? ''}`;
        const first = combos.get(key);
        if (first !== undefined) {
          const other = ls.find((x) => x.index === first)!;
          ctx.report({
            messageId: 'duplicateListener',
            data: {
              listener,
              gateway,
              other: other.name || `#${other.index}`,
              combination: `port ${l.port}, protocol ${l.protocol}, ${l.hostname ? `hostname ${l.hostname}` : 'no hostname'}`,
            },
            at: joinPointer(l.at, 'port'),
            related: [{ resource: gw, at: other.at, message: `listener ${describeListener(other)}` }],
          });
        } else combos.set(key, l.index);
      }
    }
  },
});
