import { isKind, WORKLOAD_KINDS } from '../model/group-kinds.js';
import { isHelmHook, isObject } from '../model/resources.js';
import { joinPointer, pointer } from '../model/pointer.js';
import type { JsonObject, JsonValue, Resource } from '../model/types.js';
import { stringMap, type Labels } from './labels.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP' | string;

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

/** The pod template of a workload (or a Pod itself): what Services, NetworkPolicies and meshes select. */
export interface PodTemplateView {
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
}

/** Where each workload kind keeps its pod template. */
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

export function isWorkload(r: Resource): boolean {
  return isKind(r, ...WORKLOAD_KINDS);
}

export function podTemplateOf(owner: Resource): PodTemplateView | null {
  // A Helm hook (a `helm test` pod, a pre-install Job) is not part of the running release: no endpoints, not a workload.
  if (!isWorkload(owner) || owner.namespace === null || isHelmHook(owner)) return null;
  const path = TEMPLATE_PATHS[owner.kind]!;
  let node: JsonValue | undefined = owner.value;
  for (const p of path) node = isObject(node) ? node[p] : undefined;
  if (!isObject(node)) return null;
  // Pointers are relative to the owner resource, like every pointer a rule reports.
  const base = pointer(...path);
  const meta = isObject(node.metadata) ? node.metadata : {};
  // A template without a spec still has labels that Services and policies select (the spec is the schema rules' concern).
  const spec = isObject(node.spec) ? node.spec : {};
  const specAt = joinPointer(base, 'spec');
  const containers: ContainerView[] = [];
  const allContainers: ContainerView[] = [];
  for (const list of ['containers', 'initContainers'] as const) {
    const arr = spec[list];
    if (!Array.isArray(arr)) continue;
    arr.forEach((c, i) => {
      if (!isObject(c)) return;
      const sidecar = list === 'initContainers' && c.restartPolicy === 'Always';
      const at = joinPointer(specAt, list, i);
      const view: ContainerView = {
        name: typeof c.name === 'string' ? c.name : `#${i}`,
        list,
        sidecar,
        at,
        ports: portsOf(c, at),
        value: c,
      };
      allContainers.push(view);
      if (list === 'containers' || sidecar) containers.push(view);
    });
  }
  return {
    owner,
    namespace: owner.namespace,
    labels: stringMap(meta.labels),
    at: base,
    labelsAt: joinPointer(base, 'metadata', 'labels'),
    specAt,
    spec,
    containers,
    allContainers,
  };
}

function portsOf(c: JsonObject, containerAt: string): ContainerPortView[] {
  if (!Array.isArray(c.ports)) return [];
  const out: ContainerPortView[] = [];
  c.ports.forEach((p, i) => {
    if (!isObject(p)) return;
    out.push({
      name: typeof p.name === 'string' ? p.name : null,
      containerPort: typeof p.containerPort === 'number' ? p.containerPort : null,
      protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
      hostPort: typeof p.hostPort === 'number' ? p.hostPort : null,
      at: joinPointer(containerAt, 'ports', i),
      value: p,
    });
  });
  return out;
}

/** The human name of a template's owner: `Deployment web`. */
export function describeTemplate(t: PodTemplateView): string {
  return `${t.owner.kind} ${t.owner.name}`;
}
