import { createRequire as __kubewireCreateRequire } from 'node:module';
const require = __kubewireCreateRequire(import.meta.url);
import {
  cached,
  crc32,
  existsSync,
  isObject,
  node_path_default,
  readFileSync,
  withV8DefaultBudget
} from "./chunk-UNQRMSN5.js";
import {
  goParseIP,
  parseRequestURI,
  stripZeros
} from "./chunk-P3KKINH6.js";
import {
  __require
} from "./chunk-T5CYQYMC.js";

// kubewire-lazy:node:module
var m = __require("node:module");
var _cache = m._cache;
var _pathCache = m._pathCache;
var _extensions = m._extensions;
var globalPaths = m.globalPaths;
var _debug = m._debug;
var isBuiltin = m.isBuiltin;
var _findPath = m._findPath;
var _nodeModulePaths = m._nodeModulePaths;
var _resolveLookupPaths = m._resolveLookupPaths;
var _load = m._load;
var _resolveFilename = m._resolveFilename;
var createRequire = m.createRequire;
var _initPaths = m._initPaths;
var _preloadModules = m._preloadModules;
var syncBuiltinESMExports = m.syncBuiltinESMExports;
var Module = m.Module;
var builtinModules = m.builtinModules;
var runMain = m.runMain;
var findSourceMap = m.findSourceMap;
var register = m.register;
var SourceMap = m.SourceMap;

// kubewire-lazy:node:url
var m2 = __require("node:url");
var Url = m2.Url;
var parse = m2.parse;
var resolve = m2.resolve;
var resolveObject = m2.resolveObject;
var format = m2.format;
var URL = m2.URL;
var URLSearchParams = m2.URLSearchParams;
var domainToASCII = m2.domainToASCII;
var domainToUnicode = m2.domainToUnicode;
var pathToFileURL = m2.pathToFileURL;
var fileURLToPath = m2.fileURLToPath;
var urlToHttpOptions = m2.urlToHttpOptions;

// src/engine/tool.ts
var TOOL = { name: "kubewire", version: "0.1.0", repository: "https://github.com/kubewire/kubewire" };

// src/engine/package-info.ts
function packageRoot() {
  let dir = node_path_default.dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    const pkg = node_path_default.join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, "utf8")).name === "kubewire") return dir;
      } catch {
      }
    }
    const parent = node_path_default.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
function distModule(rel) {
  const here = fileURLToPath(import.meta.url);
  if (true) {
    for (const name of [node_path_default.basename(rel), node_path_default.basename(rel).replace(/\.js$/, ".mjs")]) {
      const beside = node_path_default.join(node_path_default.dirname(here), name);
      if (existsSync(beside)) return pathToFileURL(beside);
    }
    return null;
  }
  const own = node_path_default.join(node_path_default.dirname(here), "..", "..", rel);
  if (here.endsWith(node_path_default.join("dist", "src", "engine", "package-info.js")) && existsSync(own)) return pathToFileURL(own);
  const underRoot = node_path_default.join(packageRoot(), "dist", rel);
  return existsSync(underRoot) ? pathToFileURL(underRoot) : null;
}
var REPOSITORY_URL = TOOL.repository;
var RELEASE_TAG = `v${TOOL.version}`;
var RELEASE_DOCS_BASE = `${REPOSITORY_URL}/blob/${RELEASE_TAG}/`;
function ruleDocsUrl(id) {
  if (id.startsWith("policy/")) return `${RELEASE_DOCS_BASE}README.md#policies`;
  return `${RELEASE_DOCS_BASE}rules/${id}/README.md`;
}

// src/cel/load.ts
var cel = null;
async function loadCel() {
  cel ??= await import("./chunk-SQHGX4AA.js");
}
function celNow() {
  if (!cel) {
    const url = distModule("src/cel/index.js");
    if (!url) return null;
    try {
      cel = createRequire(import.meta.url)(url.pathname);
    } catch {
      return null;
    }
  }
  return cel;
}

