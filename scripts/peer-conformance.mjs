#!/usr/bin/env node
// Peer conformance: runs the built kubewire (dist/) on the fixtures of kube-score's and kube-linter's
// own test suites, as restated in ../shared/corpus/expectations/*.json, and compares, object by
// object, whether kubewire fires where the peer's tests expect the peer's check to fire.
//
// Only peer checks with a kubewire counterpart are compared (KUBE_SCORE_MAP, KUBE_LINTER_MAP); the
// others are listed with the reason they have none. Prints the agreement figure and exits non-zero on
// any disagreement not listed in test/peer-disagreements.md (the cases where the peer is wrong by
// Kubernetes semantics, or judges something kubewire deliberately does not), or on a mapped rule that
// is not built.
//
//   node scripts/peer-conformance.mjs [shared-dir] [--verbose]
//
// The comparison logic is exported (and unit-tested in test/peer-conformance.test.ts); main() runs
// only when this file is executed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WORKLOADS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

/**
 * "The Ingress backend resolves to a Service port": a missing Service or port, or a backend that names
 * no Service at all (v1beta1 serviceName/servicePort fields in a v1 Ingress, no service, no name).
 */
const INGRESS_TARGETS = {
  rules: ['ingress-backend-service-missing', 'ingress-backend-port-missing', 'ingress-invalid'],
  messageIds: { 'ingress-invalid': ['betaFields', 'betaBackend', 'noBackend', 'noServiceName'] },
};

/**
 * kube-score check id → kubewire rules that judge the same thing, and the kinds whose grade the
 * check gives (kube-score asserts the grade of an object of these kinds). `messageIds` narrows a
 * rule to the findings that mean the same as the peer's check.
 */
export const KUBE_SCORE_MAP = {
  'service-targets-pod': { rules: ['service-selector-matches-nothing'], kinds: ['Service'] },
  'networkpolicy-targets-pod': { rules: ['network-policy-selects-nothing'], kinds: ['NetworkPolicy'] },
  // kube-score: CRITICAL when no policy selects the pod, WARNING when one direction is uncovered.
  'pod-networkpolicy': { rules: ['network-policy-missing'], kinds: WORKLOADS },
  'ingress-targets-service': { ...INGRESS_TARGETS, kinds: ['Ingress'] },
  'statefulset-has-servicename': { rules: ['statefulset-service-missing', 'statefulset-service-not-headless'], kinds: ['StatefulSet'] },
  'service-type': { rules: ['service-nodeport-exposed'], kinds: ['Service'] },
  'stable-version': { rules: ['api-version-removed', 'api-version-deprecated'], kinds: ['*'] },
  'container-ports-check': { rules: ['container-port-invalid'], kinds: WORKLOADS },
};

/** kube-linter check name → kubewire rules; kinds come from the reports the peer's test asserts. */
export const KUBE_LINTER_MAP = {
  'dangling-service': { rules: ['service-selector-matches-nothing'] },
  'dangling-networkpolicy': { rules: ['network-policy-selects-nothing'] },
  'dangling-networkpolicypeer-podselector': { rules: ['network-policy-peer-selects-nothing'] },
  'dangling-ingress': INGRESS_TARGETS,
  'exposed-services': { rules: ['service-nodeport-exposed'] },
  'host-network': { rules: ['pod-host-network'] },
  'invalid-target-ports': { rules: ['service-target-port-invalid', 'container-port-invalid'] },
  'liveness-port': { rules: ['probe-port-missing'] },
  'readiness-port': { rules: ['probe-port-missing'] },
  'startup-port': { rules: ['probe-port-missing'] },
  'no-extensions-v1beta': { rules: ['api-version-removed', 'api-version-deprecated'] },
  // kube-linter: "not selected by any NetworkPolicy" — kubewire's finding with no direction covered.
  'non-isolated-pod': { rules: ['network-policy-missing'], messageIds: { 'network-policy-missing': ['none'] } },
  'schema-validation': { rules: ['schema-invalid', 'schema-unknown-field'] },
  'kubeconform-validation': { rules: ['schema-invalid', 'schema-unknown-field'] },
};

