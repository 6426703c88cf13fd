// End to end through the built CLI: variants of one object across folders, every kind with a pod
// template as a workload, the labels controllers add to pods, and what operators make from custom resources.
import { describe, expect, it } from 'vitest';
import { lintFolder } from './helpers.js';

/** Writes the files into a new folder and lints it (every rule, completeness auto), as finding lines. */
function lint(files: Record<string, string>): { code: number | null; lines: string[] } {
  const r = lintFolder(files, 'json');
  const result = JSON.parse(r.stdout) as { findings: { file: string; line: number; column: number; ruleId: string; message: string; related: { file: string; message: string }[] }[] };
  const lines = result.findings
    .filter((f) => !['schema-missing', 'network-policy-missing', 'service-target-port-undeclared', 'input-not-rendered'].includes(f.ruleId))
    .map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}: ${f.message}${f.related.map((x) => ` | ${x.file}: ${x.message}`).join('')}`);
  return { code: r.status, lines };
}

const deployment = (name: string, labels: string, ports = '[{ name: http, containerPort: 8080 }]') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { matchLabels: { ${labels} } }
  template:
    metadata: { labels: { ${labels} } }
    spec:
      containers: [{ name: c, image: "c:1", ports: ${ports} }]
`;
const service = (name: string, selector: string, ports = '[{ name: http, port: 80, targetPort: http }]') => `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { ${selector} }
  ports: ${ports}
`;
const ingress = (service: string, port: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: ${service}, port: { ${port} } } }
`;

describe('variants: the same object in several folders', () => {
  it('a selector is satisfied by any variant of the Service and of the workload; ports by any variant', () => {
    const r = lint({
      'base/svc.yaml': service('web', 'app: web'),
      'base/deploy.yaml': deployment('web', 'app: web'),
      'overlays/prod/svc.yaml': service('web', 'app: web-prod', '[{ name: http, port: 80, targetPort: http }, { name: admin, port: 9000, targetPort: admin }]'),
      'overlays/prod/deploy.yaml': deployment('web', 'app: web-prod', '[{ name: http, containerPort: 8080 }, { name: admin, containerPort: 9000 }]'),
      'ingress.yaml': ingress('web', 'number: 9000'),
    });
    expect(r.lines).toEqual([]);
  });
  it('a reference no variant satisfies is reported, naming each variant compared against', () => {
    const r = lint({
      'base/svc.yaml': service('web', 'app: web'),
      'base/deploy.yaml': deployment('web', 'app: web'),
      'overlays/prod/svc.yaml': service('web', 'app: web', '[{ name: http, port: 8080, targetPort: http }]'),
      'ingress.yaml': ingress('web', 'number: 9000'),
    });
    expect(r.lines).toEqual([
      'ingress.yaml:11:62 ingress-backend-port-missing: Ingress web backend port 9000 is not a port of Service web (it has port 80 (http)) | base/svc.yaml: Service web (base/svc.yaml) ports: port 80 (http) | overlays/prod/svc.yaml: Service web (overlays/prod/svc.yaml) ports: port 8080 (http)',
    ]);
  });
  it('a selector that matches no variant names the variant of the closest workload', () => {
    const r = lint({
      'a/deploy.yaml': deployment('web', 'app: web'),
      'b/deploy.yaml': deployment('web', 'app: web-b'),
      'svc.yaml': service('web', 'app: wb'),
    });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^svc\.yaml:5:20 service-selector-matches-nothing: Service web selector app=wb matches no pods in namespace shop; closest is Deployment web/);
    expect(r.lines[0]).toMatch(/closest pod template: Deployment web \(in [ab]\/deploy\.yaml\) has app=/);
  });
});

describe('pods the cluster runs itself', () => {
  it("a kube-system Service selecting kubeadm's static control-plane pods or CoreDNS selects them; another selector does not", () => {
    const svc = (name: string, selector: string) =>
      `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: kube-system }\nspec:\n  selector: { ${selector} }\n  ports: [{ port: 10259, targetPort: 10259 }]\n`;
    const agent = deployment('agent', 'app: agent').replace('namespace: shop', 'namespace: kube-system');
    expect(lint({ 'agent.yaml': agent, 'sched.yaml': svc('scheduler-discovery', 'component: kube-scheduler'), 'dns.yaml': svc('dns', 'k8s-app: kube-dns') }).lines).toEqual([]);
    expect(lint({ 'agent.yaml': agent, 'sched.yaml': svc('scheduler-discovery', 'component: kube-schedulr') }).lines).toEqual([
      expect.stringMatching(/^sched\.yaml:5:\d+ service-selector-matches-nothing: /),
    ]);
  });
});

describe('samples side by side in one namespace', () => {
  it("a Service's named targetPort is compared with the pods on its own line of folders, not with another sample's", () => {
    const files = {
      'serving/triton/app.yaml': `${service('gemma', 'app: gemma', '[{ name: grpc, port: 8001, targetPort: grpc }]')}---\n${deployment('triton', 'app: gemma', '[{ name: grpc, containerPort: 8001 }]')}`,
      'serving/tgi/app.yaml': deployment('tgi', 'app: gemma', '[{ name: http, containerPort: 8000 }]'),
    };
    expect(lint(files).lines).toEqual([]);
    // Alone in its folder, the Service is compared with every pod it selects (one application in many folders).
    const alone = { 'serving/svc.yaml': service('gemma', 'app: gemma', '[{ name: grpc, port: 8001, targetPort: grpc }]'), 'serving/triton/app.yaml': files['serving/triton/app.yaml'].split('---\n')[1], 'serving/tgi/app.yaml': files['serving/tgi/app.yaml'] };
    expect(lint(alone).lines).toEqual([expect.stringMatching(/^serving\/svc\.yaml:\d+:\d+ service-target-port-missing: targetPort "grpc" of Service gemma .* not declared by Deployment tgi \(only by Deployment triton\)/)]);
  });
});

describe('every object with a pod template is a workload', () => {
  const rollout = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: c, image: "c:1", ports: [{ name: http, containerPort: 8080 }] }]
`;
  it("a Service selects a Rollout's pods and finds their ports; a missing port name is reported at its line", () => {
    expect(lint({ 'r.yaml': rollout, 's.yaml': service('web', 'app: web') }).lines).toEqual([]);
    expect(lint({ 'r.yaml': rollout, 's.yaml': service('web', 'app: web', '[{ port: 80, targetPort: htp }]') }).lines).toEqual([
      's.yaml:6:35 service-target-port-missing: targetPort "htp" of Service web port 80 is not a container port name of Rollout web; did you mean "http"? | r.yaml: Rollout web declares ports http',
    ]);
  });
  it("a Rollout with workloadRef makes pods from the Deployment's template", () => {
    const ref = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web, namespace: shop }
spec:
  workloadRef: { apiVersion: apps/v1, kind: Deployment, name: web-template }
`;
    const scaledDown = deployment('web-template', 'app: web-r').replace('spec:\n  selector', 'spec:\n  replicas: 0\n  selector');
    expect(lint({ 'r.yaml': ref, 'd.yaml': scaledDown, 's.yaml': service('web', 'app: web-r') }).lines).toEqual([]);
  });
  it('a PodTemplate object makes no pods: a Service selecting only its labels selects nothing', () => {
    const podTemplate = `apiVersion: v1
kind: PodTemplate
metadata: { name: t, namespace: shop }
template:
  metadata: { labels: { app: tpl } }
  spec: { containers: [{ name: c, image: "c:1" }] }
`;
    const r = lint({ 'd.yaml': deployment('web', 'app: web'), 't.yaml': podTemplate, 's.yaml': service('tpl', 'app: tpl') });
    expect(r.lines).toEqual([
      's.yaml:5:3 service-selector-matches-nothing: Service tpl selector app=tpl matches no pods in namespace shop (workloads there: Deployment web (app=web))',
    ]);
  });
  it("statefulset.kubernetes.io/pod-name selects the pod of that ordinal; another StatefulSet's name selects nothing", () => {
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop }
spec:
  serviceName: db
  replicas: 3
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: c, image: "c:1", ports: [{ name: http, containerPort: 8080 }] }] }
`;
    const headless = service('db', 'app: db', '[{ name: http, port: 8080 }]').replace('spec:\n', 'spec:\n  clusterIP: None\n');
    const pod0 = service('db-0', 'app: db, statefulset.kubernetes.io/pod-name: db-0');
    const wrong = service('db-x', 'app: db, statefulset.kubernetes.io/pod-name: web-0');
    const r = lint({ 'sts.yaml': sts, 'headless.yaml': headless, 'pod0.yaml': pod0, 'wrong.yaml': wrong });
    expect(r.lines).toEqual([
      'wrong.yaml:5:60 service-selector-matches-nothing: Service db-x selector app=db,statefulset.kubernetes.io/pod-name=web-0 matches no pods in namespace shop; closest is StatefulSet db with app=db: statefulset.kubernetes.io/pod-name=web-0 (not a value its controller sets) | sts.yaml: closest pod template: StatefulSet db has app=db',
    ]);
  });
});

