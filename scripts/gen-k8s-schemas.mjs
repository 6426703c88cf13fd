#!/usr/bin/env node
// Derives the embedded Kubernetes JSON schemas (schemas/kubernetes/v<X.Y>.json) from the
// `kubernetes-models` npm package (a devDependency): every built-in kind of its Kubernetes release.
//
//   node scripts/gen-k8s-schemas.mjs            write schemas/kubernetes/v<X.Y>.json
//   node scripts/gen-k8s-schemas.mjs --check    exit 1 when the committed file is stale
//
// The structure (properties, required fields, enums, free-form maps, nested types) is read from the
// package's TypeScript declarations with the TypeScript compiler API; integer vs number is not
// visible in TypeScript, so each numeric field is probed against the package's own compiled
// validator (`_schemas/<Definition>.js`, which rejects 0.5 where the OpenAPI type is integer).
// Output is deterministic (sorted keys). Nothing is written by hand per kind; the only adjustments are
// NOT_ENFORCED_REQUIRED (required fields the API server does not enforce) and allowEmptyEnumValue
// (an empty string is accepted where OpenAPI lists an enumeration), both documented below.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('kubernetes-models/package.json'));
const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const machineryDir = path.join(root, 'node_modules/@kubernetes-models/apimachinery');

/**
 * The Kubernetes release the package describes. Its README badge is stale (it still says 1.27), so
 * known package versions are mapped explicitly and checked against an API that first appeared in
 * that release (networking.k8s.io/v1 ServiceCIDR: 1.33).
 */
function kubernetesRelease() {
  const known = { '4.5.1': { release: '1.33', marker: 'networking.k8s.io/v1/ServiceCIDR.d.ts' } };
  const entry = known[pkg.version];
  if (!entry) throw new Error(`add kubernetes-models ${pkg.version} to kubernetesRelease() in ${path.basename(fileURLToPath(import.meta.url))}`);
  if (!existsSync(path.join(pkgDir, entry.marker))) {
    throw new Error(`kubernetes-models ${pkg.version} does not look like Kubernetes ${entry.release} (no ${entry.marker})`);
  }
  return entry.release;
}

function listDts(dir) {
  return ts.sys.readDirectory(dir, ['.d.ts'], ['**/node_modules/**', '**/_schemas/**']).sort();
}

const files = listDts(pkgDir);
const program = ts.createProgram(files, { strict: true, skipLibCheck: true, noEmit: true, types: [] });
const checker = program.getTypeChecker();

/** Interface name in a declaration file → its unique OpenAPI-derived name (IoK8sApiCoreV1ServicePort). */
const exportNames = new Map();
function definitionName(decl) {
  const sf = decl.getSourceFile();
  let names = exportNames.get(sf.fileName);
  if (!names) {
    names = new Map();
    for (const m of sf.text.matchAll(/\bI(\w+) as I((?:IoK8s|Io)\w+)/g)) names.set('I' + m[1], m[2]);
    exportNames.set(sf.fileName, names);
  }
  return names.get(decl.name.text) ?? null;
}

const definitions = {};
const validatorFiles = new Map(); // definition → compiled validator of the package

function validatorPath(name) {
  for (const dir of [pkgDir, machineryDir]) {
    const f = path.join(dir, '_schemas', `${name}.js`);
    if (existsSync(f)) return f;
  }
  return null;
}