/** Peer checks in the expectations with no kubewire counterpart, and why. */
export const NO_COUNTERPART = {
  'ssh-port':
    'flags a container port 22 on a workload; kubewire\'s service-sensitive-port-exposed judges Services that expose a sensitive port outside the cluster (the fixture has no Service)',
  'privileged-ports': 'container ports below 1024 are a pod-security matter, not a wiring one',
  'non-existent-service-account': 'ServiceAccounts are outside kubewire\'s scope (Services & Networking)',
  'mismatching-selector': 'workload selector vs template labels: outside kubewire\'s scope',
  'dangling-horizontalpodautoscaler': 'HPA targets: outside kubewire\'s scope',
  'dangling-servicemonitor': 'Prometheus Operator objects: outside kubewire\'s scope',
  'cel-dangling-servicemonitor': 'a custom CEL check of the peer\'s test config',
  'pod-probes': 'presence of probes is workload hygiene; kubewire checks only that probe ports exist (probe-port-missing)',
  'statefulset-pod-selector-labels-match-template-metadata-labels': 'workload selector vs template labels: outside kubewire\'s scope',
};

/**
 * Per-object expectations where the peer's test does not name the objects and the "dont-fire" naming
 * convention does not decide (several reports on one object, objects without names). Each is read
 * from the report messages the peer's test asserts and from the fixture. Keys: `Kind/namespace/name`
 * (namespace `default` when unset, `apiVersion` prefix when two objects share kind and name).
 */
export const KUBE_LINTER_OVERRIDES = {
  // "port targetPort "123456" in service "invalid-target-ports"" ×1, "n2345…" ×1, "port name … in container
  // "invalid-target-ports"" ×2: only the invalid-target-ports pair has bad ports.
  'invalid-target-ports': {
    'Service/test/invalid-target-ports': true,
    'Deployment/test/invalid-target-ports': true,
    'Service/test/empty-ports': false,
    'Deployment/test/empty-ports': false,
    'Service/test/no-target-port': false,
    'Deployment/test/no-target-port': false,
  },
  // Unnamed objects with fire-* and dont-fire-* containers: the object fires.
  'liveness-port': { 'Deployment/default/': true, 'StatefulSet/default/': true },
  'readiness-port': { 'Deployment/default/': true },
  'startup-port': { 'Deployment/default/': true },
  // "disallowed API object found: extensions/v1beta1, Kind=NetworkPolicy": the v1 copy does not fire.
  'no-extensions-v1beta': {
    'networking.k8s.io/v1 NetworkPolicy/default/app': false,
    'extensions/v1beta1 NetworkPolicy/default/app': true,
  },
  // Two reports, DaemonSet and Pod, "resource is not valid": the invalid-* objects; the check scope is Any.
  'schema-validation': {
    'Pod/default/valid-pod': false,
    'DaemonSet/default/invalid-daemonset': true,
    'Service/default/valid-service': false,
    'CustomResource/default/custom-resource': false,
    'Pod/default/invalid-pod': true,
  },
};
KUBE_LINTER_OVERRIDES['kubeconform-validation'] = KUBE_LINTER_OVERRIDES['schema-validation'];

/** `Kind/namespace/name`; with `withApiVersion`, prefixed by the apiVersion. */
export function objectKey(o, withApiVersion = false) {
  const key = `${o.kind}/${o.namespace ?? 'default'}/${o.name ?? ''}`;
  return withApiVersion ? `${o.apiVersion} ${key}` : key;
}

/** Whether kubewire fired on object `o` with one of the mapped rules (and messageIds, when narrowed). */
export function firedOn(findings, o, mapping) {
  return findings.some(
    (f) =>
      f.resource &&
      mapping.rules.includes(f.ruleId) &&
      (!mapping.messageIds?.[f.ruleId] || mapping.messageIds[f.ruleId].includes(f.messageId)) &&
      f.resource.kind === o.kind &&
      (f.resource.namespace ?? 'default') === (o.namespace ?? 'default') &&
      f.resource.name === (o.name ?? '') &&
      (o.apiVersion === undefined || f.resource.apiVersion === o.apiVersion),
  );
}

