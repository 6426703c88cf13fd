import type { ParsedFile } from '../load/parse.js';
import { cached } from './cache.js';
import { isClusterScoped, splitApiVersion } from './kinds.js';
import { pointer } from './pointer.js';
import type { JsonObject, Resource } from './types.js';

/**
 * What the folder structure says a file is (src/load/inputs.ts), when it is not a plain manifest file:
 * - `chart`: the `Chart.yaml` of a Helm chart (`dir`: the chart's folder as shown in reports);
 * - `chart-template`: a file under a chart's `templates/` (never parsed: it is not YAML);
 * - `kustomization`: the kustomization file of a Kustomize root (`dir`: the root's folder);
 * - `patch`: a file a Kustomize root uses as a patch (`dir`: that root's folder);
 * - `tool`: another input of a client-side tool (Helm values, Chart.lock, a kustomize transformer config);
 * - `rendered`: a resource file of a Kustomize root that was built (`dir`: the root whose build holds
 *   its objects): its objects are judged in the build output (src/render/), not as written.
 * None of them holds Kubernetes objects as they are: the API server never sees these documents.
 * `render` on a chart or a kustomization says what rendering it with its tool gave (absent: not tried).
 */
export type FileRole =
  | { kind: 'chart'; dir: string; render?: RenderOutcome }
  | { kind: 'chart-template'; dir: string }
  | { kind: 'kustomization'; dir: string; render?: RenderOutcome }
  | { kind: 'patch'; dir: string }
  | { kind: 'tool'; tool: string }
  | { kind: 'rendered'; dir: string };

/**
 * What rendering a chart (`helm template`) or building a Kustomize root (`kustomize build`) gave:
 * - `rendered`: its output is judged, findings mapped back to the sources;
 * - `included`: another root of the input includes it (a base, a component): judged through that root (`by`);
 * - `failed`: the tool rejected it (`message`: the tool's own, first line);
 * - `skipped`: not rendered for a reason that is not the input's fault (`reason`: missing chart
 *   dependencies, remote resources out of reach, the time bound).
 */
export type RenderOutcome =
  | { status: 'rendered'; command: string }
  | { status: 'included'; by: string }
  | { status: 'failed'; command: string; message: string }
  | { status: 'skipped'; command: string; reason: string };

