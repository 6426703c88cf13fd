import { ARGO_ROLLOUT, gk, isKind, isOneOf, KNATIVE_SERVICE, type GroupKind } from '../model/group-kinds.js';
import { isObject } from '../model/resources.js';
import { joinPointer, pointer } from '../model/pointer.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';
import { stringMap, type Labels } from './labels.js';
import { containersOf, type ContainerView, type PodMaker, type PodTemplateView } from './pod-templates.js';

/**
 * Operators whose custom resources in the input make pods and Services: what they make exists, for
 * every rule that looks up pods or Services (through the index: `templatesMatching`, `get(SERVICE, …)`).
 * The made objects are synthetic: their owner (for templates) or `producedBy` (for Services) is the
 * custom resource, so related locations point at it, and no rule ever reports on them.
 *
 * | producer | pods (labels besides the CR's pod metadata labels) | Services |
 * |---|---|---|
 * | Prometheus (monitoring.coreos.com) | StatefulSet `prometheus-<name>[-shard-<n>]`: `app.kubernetes.io/name: prometheus`, `app.kubernetes.io/managed-by: prometheus-operator`, `app.kubernetes.io/instance: <name>`, `prometheus: <name>`, `operator.prometheus.io/name: <name>`, `operator.prometheus.io/shard: <n>`; ports `web` 9090 (spec.portName), `reloader-web` 8080, Thanos sidecar `grpc` 10901 and `http` 10902 | `prometheus-operated` (headless) |
 * | Alertmanager | StatefulSet `alertmanager-<name>`: `app.kubernetes.io/name: alertmanager`, managed-by, instance, `alertmanager: <name>`; ports `web` 9093, `mesh-tcp` 9094, `mesh-udp` 9094/UDP, `reloader-web` 8080 | `alertmanager-operated` (headless) |
 * | ThanosRuler | StatefulSet `thanos-ruler-<name>`: `app.kubernetes.io/name: thanos-ruler`, managed-by, instance, `thanos-ruler: <name>`; ports `grpc` 10901, `web` 10902, `reloader-web` 8080 | `thanos-ruler-operated` (headless) |
 * | Elasticsearch (elasticsearch.k8s.elastic.co) | one StatefulSet `<name>-es-<nodeSet>` per nodeSet: `common.k8s.elastic.co/type: elasticsearch`, `elasticsearch.k8s.elastic.co/cluster-name: <name>`, `elasticsearch.k8s.elastic.co/statefulset-name`, `…/version`, `…/http-scheme` and the node role labels `…/node-master`, `…/node-data`, `…/node-ingest`, `…/node-ml`… ("true"/"false" from the nodeSet's `config`: elasticsearchNodeLabels); ports `https`/`http` 9200, `transport` 9300 | `<name>-es-http` (9200), `<name>-es-transport` (9300), `<name>-es-internal-http` (9200) |
 * | Kibana (kibana.k8s.elastic.co) | `common.k8s.elastic.co/type: kibana`, `kibana.k8s.elastic.co/name: <name>`; port 5601 | `<name>-kb-http` (5601) |
 * | ApmServer (apm.k8s.elastic.co) | `common.k8s.elastic.co/type: apm-server`, `apm.k8s.elastic.co/name: <name>`; port 8200 | `<name>-apm-http` (8200) |
 * | EnterpriseSearch (enterprisesearch.k8s.elastic.co) | `common.k8s.elastic.co/type: enterprise-search`, `enterprisesearch.k8s.elastic.co/name: <name>`; port 3002 | `<name>-ent-http` (3002) |
 * | Agent (agent.k8s.elastic.co) | `common.k8s.elastic.co/type: agent`, `agent.k8s.elastic.co/name: <name>` | `<name>-agent-http` (8220, Fleet Server: spec.fleetServerEnabled) |
 * | Knative Service (serving.knative.dev) | its `spec.template` (a workload of its own) plus `serving.knative.dev/service` and `serving.knative.dev/configuration: <name>` | `<name>` (ExternalName to the ingress) |
 * | Argo Rollout with `spec.workloadRef` | the referenced Deployment's template (same namespace) | – |
 *
 * Sources: prometheus-operator pkg/prometheus/server/statefulset.go (podSelectorLabels, the `web`
 * port 9090, the config-reloader), pkg/alertmanager/statefulset.go (makeSelectorLabels, ports 9093 and
 * 9094), pkg/thanos/statefulset.go and the governing Services `prometheus-operated`,
 * `alertmanager-operated`, `thanos-ruler-operated` (https://prometheus-operator.dev/docs/platform/);
 * ECK pkg/controller/elasticsearch/label/label.go (NewPodLabels), pkg/controller/kibana/label,
 * the HTTPService namers (`<name>-es-http`, `-kb-http`, `-apm-http`, `-ent-http`, `-agent-http`) and
 * "Accessing Elastic Stack services" (https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-accessing-elastic-services.html):
 * the HTTP port is named `https`, or `http` with `spec.http.tls.selfSignedCertificate.disabled: true`;
 * Knative Serving "Creating a Service" (the Route's placeholder Service named after the Service);
 * Argo Rollouts "Rollout with workloadRef" (https://argoproj.github.io/argo-rollouts/features/migrating/).
 */
