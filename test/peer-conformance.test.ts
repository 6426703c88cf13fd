// The comparison logic of scripts/peer-conformance.mjs, on a tiny synthetic peer expectation: it runs
// the real rules from the sources, so it needs neither dist/ nor ../shared.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { rules } from '../rules/index.js';
import { lintWith } from '../src/engine/lint.js';
import { resourcesOf } from '../src/model/resources.js';
import {
  conformance,
  formatReport,
  kubeLinterExpectations,
  KUBE_LINTER_MAP,
  KUBE_SCORE_MAP,
  makeRunner,
  parseDisagreements,
  summarize,
} from '../scripts/peer-conformance.mjs';

const SERVICE_MATCHING = `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  containers: [{ name: web, image: nginx }]
`;

const SERVICE_DANGLING = `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web-frontend }
  ports: [{ port: 80 }]
`;

const KUBE_LINTER_FIXTURE = `apiVersion: v1
kind: Pod
metadata: { name: dont-fire, labels: { app: dont-fire } }
spec:
  containers: [{ name: app, image: nginx }]
---
apiVersion: v1
kind: Service
metadata: { name: dont-fire }
spec:
  selector: { app: dont-fire }
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: app }
spec:
  selector: { app: nothing }
  ports: [{ port: 80 }]
`;

let shared: string;

beforeAll(() => {
  shared = tempDir('kubewire-peer-');
  const corpus = path.join(shared, 'corpus');
  const ksDir = path.join(corpus, 'zegl__kube-score/score/testdata');
  const klDir = path.join(corpus, 'stackrox__kube-linter/tests/checks');
  mkdirSync(ksDir, { recursive: true });
  mkdirSync(klDir, { recursive: true });
  mkdirSync(path.join(corpus, 'expectations'));
  writeFileSync(path.join(ksDir, 'service-matching.yaml'), SERVICE_MATCHING);
  writeFileSync(path.join(ksDir, 'service-dangling.yaml'), SERVICE_DANGLING);
  writeFileSync(path.join(klDir, 'dangling-service.yml'), KUBE_LINTER_FIXTURE);
  const grade = (g: string, v: number) => ({ grade: g, grade_value: v });
  const ksCase = (id: number, test: string, input: string, expect: object, extra: object = {}) => ({
    id,
    test,
    inputs: [input],
    check_id: 'service-targets-pod',
    run_config: { KubernetesVersion: '1.18' },
    checks_config: null,
    expect,
    ...extra,
  });
  writeFileSync(
    path.join(corpus, 'expectations/kube-score.json'),
    JSON.stringify({
      cases: [
        ksCase(1, 'TestOk', 'service-matching.yaml', grade('OK', 10)),
        ksCase(2, 'TestCritical', 'service-dangling.yaml', grade('CRITICAL', 1)),
        // A peer expectation kubewire disagrees with: the Service matches its Pod.
        ksCase(3, 'TestWrongPeer', 'service-matching.yaml', grade('CRITICAL', 1)),
        // Not a judgement: skipped by the peer's annotation switch.
        ksCase(4, 'TestSkipped', 'service-dangling.yaml', { skipped: true }),
        // A check without a counterpart is left out.
        { ...ksCase(5, 'TestReplicas', 'service-matching.yaml', grade('OK', 10)), check_id: 'deployment-replicas' },
      ],
    }),
  );
  const test = {
    bats_test: 'dangling-service',
    fixture: 'stackrox__kube-linter/tests/checks/dangling-service.yml',
    expected_report_count: { equals: 1 },
    expected_reports: [{ index: 0, kind: 'Service', message: { equals: 'no pods found matching service labels' } }],
    fixture_objects: [
      { apiVersion: 'v1', kind: 'Pod', name: 'dont-fire', namespace: null },
      { apiVersion: 'v1', kind: 'Service', name: 'dont-fire', namespace: null },
      { apiVersion: 'v1', kind: 'Service', name: 'app', namespace: null },
    ],
    fixture_objects_named_dont_fire: ['Pod/dont-fire', 'Service/dont-fire'],
  };
  writeFileSync(
    path.join(corpus, 'expectations/kube-linter.json'),
    JSON.stringify({
      tests: [test],
      by_check: {
        'dangling-service': [{ bats_test: 'dangling-service', fixture: test.fixture, expected_to_fire: true }],
        'latest-tag': [{ bats_test: 'latest-tag', fixture: 'x.yml', expected_to_fire: true }],
      },
    }),
  );
});

