#!/usr/bin/env node
// Derives the embedded Kubernetes JSON schemas from the OpenAPI v3 documents the Kubernetes API
// server publishes (/openapi/v3, one document per group-version), for every minor release in
// ../shared/schemas-src/kubernetes-openapi/<X.Y>/ (override with KUBEWIRE_SCHEMAS_SRC=<schemas-src>).
//
//   node scripts/gen-k8s-schemas.mjs            write schemas/kubernetes/{definitions,releases}.json
//   node scripts/gen-k8s-schemas.mjs --check    exit 1 when the committed files are stale
//
// Output (vendored, so that the build and every run need no ../shared):
//   definitions.json  every definition once per distinct content across releases: name → [variant…]
//   releases.json     per release: its kinds ("apiVersion Kind" → definition name) and the variant of
//                     each definition it uses where that is not the first (the others: those its kinds reach)
// Descriptions, patch strategies and defaults are dropped (nothing validates them); what validation
// needs is kept, translated to JSON schema as the API server reads it:
//   - `allOf: [{$ref}]` (how v3 documents wrap a reference) becomes the reference;
//   - IntOrString (format int-or-string) is `integer | string`, Quantity `string | number`;
//   - objects with properties reject unknown fields (additionalProperties: false; kubectl's default
//     field validation is Strict), except under x-kubernetes-preserve-unknown-fields;
//   - enumerations: these documents carry none (kubectl-validate's copies drop the "Possible enum
//     values" of the `+enum` marker from descriptions), so the `+enum` fields of Kubernetes 1.33
//     (scripts/data/k8s-enums.json) are applied to every release that has the field; "" is accepted
//     in each (the API server defaults it like an absent field: `protocol: ""` is TCP);
//   - required fields, minus NOT_ENFORCED_REQUIRED.
// Output is deterministic (sorted keys).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import yaml from 'js-yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcRoot = process.env.KUBEWIRE_SCHEMAS_SRC ?? path.join(root, '..', 'shared', 'schemas-src');
const openapiDir = path.join(srcRoot, 'kubernetes-openapi');
const outDir = path.join(root, 'schemas', 'kubernetes');

const SOURCE =
  'Kubernetes API server OpenAPI v3 documents (/openapi/v3) as vendored by kubernetes-sigs/kubectl-validate pkg/openapiclient/builtins/ (commit a97ccfa); Apache-2.0, Copyright The Kubernetes Authors';

/**
 * OpenAPI marks every Go field without `omitempty` as required, but the API server decodes a missing
 * slice or struct as its zero value and accepts it for these fields (its validation allows an empty
 * value). Reporting them would be false positives: the Gateway API conformance suite applies
 * EndpointSlices without `endpoints`, and an absent NetworkPolicy podSelector selects every pod.
 */
const NOT_ENFORCED_REQUIRED = {
  'io.k8s.api.discovery.v1.EndpointSlice': ['endpoints'],
  'io.k8s.api.discovery.v1beta1.EndpointSlice': ['endpoints'],
  'io.k8s.api.networking.v1.NetworkPolicySpec': ['podSelector'],
  'io.k8s.api.core.v1.LimitRangeSpec': ['limits'],
};

/** Definitions whose v3 form is a `oneOf` of scalar types, as one type list. */
const SCALAR_UNIONS = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: ['integer', 'string'] },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: ['number', 'string'] },
};

function listDocs(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listDocs(p));
    else if (name.endsWith('.json.gz')) out.push(p);
  }
  return out;
}

/** definition → property path ("ports/[]/protocol", [] = list items) → allowed values. */
const ENUMS = JSON.parse(readFileSync(path.join(root, 'scripts', 'data', 'k8s-enums.json'), 'utf8')).enums;

function applyEnums(name, d) {
  for (const [at, values] of Object.entries(ENUMS[name] ?? {})) {
    let node = d;
    for (const step of at.split('/')) node = step === '[]' ? node?.items : node?.properties?.[step];
    if (node?.type === 'string') node.enum = ['', ...values];
  }
}

const DROPPED = new Set([
  'description',
  'default',
  'format',
  'example',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-group-version-kind',
  'x-kubernetes-map-type',
  'x-kubernetes-unions',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
]);

function refName(ref) {
  const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!m) throw new Error(`unexpected $ref ${ref}`);
  return m[1];
}

