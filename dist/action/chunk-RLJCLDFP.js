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

export {
  celError,
  parseRequestURI,
  isURL,
  registerURL
};
