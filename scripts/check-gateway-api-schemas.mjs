#!/usr/bin/env node
// Real-world check of the embedded Gateway API and Istio schemas (run by .ci/run when ../shared
// exists; `npm run build` first):
// - every manifest of kubernetes-sigs/gateway-api hack/invalid-examples (upstream's CRD tests expect
//   `kubectl apply` of each to fail) gets a schema error, standard/ against the standard channel,
//   experimental/ against the experimental channel. Those whose reason is a CEL rule
//   (x-kubernetes-validations, not evaluated by kubewire) are listed in NEEDS_CEL and may get no
//   error (some get one for another true reason); the check fails when another one gets none;
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

/** Invalid because of a CEL rule only: kubewire does not evaluate x-kubernetes-validations. */
const NEEDS_CEL = new Set([
  'experimental/httproute/invalid-filter-externalauth-bad-http-path.yaml',
  'experimental/httproute/invalid-filter-externalauth-empty.yaml',
  'experimental/httproute/invalid-filter-externalauth-no-protocol.yaml',
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
  if (errors.length === 0 && !NEEDS_CEL.has(rel)) problems.push(`hack/invalid-examples/${rel}: no schema error`);
  if (NEEDS_CEL.has(rel)) console.log(`  needs CEL: ${rel}${errors.length ? ` (error for another reason: ${errors[0].message})` : ''}`);
}
console.log(`gateway-api hack/invalid-examples: ${caught} of ${total} files get a schema error (${NEEDS_CEL.size} need CEL rules, not evaluated)`);

const placeholder = (f) => f.file.endsWith('gatewayclass-observed-generation-bump.yaml') && f.message.startsWith('spec.controllerName must match pattern');
for (const [dirs, channel] of [
  [['examples/standard'], 'standard'],
  [['examples/experimental', 'conformance'], 'experimental'],
]) {
  const result = await lint(dirs.map((d) => path.join(gw, d)), channel);
  for (const f of result.findings) {
    if ((f.severity !== 'info' && !placeholder(f)) || f.ruleId === 'schema-missing') problems.push(`${path.relative(corpus, f.file)}:${f.line}:${f.column} ${f.message} [${f.ruleId}] (${channel} channel)`);
  }
  console.log(`gateway-api ${dirs.join(', ')} (${channel} channel): ${result.summary.resources} objects`);
}

const istio = await lint([path.join(corpus, 'istio__istio')], 'standard');
for (const f of istio.findings) {
  const istioKind = /No schema for [a-z.]*istio\.io\//.test(f.message);
  if (f.severity !== 'info' || istioKind) problems.push(`${path.relative(corpus, f.file)}:${f.line}:${f.column} ${f.message} [${f.ruleId}]`);
}
console.log(`istio samples: ${istio.summary.resources} objects\n`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('embedded Gateway API and Istio schemas: as expected');