export interface Produced {
  templates: PodTemplateView[];
  services: Resource[];
}

const MONITORING = 'monitoring.coreos.com';
export const PROMETHEUS = gk(MONITORING, 'Prometheus');
export const ALERTMANAGER = gk(MONITORING, 'Alertmanager');
export const THANOS_RULER = gk(MONITORING, 'ThanosRuler');
export const ELASTICSEARCH = gk('elasticsearch.k8s.elastic.co', 'Elasticsearch');
export const KIBANA = gk('kibana.k8s.elastic.co', 'Kibana');
export const APM_SERVER = gk('apm.k8s.elastic.co', 'ApmServer');
export const ENTERPRISE_SEARCH = gk('enterprisesearch.k8s.elastic.co', 'EnterpriseSearch');
export const ELASTIC_AGENT = gk('agent.k8s.elastic.co', 'Agent');

/** The (group, kind)s whose objects make pods or Services. */
export const PRODUCER_KINDS: readonly GroupKind[] = [
  PROMETHEUS,
  ALERTMANAGER,
  THANOS_RULER,
  ELASTICSEARCH,
  KIBANA,
  APM_SERVER,
  ENTERPRISE_SEARCH,
  ELASTIC_AGENT,
  KNATIVE_SERVICE,
  ARGO_ROLLOUT,
];

interface PortSpec {
  name: string;
  port: number;
  protocol?: 'UDP';
}

/** Looks up a declared object (for a Rollout's workloadRef). */
export type Lookup = (kind: GroupKind, namespace: string, name: string) => Resource | undefined;

