import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import { applyPrecedence, type PrecedenceFinding } from '../src/engine/precedence.js';
import { repoRoot } from './helpers.js';
import type { Resource } from '../src/model/types.js';
import type { RuleMeta } from '../src/engine/rule.js';

/** Lints one YAML text with every built-in rule, as the CLI does with stdin. */
async function lintText(text: string) {
  const result = await lint({
    paths: ['-'],
    stdin: text,
    stdinFilename: 'input.yaml',
    cwd: repoRoot,
    config: { file: null, dir: repoRoot, rules: {} },
  });
  return result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.messageId}`);
}

const SERVICE_AND_DEPLOYMENT = `---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports:
    - port: 80
      targetPort: http
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 8080, name: http }]
`;

describe('one finding per problem (all rules, through lint())', () => {
  it('a v1 Ingress backend with serviceName/servicePort: the ingress-invalid finding only', async () => {
    const findings = await lintText(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              serviceName: web
              servicePort: 80
${SERVICE_AND_DEPLOYMENT}`);
    expect(findings).toEqual(['13:15 ingress-invalid betaFields']);
  });

  it('a v1 Ingress path without pathType: the ingress-path-invalid finding, not schema-invalid required', async () => {
    const findings = await lintText(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            backend:
              service: { name: web, port: { number: 80 } }
${SERVICE_AND_DEPLOYMENT}`);
    expect(findings).toEqual(['10:13 ingress-path-invalid missingPathType']);
  });

  it('an invalid targetPort name is reported as invalid, not also looked up as a container port name', async () => {
    const findings = await lintText(SERVICE_AND_DEPLOYMENT.replace('targetPort: http', 'targetPort: PORT'));
    expect(findings).toEqual(['9:19 service-target-port-invalid invalidName']);
  });

  it('an invalid Ingress backend port name is reported as invalid, not also looked up', async () => {
    const findings = await lintText(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: web, port: { name: HTTP_X } }
${SERVICE_AND_DEPLOYMENT}`);
    expect(findings).toEqual(['13:51 ingress-invalid badPortName']);
  });

  it('a missing required field is not covered by a semantic finding about another field of the same object', async () => {
    const findings = await lintText(SERVICE_AND_DEPLOYMENT.replace('    - port: 80\n      targetPort: http\n', '    - port: 80\n      name: http\n      targetPort: http\n    - targetPort: 8080\n'));
    expect(findings).toEqual(['11:7 schema-invalid required', '11:7 service-port-name-required unnamed']);
  });

  it('a schema finding with no semantic finding at its field stays', async () => {
    const findings = await lintText(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: web, port: { number: 80 } }
              weight: 3
${SERVICE_AND_DEPLOYMENT}`);
    expect(findings).toEqual(['14:15 schema-unknown-field unknownFieldNoSuggestion']);
  });
});

describe('applyPrecedence', () => {
  const resource = {} as Resource;
  const other = {} as Resource;
  const meta = (id: string, category: RuleMeta['category']) => ({ id, category }) as RuleMeta;
  const schema = meta('schema-invalid', 'schema');
  const unknown = meta('schema-unknown-field', 'schema');
  const semantic = meta('ingress-invalid', 'validity');
  const f = (rule: RuleMeta, at: string, severity: PrecedenceFinding['severity'] = 'error', res: Resource | null = resource) => ({ rule, resource: res, at, severity });

  it('drops a schema finding at the pointer of a semantic finding of at least its severity', () => {
    const a = f(semantic, '/spec/x');
    expect(applyPrecedence([f(schema, '/spec/x'), a])).toEqual([a]);
  });

  it('keeps it when the semantic finding is weaker, elsewhere, or in another resource', () => {
    const list = [f(schema, '/spec/x'), f(semantic, '/spec/x', 'warning'), f(schema, '/spec/y'), f(semantic, '/spec/y', 'error', other)];
    expect(applyPrecedence(list)).toEqual(list);
  });

  it('drops the unknown fields beside an unknown field a semantic rule explained, and only those', () => {
    const kept = [f(semantic, '/b/serviceName'), f(unknown, '/c/servicePort'), f(schema, '/b/port')];
    const list = [f(unknown, '/b/serviceName'), f(unknown, '/b/servicePort'), ...kept];
    expect(applyPrecedence(list)).toEqual(kept);
  });
});