afterAll(() => rmSync(shared, { recursive: true, force: true }));

const run = makeRunner(lintWith, rules, resourcesOf);

describe('peer conformance comparison', () => {
  it('maps peer checks only to rules that exist', () => {
    const ids = new Set(rules.map((r) => r.meta.id));
    const mapped = [...Object.values(KUBE_SCORE_MAP), ...Object.values(KUBE_LINTER_MAP)].flatMap((m) => m.rules);
    expect(mapped.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('compares per object, both peers, and leaves out unmapped checks and non-judgements', async () => {
    const { results, unmapped } = await conformance(shared, run);
    const view = results.map((r) => [r.peer, r.test, r.object, r.expected, r.actual]);
    expect(view).toEqual([
      ['kube-score', 'TestOk', 'Service/default/web', false, false],
      ['kube-score', 'TestCritical', 'Service/default/web', true, true],
      ['kube-score', 'TestWrongPeer', 'Service/default/web', true, false],
      ['kube-linter', 'dangling-service', 'Service/default/dont-fire', false, false],
      ['kube-linter', 'dangling-service', 'Service/default/app', true, true],
    ]);
    expect(unmapped).toEqual(['deployment-replicas', 'latest-tag']);
  });

  it('counts agreement and fails only on disagreements not listed with a reason', async () => {
    const { results } = await conformance(shared, run);
    const none = summarize(results, new Map());
    expect([none.agree, none.total, none.percent]).toEqual([4, 5, 80]);
    expect(none.unlisted.map((r) => r.test)).toEqual(['TestWrongPeer']);
    expect(formatReport(none)).toContain('peer conformance: 4/5 agree (80%), 0 listed disagreements, 1 unlisted');

    const md = [
      '| peer | check | fixture | object | peer expects | kubewire | reason |',
      '|---|---|---|---|---|---|---|',
      '| kube-score | service-targets-pod | service-matching.yaml | Service/default/web | fire | silent | the selector `a|b` matches the Pod |',
      '| kube-linter | dangling-service | dangling-service.yml | Service/default/gone | fire | silent | no longer disagrees |',
    ].join('\n');
    const listed = parseDisagreements(md);
    expect(listed.get('kube-score|service-targets-pod|service-matching.yaml|Service/default/web')?.reason).toBe('the selector `a|b` matches the Pod');
    const s = summarize(results, listed);
    expect(s.unlisted).toEqual([]);
    expect(s.known.map((r) => r.reason)).toEqual(['the selector `a|b` matches the Pod']);
    expect(s.stale).toEqual(['kube-linter|dangling-service|dangling-service.yml|Service/default/gone']);
  });

  it('derives kube-linter expectations from dont-fire names and flags report-count mismatches', () => {
    const test = {
      expected_report_count: { equals: 2 },
      expected_reports: [{ kind: 'Service' }],
      fixture_objects: [
        { apiVersion: 'v1', kind: 'Service', name: 'dont-fire', namespace: null },
        { apiVersion: 'v1', kind: 'Service', name: 'app', namespace: 'ns' },
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', namespace: null },
      ],
      fixture_objects_named_dont_fire: ['Service/dont-fire'],
    };
    const d = kubeLinterExpectations('dangling-service', test);
    expect(d.objects.map((o) => [o.key, o.expected])).toEqual([
      ['Service/default/dont-fire', false],
      ['Service/ns/app', true],
    ]);
    // Two reports but one object expected to fire: the derivation is uncertain.
    expect(d.uncertain).toBe(true);
  });

  it('tells objects of the same kind and name apart by apiVersion in overrides', () => {
    const d = kubeLinterExpectations('no-extensions-v1beta', {
      fixture_objects: [
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'app', namespace: null },
        { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', name: 'app', namespace: null },
      ],
    });
    expect(d.objects.map((o) => [o.key, o.expected])).toEqual([
      ['networking.k8s.io/v1 NetworkPolicy/default/app', false],
      ['extensions/v1beta1 NetworkPolicy/default/app', true],
    ]);
  });
});