/** What `r` makes, when it is a known producer; null otherwise. */
export function producedBy(r: Resource, lookup: Lookup, templateOf: (r: Resource) => PodTemplateView | undefined): Produced | null {
  if (r.namespace === null || !isOneOf(r, PRODUCER_KINDS)) return null;
  const spec = isObject(r.value.spec) ? r.value.spec : {};
  const ns = r.namespace;
  const managed = { 'app.kubernetes.io/managed-by': 'prometheus-operator', 'app.kubernetes.io/instance': r.name };
  if (isKind(r, PROMETHEUS)) {
    const portName = str(spec.portName) ?? 'web';
    const listen = spec.listenLocal === true ? [] : [{ name: portName, port: 9090 }];
    const thanos = isObject(spec.thanos) ? [{ name: 'grpc', port: 10901 }, { name: 'http', port: 10902 }] : [];
    const shards = Math.min(Math.max(int(spec.shards) ?? 1, 1), 32);
    const templates: PodTemplateView[] = [];
    for (let shard = 0; shard < shards; shard++) {
      const labels = {
        ...podMetadataLabels(spec),
        ...managed,
        'app.kubernetes.io/name': 'prometheus',
        prometheus: r.name,
        'operator.prometheus.io/name': r.name,
        'operator.prometheus.io/shard': String(shard),
      };
      const sts = shard === 0 ? `prometheus-${r.name}` : `prometheus-${r.name}-shard-${shard}`;
      templates.push(template(r, labels, statefulSet(sts), [...listen, { name: 'reloader-web', port: 8080 }, ...thanos], '/spec/podMetadata/labels'));
    }
    return { templates, services: [service(r, 'prometheus-operated', [...listen, ...thanos.slice(0, 1)], 'None')] };
  }
  if (isKind(r, ALERTMANAGER)) {
    const portName = str(spec.portName) ?? 'web';
    const labels = { ...podMetadataLabels(spec), ...managed, 'app.kubernetes.io/name': 'alertmanager', alertmanager: r.name };
    const ports: PortSpec[] = [{ name: portName, port: 9093 }, { name: 'mesh-tcp', port: 9094 }, { name: 'mesh-udp', port: 9094, protocol: 'UDP' }];
    const t = template(r, labels, statefulSet(`alertmanager-${r.name}`), [...ports, { name: 'reloader-web', port: 8080 }], '/spec/podMetadata/labels');
    const svcPorts: PortSpec[] = [{ name: portName, port: 9093 }, { name: 'tcp-mesh', port: 9094 }, { name: 'udp-mesh', port: 9094, protocol: 'UDP' }];
    return { templates: [t], services: [service(r, 'alertmanager-operated', svcPorts, 'None')] };
  }
  if (isKind(r, THANOS_RULER)) {
    const labels = { ...podMetadataLabels(spec), ...managed, 'app.kubernetes.io/name': 'thanos-ruler', 'thanos-ruler': r.name };
    const ports = [{ name: 'grpc', port: 10901 }, { name: 'web', port: 10902 }];
    const t = template(r, labels, statefulSet(`thanos-ruler-${r.name}`), [...ports, { name: 'reloader-web', port: 8080 }], '/spec/podMetadata/labels');
    return { templates: [t], services: [service(r, 'thanos-ruler-operated', ports, 'None')] };
  }
  if (isKind(r, ELASTICSEARCH)) {
    const http = { name: httpScheme(spec), port: 9200 };
    const transport = { name: 'transport', port: 9300 };
    const nodeSets = Array.isArray(spec.nodeSets) ? spec.nodeSets : [];
    const templates = nodeSets.filter(isObject).map((set, i) => {
      const sts = `${r.name}-es-${str(set.name) ?? String(i)}`;
      const labels = {
        ...podTemplateLabels(set),
        ...elasticsearchNodeLabels(set, str(spec.version), http.name),
        'common.k8s.elastic.co/type': 'elasticsearch',
        'elasticsearch.k8s.elastic.co/cluster-name': r.name,
        'elasticsearch.k8s.elastic.co/statefulset-name': sts,
      };
      return template(r, labels, statefulSet(sts), [http, transport], joinPointer(pointer('spec', 'nodeSets', i), 'podTemplate', 'metadata', 'labels'));
    });
    return {
      templates,
      services: [service(r, `${r.name}-es-http`, [http]), service(r, `${r.name}-es-internal-http`, [http]), service(r, `${r.name}-es-transport`, [transport], 'None')],
    };
  }
  const elastic: [GroupKind, string, string, string, number][] = [
    [KIBANA, 'kibana', 'kibana.k8s.elastic.co/name', 'kb', 5601],
    [APM_SERVER, 'apm-server', 'apm.k8s.elastic.co/name', 'apm', 8200],
    [ENTERPRISE_SEARCH, 'enterprise-search', 'enterprisesearch.k8s.elastic.co/name', 'ent', 3002],
    [ELASTIC_AGENT, 'agent', 'agent.k8s.elastic.co/name', 'agent', 8220],
  ];
  for (const [kind, type, nameLabel, short, port] of elastic) {
    if (!isKind(r, kind)) continue;
    const labels = { ...podTemplateLabels(spec), 'common.k8s.elastic.co/type': type, [nameLabel]: r.name };
    const http = { name: httpScheme(spec), port };
    // An Agent serves HTTP only as a Fleet Server.
    const serves = kind !== ELASTIC_AGENT || spec.fleetServerEnabled === true;
    const maker: PodMaker = { kind: kind === ELASTIC_AGENT && str(spec.mode) !== 'fleet' ? 'DaemonSet' : 'Deployment', name: `${r.name}-${short}`, ordinalStart: 0 };
    return {
      templates: [template(r, labels, maker, serves ? [http] : [], '/spec/podTemplate/metadata/labels')],
      services: serves ? [service(r, `${r.name}-${short}-http`, [http])] : [],
    };
  }
  if (isKind(r, KNATIVE_SERVICE)) {
    // The pods come from spec.template (a workload of its own); the Route's placeholder Service has its name.
    return { templates: [], services: [externalName(r, r.name)] };
  }
  if (isKind(r, ARGO_ROLLOUT)) {
    const ref = isObject(spec.workloadRef) ? spec.workloadRef : null;
    const name = ref ? str(ref.name) : undefined;
    if (!ref || !name || (str(ref.kind) ?? 'Deployment') !== 'Deployment') return null;
    const deployment = lookup(gk('apps', 'Deployment'), ns, name);
    const t = deployment && templateOf(deployment);
    if (!t) return null;
    // The Rollout's pods: the Deployment's template, made by the Rollout (its labels, not the Deployment's).
    return { templates: [{ ...t, maker: { kind: 'Rollout', name: r.name, ordinalStart: 0 }, produced: true }], services: [] };
  }
  return null;
}

function statefulSet(name: string): PodMaker {
  return { kind: 'StatefulSet', name, ordinalStart: 0 };
}