function isUndefined(t) {
  return (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0;
}

/** JSON schema of a TypeScript type; object interfaces become definitions referenced by $ref. */
function schemaOf(type) {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !isUndefined(t));
    if (parts.length === 1) return schemaOf(parts[0]);
    if (parts.every((t) => t.isStringLiteral())) return { type: 'string', enum: parts.map((t) => t.value).sort() };
    // boolean is the union true | false
    if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    const types = new Set();
    for (const p of parts) {
      const s = schemaOf(p);
      if (typeof s.type !== 'string' || s.enum || s.$ref) return {}; // mixed shapes: be lenient
      types.add(s.type);
    }
    return { type: [...types].sort() };
  }
  if (type.flags & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
  if (type.flags & ts.TypeFlags.String) return { type: 'string' };
  if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
  if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
  if (checker.isArrayType(type)) {
    const [item] = checker.getTypeArguments(type);
    return { type: 'array', items: schemaOf(item) };
  }
  if (type.flags & ts.TypeFlags.Object) {
    const sym = type.aliasSymbol ?? type.getSymbol();
    const decl = sym?.declarations?.[0];
    if (decl && ts.isInterfaceDeclaration(decl)) {
      const name = definitionName(decl);
      if (name) {
        defineInterface(name, type, decl);
        return { $ref: `#/definitions/${name}` };
      }
    }
    const props = checker.getPropertiesOfType(type);
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (props.length === 0 && index) return { type: 'object', additionalProperties: schemaOf(index.type) };
    if (props.length === 0) return { type: 'object' }; // {} / object: free-form
    return objectSchema(type, null);
  }
  return {};
}

function objectSchema(type, selfName) {
  const props = checker.getPropertiesOfType(type);
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  // An empty interface is a free-form value in Kubernetes (RawExtension, JSON, preserve-unknown-fields).
  if (props.length === 0 && !index) return {};
  const properties = {};
  const required = [];
  for (const p of [...props].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const decl = p.valueDeclaration ?? p.declarations?.[0];
    const t = checker.getTypeOfSymbolAtLocation(p, decl);
    let s = schemaOf(t);
    if (p.name === 'apiVersion' || p.name === 'kind') s = { type: 'string' };
    properties[p.name] = s;
    if (!(p.flags & ts.SymbolFlags.Optional)) required.push(p.name);
  }
  const out = { type: 'object', properties };
  if (required.length) out.required = required;
  out.additionalProperties = index ? schemaOf(index.type) : false;
  if (selfName) probeIntegers(selfName, out);
  return out;
}

function defineInterface(name, type, decl) {
  if (name in definitions) return;
  definitions[name] = null; // placeholder against recursion
  definitions[name] = objectSchema(checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(decl.name)) ?? type, name);
}

/** Integer vs number: asks the package's compiled validator whether 0.5 is accepted at each numeric field. */
function probeIntegers(name, schema) {
  const file = validatorPath(name);
  if (!file) return;
  let validate = validatorFiles.get(file);
  if (!validate) validatorFiles.set(file, (validate = require(file).validate));
  const hasNumber = (s) => s && (s.type === 'number' || (Array.isArray(s.type) && s.type.includes('number')));
  const toInteger = (s) => {
    if (s.type === 'number') s.type = 'integer';
    else s.type = s.type.map((t) => (t === 'number' ? 'integer' : t)).sort();
  };
  const rejectsFraction = (value, at) => {
    validate(value);
    return (validate.errors ?? []).some((e) => e.instancePath === at && e.keyword === 'type' && e.params.type === 'integer');
  };
  for (const [prop, s] of Object.entries(schema.properties)) {
    const at = '/' + prop.replace(/~/g, '~0').replace(/\//g, '~1');
    if (hasNumber(s) && rejectsFraction({ [prop]: 0.5 }, at)) toInteger(s);
    if (s.type === 'array' && hasNumber(s.items) && rejectsFraction({ [prop]: [0.5] }, `${at}/0`)) toInteger(s.items);
    if (s.type === 'object' && hasNumber(s.additionalProperties) && rejectsFraction({ [prop]: { k: 0.5 } }, `${at}/k`)) {
      toInteger(s.additionalProperties);
    }
  }
}

// Every top-level kind: an interface whose apiVersion and kind are string literals.
const kinds = {};
for (const sf of program.getSourceFiles()) {
  if (!sf.fileName.startsWith(pkgDir) || sf.fileName.includes('/_schemas/')) continue;
  for (const stmt of sf.statements) {
    if (!ts.isInterfaceDeclaration(stmt)) continue;
    const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(stmt.name));
    const av = type.getProperty('apiVersion');
    const k = type.getProperty('kind');
    if (!av || !k) continue;
    const avType = checker.getTypeOfSymbolAtLocation(av, stmt);
    const kType = checker.getTypeOfSymbolAtLocation(k, stmt);
    if (!avType.isStringLiteral() || !kType.isStringLiteral()) continue;
    if (kType.value.endsWith('List') && type.getProperty('items')) continue; // lists are flattened by the loader
    const name = definitionName(stmt);
    if (!name) continue;
    defineInterface(name, type, stmt);
    kinds[`${avType.value} ${kType.value}`] = name;
  }
}

