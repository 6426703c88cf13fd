#!/usr/bin/env node
// Build step (npm run build, after tsc): compiles the embedded Kubernetes schemas of every release
// (schemas/kubernetes/{releases,definitions}.json) and the embedded CRDs (schemas/crds/) to ajv
// standalone code, one CommonJS module per release (dist/src/schema/generated/v<X.Y>.cjs) and per
// CRD bundle (gateway-api-standard.cjs, gateway-api-experimental.cjs, istio.cjs), so that no run pays ajv's compile time (about
// 0.3 s for the kinds of a typical repository, once per process and per worker thread); a run loads
// only the module of its release. The module records the hash of the data it was built from;
// kubewire falls back to compiling lazily when it is missing or stale. The CRD bundles' modules
// check formats with generated/formats.cjs (src/schema/formats.ts bundled as CommonJS, written on
// every build).
import { Ajv } from 'ajv';
import { buildSync } from 'esbuild';
import standalone from 'ajv/dist/standalone/index.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { AJV_OPTIONS, addKubernetesKeywords, kubernetesSchema } = await import(path.join(root, 'dist/src/schema/validator.js'));
const { embeddedCrdSets, embeddedSchemas, shippedVersions } = await import(path.join(root, 'dist/src/schema/embedded.js'));
const { hasCodeCache, writeCodeCache } = await import(path.join(root, 'dist/src/schema/code-cache.js'));
const standaloneCode = standalone.default ?? standalone;
const codeHash = createHash('sha256')
  .update(['crd.js', 'validator.js', 'formats.js'].map((f) => readFileSync(path.join(root, 'dist/src/schema', f), 'utf8')).join('\n'))
  .digest('hex')
  .slice(0, 16);
const outDir = path.join(root, 'dist/src/schema/generated');
mkdirSync(outDir, { recursive: true });
buildSync({
  entryPoints: [path.join(root, 'dist/src/schema/formats.js')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: path.join(outDir, 'formats.cjs'),
  logLevel: 'warning',
});
// Every release, and the embedded CRDs (Gateway API of both channels, Istio).
const sets = [...shippedVersions().map(embeddedSchemas), ...embeddedCrdSets('standard'), ...embeddedCrdSets('experimental').filter((s) => s.id.includes('experimental'))];
for (const set of sets) {
  const out = path.join(outDir, `${set.id}.cjs`);
  // Unchanged data and translation code (crd.js, validator.js as built): the module is current. A run
  // checks the data's hash only (bundles such as the Action's cannot read the code), so the build
  // must rebuild a module whenever the code changes: the marker line names both.
  const marker = `exports.__schemaHash = ${JSON.stringify(set.hash)};\n// code ${codeHash}\n`;
  // V8's code cache of the module (src/schema/code-cache.ts), made by this Node: written again with the
  // module, and when it was made from another source or by another V8.
  if (existsSync(out) && readFileSync(out, 'utf8').endsWith(marker)) {
    if (!hasCodeCache(out)) writeCodeCache(out);
    continue;
  }
  const definitions = structuredClone(set.definitions());
  for (const d of Object.values(definitions)) kubernetesSchema(d, true);
  const ajv = addKubernetesKeywords(new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: false, optimize: true } }));
  ajv.addSchema({ definitions }, 'k8s');
  const refs = {};
  for (const [key, name] of Object.entries(set.kinds)) refs[key] = `k8s#/definitions/${name}`;
  const code = standaloneCode(ajv, refs) + '\n' + marker;
  writeFileSync(out, code);
  writeCodeCache(out);
  console.log(`${path.relative(root, out)}: ${Object.keys(refs).length} validators, ${(code.length / 1024 / 1024).toFixed(1)} MiB`);
}