function template(owner: Resource, labels: Labels, maker: PodMaker, ports: PortSpec[], labelsAt: string): PodTemplateView {
  const spec = isObject(owner.value.spec) ? owner.value.spec : {};
  const made: ContainerView = {
    name: owner.kind.toLowerCase(),
    list: 'containers',
    sidecar: false,
    at: '/spec',
    ports: ports.map((p) => ({
      name: p.name,
      containerPort: p.port,
      protocol: p.protocol ?? 'TCP',
      hostPort: null,
      at: '/spec',
      value: { name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' },
    })),
    value: {},
  };
  // Containers the CR adds or patches (spec.containers of the Prometheus Operator CRs) declare ports too.
  const extra = Array.isArray(spec.containers) ? containersOf({ containers: spec.containers }, '/spec').containers : [];
  const containers = [made, ...extra];
  return {
    owner,
    namespace: owner.namespace!,
    labels,
    at: '/spec',
    labelsAt,
    specAt: '/spec',
    spec: {},
    containers,
    allContainers: containers,
    maker,
    produced: true,
  };
}

function service(producer: Resource, name: string, ports: PortSpec[], clusterIP?: 'None'): Resource {
  const spec: JsonObject = {
    ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: p.protocol ?? 'TCP' })),
    ...(clusterIP ? { clusterIP } : {}),
  };
  return synthetic(producer, name, spec);
}

function externalName(producer: Resource, name: string): Resource {
  // Knative's networking layer points it at its ingress gateway (the name depends on the layer: Istio, Kourier, …).
  return synthetic(producer, name, { type: 'ExternalName', externalName: 'the Knative ingress gateway' });
}

function synthetic(producer: Resource, name: string, spec: JsonObject): Resource {
  const namespace = producer.namespace!;
  return {
    apiVersion: 'v1',
    group: '',
    version: 'v1',
    kind: 'Service',
    name,
    namespace,
    source: producer.source,
    value: { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec },
    key: `/Service/${namespace}/${name}`,
    producedBy: producer,
  };
}

function podMetadataLabels(spec: JsonObject): Labels {
  return isObject(spec.podMetadata) ? stringMap(spec.podMetadata.labels) : {};
}

function podTemplateLabels(spec: JsonObject): Labels {
  const t = isObject(spec.podTemplate) ? spec.podTemplate : {};
  return isObject(t.metadata) ? stringMap(t.metadata.labels) : {};
}

/**
 * The node role labels ECK puts on Elasticsearch pods (label.go NewPodLabels; roles as
 * elasticsearch_config.go IsConfiguredWithRole reads them): with `node.roles` in the nodeSet's config a
 * role is on when listed; otherwise the legacy `node.<role>` booleans, every role on by default
 * (voting_only off; transform follows data). Labels of roles newer than `version` are not set (transform
 * and remote_cluster_client 7.7, voting_only 7.3, data tiers 7.10, frozen 7.12); an unreadable version
 * counts as current.
 */
function elasticsearchNodeLabels(nodeSet: JsonObject, version: string | undefined, scheme: string): Labels {
  const config = isObject(nodeSet.config) ? nodeSet.config : {};
  const nested = isObject(config.node) ? config.node : {};
  const setting = (key: string): JsonValue | undefined => (config[`node.${key}`] !== undefined ? config[`node.${key}`] : nested[key]);
  const rolesValue = setting('roles');
  const roles = Array.isArray(rolesValue) ? new Set(rolesValue.filter((x): x is string => typeof x === 'string')) : null;
  const legacy = (key: string, fallback: boolean): boolean => {
    const v = setting(key);
    return v === true || v === 'true' ? true : v === false || v === 'false' ? false : fallback;
  };
  const has = (role: string): boolean => {
    if (roles) return roles.has(role);
    if (role === 'voting_only') return legacy('voting_only', false);
    if (role === 'transform') return legacy('transform', legacy('data', true));
    if (role.startsWith('data_')) return legacy('data', true);
    return legacy(role, true);
  };
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  const atLeast = (major: number, minor: number): boolean => !m || Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor);
  const roleList = ['master', 'data', 'ingest', 'ml'];
  if (atLeast(7, 7)) roleList.push('transform', 'remote_cluster_client');
  if (atLeast(7, 3)) roleList.push('voting_only');
  if (atLeast(7, 10)) roleList.push('data_content', 'data_cold', 'data_hot', 'data_warm');
  if (atLeast(7, 12)) roleList.push('data_frozen');
  const labels: Labels = { 'elasticsearch.k8s.elastic.co/http-scheme': scheme };
  if (version) labels['elasticsearch.k8s.elastic.co/version'] = version;
  for (const role of roleList) labels[`elasticsearch.k8s.elastic.co/node-${role}`] = String(has(role));
  return labels;
}

/** ECK's HTTP port name: `https`, or `http` when the self-signed certificate is disabled. */
function httpScheme(spec: JsonObject): string {
  const http = isObject(spec.http) ? spec.http : {};
  const tls = isObject(http.tls) ? http.tls : {};
  const self = isObject(tls.selfSignedCertificate) ? tls.selfSignedCertificate : {};
  return self.disabled === true ? 'http' : 'https';
}

function str(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function int(v: JsonValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}