/** A file of the input: its text (kept for suppression comments and lazy positions) and its parsed documents. */
export interface LoadedFile extends ParsedFile {
  /** Path as shown in reports: relative to the working directory, `/` separators. */
  path: string;
  /** Absolute path ('' for stdin), used by stylish and the language server. */
  absPath: string;
  text: string;
  /** Set when the file is a tool's input or a patch, not a file of Kubernetes objects (absent for stdin). */
  role?: FileRole;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A document that looks like a Kubernetes object: a mapping with both apiVersion and kind as strings. */
export function isManifest(v: unknown): v is JsonObject & { apiVersion: string; kind: string } {
  return isObject(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string';
}

/**
 * Documents that are inputs of client-side tools, by API group (the part of apiVersion before `/`).
 * They have an apiVersion and a kind, but never reach the API server.
 */
const TOOL_GROUPS: readonly { test: (group: string) => boolean; tool: string }[] = [
  { test: (g) => g === 'kustomize.config.k8s.io', tool: 'kustomize' },
  { test: (g) => g === 'builtin', tool: 'a kustomize builtin transformer or generator' },
  { test: (g) => g === 'skaffold', tool: 'Skaffold' },
  { test: (g) => g === 'kind.x-k8s.io', tool: 'kind' },
  { test: (g) => g === 'kubeadm.k8s.io', tool: 'kubeadm' },
  // Component configs: kubelet, kube-proxy, kube-scheduler, kube-apiserver (apiserver.config.k8s.io), kube-controller-manager…
  { test: (g) => g.endsWith('.config.k8s.io'), tool: 'a Kubernetes component config' },
  // Files the API server or kubelet read from disk: audit policy, admission config, credential providers, exec credentials.
  { test: (g) => g === 'audit.k8s.io' || g === 'apiserver.k8s.io' || g === 'credentialprovider.kubelet.k8s.io' || g === 'client.authentication.k8s.io', tool: 'a Kubernetes component config' },
  { test: (g) => g === 'kpt.dev' || g === 'fn.kpt.dev', tool: 'kpt' },
  { test: (g) => g === 'kuttl.dev', tool: 'kuttl' },
  { test: (g) => g === 'chainsaw.kyverno.io', tool: 'chainsaw' },
  { test: (g) => g === 'cli.kyverno.io', tool: 'the kyverno CLI' },
  { test: (g) => g === 'ctlptl.dev', tool: 'ctlptl' },
  { test: (g) => g === 'k3d.io', tool: 'k3d' },
  // kapp's own Config (rebase, ownership, template rules): "never applied to the cluster" (carvel.dev/kapp/docs/latest/config).
  { test: (g) => g === 'kapp.k14s.io', tool: 'kapp' },
];

/** The function annotation of KRM functions (kustomize and kpt): the document configures a function. */
const KRM_FUNCTION_ANNOTATIONS = ['config.kubernetes.io/function', 'config.k8s.io/function'];

/**
 * Kinds that are configuration files of a tool or a controller although their API group also holds
 * API objects (custom resources), by group and kind.
 */
const TOOL_KINDS: readonly { group: string; kind: string; tool: string }[] = [
  // Envoy Gateway's startup configuration file (mounted from a ConfigMap), not a custom resource; its
  // group also holds CRDs (EnvoyProxy, BackendTrafficPolicy…). config.gateway.envoyproxy.io is its pre-1.0 group.
  { group: 'gateway.envoyproxy.io', kind: 'EnvoyGateway', tool: 'Envoy Gateway (its startup config)' },
  { group: 'config.gateway.envoyproxy.io', kind: 'EnvoyGateway', tool: 'Envoy Gateway (its startup config)' },
  // istioctl's install input (`istioctl install -f`); the in-cluster operator that served it as a
  // custom resource is deprecated and removed.
  { group: 'install.istio.io', kind: 'IstioOperator', tool: 'istioctl' },
];

/**
 * Which tool a document belongs to, or null when it can be an API object.
 * The principle: a document is an API object only when some API server could serve its group and
 * kind; documents of client-side tools (their configs, test steps, kubeconfig) and the config files a
 * controller reads from disk are read on a machine or in a pod and never sent to an API server.
 * resourcesOf and the manifest-invalid rule both ask this, for documents with apiVersion and kind and
 * for the tool documents that lack one of them (a Chart.yaml's content, Google API documents).
 */
export function toolOfDocument(v: JsonObject): string | null {
  const apiVersion = typeof v.apiVersion === 'string' ? v.apiVersion : null;
  const kind = typeof v.kind === 'string' ? v.kind : null;
  // Google API documents (discovery documents, API responses): kinds are `api#type`, never a Kubernetes kind.
  if (kind !== null && kind.includes('#') && /^[a-z][A-Za-z0-9]*#/.test(kind)) return 'a Google API document';
  if (apiVersion === null) return null;
  // A Chart.yaml's content in a file of another name (a test fixture, a copy): apiVersion v1 or v2, name and version, no kind.
  if (kind === null) return (apiVersion === 'v1' || apiVersion === 'v2') && typeof v.name === 'string' && (typeof v.version === 'string' || typeof v.version === 'number') ? 'Helm (a Chart.yaml)' : null;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (group === '' && apiVersion === 'v1' && kind === 'Config') return 'kubeconfig';
  if (apiVersion === 'builtin') return 'a kustomize builtin transformer or generator';
  if (kind === 'Kptfile') return 'kpt';
  const byGroup = toolOfGroup(group);
  if (byGroup !== null) return byGroup;
  for (const t of TOOL_KINDS) if (t.group === group && t.kind === kind) return t.tool;
  const meta = isObject(v.metadata) ? v.metadata : null;
  const annotations = meta && isObject(meta.annotations) ? meta.annotations : null;
  if (annotations && KRM_FUNCTION_ANNOTATIONS.some((a) => a in annotations)) return 'a KRM function config';
  return null;
}

/** The tool of an API group (TOOL_GROUPS), asked once per group: every document asks. */
const toolsOfGroups = new Map<string, string | null>();
function toolOfGroup(group: string): string | null {
  return cached(toolsOfGroups, group, 4096, () => (group === '' ? null : (TOOL_GROUPS.find((t) => t.test(group))?.tool ?? null)));
}

/** Whether the documents of a file can be Kubernetes objects at all: not a chart template, tool file or kustomize patch. */
export function holdsObjects(file: Pick<LoadedFile, 'role'>): boolean {
  return file.role === undefined;
}

/**
 * Turns the documents of a file into resources: `List` kinds are flattened to their items, every
 * namespaced object gets its effective namespace. Documents that are not manifests are skipped here
 * (the manifest-invalid rule reports those that look like broken ones), and so are the documents of
 * files that hold no objects (holdsObjects) and the documents of client-side tools (toolOfDocument).
 */
export function resourcesOf(file: LoadedFile, defaultNamespace: string): Resource[] {
  const out: Resource[] = [];
  if (!holdsObjects(file)) return out;
  for (const doc of file.documents) {
    const v = doc.value;
    if (!isManifest(v) || toolOfDocument(v) !== null) continue;
    if (v.kind.endsWith('List') && Array.isArray(v.items)) {
      v.items.forEach((item, i) => {
        if (isManifest(item) && toolOfDocument(item) === null) out.push(makeResource(item, file.path, doc.index, pointer('items', i), defaultNamespace));
      });
      continue;
    }
    out.push(makeResource(v, file.path, doc.index, '', defaultNamespace));
  }
  return out;
}

/** A resource of a manifest document: identity, effective namespace, source. */
export function makeResource(
  v: JsonObject & { apiVersion: string; kind: string },
  file: string,
  docIndex: number,
  basePointer: string,
  defaultNamespace: string,
): Resource {
  const meta = isObject(v.metadata) ? v.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '';
  const { group, version } = apiVersionParts(v.apiVersion);
  const namespace = isClusterScoped(v.kind) ? null : typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : defaultNamespace;
  return {
    apiVersion: v.apiVersion,
    group,
    version,
    kind: v.kind,
    name,
    namespace,
    source: { file, docIndex, basePointer },
    value: v,
    // Joined, not concatenated: one flat string per object, not a tree of pieces kept for the whole run.
    key: [group, v.kind, namespace ?? '', name].join('/'),
  };
}

/** The group and version of each apiVersion, split once: the objects of an apiVersion share the strings. */
const apiVersions = new Map<string, { group: string; version: string }>();

function apiVersionParts(apiVersion: string): { group: string; version: string } {
  return cached(apiVersions, apiVersion, 4096, () => splitApiVersion(apiVersion));
}

/**
 * A Helm hook (`helm.sh/hook`: pre-install jobs, `helm test` pods…): in rendered input it is not part
 * of the running release, so its pods give no endpoints and it is not judged as a workload.
 */
export function isHelmHook(r: Pick<Resource, 'value'>): boolean {
  const meta = isObject(r.value.metadata) ? r.value.metadata : null;
  return meta !== null && isObject(meta.annotations) && typeof meta.annotations['helm.sh/hook'] === 'string';
}
