import { createRequire as __kubewireCreateRequire } from 'node:module';
const require = __kubewireCreateRequire(import.meta.url);

// src/cel/errors.ts
var CelLibraryError = class extends Error {
  name = "CelLibraryError";
};
function celError(message) {
  return new CelLibraryError(message);
}

// src/cel/url.ts
var KubernetesURL = class _KubernetesURL {
  constructor(scheme, opaque, host, path, rawPath, rawQuery, text) {
    this.scheme = scheme;
    this.opaque = opaque;
    this.host = host;
    this.path = path;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.text = text;
  }
  scheme;
  opaque;
  host;
  path;
  rawPath;
  rawQuery;
  text;
  celEquals(other) {
    return other instanceof _KubernetesURL && other.text === this.text;
  }
  toString() {
    return this.text;
  }
  hostname() {
    const { host } = this;
    if (host.startsWith("[")) {
      const end = host.indexOf("]");
      return end < 0 ? host.slice(1) : host.slice(1, end);
    }
    const colon = host.lastIndexOf(":");
    return colon < 0 ? host : host.slice(0, colon);
  }
  port() {
    const { host } = this;
    const colon = host.lastIndexOf(":");
    if (colon < 0 || host.startsWith("[") && colon < host.indexOf("]")) return "";
    return host.slice(colon + 1);
  }
  escapedPath() {
    if (this.rawPath !== "" && validEncoded(this.rawPath) && unescape(this.rawPath, "path") === this.path) return this.rawPath;
    if (this.path === "*") return "*";
    return escapePath(this.path);
  }
  query() {
    const out = /* @__PURE__ */ new Map();
    for (const part of this.rawQuery.split("&")) {
      if (part === "" || part.includes(";")) continue;
      const eq = part.indexOf("=");
      const rawKey = eq < 0 ? part : part.slice(0, eq);
      const rawValue = eq < 0 ? "" : part.slice(eq + 1);
      let key;
      let value;
      try {
        key = unescape(rawKey, "query");
        value = unescape(rawValue, "query");
      } catch {
        continue;
      }
      const list = out.get(key);
      if (list) list.push(value);
      else out.set(key, [value]);
    }
    return out;
  }
};
var HEX = /^[0-9A-Fa-f]{2}$/;
function unescape(s, mode) {
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "%") {
      const h = s.slice(i + 1, i + 3);
      if (!HEX.test(h)) throw new Error(`invalid URL escape "${s.slice(i, i + 3)}"`);
      bytes.push(parseInt(h, 16));
      i += 2;
    } else if (c === "+" && mode === "query") bytes.push(32);
    else {
      if (mode === "host" && c.charCodeAt(0) < 128 && hostEscapes(c)) throw new Error(`invalid character ${JSON.stringify(c)} in host name`);
      for (const b of Buffer.from(c, "utf8")) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
function hostEscapes(c) {
  if (/[A-Za-z0-9]/.test(c)) return false;
  return !`-_.~!$&'()*+,;=:[]<>"`.includes(c);
}
function validEncoded(s) {
  for (const c of s) {
    if ("!$&'()*+,;=:@[]".includes(c)) continue;
    if (c === "%") continue;
    if (pathEscapes(c)) return false;
  }
  return true;
}
function pathEscapes(c) {
  if (/[A-Za-z0-9\-_.~]/.test(c)) return false;
  return !"$&+,/:;=@".includes(c);
}
function escapePath(s) {
  let out = "";
  for (const ch of s) {
    if (ch.length === 1 && ch.charCodeAt(0) < 128 && !pathEscapes(ch)) out += ch;
    else for (const b of Buffer.from(ch, "utf8")) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
function parseRequestURI(raw) {
  if (raw === "") throw new Error("empty url");
  if ([...raw].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) throw new Error("net/url: invalid control character in URL");
  let rest = raw;
  let scheme = "";
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (rest.startsWith(":")) throw new Error("missing protocol scheme");
  if (m) {
    scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  }
  let rawQuery = "";
  if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return new KubernetesURL(scheme, rest, "", "", "", rawQuery, raw);
    throw new Error("invalid URI for request");
  }
  let host = "";
  if (scheme !== "" && rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? "" : rest.slice(slash);
    host = parseAuthority(authority);
  }
  const path = unescape(rest, "path");
  return new KubernetesURL(scheme, "", host, path, rest === escapePath(path) ? "" : rest, rawQuery, raw);
}
function parseAuthority(authority) {
  const at = authority.lastIndexOf("@");
  const hostPart = at < 0 ? authority : authority.slice(at + 1);
  if (at >= 0 && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(authority.slice(0, at))) throw new Error("net/url: invalid userinfo");
  if (hostPart.startsWith("[")) {
    const end = hostPart.lastIndexOf("]");
    if (end < 0) throw new Error("missing ']' in host");
    const port = hostPart.slice(end + 1);
    if (port !== "" && !/^:\d*$/.test(port)) throw new Error(`invalid port ${JSON.stringify(port)} after host`);
    return hostPart;
  }
  const colon = hostPart.lastIndexOf(":");
  if (colon >= 0 && !/^:\d*$/.test(hostPart.slice(colon))) throw new Error(`invalid port ${JSON.stringify(hostPart.slice(colon))} after host`);
  unescape(hostPart, "host");
  return hostPart;
}
function url(s) {
  try {
    return parseRequestURI(s);
  } catch (err) {
    throw celError(`URL parse error during conversion from string: parse ${JSON.stringify(s)}: ${err.message}`);
  }
}
function isURL(s) {
  try {
    parseRequestURI(s);
    return true;
  } catch {
    return false;
  }
}
function registerURL(env) {
  env.registerType("kubernetes.URL", KubernetesURL).registerFunction("url(string): kubernetes.URL", url).registerFunction("isURL(string): bool", isURL).registerFunction("kubernetes.URL.getScheme(): string", (u) => u.scheme).registerFunction("kubernetes.URL.getHost(): string", (u) => u.host).registerFunction("kubernetes.URL.getHostname(): string", (u) => u.hostname()).registerFunction("kubernetes.URL.getPort(): string", (u) => u.port()).registerFunction("kubernetes.URL.getEscapedPath(): string", (u) => u.escapedPath()).registerFunction("kubernetes.URL.getQuery(): map<string, list<string>>", (u) => u.query()).registerFunction("string(kubernetes.URL): string", (u) => u.text).registerOperator("kubernetes.URL == kubernetes.URL", (a, b) => a.celEquals(b));
}

// src/k8s/cidr.ts
function ipFamily(text) {
  if (!goParseIP(text) && !goParseIP(stripZeros(text))) return 0;
  return text.includes(":") ? 6 : 4;
}
function ipv4Fields(s) {
  let val = 0;
  let digits = 0;
  let pos = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && val === 0) return false;
      val = val * 10 + c - 48;
      digits++;
      if (val > 255) return false;
    } else if (c === 46) {
      if (i === 0 || i === s.length - 1 || s.charCodeAt(i - 1) === 46) return false;
      if (pos === 3) return false;
      pos++;
      val = 0;
      digits = 0;
    } else return false;
  }
  return pos >= 3;
}
function ipv6(s) {
  if (s.includes("%")) return false;
  let i = 0;
  let ellipsis = -1;
  if (s.startsWith("::")) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === "") return true;
  }
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const c = s.charCodeAt(off);
      if (c >= 48 && c <= 57) acc = acc * 16 + c - 48;
      else if (c >= 97 && c <= 102) acc = acc * 16 + c - 87;
      else if (c >= 65 && c <= 70) acc = acc * 16 + c - 55;
      else break;
      if (off > 3 || acc > 65535) return false;
    }
    if (off === 0) return false;
    if (off < s.length && s[off] === ".") {
      if (ellipsis < 0 && i !== 12) return false;
      if (i + 4 > 16) return false;
      if (!ipv4Fields(s)) return false;
      s = "";
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s === "") break;
    if (s[0] !== ":" || s.length === 1) return false;
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return false;
      ellipsis = i;
      s = s.slice(1);
      if (s === "") break;
    }
  }
  if (s !== "") return false;
  if (i < 16) return ellipsis >= 0;
  return ellipsis < 0;
}
function goParseIP(s) {
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === ".") return ipv4Fields(s);
    if (c === ":") return ipv6(s);
    if (c === "%") return false;
  }
  return false;
}
var MATCH_ZEROS = /(^|:)0*(0|[1-9][0-9]*)\.0*(0|[1-9][0-9]*)\.0*(0|[1-9][0-9]*)\.0*(0|[1-9][0-9]*)((\/)0*(0|[1-9][0-9]*))?$/;
var stripZeros = (s) => s.replace(MATCH_ZEROS, "$1$2.$3.$4.$5$7$8");
function parseCidr(text) {
  if (text === "") return { problem: "it is empty" };
  const slash = text.indexOf("/");
  if (slash < 0) {
    const family2 = ipFamily(text);
    if (family2 === 4) return { problem: "it is a single address without a /prefix", suggestion: `${text}/32` };
    if (family2 === 6) return { problem: "it is a single address without a /prefix", suggestion: `${text}/128` };
    if (/^\d{1,3}(\.\d{1,3}){3}-\d{1,3}(\.\d{1,3}){3}$/.test(text)) return { problem: "address ranges (a-b) are not CIDRs" };
    return { problem: "it is not an IP address with a /prefix" };
  }
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  const family = ipFamily(address);
  if (family === 0) return { problem: `"${address}" is not an IPv4 or IPv6 address` };
  if (!/^\d{1,3}$/.test(bits)) return { problem: `the prefix "/${bits}" is not a number` };
  const prefix = Number(bits);
  const max = family === 4 ? 32 : 128;
  if (prefix > max) {
    return { problem: `the prefix /${prefix} is longer than the ${max} bits of an IPv${family} address` };
  }
  return { cidr: { family, address, prefix } };
}
function isCatchAll(c) {
  return c.prefix === 0;
}

export {
  celError,
  parseRequestURI,
  isURL,
  registerURL,
  ipFamily,
  goParseIP,
  stripZeros,
  parseCidr,
  isCatchAll
};