/**
 * Compares one kube-score case. `run(files, {rules, kubernetesVersion})` lints and returns
 * `{ findings, objects }`. Returns null for cases that assert no grade of a mapped check.
 */
export async function compareKubeScoreCase(c, fixtureDir, run) {
  const mapping = KUBE_SCORE_MAP[c.check_id];
  if (!mapping) return null;
  const expect = c.expect ?? {};
  // Skipped/annotation and ignored-check tests are about the peer's own switches, not a judgement.
  if (typeof expect.grade_value !== 'number' || expect.grade === null) return null;
  if (c.checks_config?.IgnoredTests?.length) return null;
  const files = c.inputs.map((f) => path.join(fixtureDir, f));
  const { findings, objects } = await run(files, { rules: mapping.rules, kubernetesVersion: c.run_config?.KubernetesVersion });
  const expected = expect.grade_value < 10;
  const seen = new Set();
  const targets = objects.filter((o) => {
    const k = objectKey(o, true);
    if (seen.has(k) || !(mapping.kinds.includes('*') || mapping.kinds.includes(o.kind))) return false;
    seen.add(k);
    return true;
  });
  const base = { peer: 'kube-score', check: c.check_id, test: c.test, fixture: c.inputs.join('+'), expected };
  if (targets.length === 0) return [{ ...base, object: '(no object of the graded kinds)', actual: findings.some((f) => mapping.rules.includes(f.ruleId)) }];
  // kube-score asserts the grade of the first graded object in Go map order: with several, any may be it.
  const actuals = targets.map((o) => firedOn(findings, o, mapping));
  const actual = actuals.some((a) => a === expected) ? expected : actuals[0];
  const object = targets.length === 1 ? objectKey(targets[0]) : `one of ${targets.map((o) => objectKey(o)).join(', ')}`;
  return [{ ...base, object, actual }];
}

/**
 * The per-object expectations of one kube-linter by_check entry: objects of the kinds the test's
 * reports assert (all objects for schema checks), `dont-fire` names not expected to fire, unless
 * KUBE_LINTER_OVERRIDES decides. `uncertain` when the derivation disagrees with the report count.
 */
export function kubeLinterExpectations(check, test) {
  const override = KUBE_LINTER_OVERRIDES[check];
  const objects = test.fixture_objects ?? [];
  const sharedNames = new Set();
  const counts = new Map();
  for (const o of objects) counts.set(objectKey(o), (counts.get(objectKey(o)) ?? 0) + 1);
  for (const [k, n] of counts) if (n > 1) sharedNames.add(k);
  const keyOf = (o) => (sharedNames.has(objectKey(o)) ? objectKey(o, true) : objectKey(o));
  if (override) {
    return {
      uncertain: false,
      objects: objects
        .filter((o) => keyOf(o) in override)
        .map((o) => ({ ...o, ...(sharedNames.has(objectKey(o)) ? {} : { apiVersion: undefined }), key: keyOf(o), expected: override[keyOf(o)] })),
    };
  }
  const kinds = new Set((test.expected_reports ?? []).map((r) => r.kind).filter(Boolean));
  const dontFire = new Set(test.fixture_objects_named_dont_fire ?? []);
  const out = objects
    .filter((o) => kinds.has(o.kind))
    .map((o) => ({ ...o, apiVersion: undefined, key: keyOf(o), expected: !dontFire.has(`${o.kind}/${o.name}`) }));
  const firing = out.filter((o) => o.expected).length;
  const equals = test.expected_report_count?.equals;
  return { uncertain: typeof equals === 'number' && equals !== firing, objects: out };
}