describe('operators make pods and Services', () => {
  const prometheus = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: k8s, namespace: monitoring }
spec:
  replicas: 2
  podMetadata: { labels: { team: obs } }
`;
  const monitoringService = (selector: string, targetPort: string) => `apiVersion: v1
kind: Service
metadata: { name: prometheus-k8s, namespace: monitoring }
spec:
  selector: { ${selector} }
  ports: [{ name: web, port: 9090, targetPort: ${targetPort} }, { name: reloader-web, port: 8080, targetPort: reloader-web }]
`;
  const monitoringIngress = (name: string, port: string) => ingress(name, port).replace('namespace: shop', 'namespace: monitoring');
  it('a Service selects the pods of a Prometheus (operator labels and podMetadata labels) and their named ports', () => {
    const r = lint({
      'prometheus.yaml': prometheus,
      'svc.yaml': monitoringService('app.kubernetes.io/name: prometheus, prometheus: k8s, team: obs', 'web'),
      'ingress.yaml': monitoringIngress('prometheus-operated', 'name: web'),
    });
    expect(r.lines).toEqual([]);
  });
  it('a wrong targetPort or a port prometheus-operated lacks is reported; the related location is the Prometheus', () => {
    const r = lint({
      'prometheus.yaml': prometheus,
      'svc.yaml': monitoringService('app.kubernetes.io/name: prometheus, prometheus: k8s', 'http'),
      'ingress.yaml': monitoringIngress('prometheus-operated', 'number: 80'),
    });
    expect(r.lines).toEqual([
      'ingress.yaml:11:78 ingress-backend-port-missing: Ingress web backend port 80 is not a port of Service prometheus-operated (it has port 9090 (web)) | prometheus.yaml: Service prometheus-operated ports: port 9090 (web)',
      expect.stringMatching(/^svc\.yaml:6:48 service-target-port-missing: targetPort "http" of Service prometheus-k8s port 9090 \(web\) is not a container port name of Prometheus k8s; declared names: reloader-web, web \| prometheus\.yaml: /),
    ]);
  });
  it('an ECK Elasticsearch makes <name>-es-http; a Kibana <name>-kb-http', () => {
    const es = `apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: { name: quickstart, namespace: elastic }
spec:
  version: 8.15.0
  nodeSets: [{ name: default, count: 1 }]
---
apiVersion: kibana.k8s.elastic.co/v1
kind: Kibana
metadata: { name: quickstart, namespace: elastic }
spec: { version: 8.15.0, count: 1, elasticsearchRef: { name: quickstart } }
`;
    const ing = ingress('quickstart-es-http', 'number: 9200').replace('namespace: shop', 'namespace: elastic');
    const kb = ingress('quickstart-kb-http', 'name: https').replace('namespace: shop', 'namespace: elastic').replace('name: web', 'name: kibana').replace('- http:', '- host: kibana.example.com\n      http:');
    const esService = `apiVersion: v1
kind: Service
metadata: { name: es-nodes, namespace: elastic }
spec:
  selector: { elasticsearch.k8s.elastic.co/cluster-name: quickstart }
  ports: [{ port: 9200, targetPort: https }]
`;
    expect(lint({ 'es.yaml': es, 'ing.yaml': ing, 'kb.yaml': kb, 'svc.yaml': esService }).lines).toEqual([]);
    expect(lint({ 'es.yaml': es, 'ing.yaml': ing.replace('quickstart-es-http', 'quickstart-es-htp') }).lines).toEqual([
      'ing.yaml:11:41 ingress-backend-service-missing: Ingress web backend Service quickstart-es-htp does not exist in namespace elastic; did you mean quickstart-es-http? | es.yaml: Service quickstart-es-http in namespace elastic',
    ]);
  });
  it('ECK labels Elasticsearch pods with their node roles, from node.roles or the legacy node.<role> settings', () => {
    const es = `apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: { name: hulk, namespace: elastic }
spec:
  version: 8.15.0
  nodeSets:
    - { name: master, count: 1, config: { node.roles: [master] } }
    - { name: coordinating, count: 1, config: { node.roles: [] } }
    - { name: legacy, count: 1, config: { node.master: false, node.ml: false } }
`;
    const svc = (name: string, selector: string) => `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: elastic }