/**
 * OpenAPI marks every Go field without `omitempty` as required, but the API server decodes a missing
 * slice or struct as its zero value and accepts it for these fields (its validation allows an empty
 * value). Reporting them would be false positives: the Gateway API conformance suite applies
 * EndpointSlices without `endpoints`, and an absent NetworkPolicy podSelector selects every pod.
 */
const NOT_ENFORCED_REQUIRED = {
  IoK8sApiDiscoveryV1EndpointSlice: ['endpoints'],
  IoK8sApiDiscoveryV1beta1EndpointSlice: ['endpoints'],
  IoK8sApiNetworkingV1NetworkPolicySpec: ['podSelector'],
  IoK8sApiExtensionsV1beta1NetworkPolicySpec: ['podSelector'],
  IoK8sApiCoreV1LimitRangeSpec: ['limits'],
};
for (const [name, fields] of Object.entries(NOT_ENFORCED_REQUIRED)) {
  const d = definitions[name];
  if (!d?.required) continue;
  d.required = d.required.filter((f) => !fields.includes(f));
  if (d.required.length === 0) delete d.required;
}

/**
 * An empty string in an enumerated field is, for the API server, the field left unset: defaulting
 * fills it (`protocol: ""` becomes TCP, `type: ""` ClusterIP) or the empty value has a meaning of its
 * own (a toleration's `effect: ""` matches every effect). OpenAPI's enums leave "" out; accepting it
 * everywhere misses the rare field that rejects it, rather than flag the many that take it.
 */
function allowEmptyEnumValue(schema) {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach(allowEmptyEnumValue);
  if (schema.type === 'string' && Array.isArray(schema.enum) && !schema.enum.includes('')) schema.enum = ['', ...schema.enum];
  for (const [k, v] of Object.entries(schema)) if (k !== 'enum') allowEmptyEnumValue(v);
}
for (const d of Object.values(definitions)) {
  for (const p of Object.values(d?.properties ?? {})) allowEmptyEnumValue(p);
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

const release = kubernetesRelease();
const out = {
  $comment: `Generated by scripts/gen-k8s-schemas.mjs from kubernetes-models@${pkg.version}; do not edit.`,
  kubernetesVersion: release,
  source: `kubernetes-models@${pkg.version}`,
  kinds: sortKeys(kinds),
  definitions: sortKeys(definitions),
};
const dest = path.join(root, 'schemas/kubernetes', `v${release}.json`);
const text = JSON.stringify(out) + '\n';
if (process.argv.includes('--check')) {
  const current = existsSync(dest) ? readFileSync(dest, 'utf8') : '';
  if (current !== text) {
    console.error(`${path.relative(root, dest)} is stale: run node scripts/gen-k8s-schemas.mjs`);
    process.exit(1);
  }
  console.log(`${path.relative(root, dest)} is current`);
  process.exit(0);
}
mkdirSync(path.dirname(dest), { recursive: true });
writeFileSync(dest, text);
console.log(`${path.relative(root, dest)}: ${Object.keys(kinds).length} kinds, ${Object.keys(definitions).length} definitions, ${(JSON.stringify(out).length / 1024).toFixed(0)} KiB`);