/** Compares one kube-linter by_check entry. */
export async function compareKubeLinterEntry(check, entry, test, corpusDir, run) {
  const mapping = KUBE_LINTER_MAP[check];
  if (!mapping || !test || !entry.expected_to_fire) return null;
  const { uncertain, objects } = kubeLinterExpectations(check, test);
  const { findings } = await run([path.join(corpusDir, entry.fixture)], { rules: mapping.rules });
  return objects.map((o) => ({
    peer: 'kube-linter',
    check,
    test: entry.bats_test,
    fixture: path.basename(entry.fixture),
    object: o.key,
    expected: o.expected,
    actual: firedOn(findings, o, mapping),
    ...(uncertain ? { uncertain: true } : {}),
  }));
}

/** Rows of the table in test/peer-disagreements.md: `| peer | check | fixture | object | … | reason |`. */
export function parseDisagreements(markdown) {
  const out = new Map();
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length < 7) continue;
    const [peer, check, fixture, object, peerExpects, kubewire] = cells.slice(0, 6).map((c) => c.replace(/^`(.*)`$/, '$1'));
    // The reason is the rest of the row (it may itself contain a "|" in code).
    const reason = cells.slice(6).join('|').trim();
    if (!['kube-score', 'kube-linter'].includes(peer)) continue;
    out.set(disagreementKey({ peer, check, fixture, object }), { peerExpects, kubewire, reason });
  }
  return out;
}

export function disagreementKey(r) {
  return `${r.peer}|${r.check}|${r.fixture}|${r.object}`;
}

/** Agreement figures and the disagreements split into listed (with their reason) and unlisted. */
export function summarize(results, listed) {
  const agree = results.filter((r) => r.expected === r.actual);
  const disagree = results.filter((r) => r.expected !== r.actual);
  const known = [];
  const unlisted = [];
  for (const r of disagree) {
    const entry = listed.get(disagreementKey(r));
    if (entry) known.push({ ...r, reason: entry.reason });
    else unlisted.push(r);
  }
  const seen = new Set(disagree.map(disagreementKey));
  const stale = [...listed.keys()].filter((k) => !seen.has(k));
  const byCheck = new Map();
  for (const r of results) {
    const k = `${r.peer} ${r.check}`;
    const s = byCheck.get(k) ?? { agree: 0, total: 0 };
    s.total++;
    if (r.expected === r.actual) s.agree++;
    byCheck.set(k, s);
  }
  return {
    agree: agree.length,
    total: results.length,
    percent: results.length ? Math.round((agree.length / results.length) * 1000) / 10 : 100,
    known,
    unlisted,
    stale,
    uncertain: results.filter((r) => r.uncertain),
    byCheck,
  };
}

const fire = (b) => (b ? 'fire' : 'silent');

export function formatReport(s) {
  const lines = [];
  for (const [k, v] of [...s.byCheck].sort()) lines.push(`  ${k.padEnd(48)} ${v.agree}/${v.total}`);
  if (s.known.length) {
    lines.push('', `listed disagreements (test/peer-disagreements.md): ${s.known.length}`);
    for (const r of s.known) lines.push(`  ${r.peer} ${r.check} ${r.fixture} ${r.object}: peer ${fire(r.expected)}, kubewire ${fire(r.actual)} — ${r.reason}`);
  }
  if (s.uncertain.length) {
    lines.push('', `expectations derived with a report-count mismatch (check KUBE_LINTER_OVERRIDES): ${s.uncertain.length}`);
    for (const r of s.uncertain) lines.push(`  ${r.peer} ${r.check} ${r.fixture} ${r.object}`);
  }
  if (s.stale.length) {
    lines.push('', `listed in test/peer-disagreements.md but no longer disagreeing (remove them): ${s.stale.length}`);
    for (const k of s.stale) lines.push(`  ${k}`);
  }
  if (s.unlisted.length) {
    lines.push('', `UNLISTED disagreements (bugs, or add to test/peer-disagreements.md with the reason): ${s.unlisted.length}`);
    for (const r of s.unlisted) {
      lines.push(`  ${r.peer} ${r.check} (${r.test}) ${r.fixture} ${r.object}: peer expects ${fire(r.expected)}, kubewire ${fire(r.actual)}`);
    }
  }
  lines.push('', `peer conformance: ${s.agree}/${s.total} agree (${s.percent}%), ${s.known.length} listed disagreements, ${s.unlisted.length} unlisted`);
  return lines.join('\n');
}