spec:
  selector: { elasticsearch.k8s.elastic.co/cluster-name: hulk, ${selector} }
  ports: [{ port: 9200, targetPort: 9200 }]
`;
    const files = {
      'es.yaml': es,
      // Coordinating nodes: every role label "false".
      'read.yaml': svc('read', 'elasticsearch.k8s.elastic.co/node-master: "false", elasticsearch.k8s.elastic.co/node-data: "false", elasticsearch.k8s.elastic.co/node-ingest: "false"'),
      // The legacy nodeSet: data and ingest by default, not ml.
      'ingest.yaml': svc('ingest', 'elasticsearch.k8s.elastic.co/node-ingest: "true", elasticsearch.k8s.elastic.co/node-ml: "false", elasticsearch.k8s.elastic.co/version: 8.15.0'),
    };
    expect(lint(files).lines).toEqual([]);
    // No nodeSet is a master-eligible ML node.
    const ml = svc('ml', 'elasticsearch.k8s.elastic.co/node-master: "true", elasticsearch.k8s.elastic.co/node-ml: "true"');
    expect(lint({ ...files, 'ml.yaml': ml }).lines).toEqual([expect.stringMatching(/^ml\.yaml:5:\d+ service-selector-matches-nothing: /)]);
  });
  it('a Knative Service makes the core Service of its name, and its pods are selectable', () => {
    const ksvc = `apiVersion: serving.knative.dev/v1
kind: Service
metadata: { name: hello, namespace: shop }
spec:
  template:
    metadata: { labels: { app: hello } }
    spec: { containers: [{ image: "hello:1", ports: [{ containerPort: 8080 }] }] }
`;
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: hello, namespace: shop }
spec:
  podSelector: { matchLabels: { app: hello } }
  policyTypes: [Ingress]
`;
    expect(lint({ 'ksvc.yaml': ksvc, 'ing.yaml': ingress('hello', 'number: 80').replace('name: nginx', 'name: kourier'), 'np.yaml': policy }).lines).toEqual([
      'ing.yaml:11:41 ingress-backend-external-name: Ingress web backend Service hello is an ExternalName Service (the Knative ingress gateway): support depends on the controller | ksvc.yaml: Service hello is type ExternalName',
    ]);
  });
});
