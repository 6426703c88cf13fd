import { createRequire as __kubewireCreateRequire } from 'node:module';
const require = __kubewireCreateRequire(import.meta.url);

// src/model/kinds.ts
var CLUSTER_SCOPED = /* @__PURE__ */ new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "StorageClass",
  "CSIDriver",
  "CSINode",
  "VolumeAttachment",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "APIService",
  "PriorityClass",
  "RuntimeClass",
  "IngressClass",
  "GatewayClass",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "PodSecurityPolicy",
  "CertificateSigningRequest",
  "ClusterTrustBundle",
  "FlowSchema",
  "PriorityLevelConfiguration",
  "IPAddress",
  "ServiceCIDR",
  "ComponentStatus",
  "ClusterIssuer",
  "ClusterSecretStore",
  "ClusterPolicy",
  "ClusterServiceVersion"
]);
function isClusterScoped(kind) {
  return CLUSTER_SCOPED.has(kind);
}
function splitApiVersion(apiVersion) {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

// src/model/pointer.ts
function escapeToken(token) {
  if (typeof token === "number") return String(token);
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
function unescapeToken(token) {
  if (!token.includes("~")) return token;
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}
function pointer(...tokens) {
  let out = "";
  for (const t of tokens) out += "/" + escapeToken(t);
  return out;
}
function joinPointer(base, ...tokens) {
  return base + pointer(...tokens);
}
function parsePointer(p) {
  if (p === "" || p === "/") return p === "/" ? [""] : [];
  if (!p.startsWith("/")) throw new Error(`invalid JSON pointer: ${p}`);
  const tokens = p.slice(1).split("/");
  return p.includes("~") ? tokens.map(unescapeToken) : tokens;
}
function pointerToPath(p) {
  let out = "";
  for (const t of parsePointer(p)) {
    if (/^\d+$/.test(t)) out += `[${t}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(t)) out += (out ? "." : "") + t;
    else out += `[${JSON.stringify(t)}]`;
  }
  return out;
}

// src/model/resources.ts
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function isManifest(v) {
  return isObject(v) && typeof v.apiVersion === "string" && typeof v.kind === "string";
}
var TOOL_GROUPS = [
  { test: (g) => g === "kustomize.config.k8s.io", tool: "kustomize" },
  { test: (g) => g === "builtin", tool: "a kustomize builtin transformer or generator" },
  { test: (g) => g === "skaffold", tool: "Skaffold" },
  { test: (g) => g === "kind.x-k8s.io", tool: "kind" },
  { test: (g) => g === "kubeadm.k8s.io", tool: "kubeadm" },
  // Component configs: kubelet, kube-proxy, kube-scheduler, kube-apiserver (apiserver.config.k8s.io), kube-controller-manager…
  { test: (g) => g.endsWith(".config.k8s.io"), tool: "a Kubernetes component config" },
  // Files the API server or kubelet read from disk: audit policy, admission config, credential providers, exec credentials.
  { test: (g) => g === "audit.k8s.io" || g === "apiserver.k8s.io" || g === "credentialprovider.kubelet.k8s.io" || g === "client.authentication.k8s.io", tool: "a Kubernetes component config" },
  { test: (g) => g === "kpt.dev" || g === "fn.kpt.dev", tool: "kpt" },
  { test: (g) => g === "kuttl.dev", tool: "kuttl" },
  { test: (g) => g === "chainsaw.kyverno.io", tool: "chainsaw" },
  { test: (g) => g === "cli.kyverno.io", tool: "the kyverno CLI" },
  { test: (g) => g === "ctlptl.dev", tool: "ctlptl" },
  { test: (g) => g === "k3d.io", tool: "k3d" },
  // kapp's own Config (rebase, ownership, template rules): "never applied to the cluster" (carvel.dev/kapp/docs/latest/config).
  { test: (g) => g === "kapp.k14s.io", tool: "kapp" }
];
var KRM_FUNCTION_ANNOTATIONS = ["config.kubernetes.io/function", "config.k8s.io/function"];
var TOOL_KINDS = [
  // Envoy Gateway's startup configuration file (mounted from a ConfigMap), not a custom resource; its
  // group also holds CRDs (EnvoyProxy, BackendTrafficPolicy…). config.gateway.envoyproxy.io is its pre-1.0 group.
  { group: "gateway.envoyproxy.io", kind: "EnvoyGateway", tool: "Envoy Gateway (its startup config)" },
  { group: "config.gateway.envoyproxy.io", kind: "EnvoyGateway", tool: "Envoy Gateway (its startup config)" },
  // istioctl's install input (`istioctl install -f`); the in-cluster operator that served it as a
  // custom resource is deprecated and removed.
  { group: "install.istio.io", kind: "IstioOperator", tool: "istioctl" }
];
function toolOfDocument(v) {
  const apiVersion = typeof v.apiVersion === "string" ? v.apiVersion : null;
  const kind = typeof v.kind === "string" ? v.kind : null;
  if (kind !== null && /^[a-z][A-Za-z0-9]*#/.test(kind)) return "a Google API document";
  if (apiVersion === null) return null;
  if (kind === null) return (apiVersion === "v1" || apiVersion === "v2") && typeof v.name === "string" && (typeof v.version === "string" || typeof v.version === "number") ? "Helm (a Chart.yaml)" : null;
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  if (group === "" && apiVersion === "v1" && kind === "Config") return "kubeconfig";
  if (apiVersion === "builtin") return "a kustomize builtin transformer or generator";
  if (kind === "Kptfile") return "kpt";
  for (const t of TOOL_GROUPS) if (group !== "" && t.test(group)) return t.tool;
  for (const t of TOOL_KINDS) if (t.group === group && t.kind === kind) return t.tool;
  const meta = isObject(v.metadata) ? v.metadata : null;
  const annotations = meta && isObject(meta.annotations) ? meta.annotations : null;
  if (annotations && KRM_FUNCTION_ANNOTATIONS.some((a) => a in annotations)) return "a KRM function config";
  return null;
}
function holdsObjects(file) {
  return file.role === void 0;
}
function resourcesOf(file, defaultNamespace) {
  const out = [];
  if (!holdsObjects(file)) return out;
  for (const doc of file.documents) {
    const v = doc.value;
    if (!isManifest(v) || toolOfDocument(v) !== null) continue;
    if (v.kind.endsWith("List") && Array.isArray(v.items)) {
      v.items.forEach((item, i) => {
        if (isManifest(item) && toolOfDocument(item) === null) out.push(makeResource(item, file.path, doc.index, pointer("items", i), defaultNamespace));
      });
      continue;
    }
    out.push(makeResource(v, file.path, doc.index, "", defaultNamespace));
  }
  return out;
}
function makeResource(v, file, docIndex, basePointer, defaultNamespace) {
  const meta = isObject(v.metadata) ? v.metadata : {};
  const name = typeof meta.name === "string" ? meta.name : typeof meta.generateName === "string" ? meta.generateName : "";
  const { group, version } = apiVersionParts(v.apiVersion);
  const namespace = isClusterScoped(v.kind) ? null : typeof meta.namespace === "string" && meta.namespace !== "" ? meta.namespace : defaultNamespace;
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
    key: [group, v.kind, namespace ?? "", name].join("/")
  };
}
var apiVersions = /* @__PURE__ */ new Map();
function apiVersionParts(apiVersion) {
  let parts = apiVersions.get(apiVersion);
  if (!parts) {
    parts = splitApiVersion(apiVersion);
    if (apiVersions.size < 4096) apiVersions.set(apiVersion, parts);
  }
  return parts;
}
function isHelmHook(r) {
  const meta = isObject(r.value.metadata) ? r.value.metadata : null;
  return meta !== null && isObject(meta.annotations) && typeof meta.annotations["helm.sh/hook"] === "string";
}

export {
  escapeToken,
  pointer,
  joinPointer,
  parsePointer,
  pointerToPath,
  isClusterScoped,
  splitApiVersion,
  isObject,
  isManifest,
  toolOfDocument,
  holdsObjects,
  resourcesOf,
  makeResource,
  isHelmHook
};
