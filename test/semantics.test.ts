// End to end through the built CLI, at the exact file and line: the Kubernetes semantics that real
// repositories showed kubewire had wrong (same port name across containers, protocol "", the
// healthCheckNodePort, TLS Terminate admitting TCPRoute, the ALB `use-annotation` backend).
import { describe, expect, it } from 'vitest';
import { lintFolder } from './helpers.js';

function lint(text: string): string[] {
  const r = lintFolder({ 'app.yaml': text }, 'compact');
  expect(r.stderr).toBe('');
  return r.stdout
    .split('\n')
    .filter((l) => l !== '' && !/\[(schema-missing|network-policy-missing|service-target-port-undeclared)\]$/.test(l));
}

describe('Kubernetes semantics as the API server has them', () => {
  it('the same port name in two containers is the API server’s warning; within one container an error', () => {
    const lines = lint(`apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: app
          image: app
          ports: [{ name: metrics, containerPort: 9090 }]
        - name: sidecar
          image: sidecar
          ports:
            - name: metrics
              containerPort: 9091
            - name: admin
              containerPort: 8081
            - name: admin
              containerPort: 8082
`);
    expect(lines).toEqual([
      expect.stringMatching(
        /^app\.yaml:16:21: warning spec\.template\.spec\.containers\[1\]\.ports\[0\]: duplicate port name "metrics" with spec\.template\.spec\.containers\[0\]\.ports\[0\], services and probes that select ports by name will use spec\.template\.spec\.containers\[0\]\.ports\[0\] \[container-port-invalid\]$/,
      ),
      expect.stringMatching(/^app\.yaml:20:21: error Container port name "admin" is used twice in container sidecar of Deployment web; port names must be unique within a container \[container-port-invalid\]$/),
    ]);
  });

  it('protocol "" is TCP on Service and container ports: the named targetPort resolves', () => {
    const lines = lint(`apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http, protocol: "" }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: web, ports: [{ name: http, containerPort: 8080, protocol: "" }] }]
`);
    expect(lines).toEqual([]);
  });

  it('a healthCheckNodePort collides with another Service’s nodePort', () => {
    const lines = lint(`apiVersion: v1
kind: Service
metadata: { name: a }
spec:
  type: NodePort
  selector: { app: a }
  ports: [{ port: 80, nodePort: 30080 }]
---
apiVersion: v1
kind: Service
metadata: { name: b }
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  loadBalancerSourceRanges: [10.0.0.0/8]
  healthCheckNodePort: 30080
  selector: { app: b }
  ports: [{ port: 80, nodePort: 30081 }]
`);
    expect(lines.filter((l) => l.endsWith('[service-node-port-collision]'))).toEqual([
      expect.stringMatching(/^app\.yaml:7:33: error .*30080.* \[service-node-port-collision\]$/),
      expect.stringMatching(/^app\.yaml:16:24: error .*30080.* \[service-node-port-collision\]$/),
    ]);
  });

  it('a TLS listener in Terminate mode admits a TCPRoute; Passthrough does not', () => {
    const gateway = (mode: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw }
spec:
  gatewayClassName: eg
  listeners:
    - name: tls
      protocol: TLS
      port: 443
      tls:
        mode: ${mode}
        certificateRefs: [{ name: cert }]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: { name: db }
spec:
  parentRefs: [{ name: gw }]
  rules: [{ backendRefs: [{ name: db, port: 5432 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: db }
spec:
  selector: { app: db }
  ports: [{ port: 5432 }]
`;
    expect(lint(gateway('Terminate')).filter((l) => l.includes('[route-not-allowed-by-listener]'))).toEqual([]);
    expect(lint(gateway('Passthrough')).filter((l) => l.includes('[route-not-allowed-by-listener]'))).toEqual([
      expect.stringMatching(/^app\.yaml:18:24: error .*TCPRoute.*mode Passthrough.* \[route-not-allowed-by-listener\]$/),
    ]);
  });

  it('an AWS Load Balancer Controller action backend (port name use-annotation) is no Service port', () => {
    const lines = lint(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect"}'
spec:
  ingressClassName: alb
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: ssl-redirect, port: { name: use-annotation } } }
          - path: /api
            pathType: Prefix
            backend: { service: { name: web, port: { name: use-annotation } } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80 }]
`);
    expect(lines.filter((l) => /ingress-backend-(port|service)-missing/.test(l))).toEqual([]);
  });
});
