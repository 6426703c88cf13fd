import { ARGO_ROLLOUT, isKind, isOneOf, WORKLOAD_KINDS } from '../model/group-kinds.js';
import { isHelmHook, isObject } from '../model/resources.js';
import { joinPointer, pointer, sharedPointer } from '../model/pointer.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';
import { stringMap, type Labels } from './labels.js';
import { portProtocol } from '../k8s/protocol.js';

/** TCP, UDP or SCTP; anything else as written. */
export type Protocol = string;

export interface ContainerPortView {
  name: string | null;
  containerPort: number | null;
  /** Defaulted to TCP, as the API server does. */
  protocol: Protocol;
  hostPort: number | null;
  /** Pointer (relative to the owner resource) to this entry of `ports`. */
  at: string;
  value: JsonObject;
}

export interface ContainerView {
  name: string;
  /** `containers`, or `initContainers` for sidecars (restartPolicy: Always), which serve traffic too. */
  list: 'containers' | 'initContainers';
  /** Init containers that are not sidecars run to completion before the pod starts; they are listed for port validity only. */
  sidecar: boolean;
  at: string;
  ports: ContainerPortView[];
  value: JsonObject;
}

/**
 * The controller that makes a template's pods, for the labels it adds to them
 * (src/index/controller-labels.ts): `statefulset.kubernetes.io/pod-name`, `pod-template-hash`, …
 */
export interface PodMaker {
  kind: 'Pod' | 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'Rollout' | 'Custom';
  /** The controller object's name: StatefulSet `web` makes pods web-0, web-1, … */
  name: string;
  /** A StatefulSet's first ordinal (`spec.ordinals.start`, default 0). */
  ordinalStart: number;
}

/** The pod template of a workload (or a Pod itself): what Services, NetworkPolicies and meshes select. */
export interface PodTemplateView {
  /**
   * The object that declares the template; for pods an operator makes, the custom resource that makes
   * them (a Prometheus, an Elasticsearch), so that related locations point at it.
   */
  owner: Resource;
  namespace: string;
  labels: Labels;
  /** Pointer to the template (`/spec/template`; '' for a Pod). */
  at: string;
  /** Pointer to the labels of the template (`/spec/template/metadata/labels`). */
  labelsAt: string;
  /** Pointer to the pod spec. */
  specAt: string;
  spec: JsonObject;
  /** Containers that serve traffic: regular containers and sidecar init containers. */
  containers: ContainerView[];
  /** Every container including plain init containers, for per-container validity rules. */
  allContainers: ContainerView[];
  /** Who makes the pods; null for a PodTemplate object, which makes none (nothing selects it). */
  maker: PodMaker | null;
  /** The template is derived from an operator's custom resource (src/index/producers.ts), not declared. */
  produced: boolean;
}

/** Where each built-in workload kind keeps its pod template. */
const TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export { WORKLOAD_KINDS };

/** A built-in workload kind (by group and kind). Other objects with a pod template are workloads too: see podTemplateOf. */
export function isWorkload(r: Resource): boolean {
  return isOneOf(r, WORKLOAD_KINDS);
}

/**
 * The pod template an object declares: the built-in kinds at their paths, and any other object with a
 * pod template at `spec.template` or `spec.jobTemplate.spec.template` (Argo Rollouts, OpenKruise
 * CloneSet/Advanced StatefulSet, Knative Service, …). For other kinds the template must hold a
 * `containers` list, so that a `spec.template` of another shape (Cluster API machine templates, a
 * Secret template) is not taken for pods.
 */
export function podTemplateOf(owner: Resource): PodTemplateView | null {
  // A function of the object alone: kept per object, which the language server keeps across re-lints.
  // Only templates are kept: most objects have none, and finding that out again costs a few reads.
  let t: PodTemplateView | null | undefined = templates.get(owner);
  if (t === undefined) {
    t = declaredTemplate(owner);
    if (t) templates.set(owner, t);
  }
  return t;
}

const templates = new WeakMap<Resource, PodTemplateView>();