/** One OpenAPI v3 schema node → the JSON schema kubewire validates with. */
function convert(node) {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
  if (node.$ref) return { $ref: `#/definitions/${refName(node.$ref)}` };
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    // A []byte field (format byte): the API server decodes it as Go's encoding/json does, and a value
    // that is not base64 fails decoding (src/schema/formats.ts "base64"). Other formats of built-in
    // types are not checked by the API server (Go types, not OpenAPI, decode and validate them).
    if (k === 'format' && v === 'byte' && node.type === 'string') out['x-kubewire-format'] = 'base64';
    if (DROPPED.has(k)) continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, convert(s)]));
    else if (k === 'items' || k === 'additionalProperties' || k === 'not') out[k] = typeof v === 'object' ? convert(v) : v;
    else if (k === 'allOf' || k === 'oneOf' || k === 'anyOf') out[k] = v.map(convert);
    else out[k] = v;
  }
  // v3 documents wrap a reference in allOf to give it a description or default.
  if (out.allOf?.length === 1 && out.allOf[0].$ref && Object.keys(out).length === 1) return out.allOf[0];
  if (out.type === 'string' && Array.isArray(out.enum) && !out.enum.includes('')) out.enum = ['', ...out.enum];
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

function convertDefinition(name, schema) {
  if (SCALAR_UNIONS[name]) return SCALAR_UNIONS[name];
  const d = convert(schema);
  applyEnums(name, d);
  const skip = NOT_ENFORCED_REQUIRED[name];
  if (skip && d.required) {
    d.required = d.required.filter((f) => !skip.includes(f));
    if (d.required.length === 0) delete d.required;
  }
  return d;
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/** The kinds a group-version serves: those its paths create or replace (lists are flattened by the loader). */
function servedKinds(doc) {
  const kinds = new Map();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      const gvk = op?.['x-kubernetes-group-version-kind'];
      if (!gvk || !['post', 'put'].includes(op['x-kubernetes-action'])) continue;
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      kinds.set(`${apiVersion} ${gvk.kind}`, gvk);
    }
  }
  return kinds;
}

function definitionOfKind(schemas, gvk) {
  for (const [name, s] of Object.entries(schemas)) {
    const list = s['x-kubernetes-group-version-kind'];
    if (Array.isArray(list) && list.length === 1 && list[0].group === gvk.group && list[0].version === gvk.version && list[0].kind === gvk.kind) return name;
  }
  return null;
}

const versions = existsSync(openapiDir)
  ? readdirSync(openapiDir).filter((v) => /^\d+\.\d+$/.test(v)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
  : [];
if (versions.length === 0) {
  if (process.argv.includes('--check')) {
    console.log(`schemas/kubernetes not checked: no OpenAPI documents in ${openapiDir}`);
    process.exit(0);
  }
  console.error(`no OpenAPI documents in ${openapiDir} (set KUBEWIRE_SCHEMAS_SRC to the schemas-src folder)`);
  process.exit(1);
}

/** name → [variant JSON text…] */
const variants = new Map();
const releases = {};
for (const version of versions) {
  const kinds = {};
  const defs = {};
  for (const file of listDocs(path.join(openapiDir, version))) {
    const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
    const schemas = doc.components?.schemas ?? {};
    for (const [key, gvk] of servedKinds(doc)) {
      if (gvk.kind.endsWith('List')) continue;
      const name = definitionOfKind(schemas, gvk);
      if (name) kinds[key] = name;
    }
    for (const [name, schema] of Object.entries(schemas)) {
      const text = JSON.stringify(sortKeys(convertDefinition(name, schema)));
      if (defs[name] !== undefined && defs[name] !== text) throw new Error(`${version}: ${name} differs between documents`);
      defs[name] = text;
    }
  }
  // Only what the kinds reach: the documents also hold types of no object (DeleteOptions, WatchEvent…).
  const reached = new Set();
  const visit = (name) => {
    if (reached.has(name)) return;
    if (defs[name] === undefined) throw new Error(`${version}: missing definition ${name}`);
    reached.add(name);
    for (const m of defs[name].matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) visit(m[1]);
  };
  Object.values(kinds).forEach(visit);
  const uses = {};
  for (const name of [...reached].sort()) {
    let list = variants.get(name);
    if (!list) variants.set(name, (list = []));
    let i = list.indexOf(defs[name]);
    if (i < 0) i = list.push(defs[name]) - 1;
    if (i > 0) uses[name] = i;
  }
  // The definitions a release uses are those its kinds reach, each the first variant unless listed.
  releases[version] = { kinds: sortKeys(kinds), variants: uses };
}

const definitionsText =
  '{"$comment":' +
  JSON.stringify(`Generated by scripts/gen-k8s-schemas.mjs; do not edit. Source: ${SOURCE}`) +
  ',"definitions":{' +
  [...variants.keys()]
    .sort()
    .map((name) => `${JSON.stringify(name)}:[${variants.get(name).join(',')}]`)
    .join(',') +
  '}}\n';
const releasesText =
  JSON.stringify({
    $comment: `Generated by scripts/gen-k8s-schemas.mjs; do not edit. Source: ${SOURCE}`,
    source: SOURCE,
    // Identifies definitions.json, so that a run need not read it to match precompiled validators.
    definitionsHash: createHash('sha256').update(definitionsText).digest('hex').slice(0, 16),
    releases,
  }) + '\n';

/**
 * The embedded CustomResourceDefinitions (schemas/crds/<bundle>.json): each bundle's served versions
 * and their openAPIV3Schema with descriptions dropped (CEL rules, defaults and formats kept: they are
 * upstream's), deduplicated across channels. src/schema/crd.ts translates them when validators are built.
 */
const CRD_BUNDLES = [
  {
    file: 'gateway-api.json',
    source: 'Gateway API v1.6.1 CRDs, kubernetes-sigs/gateway-api config/crd/ (commit 4564255); Apache-2.0, Copyright The Kubernetes Authors',
    channels: { standard: 'gateway-api-v1.6.1/standard', experimental: 'gateway-api-v1.6.1/experimental' },
  },
  {
    file: 'istio.json',
    source: 'Istio 1.31 CRDs, istio/istio manifests/charts/base/files/crd-all.gen.yaml (commit 86c9f01); Apache-2.0, Copyright Istio Authors',
    channels: { istio: 'istio-1.31/crd-all.gen.yaml' },
  },
];

/** Drops the description of each schema node (not a property named "description": `properties` maps names). */
function stripDescriptions(v) {
  if (Array.isArray(v)) return v.map(stripDescriptions);
  if (!v || typeof v !== 'object') return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'description' && typeof x === 'string') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(x).map(([p, s]) => [p, stripDescriptions(s)])) : stripDescriptions(x);
  }
  return out;
}