// src/schema/cel-rules.ts
var trees = /* @__PURE__ */ new WeakMap();
function celTree(openAPIV3Schema) {
  let tree = trees.get(openAPIV3Schema);
  if (tree === void 0) {
    const root = build(openAPIV3Schema);
    tree = root.judged ? root : null;
    trees.set(openAPIV3Schema, tree);
  }
  return tree;
}
function rulesOf(node) {
  const list = node["x-kubernetes-validations"];
  if (!Array.isArray(list)) return [];
  const out = [];
  for (const r of list) {
    if (!isObject(r) || typeof r.rule !== "string") continue;
    out.push({
      rule: r.rule,
      transition: /\boldSelf\b/.test(r.rule),
      message: typeof r.message === "string" && r.message.trim() !== "" ? r.message : null,
      messageExpression: typeof r.messageExpression === "string" && r.messageExpression.trim() !== "" ? r.messageExpression : null,
      reason: typeof r.reason === "string" ? r.reason : "FieldValueInvalid",
      fieldPath: typeof r.fieldPath === "string" && r.fieldPath !== "" ? r.fieldPath : null,
      optionalOldSelf: r.optionalOldSelf === true
    });
  }
  return out;
}
function build(node) {
  const out = {
    rules: rulesOf(node),
    judged: false,
    type: typeof node.type === "string" ? node.type : null,
    intOrString: node["x-kubernetes-int-or-string"] === true,
    nullable: node.nullable === true,
    preserve: node["x-kubernetes-preserve-unknown-fields"] === true,
    embedded: node["x-kubernetes-embedded-resource"] === true,
    properties: null,
    additional: null,
    items: null,
    defaults: []
  };
  let judged = out.rules.length > 0;
  if (isObject(node.properties)) {
    out.properties = /* @__PURE__ */ new Map();
    for (const [k, v] of Object.entries(node.properties)) {
      if (!isObject(v)) continue;
      const child = build(v);
      out.properties.set(k, child);
      judged ||= child.judged;
      if (v.default !== void 0) out.defaults.push([k, v.default]);
    }
  }
  if (isObject(node.additionalProperties)) {
    out.additional = build(node.additionalProperties);
    judged ||= out.additional.judged;
  }
  if (isObject(node.items)) {
    out.items = build(node.items);
    judged ||= out.items.judged;
  }
  out.judged = judged;
  return out;
}
function fieldPathTokens(path) {
  const tokens = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[(\d+)\]/y;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m6 = re.exec(path);
    if (!m6) return null;
    tokens.push((m6[1] ?? m6[2] ?? m6[3] ?? m6[4]).replace(/\\(.)/g, "$1"));
    at = re.lastIndex;
  }
  return tokens;
}
function escapeToken(t) {
  return t.replace(/~/g, "~0").replace(/\//g, "~1");
}
var memo = /* @__PURE__ */ new WeakMap();
var memoSize = 0;
var MEMO_KEY_CHARS = 1024;
var MEMO_ENTRIES = 2e4;
function celProblems(value, tree, structural) {
  const lib2 = celNow();
  if (!lib2) return [];
  const blocked = /* @__PURE__ */ new Set();
  for (const p of structural) {
    if (p.kind === "unknown" || p.kind === "cel") continue;
    let at = p.at;
    blocked.add(at);
    while (at !== "") {
      at = at.slice(0, at.lastIndexOf("/"));
      blocked.add(at);
    }
  }
  const out = [];
  const noneOldSelf = lib2.optionalNone();
  const judge = (node, self, at) => {
    for (const r of node.rules) {
      const { transition } = r;
      if (transition && !r.optionalOldSelf) continue;
      const variables = transition ? ["self", "oldSelf"] : ["self"];
      const compiled = r.program ??= lib2.compile(r.rule, { variables });
      if (!compiled.ok) {
        out.push({ kind: "cel", at, outcome: "uncompiled", rule: r.rule, message: compiled.error, reason: r.reason });
        continue;
      }
      const activation = transition ? { self, oldSelf: noneOldSelf } : { self };
      const result = compiled.program.evaluate(activation);
      if (!result.ok) {
        out.push({ kind: "cel", at, outcome: result.kind === "cost" ? "cost" : "unevaluated", rule: r.rule, message: result.error, reason: r.reason });
        continue;
      }
      if (typeof result.value !== "boolean") {
        out.push({ kind: "cel", at, outcome: "uncompiled", rule: r.rule, message: `it gives ${typeof result.value}, not a bool`, reason: r.reason });
        continue;
      }
      if (result.value) continue;
      let message = r.message ?? `failed rule: ${r.rule}`;
      if (r.messageExpression) {
        const m6 = r.messageProgram ??= lib2.compile(r.messageExpression, { variables });
        const v = m6.ok ? m6.program.evaluate(activation) : null;
        if (v?.ok && typeof v.value === "string" && v.value.trim() !== "" && !/[\r\n]/.test(v.value)) message = v.value;
      }
      const tokens = r.fieldPath ? fieldPathTokens(r.fieldPath) : null;
      const target = tokens ? at + tokens.map((t) => `/${escapeToken(t)}`).join("") : at;
      out.push({ kind: "cel", at: target, outcome: "failed", rule: r.rule, message, reason: r.reason });
    }
  };
  const walk = (node, v, at, root = false, needed = false) => {
    if (!needed && !node?.judged) return void 0;
    const memoable = !root && node !== null && node.rules.length > 0 && v !== null && typeof v === "object" && !blocked.has(at);
    let key2;
    if (memoable) {
      key2 = JSON.stringify(v);
      const hit = key2.length <= MEMO_KEY_CHARS ? memo.get(node)?.get(key2) : void 0;
      if (hit) {
        for (const p of hit.problems) out.push({ ...p, at: at + p.at });
        return hit.self;
      }
    }
    const start = out.length;
    const below = needed || node !== null && node.rules.length > 0;
    let self;
    if (Array.isArray(v)) {
      self = v.map((x, i) => walk(node?.items ?? null, x, `${at}/${i}`, false, below));
    } else if (isObject(v)) {
      const obj = {};
      const keepAll = !node || node.preserve || !node.properties && !node.additional;
      for (const [k, x] of Object.entries(v)) {
        let child = node?.properties?.get(k) ?? node?.additional ?? null;
        if (root && (k === "apiVersion" || k === "kind")) child = null;
        else if (!child && !keepAll && !(node?.embedded && (k === "apiVersion" || k === "kind" || k === "metadata"))) continue;
        if (x === null && !child?.nullable) continue;
        if (root && k === "metadata" && isObject(x)) {
          const meta = {};
          if (typeof x.name === "string") meta.name = x.name;
          if (typeof x.generateName === "string") meta.generateName = x.generateName;
          obj[k] = meta;
          continue;
        }
        obj[k] = walk(child, x, `${at}/${escapeToken(k)}`, false, below);
      }
      for (const [k, d] of node?.defaults ?? []) {
        if (!(k in obj)) obj[k] = convert2(node.properties.get(k) ?? null, d);
      }
      self = obj;
    } else self = scalar(node, v);
    if (node && node.rules.length > 0 && v !== null && !blocked.has(at)) judge(node, self, at);
    if (key2 !== void 0 && key2.length <= MEMO_KEY_CHARS && memoSize < MEMO_ENTRIES) {
      let byValue = memo.get(node);
      if (!byValue) memo.set(node, byValue = /* @__PURE__ */ new Map());
      byValue.set(key2, { self, problems: out.slice(start).map((p) => ({ ...p, at: p.at.slice(at.length) })) });
      memoSize++;
    }
    return self;
  };
  const convert2 = (node, v) => {
    if (Array.isArray(v)) return v.map((x) => convert2(node?.items ?? null, x));
    if (isObject(v)) {
      const obj = {};
      for (const [k, x] of Object.entries(v)) obj[k] = convert2(node?.properties?.get(k) ?? node?.additional ?? null, x);
      for (const [k, d] of node?.defaults ?? []) if (!(k in obj)) obj[k] = convert2(node.properties.get(k) ?? null, d);
      return obj;
    }
    return scalar(node, v);
  };
  walk(tree, value, "", true);
  return out;
}
function scalar(node, v) {
  if (typeof v !== "number") return v;
  if (node?.type === "number") return v;
  return Number.isSafeInteger(v) ? BigInt(v) : v;
}

// src/schema/formats.ts
var SUPPORTED = [
  "bsonobjectid",
  "uri",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "cidr",
  "mac",
  "uuid",
  "uuid3",
  "uuid4",
  "uuid5",
  "isbn",
  "isbn10",
  "isbn13",
  "creditcard",
  "ssn",
  "hexcolor",
  "rgbcolor",
  "byte",
  "password",
  "date",
  "duration",
  "datetime",
  "quantity"
];
var SUPPORTED_1_34 = ["k8s-short-name", "k8s-long-name"];
function normalizeFormat(name) {
  return name.replaceAll("-", "");
}
var ALL = new Set([...SUPPORTED, ...SUPPORTED_1_34].map(normalizeFormat));
var SINCE_1_34 = new Set(SUPPORTED_1_34.map(normalizeFormat));
function keptFormat(node) {
  const { format: format2, type } = node;
  if (typeof format2 !== "string" || format2 === "") return null;
  if (type !== void 0 && type !== "string") return null;
  const name = normalizeFormat(format2);
  return ALL.has(name) && Object.hasOwn(CHECKS, name) ? format2 : null;
}
function formatActive(format2, kubernetesVersion) {
  const name = normalizeFormat(format2);
  if (!Object.hasOwn(CHECKS, name)) return false;
  if (!SINCE_1_34.has(name) || kubernetesVersion === null) return true;
  const [major, minor] = kubernetesVersion.split(".").map(Number);
  return major > 1 || major === 1 && minor >= 34;
}
function checkFormat(format2, value) {
  const name = normalizeFormat(format2);
  const check = Object.hasOwn(CHECKS, name) ? CHECKS[name] : void 0;
  return check ? check(value) : true;
}
var utf8Length = (s) => Buffer.byteLength(s, "utf8");
var HOSTNAME = /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
var UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
var UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
var UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
var UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
var CREDIT_CARD = /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35[0-9]{3})[0-9]{11})$/;
var ISBN10 = /^(?:[0-9]{9}X|[0-9]{10})$/;
var ISBN13 = /^(?:[0-9]{13})$/;
var HEX_COLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
var RGB_OCTET = "(0|[1-9][0-9]?|1[0-9][0-9]?|2[0-4][0-9]|25[0-5])";
var GO_SPACE = "[\\t\\n\\f\\r ]";
var RGB_COLOR = new RegExp(`^rgb\\(${GO_SPACE}*${RGB_OCTET}${GO_SPACE}*,${GO_SPACE}*${RGB_OCTET}${GO_SPACE}*,${GO_SPACE}*${RGB_OCTET}${GO_SPACE}*\\)$`);
var BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
var SSN = /^[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}$/;
var SHORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var LONG_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function isHostname(s) {
  return HOSTNAME.test(s) && utf8Length(s) <= 255 && s.split(".").every((p) => utf8Length(p) <= 63);
}
function isCreditCard(s) {
  const digits = s.replace(/[^0-9]+/gu, "");
  if (!CREDIT_CARD.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      sum += n >= 10 ? n % 10 + 1 : n;
    } else sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}
