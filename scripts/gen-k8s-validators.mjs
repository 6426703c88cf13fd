#!/usr/bin/env node
// Build step (npm run build, after tsc): compiles the embedded Kubernetes schemas
// (schemas/kubernetes/v<X.Y>.json) to ajv standalone code, one CommonJS module per release in
// dist/src/schema/generated/, so that no run pays ajv's compile time (about 0.3 s for the kinds of a
// typical repository, once per process and per worker thread). The module records the hash of the
// schema file it was built from; kubewire falls back to compiling lazily when it is missing or stale.
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { AJV_OPTIONS, kubernetesSchema, schemaHash } = await import(path.join(root, 'dist/src/schema/validator.js'));
const standaloneCode = standalone.default ?? standalone;
const outDir = path.join(root, 'dist/src/schema/generated');
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(path.join(root, 'schemas/kubernetes')).filter((f) => /^v\d+\.\d+\.json$/.test(f))) {
  const text = readFileSync(path.join(root, 'schemas/kubernetes', file), 'utf8');
  const set = JSON.parse(text);
  const definitions = structuredClone(set.definitions);
  for (const d of Object.values(definitions)) kubernetesSchema(d, true);
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: false, optimize: true } });
  ajv.addSchema({ definitions }, 'k8s');
  const refs = {};
  for (const [key, name] of Object.entries(set.kinds)) refs[key] = `k8s#/definitions/${name}`;
  const code = standaloneCode(ajv, refs) + `\nexports.__schemaHash = ${JSON.stringify(schemaHash(text))};\n`;
  const out = path.join(outDir, file.replace(/\.json$/, '.cjs'));
  writeFileSync(out, code);
  console.log(`${path.relative(root, out)}: ${Object.keys(refs).length} validators, ${(code.length / 1024 / 1024).toFixed(1)} MiB`);
}
