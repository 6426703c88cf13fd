/**
 * The Service `kubectl expose` would create for a workload: for a reference to a Service that does not
 * exist, when exactly one workload of the namespace is evidently its target (named like it, or labelled
 * with its name). kubectl expose takes the selector from the workload (its matchLabels) and one Service
 * port per container port (`port-N` names when there are several unnamed ones).
 */
import { stringMap, type Labels } from '../index/labels.js';
import type { PodTemplateView } from '../index/pod-templates.js';
import { push, type ResourceIndex } from '../index/resource-index.js';
import { isObject } from '../model/resources.js';

/** Label keys that name an app after its Service by convention. */
const NAME_LABELS = ['app', 'app.kubernetes.io/name', 'name', 'k8s-app'];
/** Makers of pods that serve: not Jobs and CronJobs (nor a PodTemplate object, which makes none). */
const SERVING = new Set(['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Rollout', 'Custom']);

/** The one workload of `namespace` named `name` or labelled with it; null when none or several are. */
export function evidentWorkload(index: ResourceIndex, namespace: string, name: string): PodTemplateView | null {
  const templates = servingByName(index, namespace).get(name);
  if (templates === undefined) return null;
  const byOwner = new Map<string, PodTemplateView>();
  for (const t of templates) {
    if (!byOwner.has(t.owner.key)) byOwner.set(t.owner.key, t);
  }
  return byOwner.size === 1 ? [...byOwner.values()][0] : null;
}

/**
 * The serving templates of `namespace` filed under their owner's name and their NAME_LABELS values
 * (each template once per name), built once per run: every missing Service asks (N questions against
 * N templates stay linear); a name's list is the templates the plain filter keeps, in the same order.
 */
function servingByName(index: ResourceIndex, namespace: string): Map<string, PodTemplateView[]> {
  // Per namespace, the serving templates by each name they carry (owner name, NAME_LABELS values), in templatesIn order.
  const byNamespace = index.memo('expose:serving-by-name', () => new Map<string, Map<string, PodTemplateView[]>>());
  let byName = byNamespace.get(namespace);
  if (byName) return byName;
  byName = new Map<string, PodTemplateView[]>();
  for (const t of index.templatesIn(namespace)) {
    if (t.produced || !t.maker || !SERVING.has(t.maker.kind) || t.owner.producedBy) continue;
    const names = new Set<string>([t.owner.name]);
    for (const k of NAME_LABELS) {
      const v = t.labels[k];
      if (typeof v === 'string') names.add(v);
    }
    for (const n of names) push(byName, n, t);
  }
  byNamespace.set(namespace, byName);
  return byName;
}

/** kubectl expose's selector: a workload's matchLabels (none with matchExpressions), a ReplicationController's selector, a Pod's labels. */
function exposeSelector(t: PodTemplateView): Labels | null {
  const spec = isObject(t.owner.value.spec) ? t.owner.value.spec : {};
  if (t.owner.kind === 'Pod') return t.labels;
  const sel = spec.selector;
  if (isObject(sel)) {
    if (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length > 0) return null; // kubectl refuses
    const labels = isObject(sel.matchLabels) ? stringMap(sel.matchLabels) : t.owner.kind === 'ReplicationController' ? stringMap(sel) : {};
    if (Object.keys(labels).length > 0) return labels;
  }
  return Object.keys(t.labels).length > 0 ? t.labels : null;
}

/** A YAML scalar: plain when safe, JSON-quoted otherwise. */
function scalar(s: string): string {
  return /^[A-Za-z_./-][A-Za-z0-9_./-]*$/.test(s) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(s) ? s : JSON.stringify(s);
}

/**
 * The Service document for a workload, or null when kubectl expose could not make one (no container
 * ports, a set-based selector, no port the reference could use). `wanted` is the port the reference asks for: a number the workload's
 * only container port is exposed on (`--port N --target-port <containerPort>`), or a name.
 */
export function exposeServiceYaml(t: PodTemplateView, name: string, wanted: { number?: number; name?: string }): string | null {
  const selector = exposeSelector(t);
  if (!selector) return null;
  const ports = t.containers.flatMap((c) => c.ports).filter((p) => p.containerPort !== null);
  if (ports.length === 0) return null;
  const single = ports.length === 1;
  // Only a Service that has the port the reference asks for makes the wire whole.
  if (wanted.name !== undefined && !ports.some((p) => p.name === wanted.name)) return null;
  if (wanted.number !== undefined && !single && !ports.some((p) => p.containerPort === wanted.number)) return null;
  const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${scalar(name)}`];
  const meta = isObject(t.owner.value.metadata) ? t.owner.value.metadata : {};
  if (typeof meta.namespace === 'string' && meta.namespace !== '') lines.push(`  namespace: ${scalar(meta.namespace)}`);
  lines.push('spec:', '  selector:');
  for (const [k, v] of Object.entries(selector)) lines.push(`    ${scalar(k)}: ${scalar(v)}`);
  lines.push('  ports:');
  ports.forEach((p, i) => {
    const portName = p.name ?? (single ? null : `port-${i + 1}`);
    const number = single && wanted.number !== undefined ? wanted.number : p.containerPort!;
    lines.push(portName ? `    - name: ${scalar(portName)}` : `    - port: ${number}`);
    if (portName) lines.push(`      port: ${number}`);
    lines.push(`      targetPort: ${p.containerPort}`);
    if (p.protocol !== 'TCP') lines.push(`      protocol: ${p.protocol}`);
  });
  return lines.join('\n') + '\n';
}