function isISBN(s, version) {
  const d = s.replace(/[\t\n\f\r -]+/g, "");
  if (version === 10) {
    if (!ISBN10.test(d)) return false;
    let sum2 = 0;
    for (let i = 0; i < 9; i++) sum2 += (i + 1) * (d.charCodeAt(i) - 48);
    sum2 += d[9] === "X" ? 100 : 10 * (d.charCodeAt(9) - 48);
    return sum2 % 11 === 0;
  }
  if (!ISBN13.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * (d.charCodeAt(i) - 48);
  return d.charCodeAt(12) - 48 - (10 - sum % 10) % 10 === 0;
}
function goParseCIDR(s) {
  const slash = s.indexOf("/");
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  if (!goParseIP(addr)) return false;
  const width = addr.includes(":") ? 128 : 32;
  if (!/^[0-9]+$/.test(mask)) return false;
  const digits = mask.replace(/^0+(?=.)/, "");
  return digits.length <= 3 && Number(digits) <= width;
}
function isIPv4(s) {
  return s.includes(".") && (goParseIP(s) || goParseIP(stripZeros(s)));
}
function isIPv6(s) {
  return s.includes(":") && goParseIP(s);
}
function isCIDR(s) {
  return goParseCIDR(s) || goParseCIDR(stripZeros(s));
}
var isHex = (c) => /^[0-9a-fA-F]$/.test(c);
function isMAC(s) {
  if (s.length < 14 || /[\u0080-\u{10ffff}]/u.test(s)) return false;
  if (s[2] === ":" || s[2] === "-") {
    if ((s.length + 1) % 3 !== 0) return false;
    const n = (s.length + 1) / 3;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let x = 0; x < s.length; x += 3) {
      if (!isHex(s[x]) || !isHex(s[x + 1])) return false;
      if (x + 2 < s.length && s[x + 2] !== s[2]) return false;
    }
    return true;
  }
  if (s[4] === ".") {
    if ((s.length + 1) % 5 !== 0) return false;
    const n = 2 * (s.length + 1) / 5;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let x = 0; x < s.length; x += 5) {
      if (![0, 1, 2, 3].every((k) => isHex(s[x + k]))) return false;
      if (x + 4 < s.length && s[x + 4] !== ".") return false;
    }
    return true;
  }
  return false;
}
function isDate(s) {
  const m6 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m6) return false;
  const year = Number(m6[1]);
  const month = Number(m6[2]);
  const day = Number(m6[3]);
  if (month < 1 || month > 12) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day >= 1 && day <= days;
}
var DATE_TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})([^\n][0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/u;
function isDateTime(s) {
  if (utf8Length(s) < 4) return false;
  const parts = s.replace(/[A-Z]/g, (c) => c.toLowerCase()).split("t");
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m6 = DATE_TIME.exec(parts[1]);
  return m6 !== null && m6[1] <= "23" && m6[2] <= "59" && m6[3] <= "59";
}
var UNITS = {
  ns: 1n,
  us: 1000n,
  "µs": 1000n,
  // U+00B5
  "μs": 1000n,
  // U+03BC
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n
};
var MAX = 1n << 63n;
function goParseDuration(text) {
  let s = text;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return true;
  if (s === "") return false;
  let d = 0n;
  const isDigit = (c) => c !== void 0 && c >= "0" && c <= "9";
  while (s !== "") {
    if (!(s[0] === "." || isDigit(s[0]))) return false;
    let i = 0;
    let v = 0n;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > MAX / 10n) return false;
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > MAX) return false;
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    let f = 0;
    let scale = 1;
    if (s[0] === ".") {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      let fi = 0n;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (fi > (MAX - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = fi * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > MAX) {
          overflow = true;
          continue;
        }
        fi = y;
        scale *= 10;
      }
      f = Number(fi);
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return false;
    let u = 0;
    while (u < s.length && s[u] !== "." && !isDigit(s[u])) u++;
    if (u === 0) return false;
    const unit = Object.hasOwn(UNITS, s.slice(0, u)) ? UNITS[s.slice(0, u)] : void 0;
    s = s.slice(u);
    if (unit === void 0) return false;
    if (v > MAX / unit) return false;
    v *= unit;
    if (f > 0) {
      v += BigInt(Math.trunc(f * (Number(unit) / scale)));
      if (v > MAX) return false;
    }
    d += v;
    if (d > MAX) return false;
  }
  return neg || d <= MAX - 1n;
}
var DURATION_UNITS = [
  ["ns", "nano"],
  ["us", "µs", "micro"],
  ["ms", "milli"],
  ["s", "sec"],
  ["m", "min"],
  ["h", "hr", "hour"],
  ["d", "day"],
  ["w", "wk", "week"]
];
var MAX_INT64 = (1n << 63n) - 1n;
function isDuration(s) {
  if (goParseDuration(s)) return true;
  let ok = false;
  for (const m6 of s.matchAll(/(([0-9]+)[\t\n\f\r ]*([A-Za-zµ]+))/gu)) {
    if (BigInt(m6[2]) > MAX_INT64) return false;
    const unit = m6[3].toLowerCase();
    for (const variants of DURATION_UNITS) {
      const last = variants.length - 1;
      variants.forEach((variant, i) => {
        if (i === last && unit.startsWith(variant) || variant === unit) ok = true;
      });
    }
  }
  return ok;
}
function isGoBase64(s) {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s.replace(/[\r\n]/g, ""));
}
function isRequestURI(s) {
  try {
    parseRequestURI(s);
    return true;
  } catch {
    return false;
  }
}
var CHECKS = {
  bsonobjectid: (s) => /^[0-9a-fA-F]{24}$/.test(s),
  // hex.DecodeString, 12 bytes
  uri: isRequestURI,
  hostname: isHostname,
  ipv4: isIPv4,
  ipv6: isIPv6,
  cidr: isCIDR,
  mac: isMAC,
  uuid: (s) => UUID.test(s),
  uuid3: (s) => UUID3.test(s),
  uuid4: (s) => UUID4.test(s),
  uuid5: (s) => UUID5.test(s),
  isbn: (s) => isISBN(s, 10) || isISBN(s, 13),
  isbn10: (s) => isISBN(s, 10),
  isbn13: (s) => isISBN(s, 13),
  creditcard: isCreditCard,
  ssn: (s) => s.length === 11 && SSN.test(s),
  hexcolor: (s) => HEX_COLOR.test(s),
  rgbcolor: (s) => RGB_COLOR.test(s),
  byte: (s) => BASE64.test(s),
  password: () => true,
  date: isDate,
  duration: isDuration,
  datetime: isDateTime,
  k8sshortname: (s) => s.length <= 63 && SHORT_NAME.test(s),
  k8slongname: (s) => s.length <= 253 && LONG_NAME.test(s),
  // Not a CRD format (keptFormat never keeps it): built-in []byte fields (scripts/gen-k8s-schemas.mjs).
  base64: isGoBase64
};

