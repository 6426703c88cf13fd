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
  return perObjectWhen(read2, () => true);
}
var SHORT_LIST = 8;
function perObjectWhen(read2, worth) {
  const kept = /* @__PURE__ */ new WeakMap();
  return (o) => {
    let v = kept.get(o);
    if (v === void 0) {
      v = read2(o);
      if (worth(v)) kept.set(o, v);
    }
    return v;
  };
}
function perLongList(read2) {
  return perObjectWhen(read2, (v) => v.length > SHORT_LIST);
}
function perList(index, name, list, make) {
  if (list.length <= SHORT_LIST) return make();
  const answers = index.memo(name, () => /* @__PURE__ */ new Map());
  let v = answers.get(list);
  if (v === void 0) answers.set(list, v = make());
  return v;
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

// src/engine/v8-tuning.ts
import v8 from "node:v8";
var BATCH_INTERRUPT_BUDGET = 3e5;
var BATCH_INLINING_BUDGET = 300;
var TUNED = [
  { name: "interrupt-budget", batch: BATCH_INTERRUPT_BUDGET, v8Default: 67584 },
  { name: "max-inlined-bytecode-size-cumulative", batch: BATCH_INLINING_BUDGET, v8Default: 920 }
];
var applied = null;
function appliedV8Flags() {
  return applied;
}
function noteV8Flags(flags) {
  applied = typeof flags === "string" ? flags : null;
}
function defaultsOf(flags) {
  return flags.split(" ").map((f) => {
    const name = f.slice(2, f.indexOf("="));
    return `--${name}=${TUNED.find((t) => t.name === name).v8Default}`;
  }).join(" ");
}
function withV8DefaultBudget(compile) {
  if (applied === null) return compile();
  const flags = applied;
  v8.setFlagsFromString(defaultsOf(flags));
  try {
    return compile();
  } finally {
    v8.setFlagsFromString(flags);
  }
}

// kubewire-lazy:node:fs
var m = __require("node:fs");
var lazy = (get) => new Proxy(function() {
}, { apply: (_t, self, args) => Reflect.apply(get(), self, args), construct: (_t, args) => Reflect.construct(get(), args), get: (_t, key) => get()[key], has: (_t, key) => key in get() });
var appendFile = m.appendFile;
var appendFileSync = m.appendFileSync;
var access = m.access;
var accessSync = m.accessSync;
var chown = m.chown;
var chownSync = m.chownSync;
var chmod = m.chmod;
var chmodSync = m.chmodSync;
var close = m.close;
var closeSync = m.closeSync;
var copyFile = m.copyFile;
var copyFileSync = m.copyFileSync;
var cp = m.cp;
var cpSync = m.cpSync;
var createReadStream = m.createReadStream;
var createWriteStream = m.createWriteStream;
var exists = m.exists;
var existsSync = m.existsSync;
var fchown = m.fchown;
var fchownSync = m.fchownSync;
var fchmod = m.fchmod;
var fchmodSync = m.fchmodSync;
var fdatasync = m.fdatasync;
var fdatasyncSync = m.fdatasyncSync;
var fstat = m.fstat;
var fstatSync = m.fstatSync;
var fsync = m.fsync;
var fsyncSync = m.fsyncSync;
var ftruncate = m.ftruncate;
var ftruncateSync = m.ftruncateSync;
var futimes = m.futimes;
var futimesSync = m.futimesSync;
var lchown = m.lchown;
var lchownSync = m.lchownSync;
var lchmod = m.lchmod;
var lchmodSync = m.lchmodSync;
var link = m.link;
var linkSync = m.linkSync;
var lstat = m.lstat;
var lstatSync = m.lstatSync;
var lutimes = m.lutimes;
var lutimesSync = m.lutimesSync;
var mkdir = m.mkdir;
var mkdirSync = m.mkdirSync;
var mkdtemp = m.mkdtemp;
var mkdtempSync = m.mkdtempSync;
var open = m.open;
var openSync = m.openSync;
var openAsBlob = m.openAsBlob;
var readdir = m.readdir;
var readdirSync = m.readdirSync;
var read = m.read;
var readSync = m.readSync;
var readv = m.readv;
var readvSync = m.readvSync;
var readFile = m.readFile;
var readFileSync = m.readFileSync;
var readlink = m.readlink;
var readlinkSync = m.readlinkSync;
var realpath = m.realpath;
var realpathSync = m.realpathSync;
var rename = m.rename;
var renameSync = m.renameSync;
var rm = m.rm;
var rmSync = m.rmSync;
var rmdir = m.rmdir;
var rmdirSync = m.rmdirSync;
var stat = m.stat;
var statfs = m.statfs;
var statSync = m.statSync;
var statfsSync = m.statfsSync;
var symlink = m.symlink;
var symlinkSync = m.symlinkSync;
var truncate = m.truncate;
var truncateSync = m.truncateSync;
var unwatchFile = m.unwatchFile;
var unlink = m.unlink;
var unlinkSync = m.unlinkSync;
var utimes = m.utimes;
var utimesSync = m.utimesSync;
var watch = m.watch;
var watchFile = m.watchFile;
var writeFile = m.writeFile;
var writeFileSync = m.writeFileSync;
var write = m.write;
var writeSync = m.writeSync;
var writev = m.writev;
var writevSync = m.writevSync;
var Dirent = m.Dirent;
var Stats = m.Stats;
var ReadStream = lazy(() => m.ReadStream);
var WriteStream = lazy(() => m.WriteStream);
var FileReadStream = lazy(() => m.FileReadStream);
var FileWriteStream = lazy(() => m.FileWriteStream);
var _toUnixTimestamp = m._toUnixTimestamp;
var Dir = m.Dir;
var opendir = m.opendir;
var opendirSync = m.opendirSync;
var F_OK = m.F_OK;
var R_OK = m.R_OK;
var W_OK = m.W_OK;
var X_OK = m.X_OK;
var constants = m.constants;
var promises = lazy(() => m.promises);

// kubewire-lazy:node:path
var m2 = __require("node:path");
var node_path_default = m2;
var resolve = m2.resolve;
var normalize = m2.normalize;
var isAbsolute = m2.isAbsolute;
var join = m2.join;
var relative = m2.relative;
var toNamespacedPath = m2.toNamespacedPath;
var dirname = m2.dirname;
var basename = m2.basename;
var extname = m2.extname;
var format = m2.format;
var parse = m2.parse;
var matchesGlob = m2.matchesGlob;
var sep = m2.sep;
var delimiter = m2.delimiter;
var win32 = m2.win32;
var posix = m2.posix;
var _makeLong = m2._makeLong;

// kubewire-lazy:node:zlib
var m3 = __require("node:zlib");
var crc32 = m3.crc32;
var Deflate = m3.Deflate;
var Inflate = m3.Inflate;
var Gzip = m3.Gzip;
var Gunzip = m3.Gunzip;
var DeflateRaw = m3.DeflateRaw;
var InflateRaw = m3.InflateRaw;
var Unzip = m3.Unzip;
var BrotliCompress = m3.BrotliCompress;
var BrotliDecompress = m3.BrotliDecompress;
var deflate = m3.deflate;
var deflateSync = m3.deflateSync;
var gzip = m3.gzip;
var gzipSync = m3.gzipSync;
var deflateRaw = m3.deflateRaw;
var deflateRawSync = m3.deflateRawSync;
var unzip = m3.unzip;
var unzipSync = m3.unzipSync;
var inflate = m3.inflate;
var inflateSync = m3.inflateSync;
var gunzip = m3.gunzip;
var gunzipSync = m3.gunzipSync;
var inflateRaw = m3.inflateRaw;
var inflateRawSync = m3.inflateRawSync;
var brotliCompress = m3.brotliCompress;
var brotliCompressSync = m3.brotliCompressSync;
var brotliDecompress = m3.brotliDecompress;
var brotliDecompressSync = m3.brotliDecompressSync;
var createDeflate = m3.createDeflate;
var createInflate = m3.createInflate;
var createDeflateRaw = m3.createDeflateRaw;
var createInflateRaw = m3.createInflateRaw;
var createGzip = m3.createGzip;
var createGunzip = m3.createGunzip;
var createUnzip = m3.createUnzip;
var createBrotliCompress = m3.createBrotliCompress;
var createBrotliDecompress = m3.createBrotliDecompress;
var constants2 = m3.constants;
var codes = m3.codes;

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
  constants,
  node_path_default,
  cached,
  perObject,
  SHORT_LIST,
  perObjectWhen,
  perLongList,
  perList,
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
  gzipSync,
  appliedV8Flags,
  noteV8Flags,
  withV8DefaultBudget
};