function declaredTemplate(owner: Resource): PodTemplateView | null {
  // A Helm hook (a `helm test` pod, a pre-install Job) is not part of the running release: no endpoints, not a workload.
  if (owner.namespace === null || isHelmHook(owner)) return null;
  if (isWorkload(owner)) return templateAt(owner, TEMPLATE_PATHS[owner.kind], builtInMaker(owner));
  const spec = isObject(owner.value.spec) ? owner.value.spec : null;
  if (!spec) return null;
  for (const path of [['spec', 'template'], ['spec', 'jobTemplate', 'spec', 'template']]) {
    const node = at(owner.value, path);
    if (isObject(node) && isObject(node.spec) && Array.isArray(node.spec.containers)) {
      const kind = isKind(owner, ARGO_ROLLOUT) ? 'Rollout' : path.length > 2 ? 'CronJob' : 'Custom';
      return templateAt(owner, path, { kind, name: owner.name, ordinalStart: 0 });
    }
  }
  return null;
}

function builtInMaker(owner: Resource): PodMaker | null {
  if (owner.kind === 'PodTemplate') return null;
  const spec = isObject(owner.value.spec) ? owner.value.spec : {};
  const ordinals = isObject(spec.ordinals) ? spec.ordinals : {};
  const start = typeof ordinals.start === 'number' && Number.isInteger(ordinals.start) && ordinals.start >= 0 ? ordinals.start : 0;
  return { kind: owner.kind as PodMaker['kind'], name: owner.name, ordinalStart: owner.kind === 'StatefulSet' ? start : 0 };
}

function at(v: JsonValue, path: readonly string[]): JsonValue | undefined {
  let node: JsonValue | undefined = v;
  for (const p of path) node = isObject(node) ? node[p] : undefined;
  return node;
}

function templateAt(owner: Resource, path: readonly string[], maker: PodMaker | null): PodTemplateView | null {
  const node = at(owner.value, path);
  if (!isObject(node) || owner.namespace === null) return null;
  // Pointers are relative to the owner resource, like every pointer a rule reports.
  const base = sharedPointer(pointer(...path));
  const meta = isObject(node.metadata) ? node.metadata : {};
  // A template without a spec still has labels that Services and policies select (the spec is the schema rules' concern).
  const spec = isObject(node.spec) ? node.spec : {};
  const specAt = sharedPointer(joinPointer(base, 'spec'));
  const { containers, allContainers } = containersOf(spec, specAt);
  return {
    owner,
    namespace: owner.namespace,
    labels: stringMap(meta.labels),
    at: base,
    labelsAt: sharedPointer(joinPointer(base, 'metadata', 'labels')),
    specAt,
    spec,
    containers,
    allContainers,
    maker,
    produced: false,
  };
}

/** The containers of a pod spec at `specAt`: serving ones (containers, sidecar init containers) and all. */
export function containersOf(spec: JsonObject, specAt: string): { containers: ContainerView[]; allContainers: ContainerView[] } {
  const containers: ContainerView[] = [];
  const allContainers: ContainerView[] = [];
  for (const list of ['containers', 'initContainers'] as const) {
    const arr = spec[list];
    if (!Array.isArray(arr)) continue;
    arr.forEach((c, i) => {
      if (!isObject(c)) return;
      const sidecar = list === 'initContainers' && c.restartPolicy === 'Always';
      const cAt = sharedPointer(joinPointer(specAt, list, i));
      const view: ContainerView = {
        name: typeof c.name === 'string' ? c.name : `#${i}`,
        list,
        sidecar,
        at: cAt,
        ports: portsOf(c, cAt),
        value: c,
      };
      allContainers.push(view);
      if (list === 'containers' || sidecar) containers.push(view);
    });
  }
  return { containers, allContainers };
}

export function portsOf(c: JsonObject, containerAt: string): ContainerPortView[] {
  if (!Array.isArray(c.ports)) return [];
  const out: ContainerPortView[] = [];
  c.ports.forEach((p, i) => {
    if (!isObject(p)) return;
    out.push({
      name: typeof p.name === 'string' ? p.name : null,
      containerPort: typeof p.containerPort === 'number' ? p.containerPort : null,
      protocol: portProtocol(p.protocol),
      hostPort: typeof p.hostPort === 'number' ? p.hostPort : null,
      at: sharedPointer(joinPointer(containerAt, 'ports', i)),
      value: p,
    });
  });
  return out;
}

/** The human name of a template's owner: `Deployment web`. */
export function describeTemplate(t: PodTemplateView): string {
  return `${t.owner.kind} ${t.owner.name}`;
}