// src/schema/crd.ts
var FORMAT_KEYWORD = "x-kubewire-format";
var OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
function crdVersions(crd) {
  if (!isObject(crd) || crd.kind !== "CustomResourceDefinition") return [];
  if (typeof crd.apiVersion !== "string" || !crd.apiVersion.startsWith("apiextensions.k8s.io/")) return [];
  const spec = crd.spec;
  if (!isObject(spec) || typeof spec.group !== "string" || !isObject(spec.names) || typeof spec.names.kind !== "string") return [];
  const { group } = spec;
  const kind = spec.names.kind;
  const shared = isObject(spec.validation) && isObject(spec.validation.openAPIV3Schema) ? spec.validation.openAPIV3Schema : null;
  const out = [];
  const versions = Array.isArray(spec.versions) ? spec.versions : typeof spec.version === "string" ? [{ name: spec.version }] : [];
  for (const v of versions) {
    if (!isObject(v) || typeof v.name !== "string" || v.served === false) continue;
    const own = isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : null;
    const schema = own ?? shared;
    if (schema) out.push({ apiVersion: `${group}/${v.name}`, kind, schema });
  }
  return out;
}
var DROPPED = /* @__PURE__ */ new Set(["description", "default", "example", "externalDocs", "x-kubernetes-validations", "x-kubernetes-list-type", "x-kubernetes-map-type", "format", "title"]);
var JUNCTORS = /* @__PURE__ */ new Set(["allOf", "anyOf", "oneOf"]);
function crdJsonSchema(openAPIV3Schema, objectMetaRef) {
  const root = convert(openAPIV3Schema, true);
  const properties = isObject(root.properties) ? root.properties : {};
  root.type = "object";
  root.properties = {
    ...properties,
    apiVersion: { type: "string" },
    kind: { type: "string" },
    metadata: { $ref: objectMetaRef }
  };
  if (root["x-kubernetes-preserve-unknown-fields"] !== true) root.additionalProperties = false;
  return root;
}
function keepKeyDefaults(out, node) {
  const keys = out["x-kubernetes-list-map-keys"];
  const items = out.items;
  const source = isObject(node.items) && isObject(node.items.properties) ? node.items.properties : null;
  if (!Array.isArray(keys) || !isObject(items) || !isObject(items.properties) || !source) return;
  for (const k of keys) {
    const from = typeof k === "string" ? source[k] : void 0;
    const to = typeof k === "string" ? items.properties[k] : void 0;
    if (isObject(from) && from.default !== void 0 && isObject(to)) to.default = from.default;
  }
}
function convert(node, structural, preserved = false) {
  const out = {};
  const preserves = preserved || node["x-kubernetes-preserve-unknown-fields"] === true;
  const format2 = keptFormat(node);
  if (format2) out[FORMAT_KEYWORD] = format2;
  for (const [k, v] of Object.entries(node)) {
    if (DROPPED.has(k)) continue;
    if (k === "properties" && isObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, isObject(s) ? convert(s, structural) : s]));
    } else if (k === "items" && isObject(v)) {
      out.items = convert(v, structural, preserves);
    } else if (k === "additionalProperties" && isObject(v)) {
      out.additionalProperties = convert(v, structural);
    } else if (k === "not" && isObject(v)) {
      out.not = convert(v, false);
    } else if (JUNCTORS.has(k) && Array.isArray(v)) {
      out[k] = v.map((s) => isObject(s) ? convert(s, false) : s);
    } else {
      out[k] = v;
    }
  }
  if (structural && out.type === "array") {
    if (node["x-kubernetes-list-type"] === "set") out.uniqueItems = true;
    if (node["x-kubernetes-list-type"] !== "map") delete out["x-kubernetes-list-map-keys"];
    else keepKeyDefaults(out, node);
  } else delete out["x-kubernetes-list-map-keys"];
  defaultsInBranches(node, out);
  if (!structural || out.type !== "object") return out;
  if (out["x-kubernetes-embedded-resource"] === true) {
    const props = isObject(out.properties) ? out.properties : {};
    out.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...props };
  }
  if (!preserves && out.additionalProperties === void 0) out.additionalProperties = false;
  return out;
}
function defaultsInBranches(node, out) {
  if (!isObject(node.properties)) return;
  const defaults = [];
  for (const [p, s] of Object.entries(node.properties)) if (isObject(s) && s.default !== void 0) defaults.push([p, s.default]);
  if (defaults.length === 0) return;
  const branches = [];
  const collect = (s) => {
    const subs = [...JUNCTORS].flatMap((j) => Array.isArray(s[j]) ? s[j] : []);
    if (s.not !== void 0) subs.push(s.not);
    for (const b of subs) {
      if (!isObject(b)) continue;
      branches.push(b);
      collect(b);
    }
  };
  collect(out);
  for (const b of branches) {
    for (const [p, d] of defaults) {
      const constraint = isObject(b.properties) ? b.properties[p] : void 0;
      const ok = isObject(constraint) ? accepts(constraint, d) : true;
      if (ok === null) continue;
      const required = Array.isArray(b.required) ? b.required : [];
      if (ok && required.includes(p)) b.required = required.filter((r) => r !== p);
      else if (!ok && !required.includes(p)) b.required = [...required, p];
    }
  }
}
function accepts(schema, value) {
  let ok = true;
  for (const [k, v] of Object.entries(schema)) {
    if (k === "enum" && Array.isArray(v)) ok &&= v.some((e) => JSON.stringify(e) === JSON.stringify(value));
    else if (k === "const") ok &&= JSON.stringify(v) === JSON.stringify(value);
    else if (k === "not" && isObject(v)) {
      const inner = accepts(v, value);
      if (inner === null) return null;
      ok &&= !inner;
    } else if (k === "type" && typeof v === "string") ok &&= jsonType(value, v);
    else if (k === FORMAT_KEYWORD && typeof v === "string") ok &&= typeof value !== "string" || checkFormat(v, value);
    else return null;
  }
  return ok;
}
function jsonType(value, type) {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      return false;
  }
}