function crdsOf(p) {
  const files = statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(p, f)) : [p];
  const out = [];
  for (const f of files) {
    for (const doc of yaml.loadAll(readFileSync(f, 'utf8'))) {
      if (doc?.kind !== 'CustomResourceDefinition') continue;
      for (const v of doc.spec.versions ?? []) {
        if (v.served === false || !v.schema?.openAPIV3Schema) continue;
        out.push([`${doc.spec.group}/${v.name} ${doc.spec.names.kind}`, JSON.stringify(sortKeys(stripDescriptions(v.schema.openAPIV3Schema)))]);
      }
    }
  }
  return out;
}

const outputs = { 'definitions.json': definitionsText, 'releases.json': releasesText };
for (const bundle of CRD_BUNDLES) {
  const schemas = new Map();
  const channels = {};
  for (const [channel, rel] of Object.entries(bundle.channels)) {
    const kinds = {};
    for (const [key, text] of crdsOf(path.join(srcRoot, rel))) {
      let list = schemas.get(key);
      if (!list) schemas.set(key, (list = []));
      let i = list.indexOf(text);
      if (i < 0) i = list.push(text) - 1;
      kinds[key] = i;
    }
    channels[channel] = sortKeys(kinds);
  }
  outputs[`../crds/${bundle.file}`] =
    `{"$comment":${JSON.stringify(`Generated by scripts/gen-k8s-schemas.mjs; do not edit. Source: ${bundle.source}`)},"source":${JSON.stringify(bundle.source)},` +
    `"channels":${JSON.stringify(channels)},"schemas":{` +
    [...schemas.keys()].sort().map((k) => `${JSON.stringify(k)}:[${schemas.get(k).join(',')}]`).join(',') +
    '}}\n';
}
if (process.argv.includes('--check')) {
  let stale = false;
  for (const [file, text] of Object.entries(outputs)) {
    const dest = path.join(outDir, file);
    if (!existsSync(dest) || readFileSync(dest, 'utf8') !== text) {
      console.error(`${path.relative(root, dest)} is stale: run node scripts/gen-k8s-schemas.mjs`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
  console.log('schemas/kubernetes is current');
  process.exit(0);
}
for (const [file, text] of Object.entries(outputs)) {
  mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
  writeFileSync(path.join(outDir, file), text);
}
const hash = createHash('sha256').update(definitionsText).digest('hex').slice(0, 8);
console.log(
  `schemas/kubernetes: releases ${versions.join(', ')}; ${variants.size} definitions, ${[...variants.values()].reduce((n, l) => n + l.length, 0)} variants; ` +
    `definitions.json ${(definitionsText.length / 1024).toFixed(0)} KiB (${hash}), releases.json ${(releasesText.length / 1024).toFixed(0)} KiB; ` +
    CRD_BUNDLES.map((b) => `crds/${b.file} ${(outputs[`../crds/${b.file}`].length / 1024).toFixed(0)} KiB; `).join('') +
    versions.map((v) => `${v}: ${Object.keys(releases[v].kinds).length} kinds`).join(', '),
);
