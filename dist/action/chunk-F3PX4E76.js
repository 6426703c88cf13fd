import { createRequire as __kubewireCreateRequire } from 'node:module';
const require = __kubewireCreateRequire(import.meta.url);
import {
  __require
} from "./chunk-T5CYQYMC.js";

// src/model/cache.ts
function cached(map, key, max, make) {
  let v = map.get(key);
  if (v === void 0) {
    v = make();
    if (map.size < max) map.set(key, v);
  }
  return v;
}
function perObject(read2) {
  const kept = /* @__PURE__ */ new WeakMap();
  return (o) => {
    let v = kept.get(o);
    if (v === void 0) kept.set(o, v = read2(o));
    return v;
  };
}

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
var shared = /* @__PURE__ */ new Map();
function sharedPointer(p) {
  return cached(shared, p, 1 << 14, () => p);
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
  if (kind !== null && kind.includes("#") && /^[a-z][A-Za-z0-9]*#/.test(kind)) return "a Google API document";
  if (apiVersion === null) return null;
  if (kind === null) return (apiVersion === "v1" || apiVersion === "v2") && typeof v.name === "string" && (typeof v.version === "string" || typeof v.version === "number") ? "Helm (a Chart.yaml)" : null;
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  if (group === "" && apiVersion === "v1" && kind === "Config") return "kubeconfig";
  if (apiVersion === "builtin") return "a kustomize builtin transformer or generator";
  if (kind === "Kptfile") return "kpt";
  const byGroup = toolOfGroup(group);
  if (byGroup !== null) return byGroup;
  for (const t of TOOL_KINDS) if (t.group === group && t.kind === kind) return t.tool;
  const meta = isObject(v.metadata) ? v.metadata : null;
  const annotations = meta && isObject(meta.annotations) ? meta.annotations : null;
  if (annotations && KRM_FUNCTION_ANNOTATIONS.some((a) => a in annotations)) return "a KRM function config";
  return null;
}
var toolsOfGroups = /* @__PURE__ */ new Map();
function toolOfGroup(group) {
  return cached(toolsOfGroups, group, 4096, () => group === "" ? null : TOOL_GROUPS.find((t) => t.test(group))?.tool ?? null);
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
  return cached(apiVersions, apiVersion, 4096, () => splitApiVersion(apiVersion));
}
function isHelmHook(r) {
  const meta = isObject(r.value.metadata) ? r.value.metadata : null;
  return meta !== null && isObject(meta.annotations) && typeof meta.annotations["helm.sh/hook"] === "string";
}

// kubewire-lazy:node:zlib
var m = __require("node:zlib");
var crc32 = m.crc32;
var Deflate = m.Deflate;
var Inflate = m.Inflate;
var Gzip = m.Gzip;
var Gunzip = m.Gunzip;
var DeflateRaw = m.DeflateRaw;
var InflateRaw = m.InflateRaw;
var Unzip = m.Unzip;
var BrotliCompress = m.BrotliCompress;
var BrotliDecompress = m.BrotliDecompress;
var deflate = m.deflate;
var deflateSync = m.deflateSync;
var gzip = m.gzip;
var gzipSync = m.gzipSync;
var deflateRaw = m.deflateRaw;
var deflateRawSync = m.deflateRawSync;
var unzip = m.unzip;
var unzipSync = m.unzipSync;
var inflate = m.inflate;
var inflateSync = m.inflateSync;
var gunzip = m.gunzip;
var gunzipSync = m.gunzipSync;
var inflateRaw = m.inflateRaw;
var inflateRawSync = m.inflateRawSync;
var brotliCompress = m.brotliCompress;
var brotliCompressSync = m.brotliCompressSync;
var brotliDecompress = m.brotliDecompress;
var brotliDecompressSync = m.brotliDecompressSync;
var createDeflate = m.createDeflate;
var createInflate = m.createInflate;
var createDeflateRaw = m.createDeflateRaw;
var createInflateRaw = m.createInflateRaw;
var createGzip = m.createGzip;
var createGunzip = m.createGunzip;
var createUnzip = m.createUnzip;
var createBrotliCompress = m.createBrotliCompress;
var createBrotliDecompress = m.createBrotliDecompress;
var constants = m.constants;
var codes = m.codes;

// kubewire-lazy:node:fs
var m2 = __require("node:fs");
var lazy = (get) => new Proxy(function() {
}, { apply: (_t, self, args) => Reflect.apply(get(), self, args), construct: (_t, args) => Reflect.construct(get(), args), get: (_t, key) => get()[key], has: (_t, key) => key in get() });
var appendFile = m2.appendFile;
var appendFileSync = m2.appendFileSync;
var access = m2.access;
var accessSync = m2.accessSync;
var chown = m2.chown;
var chownSync = m2.chownSync;
var chmod = m2.chmod;
var chmodSync = m2.chmodSync;
var close = m2.close;
var closeSync = m2.closeSync;
var copyFile = m2.copyFile;
var copyFileSync = m2.copyFileSync;
var cp = m2.cp;
var cpSync = m2.cpSync;
var createReadStream = m2.createReadStream;
var createWriteStream = m2.createWriteStream;
var exists = m2.exists;
var existsSync = m2.existsSync;
var fchown = m2.fchown;
var fchownSync = m2.fchownSync;
var fchmod = m2.fchmod;
var fchmodSync = m2.fchmodSync;
var fdatasync = m2.fdatasync;
var fdatasyncSync = m2.fdatasyncSync;
var fstat = m2.fstat;
var fstatSync = m2.fstatSync;
var fsync = m2.fsync;
var fsyncSync = m2.fsyncSync;
var ftruncate = m2.ftruncate;
var ftruncateSync = m2.ftruncateSync;
var futimes = m2.futimes;
var futimesSync = m2.futimesSync;
var lchown = m2.lchown;
var lchownSync = m2.lchownSync;
var lchmod = m2.lchmod;
var lchmodSync = m2.lchmodSync;
var link = m2.link;
var linkSync = m2.linkSync;
var lstat = m2.lstat;
var lstatSync = m2.lstatSync;
var lutimes = m2.lutimes;
var lutimesSync = m2.lutimesSync;
var mkdir = m2.mkdir;
var mkdirSync = m2.mkdirSync;
var mkdtemp = m2.mkdtemp;
var mkdtempSync = m2.mkdtempSync;
var open = m2.open;
var openSync = m2.openSync;
var openAsBlob = m2.openAsBlob;
var readdir = m2.readdir;
var readdirSync = m2.readdirSync;
var read = m2.read;
var readSync = m2.readSync;
var readv = m2.readv;
var readvSync = m2.readvSync;
var readFile = m2.readFile;
var readFileSync = m2.readFileSync;
var readlink = m2.readlink;
var readlinkSync = m2.readlinkSync;
var realpath = m2.realpath;
var realpathSync = m2.realpathSync;
var rename = m2.rename;
var renameSync = m2.renameSync;
var rm = m2.rm;
var rmSync = m2.rmSync;
var rmdir = m2.rmdir;
var rmdirSync = m2.rmdirSync;
var stat = m2.stat;
var statfs = m2.statfs;
var statSync = m2.statSync;
var statfsSync = m2.statfsSync;
var symlink = m2.symlink;
var symlinkSync = m2.symlinkSync;
var truncate = m2.truncate;
var truncateSync = m2.truncateSync;
var unwatchFile = m2.unwatchFile;
var unlink = m2.unlink;
var unlinkSync = m2.unlinkSync;
var utimes = m2.utimes;
var utimesSync = m2.utimesSync;
var watch = m2.watch;
var watchFile = m2.watchFile;
var writeFile = m2.writeFile;
var writeFileSync = m2.writeFileSync;
var write = m2.write;
var writeSync = m2.writeSync;
var writev = m2.writev;
var writevSync = m2.writevSync;
var Dirent = m2.Dirent;
var Stats = m2.Stats;
var ReadStream = lazy(() => m2.ReadStream);
var WriteStream = lazy(() => m2.WriteStream);
var FileReadStream = lazy(() => m2.FileReadStream);
var FileWriteStream = lazy(() => m2.FileWriteStream);
var _toUnixTimestamp = m2._toUnixTimestamp;
var Dir = m2.Dir;
var opendir = m2.opendir;
var opendirSync = m2.opendirSync;
var F_OK = m2.F_OK;
var R_OK = m2.R_OK;
var W_OK = m2.W_OK;
var X_OK = m2.X_OK;
var constants2 = m2.constants;
var promises = lazy(() => m2.promises);

// kubewire-lazy:node:path
var m3 = __require("node:path");
var node_path_default = m3;
var resolve = m3.resolve;
var normalize = m3.normalize;
var isAbsolute = m3.isAbsolute;
var join = m3.join;
var relative = m3.relative;
var toNamespacedPath = m3.toNamespacedPath;
var dirname = m3.dirname;
var basename = m3.basename;
var extname = m3.extname;
var format = m3.format;
var parse = m3.parse;
var matchesGlob = m3.matchesGlob;
var sep = m3.sep;
var delimiter = m3.delimiter;
var win32 = m3.win32;
var posix = m3.posix;
var _makeLong = m3._makeLong;

export {
  accessSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  constants2 as constants,
  node_path_default,
  cached,
  perObject,
  escapeToken,
  pointer,
  joinPointer,
  sharedPointer,
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
  isHelmHook,
  crc32,
  gzipSync
};