// kubewire-lazy:node:buffer
var m3 = __require("node:buffer");
var lazy = (get) => new Proxy(function() {
}, { apply: (_t, self, args) => Reflect.apply(get(), self, args), construct: (_t, args) => Reflect.construct(get(), args), get: (_t, key2) => get()[key2], has: (_t, key2) => key2 in get() });
var Buffer2 = m3.Buffer;
var SlowBuffer = m3.SlowBuffer;
var transcode = m3.transcode;
var isUtf8 = m3.isUtf8;
var isAscii = m3.isAscii;
var kMaxLength = m3.kMaxLength;
var kStringMaxLength = m3.kStringMaxLength;
var btoa = m3.btoa;
var atob = m3.atob;
var constants = m3.constants;
var INSPECT_MAX_BYTES = lazy(() => m3.INSPECT_MAX_BYTES);
var Blob = lazy(() => m3.Blob);
var resolveObjectURL = lazy(() => m3.resolveObjectURL);
var File = lazy(() => m3.File);

// kubewire-lazy:node:vm
var m4 = __require("node:vm");
var node_vm_default = m4;
var Script = m4.Script;
var createContext = m4.createContext;
var createScript = m4.createScript;
var runInContext = m4.runInContext;
var runInNewContext = m4.runInNewContext;
var runInThisContext = m4.runInThisContext;
var isContext = m4.isContext;
var compileFunction = m4.compileFunction;
var measureMemory = m4.measureMemory;
var constants2 = m4.constants;

// src/schema/code-cache.ts
var wrap = (source) => `(function (exports, require, module, __filename, __dirname) {${source}
})`;
var HEADER = 12;
function run(file, source, cachedData) {
  const script = cachedData ? withV8DefaultBudget(() => new node_vm_default.Script(wrap(source), { filename: file, cachedData })) : new node_vm_default.Script(wrap(source), { filename: file });
  const fn = script.runInThisContext();
  const module = { exports: {} };
  fn(module.exports, createRequire(file), module, file, node_path_default.dirname(file));
  return { script, exports: module.exports };
}
function key(source) {
  const b = Buffer.alloc(HEADER);
  b.writeUInt32LE(crc32(source), 0);
  b.writeUInt32LE(source.length >>> 0, 4);
  b.writeUInt32LE(crc32(process.versions.v8), 8);
  return b;
}
function cacheOf(file) {
  let cache;
  try {
    cache = readFileSync(`${file}.v8cache`);
  } catch {
    return null;
  }
  const source = readSource(file);
  return { source, cache: cache.length > HEADER && cache.subarray(0, HEADER).equals(key(source)) ? cache.subarray(HEADER) : null };
}
function readSource(file) {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}
function requireCached(file) {
  return loadCached(file).exports;
}
function loadCached(file) {
  const found = cacheOf(file);
  if (!found) return { exports: createRequire(file)(file), cache: "none" };
  const { script, exports } = run(file, found.source, found.cache ?? void 0);
  return { exports, cache: !found.cache ? "none" : script.cachedDataRejected ? "rejected" : "used" };
}

// kubewire-lazy:ajv
var lib;
var load = () => lib ??= __require("./vendor-ajv.cjs");
var lazy2 = (get) => new Proxy(function() {
}, { apply: (_t, self, args) => Reflect.apply(get(), self, args), construct: (_t, args) => Reflect.construct(get(), args), get: (_t, key2) => get()[key2], has: (_t, key2) => key2 in get() });
var ajv_default = lazy2(() => load().__esModule ? load().default : load());
var Ajv = lazy2(() => load().Ajv);
var KeywordCxt = lazy2(() => load().KeywordCxt);
var _ = lazy2(() => load()._);
var str = lazy2(() => load().str);
var stringify = lazy2(() => load().stringify);
var Name = lazy2(() => load().Name);
var CodeGen = lazy2(() => load().CodeGen);
var ValidationError = lazy2(() => load().ValidationError);
var MissingRefError = lazy2(() => load().MissingRefError);

// kubewire-lazy:node:crypto
var m5 = __require("node:crypto");
var lazy3 = (get) => new Proxy(function() {
}, { apply: (_t, self, args) => Reflect.apply(get(), self, args), construct: (_t, args) => Reflect.construct(get(), args), get: (_t, key2) => get()[key2], has: (_t, key2) => key2 in get() });
var node_crypto_default = m5;
var checkPrime = m5.checkPrime;
var checkPrimeSync = m5.checkPrimeSync;
var createCipheriv = m5.createCipheriv;
var createDecipheriv = m5.createDecipheriv;
var createDiffieHellman = m5.createDiffieHellman;
var createDiffieHellmanGroup = m5.createDiffieHellmanGroup;
var createECDH = m5.createECDH;
var createHash = m5.createHash;
var createHmac = m5.createHmac;
var createPrivateKey = m5.createPrivateKey;
var createPublicKey = m5.createPublicKey;
var createSecretKey = m5.createSecretKey;
var createSign = m5.createSign;
var createVerify = m5.createVerify;
var diffieHellman = m5.diffieHellman;
var generatePrime = m5.generatePrime;
var generatePrimeSync = m5.generatePrimeSync;
var getCiphers = m5.getCiphers;
var getCipherInfo = m5.getCipherInfo;
var getCurves = m5.getCurves;
var getDiffieHellman = m5.getDiffieHellman;
var getHashes = m5.getHashes;
var hkdf = m5.hkdf;
var hkdfSync = m5.hkdfSync;
var pbkdf2 = m5.pbkdf2;
var pbkdf2Sync = m5.pbkdf2Sync;
var generateKeyPair = m5.generateKeyPair;
var generateKeyPairSync = m5.generateKeyPairSync;
var generateKey = m5.generateKey;
var generateKeySync = m5.generateKeySync;
var privateDecrypt = m5.privateDecrypt;
var privateEncrypt = m5.privateEncrypt;
var publicDecrypt = m5.publicDecrypt;
var publicEncrypt = m5.publicEncrypt;
var randomBytes = m5.randomBytes;
var randomFill = m5.randomFill;
var randomFillSync = m5.randomFillSync;
var randomInt = m5.randomInt;
var randomUUID = m5.randomUUID;
var scrypt = m5.scrypt;
var scryptSync = m5.scryptSync;
var sign = m5.sign;
var setEngine = m5.setEngine;
var timingSafeEqual = m5.timingSafeEqual;
var getFips = m5.getFips;
var setFips = m5.setFips;
var verify = m5.verify;
var hash = m5.hash;
var Certificate = m5.Certificate;
var Cipher = m5.Cipher;
var Cipheriv = m5.Cipheriv;
var Decipher = m5.Decipher;
var Decipheriv = m5.Decipheriv;
var DiffieHellman = m5.DiffieHellman;
var DiffieHellmanGroup = m5.DiffieHellmanGroup;
var ECDH = m5.ECDH;
var Hash = m5.Hash;
var Hmac = m5.Hmac;
var KeyObject = m5.KeyObject;
var Sign = m5.Sign;
var Verify = m5.Verify;
var X509Certificate = m5.X509Certificate;
var secureHeapUsed = m5.secureHeapUsed;
var constants3 = m5.constants;
var webcrypto = lazy3(() => m5.webcrypto);
var subtle = lazy3(() => m5.subtle);
var getRandomValues = lazy3(() => m5.getRandomValues);

