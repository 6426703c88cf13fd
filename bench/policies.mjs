#!/usr/bin/env node
// Policies' cost: `kubewire lint` of the 10k-document clean corpus (bench/generate.mjs, seed 42) with
// and without 20 ValidatingAdmissionPolicies (each bound; Services, workloads, every object; variables,
// messageExpression, namespace selectors), alternating runs; prints the medians and the overhead.
// The target: at most +30%.
//
//   node bench/policies.mjs [documents]     (default 10000; RUNS=5 for more runs)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const total = Number(process.argv[2]) || 10000;
const RUNS = Number(process.env.RUNS) || 3;
const TARGET = 0.3;

const rule = (group, resource) => `    resourceRules:\n    - { apiGroups: ["${group}"], apiVersions: ["*"], operations: ["CREATE", "UPDATE"], resources: ["${resource}"] }\n`;
const SPECS = [
  [rule('', 'services'), `"has(object.metadata.labels) && 'app' in object.metadata.labels"`, ''],
  [rule('', 'services'), `"!has(object.spec.type) || object.spec.type != 'LoadBalancer'"`, ''],
  [rule('', 'services'), `"object.spec.ports.all(p, p.port > 0 && p.port < 65536)"`, ''],
  [rule('', 'services'), `"object.spec.ports.all(p, !has(p.name) || p.name.matches('^[a-z0-9-]+$'))"`, ''],
  [rule('', 'services'), `"size(object.metadata.name) <= 63"`, ''],
  [rule('apps', 'deployments'), `"!has(object.spec.replicas) || object.spec.replicas <= 50"`, ''],
  [rule('apps', 'deployments'), `"variables.containers.all(c, !c.image.endsWith(':latest'))"`, '  variables:\n  - { name: containers, expression: "object.spec.template.spec.containers" }\n'],
  [rule('apps', 'deployments'), `"variables.containers.all(c, has(c.resources))"`, '  variables:\n  - { name: containers, expression: "object.spec.template.spec.containers" }\n'],
  [rule('apps', 'deployments'), `"object.spec.template.spec.containers.all(c, c.name.size() < 64)"`, ''],
  [rule('apps', '*'), `"has(object.spec.selector)"`, ''],
  [rule('*', '*'), `"object.metadata.name.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$')"`, ''],
  [rule('*', '*'), `"!has(object.metadata.annotations) || !('forbidden' in object.metadata.annotations)"`, ''],
  [rule('*', '*'), `"!has(object.metadata.labels) || object.metadata.labels.all(k, size(k) <= 317)"`, ''],
  [rule('networking.k8s.io', 'ingresses'), `"!has(object.spec.rules) || object.spec.rules.all(r, !has(r.host) || r.host.endsWith('.example.com'))"`, ''],
  [rule('networking.k8s.io', 'networkpolicies'), `"has(object.spec.podSelector)"`, ''],
  [rule('', 'configmaps'), `"!has(object.data) || size(object.data) < 100"`, ''],
  [rule('', 'secrets'), `"object.type != 'kubernetes.io/basic-auth'"`, ''],
  [rule('batch', 'jobs'), `"!has(object.spec.backoffLimit) || object.spec.backoffLimit < 10"`, ''],
  [rule('', 'serviceaccounts'), `"true"`, ''],
  [rule('apps', 'statefulsets'), `"has(object.spec.serviceName)"`, ''],
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'kubewire-bench-policies-'));
try {
  const corpus = path.join(dir, 'corpus');
  generateCorpus(total, corpus, 42, 'clean');
  const policies = SPECS.map(([match, expression, variables], i) =>
    `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: { name: bench-${i} }\nspec:\n  matchConstraints:\n${match}${variables}  validations:\n  - expression: ${expression}\n    messageExpression: "'policy ${i}: ' + object.metadata.name"\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: { name: bench-${i} }\nspec:\n  policyName: bench-${i}\n  validationActions: [${i % 3 === 0 ? 'Warn' : 'Deny'}]\n${i % 4 === 0 ? '  matchResources:\n    namespaceSelector: { matchExpressions: [{ key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system] }] }\n' : ''}`,
  ).join('---\n');
  const policyFile = path.join(dir, 'policies.yaml');
  writeFileSync(policyFile, policies);
  const run = (extra) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [path.join(root, 'bin/kubewire.js'), 'lint', corpus, '-f', 'json', '--no-render', ...extra], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status === 2) throw new Error(r.stderr);
    const findings = JSON.parse(r.stdout).findings;
    return { ms, policyFindings: findings.filter((f) => f.ruleId.startsWith('policy/')).length };
  };
  const base = [];
  const withPolicies = [];
  let found = 0;
  for (let i = 0; i < RUNS; i++) {
    base.push(run([]).ms);
    const w = run(['--policy', policyFile]);
    withPolicies.push(w.ms);
    found = w.policyFindings;
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const b = median(base);
  const w = median(withPolicies);
  const overhead = w / b - 1;
  console.log(`${total} documents, ${SPECS.length} policies (${found} policy findings), ${RUNS} runs each`);
  console.log(`  without policies  ${(b / 1000).toFixed(2)} s`);
  console.log(`  with policies     ${(w / 1000).toFixed(2)} s   (+${(overhead * 100).toFixed(1)}%, target at most +${TARGET * 100}%)`);
  if (overhead > TARGET) process.exitCode = 1;
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(dir);
}
