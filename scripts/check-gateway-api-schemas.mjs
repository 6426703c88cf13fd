#!/usr/bin/env node
// Real-world check of the embedded Gateway API and Istio schemas (run by .ci/run when ../shared
// exists; `npm run build` first):
// - every manifest of kubernetes-sigs/gateway-api hack/invalid-examples (upstream's CRD tests expect
//   `kubectl apply` of each to fail) gets a schema error, standard/ against the standard channel,
//   experimental/ against the experimental channel; those whose reason is a CEL rule
//   (x-kubernetes-validations) are listed in NEEDS_CEL and must get a schema-cel-invalid error; the
//   check fails when a file gets no error, and lists each CEL file with the message it got; the IP
//   addresses of standard/gateway/invalid-addresses.yaml (NEEDS_FORMAT) must each get a format error;
// - examples/standard (standard channel), examples/experimental and conformance/ (experimental
//   channel) get no schema error, but the conformance placeholder {GATEWAY_CONTROLLER_NAME};
// - istio/istio samples: no schema error and no schema-missing for an Istio kind.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'corpus'));
const { lintWith } = await import(path.join(root, 'dist/src/engine/lint.js'));
const { rules } = await import(path.join(root, 'dist/rules/index.js'));
const schemaRules = rules.filter((r) => r.meta.category === 'schema');

/** Invalid because of a CEL rule only (x-kubernetes-validations): each must get a schema-cel-invalid error. */
// In v1.6.1 experimental/httproute/invalid-filter-externalauth-bad-http-path.yaml and
// -no-protocol.yaml fail structurally (the path's pattern, the required protocol): schema-invalid.
const NEEDS_CEL = new Set([
  'experimental/httproute/invalid-filter-externalauth-empty.yaml',
  'standard/gateway/hostname-tcp.yaml',
  'standard/gateway/hostname-udp.yaml',
  'standard/gateway/invalid-addresses.yaml',
  'standard/gateway/invalid-tls-mode.yaml',
  'standard/gateway/tlsconfig-tcp.yaml',
  'standard/httproute/httproute-portless-backend.yaml',
  'standard/httproute/httproute-portless-service.yaml',
  'standard/httproute/invalid-filter-duplicate.yaml',
  'standard/httproute/invalid-filter-empty.yaml',
  'standard/httproute/invalid-filter-wrong-field.yaml',
  'standard/httproute/invalid-path-alphanum-specialchars-mix.yaml',
  'standard/httproute/invalid-path-specialchars.yaml',
  'standard/httproute/invalid-request-redirect-with-backendref.yaml',
]);

/** Lines whose value must get a schema-invalid format error (`format: ipv4`/`ipv6` under anyOf, type defaulted to IPAddress). */
const NEEDS_FORMAT = new Map([['standard/gateway/invalid-addresses.yaml', [8, 9, 10, 11, 12, 13, 14, 15, 17]]]);

function yamlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

async function lint(paths, channel) {
  const config = { file: null, dir: corpus, rules: {}, gatewayApiChannel: channel };
  return lintWith({ paths, cwd: corpus, config, rules: schemaRules });
}

const problems = [];
const gw = path.join(corpus, 'kubernetes-sigs__gateway-api');
const invalidDir = path.join(gw, 'hack', 'invalid-examples');
let caught = 0;
let total = 0;
for (const file of yamlFiles(invalidDir)) {
  const rel = path.relative(invalidDir, file);
  const result = await lint([file], rel.startsWith('experimental') ? 'experimental' : 'standard');
  const errors = result.findings.filter((f) => f.severity === 'error');
  total++;
  if (errors.length > 0) caught++;
  if (errors.length === 0) problems.push(`hack/invalid-examples/${rel}: no schema error`);
  const cel = errors.filter((f) => f.ruleId === 'schema-cel-invalid');
  if (NEEDS_CEL.has(rel)) {
    if (cel.length === 0) problems.push(`hack/invalid-examples/${rel}: no schema-cel-invalid error`);
    console.log(`  CEL: ${rel}: ${cel.map((f) => `${f.line}:${f.column} ${f.message}`).join('; ') || 'none'}`);
  }
  for (const line of NEEDS_FORMAT.get(rel) ?? []) {
    const f = errors.find((e) => e.ruleId === 'schema-invalid' && e.line === line && /must have format ipv4 or ipv6/.test(e.message));
    if (!f) problems.push(`hack/invalid-examples/${rel}:${line}: no format error`);
  }
  for (const f of result.findings) if (f.ruleId === 'schema-cel-invalid' && f.severity !== 'error') problems.push(`hack/invalid-examples/${rel}:${f.line}:${f.column} ${f.message}`);
}
console.log(`gateway-api hack/invalid-examples: ${caught} of ${total} files get a schema error (${NEEDS_CEL.size} by a CEL rule)`);

const placeholder = (f) => f.file.endsWith('gatewayclass-observed-generation-bump.yaml') && f.message.startsWith('spec.controllerName must match pattern');
for (const [dirs, channel] of [
  [['examples/standard'], 'standard'],
  [['examples/experimental', 'conformance'], 'experimental'],
]) {
  const result = await lint(dirs.map((d) => path.join(gw, d)), channel);
  for (const f of result.findings) {
    if ((f.severity !== 'info' && !placeholder(f)) || f.ruleId === 'schema-missing' || f.ruleId === 'schema-cel-invalid') problems.push(`${path.relative(corpus, f.file)}:${f.line}:${f.column} ${f.message} [${f.ruleId}] (${channel} channel)`);
  }
  console.log(`gateway-api ${dirs.join(', ')} (${channel} channel): ${result.summary.resources} objects`);
}

const istio = await lint([path.join(corpus, 'istio__istio')], 'standard');
for (const f of istio.findings) {
  const istioKind = /No schema for [a-z.]*istio\.io\//.test(f.message);
  if (f.severity !== 'info' || istioKind || f.ruleId === 'schema-cel-invalid') problems.push(`${path.relative(corpus, f.file)}:${f.line}:${f.column} ${f.message} [${f.ruleId}]`);
}
console.log(`istio samples: ${istio.summary.resources} objects\n`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('embedded Gateway API and Istio schemas: as expected');