// src/schema/validator.ts
var AJV_OPTIONS = { allErrors: true, verbose: true, strict: false, validateFormats: false, inlineRefs: false };
function newAjv(kubernetesVersion) {
  return addKubernetesKeywords(new Ajv({ ...AJV_OPTIONS }), kubernetesVersion);
}
function formatCheckAt(kubernetesVersion) {
  return (format2, value) => !formatActive(format2, kubernetesVersion) || checkFormat(format2, value);
}
function addKubernetesKeywords(ajv, kubernetesVersion = null) {
  const check = formatCheckAt(kubernetesVersion);
  ajv.addKeyword({
    keyword: FORMAT_KEYWORD,
    type: "string",
    schemaType: "string",
    error: { message: "format", params: ({ schema }) => _`{format: ${schema}}` },
    code(cxt) {
      const fn = cxt.gen.scopeValue("formats", { key: "check", ref: check, code: _`require("./formats.cjs").checkFormat` });
      cxt.fail(_`!${fn}(${cxt.schema}, ${cxt.data})`);
    }
  });
  ajv.addKeyword({
    keyword: "x-kubernetes-list-map-keys",
    type: "array",
    schemaType: "array",
    error: {
      message: "duplicate list-map entry",
      params: ({ params }) => _`{index: ${params.index}, first: ${params.first}, keys: ${params.keys}}`
    },
    code(cxt) {
      const { gen, data: data2 } = cxt;
      const keys = cxt.schema.filter((k) => typeof k === "string");
      const itemProps = cxt.parentSchema.items?.properties ?? {};
      const seen = gen.const("seen", _`new Map()`);
      const i = gen.let("i");
      gen.forRange("i", 0, _`${data2}.length`, (idx) => {
        gen.assign(i, idx);
        const item = gen.const("item", _`${data2}[${idx}]`);
        gen.if(_`${item} && typeof ${item} == "object" && !Array.isArray(${item})`, () => {
          const parts = keys.map((k) => {
            const d = itemProps[k]?.default;
            const scalar2 = typeof d === "string" || typeof d === "number" || typeof d === "boolean";
            return scalar2 ? _`(${item}[${k}] ?? ${d})` : _`${item}[${k}]`;
          });
          const key2 = gen.const("key", _`JSON.stringify([${parts.reduce((a, b) => _`${a}, ${b}`)}])`);
          gen.if(
            _`${seen}.has(${key2})`,
            () => {
              cxt.setParams({ index: i, first: _`${seen}.get(${key2})`, keys: key2 });
              cxt.error();
            },
            () => gen.code(_`${seen}.set(${key2}, ${i});`)
          );
        });
      });
    }
  });
  return ajv;
}
function schemaHash(text) {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
function loadPrecompiled(id, hash2) {
  const file = node_path_default.join(packageRoot(), "dist", "src", "schema", "generated", `${id}.cjs`);
  if (!existsSync(file)) return null;
  try {
    const mod = requireCached(file);
    return mod.__schemaHash === hash2 ? mod : null;
  } catch {
    return null;
  }
}
function kubernetesSchema(schema, nullEverywhere) {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return;
  const s = schema;
  if (s["x-kubernetes-int-or-string"] === true) {
    delete s.anyOf;
    delete s.oneOf;
    s.type = ["integer", "string"];
  }
  if (s["x-kubernetes-preserve-unknown-fields"] === true && s.additionalProperties === false) delete s.additionalProperties;
  if (s.type !== void 0 && nullEverywhere) s.nullable = true;
  if (s.nullable !== void 0 && s.type === void 0) delete s.nullable;
  for (const [k, v] of Object.entries(s)) {
    if (SCHEMA_MAPS.has(k) && v && typeof v === "object") {
      for (const sub of Object.values(v)) kubernetesSchema(sub, nullEverywhere);
    } else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) {
      for (const sub of v) kubernetesSchema(sub, nullEverywhere);
    } else if (SCHEMA_VALUES.has(k)) {
      if (Array.isArray(v)) for (const sub of v) kubernetesSchema(sub, nullEverywhere);
      else kubernetesSchema(v, nullEverywhere);
    }
  }
}
var SCHEMA_MAPS = /* @__PURE__ */ new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"]);
var SCHEMA_LISTS = /* @__PURE__ */ new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
var SCHEMA_VALUES = /* @__PURE__ */ new Set(["items", "additionalItems", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"]);
var EmbeddedValidators = class {
  constructor(set, hash2) {
    this.set = set;
    this.hash = hash2;
  }
  set;
  hash;
  ajv = null;
  precompiled;
  compiled = /* @__PURE__ */ new Map();
  has(apiVersion, kind) {
    return `${apiVersion} ${kind}` in this.set.kinds;
  }
  /** The kinds of an API group (any version), for "did you mean" on unknown kinds. */
  kindsOfGroup(group) {
    const out = [];
    for (const key2 of Object.keys(this.set.kinds)) {
      const [apiVersion, kind] = key2.split(" ");
      const slash = apiVersion.indexOf("/");
      if ((slash < 0 ? "" : apiVersion.slice(0, slash)) === group) out.push({ apiVersion, kind });
    }
    return out;
  }
  validator(apiVersion, kind) {
    const key2 = `${apiVersion} ${kind}`;
    const name = this.set.kinds[key2];
    if (!name) return null;
    let v = this.compiled.get(key2);
    if (!v) {
      if (this.precompiled === void 0) this.precompiled = loadPrecompiled(this.set.id, this.hash);
      const ready = this.precompiled?.[key2];
      if (typeof ready === "function") {
        v = withCel(wrap2(ready), this.set.crdSchema?.(key2));
        this.compiled.set(key2, v);
        return v;
      }
      if (!this.ajv) {
        this.ajv = newAjv(this.set.kubernetesVersion);
        const definitions = structuredClone(this.set.definitions());
        for (const d of Object.values(definitions)) kubernetesSchema(d, true);
        this.ajv.addSchema({ definitions }, "k8s");
      }
      const fn = this.ajv.getSchema(`k8s#/definitions/${name}`);
      if (!fn) return null;
      v = withCel(wrap2(fn), this.set.crdSchema?.(key2));
      this.compiled.set(key2, v);
    }
    return v;
  }
};
var CrdValidators = class {
  constructor(release) {
    this.release = release;
  }
  release;
  ajv = null;
  cache = /* @__PURE__ */ new Map();
  compile(openAPIV3Schema) {
    return withCel(this.structural(openAPIV3Schema), openAPIV3Schema);
  }
  /** The structural validator (cached by translated schema: CEL rules are not part of it). */
  structural(openAPIV3Schema) {
    const schema = crdJsonSchema(openAPIV3Schema, this.release ? `k8s#/definitions/${OBJECT_META}` : "#/$defs/anyObject");
    const key2 = JSON.stringify(schema);
    let v = this.cache.get(key2);
    if (!v) {
      kubernetesSchema(schema, true);
      if (!this.ajv) {
        this.ajv = newAjv(this.release?.kubernetesVersion ?? null);
        if (this.release) {
          const definitions = structuredClone(closure(this.release.definitions(), OBJECT_META));
          for (const d of Object.values(definitions)) kubernetesSchema(d, true);
          this.ajv.addSchema({ definitions }, "k8s");
        }
      }
      if (!this.release) schema.$defs = { anyObject: { type: "object" } };
      v = wrap2(this.ajv.compile(schema));
      if (this.cache.size >= 500) this.cache.delete(this.cache.keys().next().value);
      this.cache.set(key2, v);
    }
    return v;
  }
};
function closure(definitions, root) {
  const out = {};
  const visit = (name) => {
    if (name in out || !(name in definitions)) return;
    out[name] = definitions[name];
    const refs = JSON.stringify(definitions[name]).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g);
    for (const m6 of refs) visit(m6[1]);
  };
  visit(root);
  return out;
}
function compileExternal(schema) {
  const copy = structuredClone(schema);
  delete copy.$schema;
  delete copy.$id;
  delete copy.id;
  kubernetesSchema(copy, false);
  return wrap2(newAjv(null).compile(copy));
}
function withCel(structural, openAPIV3Schema) {
  if (!openAPIV3Schema) return structural;
  return (value) => {
    const problems = structural(value);
    const tree = celTree(openAPIV3Schema);
    return tree ? [...problems, ...celProblems(value, tree, problems)] : problems;
  };
}
function wrap2(fn) {
  return (value) => fn(value) ? [] : problemsOf(fn.errors ?? []);
}
var TYPE_KEYWORDS = /* @__PURE__ */ new Set(["type", "nullable"]);
var DISCRIMINATING = /* @__PURE__ */ new Set(["required", "enum", "const", "not"]);
function problemsOf(errors) {
  const combinators = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
  let kept = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf" && e.keyword !== "if");
  const merged = [];
  for (const c of combinators) {
    const prefix = c.schemaPath + "/";
    const branches = /* @__PURE__ */ new Map();
    const under = c.instancePath + "/";
    for (const e of kept) {
      if (!e.schemaPath.startsWith(prefix) || e.instancePath !== c.instancePath && !e.instancePath.startsWith(under)) continue;
      const branch = e.schemaPath.slice(prefix.length).split("/")[0];
      const list = branches.get(branch);
      if (list) list.push(e);
      else branches.set(branch, [e]);
    }
    if (branches.size === 0) continue;
    const inBranches = new Set([...branches.values()].flat());
    kept = kept.filter((e) => !inBranches.has(e));
    const typeOnly = (list) => list.every((e) => TYPE_KEYWORDS.has(e.keyword) && e.instancePath === c.instancePath);
    const candidates = [...branches.values()].filter((l) => !typeOnly(l));
    const formatOnly = (list) => list.every((e) => e.keyword === FORMAT_KEYWORD && e.instancePath === c.instancePath);
    if (candidates.length === branches.size && candidates.every(formatOnly)) {
      const formats = [...new Set(candidates.flat().flatMap((e) => formatsOf(e)))];
      kept.push({ ...candidates[0][0], schemaPath: c.schemaPath, schema: formats });
    } else if (candidates.length === 0) {
      const expected = /* @__PURE__ */ new Set();
      for (const e of inBranches) if (e.keyword === "type") for (const t of typeList(e.params.type)) expected.add(t);
      merged.push({ kind: "type", at: c.instancePath, expected: [...expected], value: c.data });
    } else {
      const discriminating = (l) => l.filter((e) => DISCRIMINATING.has(e.keyword)).length;
      const ranked = [...branches].filter(([, l]) => !typeOnly(l)).sort(([i, a], [j, b]) => a.length - b.length || discriminating(a) - discriminating(b) || Number(i) - Number(j));
      kept.push(...ranked[0][1]);
    }
  }
  const out = [...merged];
  for (const e of kept) {
    const p = toProblem(e);
    if (p) out.push(p);
  }
  const wrongType = /* @__PURE__ */ new Map();
  for (const p of out) if (p.kind === "type") wrongType.set(p.at, p);
  const seen = /* @__PURE__ */ new Set();
  return out.filter((p) => {
    const typeProblem = p.kind === "enum" || p.kind === "other" ? wrongType.get(p.at) : void 0;
    if (typeProblem) {
      if (p.kind === "enum") typeProblem.allowed = p.allowed;
      return false;
    }
    const key2 = `${p.kind}\0${p.at}\0${"field" in p ? p.field : ""}`;
    if (seen.has(key2)) return false;
    seen.add(key2);
    return true;
  });
}
function formatsOf(e) {
  return Array.isArray(e.schema) ? e.schema : [String(e.schema)];
}
function typeList(t) {
  return Array.isArray(t) ? t : typeof t === "string" ? t.split(",") : [];
}
function escape(token) {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
function toProblem(e) {
  switch (e.keyword) {
    case "additionalProperties": {
      const field = String(e.params.additionalProperty);
      const parent = e.parentSchema;
      return { kind: "unknown", at: `${e.instancePath}/${escape(field)}`, field, known: Object.keys(parent?.properties ?? {}) };
    }
    case "required":
      return { kind: "required", at: e.instancePath, field: String(e.params.missingProperty) };
    case "type":
      return { kind: "type", at: e.instancePath, expected: typeList(e.params.type).filter((t) => t !== "null"), value: e.data };
    case "enum":
      return { kind: "enum", at: e.instancePath, allowed: e.params.allowedValues, value: e.data };
    case "const":
      return { kind: "enum", at: e.instancePath, allowed: [e.params.allowedValue], value: e.data };
    case "nullable":
      return null;
    // reported with the type error of the same field
    case FORMAT_KEYWORD:
      return { kind: "format", at: e.instancePath, formats: formatsOf(e), value: String(e.data) };
    case "x-kubernetes-list-map-keys": {
      const p = e.params;
      const keys = e.schema.join(", ");
      return { kind: "other", at: `${e.instancePath}/${p.index}`, message: `duplicates item ${p.first} (same ${keys}: ${p.keys.slice(1, -1)})` };
    }
    case "uniqueItems": {
      const p = e.params;
      return { kind: "other", at: `${e.instancePath}/${Math.max(p.i, p.j)}`, message: `duplicates item ${Math.min(p.i, p.j)} (the list is a set)` };
    }
    default:
      return { kind: "other", at: e.instancePath, message: e.message ?? `fails ${e.keyword}` };
  }
}

// src/schema/embedded.ts
var data;
function schemaDir() {
  return node_path_default.join(packageRoot(), "schemas", "kubernetes");
}
function loadData() {
  if (data === void 0) {
    try {
      const releasesText = readFileSync(node_path_default.join(schemaDir(), "releases.json"), "utf8");
      data = { releases: JSON.parse(releasesText), releasesText };
    } catch {
      data = null;
    }
  }
  return data;
}
function allDefinitions() {
  const text = readFileSync(node_path_default.join(schemaDir(), "definitions.json"), "utf8");
  return JSON.parse(text).definitions;
}
function shippedVersions() {
  return Object.keys(loadData()?.releases.releases ?? {}).sort(compareVersions);
}
function compareVersions(a, b) {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}
function selectVersion(requested, shipped = shippedVersions()) {
  if (shipped.length === 0) return null;
  if (shipped.includes(requested)) return requested;
  const older = shipped.filter((v) => compareVersions(v, requested) < 0);
  return older.length ? older[older.length - 1] : shipped[0];
}
var sets = /* @__PURE__ */ new Map();
function embeddedSchemas(version) {
  let set = sets.get(version);
  if (set === void 0) {
    const d = loadData();
    const release = d?.releases.releases[version];
    set = d && release ? releaseSet(d, version, release) : null;
    sets.set(version, set);
  }
  return set;
}
function releaseSet(d, version, release) {
  let definitions;
  return {
    id: `v${version}`,
    label: `Kubernetes ${version}`,
    kubernetesVersion: version,
    hash: schemaHash(`${version}
${d.releasesText}`),
    source: d.releases.source,
    kinds: release.kinds,
    definitions() {
      if (!definitions) {
        d.definitions ??= allDefinitions();
        definitions = releaseDefinitions(d.definitions, release.kinds, release.variants);
      }
      return definitions;
    }
  };
}
function releaseDefinitions(all, kinds, variants) {
  const out = {};
  const visit = (name) => {
    if (name in out) return;
    const def = all[name]?.[variants[name] ?? 0];
    if (!def) throw new Error(`embedded schemas: no definition ${name}`);
    out[name] = def;
    walkRefs(def, visit);
  };
  for (const name of Object.values(kinds)) visit(name);
  return out;
}
function walkRefs(node, visit) {
  if (Array.isArray(node)) {
    for (const x of node) walkRefs(x, visit);
  } else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith("#/definitions/")) visit(v.slice("#/definitions/".length));
      else walkRefs(v, visit);
    }
  }
}
var CRD_BUNDLES = [
  { file: "gateway-api.json", channel: (g) => g, label: (c) => `Gateway API v1.6.1 (${c} channel)`, groups: /^gateway\.networking\.(x-)?k8s\.io$/ },
  { file: "istio.json", channel: () => "istio", label: () => "Istio 1.31", groups: /\.istio\.io$/ }
];
var crdSets = /* @__PURE__ */ new Map();
function embeddedCrdGroup(group) {
  return CRD_BUNDLES.some((b) => b.groups.test(group));
}
function embeddedCrdSets(gatewayApiChannel, group) {
  const out = [];
  for (const bundle of CRD_BUNDLES) {
    if (group !== void 0 && !bundle.groups.test(group)) continue;
    const channel = bundle.channel(gatewayApiChannel);
    const id = `${bundle.file.replace(/\.json$/, "")}${channel === "istio" ? "" : `-${channel}`}`;
    let set = crdSets.get(id);
    if (set === void 0) {
      set = crdSet(bundle.file, channel, id, bundle.label(channel));
      crdSets.set(id, set);
    }
    if (set) out.push(set);
  }
  return out;
}
function crdSet(file, channel, id, label) {
  const d = loadData();
  const newest = shippedVersions().at(-1);
  let text;
  try {
    text = readFileSync(node_path_default.join(packageRoot(), "schemas", "crds", file), "utf8");
  } catch {
    return null;
  }
  const bundle = JSON.parse(text);
  const chosen = bundle.channels[channel];
  if (!d || !newest || !chosen) return null;
  const release = d.releases.releases[newest];
  const kinds = {};
  for (const key2 of Object.keys(chosen)) kinds[key2] = `crd:${key2.replace(/[ /]/g, ":")}`;
  let definitions;
  return {
    id,
    label,
    kubernetesVersion: newest,
    hash: schemaHash(`${id}
${text}
${newest}
${d.releasesText}`),
    source: bundle.source,
    kinds,
    crdSchema(key2) {
      return Object.hasOwn(chosen, key2) && Object.hasOwn(bundle.schemas, key2) ? bundle.schemas[key2][chosen[key2]] : void 0;
    },
    definitions() {
      if (!definitions) {
        d.definitions ??= allDefinitions();
        definitions = releaseDefinitions(d.definitions, { meta: OBJECT_META }, release.variants);
        for (const [key2, i] of Object.entries(chosen)) {
          definitions[kinds[key2]] = crdJsonSchema(bundle.schemas[key2][i], `#/definitions/${OBJECT_META}`);
        }
      }
      return definitions;
    }
  };
}