/** Runs every mapped case of both peers. */
export async function conformance(sharedDir, run) {
  const corpus = path.join(sharedDir, 'corpus');
  const ks = JSON.parse(readFileSync(path.join(corpus, 'expectations/kube-score.json'), 'utf8'));
  const kl = JSON.parse(readFileSync(path.join(corpus, 'expectations/kube-linter.json'), 'utf8'));
  const results = [];
  const fixtureDir = path.join(corpus, 'zegl__kube-score/score/testdata');
  for (const c of ks.cases) {
    const r = await compareKubeScoreCase(c, fixtureDir, run);
    if (r) results.push(...r);
  }
  const tests = new Map(kl.tests.map((t) => [t.bats_test, t]));
  for (const [check, entries] of Object.entries(kl.by_check)) {
    for (const entry of entries) {
      const r = await compareKubeLinterEntry(check, entry, tests.get(entry.bats_test), corpus, run);
      if (r) results.push(...r);
    }
  }
  const unmapped = [
    ...new Set([
      ...ks.cases.map((c) => c.check_id).filter((id) => id && !KUBE_SCORE_MAP[id]),
      ...Object.keys(kl.by_check).filter((id) => !KUBE_LINTER_MAP[id]),
    ]),
  ].sort();
  return { results, unmapped };
}

/** A `run` over the built library: lints the files with only the given rules, completeness complete. */
export async function builtRunner(root) {
  const dist = (p) => pathToFileURL(path.join(root, 'dist', p)).href;
  const { lintWith } = await import(dist('src/engine/lint.js'));
  const { rules } = await import(dist('rules/index.js'));
  const { resourcesOf } = await import(dist('src/model/resources.js'));
  return makeRunner(lintWith, rules, resourcesOf);
}

/** Builds a `run` from kubewire's lintWith, rule list and resourcesOf (the built ones, or the sources in tests). */
export function makeRunner(lintWith, rules, resourcesOf) {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  return async (files, { rules: ids, kubernetesVersion }) => {
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) throw new Error(`mapped rule(s) not built: ${missing.join(', ')}`);
    const cwd = path.dirname(files[0]);
    const result = await lintWith({
      paths: files,
      cwd,
      config: { file: null, dir: cwd, rules: {}, extra: {} },
      completeness: 'complete',
      namespace: 'default',
      ...(kubernetesVersion ? { kubernetesVersion } : {}),
      rules: ids.map((id) => byId.get(id)),
    });
    const objects = result.files.flatMap((f) => resourcesOf(f, 'default')).map((r) => ({
      apiVersion: r.apiVersion,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
    }));
    return { findings: result.findings, objects };
  };
}

async function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const shared = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, '../shared'));
  if (!existsSync(path.join(shared, 'corpus/expectations'))) {
    console.log(`peer conformance: ${shared}/corpus/expectations not found, skipped`);
    return 0;
  }
  if (!existsSync(path.join(root, 'dist/src/engine/lint.js'))) {
    console.log('peer conformance: dist/ not built (npm run build)');
    return 1;
  }
  const run = await builtRunner(root);
  const { results, unmapped } = await conformance(shared, run);
  const listedFile = path.join(root, 'test/peer-disagreements.md');
  const listed = existsSync(listedFile) ? parseDisagreements(readFileSync(listedFile, 'utf8')) : new Map();
  const s = summarize(results, listed);
  console.log('agreement per peer check (agree/objects):');
  console.log(formatReport(s));
  console.log(`peer checks without a kubewire counterpart: ${unmapped.length} (--verbose lists them)`);
  if (args.includes('--verbose')) {
    for (const id of unmapped) console.log(`  ${id}${NO_COUNTERPART[id] ? `: ${NO_COUNTERPART[id]}` : ''}`);
  }
  return s.unlisted.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`peer conformance failed: ${err instanceof Error ? err.stack : err}`);
      process.exit(1);
    },
  );
}
