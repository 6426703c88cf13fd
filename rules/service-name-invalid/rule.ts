import { defineRule } from '../../src/engine/rule.js';
import { SERVICE } from '../../src/model/group-kinds.js';
import { dns1123LabelProblem } from '../../src/k8s/names.js';
import { isObject } from '../../src/model/resources.js';
import { pointer } from '../../src/model/pointer.js';

/** Why `s` is not a DNS-1035 label (`[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters), or null. */
export function dns1035LabelProblem(s: string): string | null {
  const p = dns1123LabelProblem(s);
  if (p !== null) return p;
  return /^[a-z]/.test(s) ? null : 'it must start with a letter';
}

export default defineRule({
  meta: {
    id: 'service-name-invalid',
    title: 'Service name that is not a DNS-1035 label',
    description:
      'A Service name becomes a DNS label (<name>.<namespace>.svc) and environment variable names, so the API server requires a DNS-1035 label: at most 63 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit. A name such as 2fa-api or Api is rejected.',
    severity: 'error',
    category: 'validity',
    appliesTo: [SERVICE],
    remediation:
      'Rename the Service to a DNS-1035 label (start with a letter: 2fa-api → twofa-api), and update the Ingresses, routes and clients that name it.',
    messages: {
      invalid: 'Service name "{name}" is not a DNS-1035 label: {reason}',
    },
  },
  check(ctx) {
    const meta = isObject(ctx.resource.value.metadata) ? ctx.resource.value.metadata : null;
    const name = meta?.name;
    if (typeof name !== 'string' || name === '') return; // manifest-invalid
    // A placeholder for a templating step (`api-${ENV}`, `{{ name }}`) is not the applied name.
    if (/[${}%]/.test(name)) return;
    const reason = dns1035LabelProblem(name);
    if (reason === null) return;
    ctx.report({ messageId: 'invalid', data: { name, reason }, at: pointer('metadata', 'name') });
  },
});