// src/schema/catalog.ts
var EmbeddedCatalog = class {
  // by API group
  constructor(version, channel) {
    this.version = version;
    this.channel = channel;
    const release = version ? embeddedSchemas(version) : null;
    this.release = release ? { validators: new EmbeddedValidators(release, release.hash), label: release.label } : null;
  }
  version;
  channel;
  release;
  crdParts = /* @__PURE__ */ new Map();
  parts(apiVersion) {
    const slash = apiVersion.indexOf("/");
    const group = slash < 0 ? "" : apiVersion.slice(0, slash);
    return this.partsOfGroup(group);
  }
  partsOfGroup(group) {
    const base = this.release ? [this.release] : [];
    if (!embeddedCrdGroup(group)) return base;
    let crd = this.crdParts.get(group);
    if (!crd) {
      crd = embeddedCrdSets(this.channel, group).map((set) => ({ validators: new EmbeddedValidators(set, set.hash), label: set.label }));
      this.crdParts.set(group, crd);
    }
    return [...base, ...crd];
  }
  /** apiVersion → kind → the part that has the kind's schema (null: none); every object asks, so each pair is searched once. */
  partOfKind = /* @__PURE__ */ new Map();
  /** apiVersion → kind → what lookup gives. */
  found = /* @__PURE__ */ new Map();
  partOf(apiVersion, kind) {
    return memo2(this.partOfKind, apiVersion, kind, () => this.parts(apiVersion).find((p) => p.validators.has(apiVersion, kind)) ?? null);
  }
  has(apiVersion, kind) {
    return this.partOf(apiVersion, kind) !== null;
  }
  /** The embedded kinds of an API group (any version), for "did you mean" on unknown kinds. */
  kindsOfGroup(group) {
    return this.partsOfGroup(group).flatMap((p) => p.validators.kindsOfGroup(group));
  }
  lookup(apiVersion, kind) {
    return memo2(this.found, apiVersion, kind, () => this.search(apiVersion, kind));
  }
  search(apiVersion, kind) {
    for (const p of this.parts(apiVersion)) {
      if (!p.validators.has(apiVersion, kind)) continue;
      const validate = p.validators.validator(apiVersion, kind);
      if (validate) return { validate, source: p.label };
    }
    return null;
  }
  /** Where the schema of a kind comes from ("Kubernetes 1.35", "Istio 1.31"), or null. */
  sourceOf(apiVersion, kind) {
    return this.partOf(apiVersion, kind)?.label ?? null;
  }
};
var MEMO_MAX = 4096;
function memo2(map, a, b, make) {
  return cached(cached(map, a, MEMO_MAX, () => /* @__PURE__ */ new Map()), b, MEMO_MAX, make);
}
var catalogs = /* @__PURE__ */ new Map();
function embeddedCatalog(kubernetesVersion, channel) {
  const version = selectVersion(kubernetesVersion);
  const key2 = `${version} ${channel}`;
  let c = catalogs.get(key2);
  if (!c) catalogs.set(key2, c = new EmbeddedCatalog(version, channel));
  return c;
}

export {
  pathToFileURL,
  TOOL,
  distModule,
  REPOSITORY_URL,
  ruleDocsUrl,
  loadCel,
  celNow,
  crdVersions,
  Ajv,
  node_crypto_default,
  createHash,
  CrdValidators,
  compileExternal,
  embeddedSchemas,
  embeddedCrdGroup,
  embeddedCatalog
};
