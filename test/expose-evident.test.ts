// evidentWorkload (src/k8s/expose.ts) reads the serving templates filed under a name once per run;
// the plain filter it replaced scanned every template of the namespace per question. Same answers.
import { describe, expect, it } from 'vitest';
import { ResourceIndex } from '../src/index/resource-index.js';
import type { PodTemplateView } from '../src/index/pod-templates.js';
import { evidentWorkload } from '../src/k8s/expose.js';
import type { Resource } from '../src/model/types.js';
import { testResource } from './resources.js';

const NAME_LABELS = ['app', 'app.kubernetes.io/name', 'name', 'k8s-app'];
const SERVING = new Set(['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Rollout', 'Custom']);

/** The plain filter, as evidentWorkload was written before. */
function plain(index: ResourceIndex, namespace: string, name: string): PodTemplateView | null {
  const byOwner = new Map<string, PodTemplateView>();
  for (const t of index.templatesIn(namespace)) {
    if (t.produced || !t.maker || !SERVING.has(t.maker.kind) || t.owner.producedBy) continue;
    if (t.owner.name !== name && !NAME_LABELS.some((k) => t.labels[k] === name)) continue;
    if (!byOwner.has(t.owner.key)) byOwner.set(t.owner.key, t);
  }
  return byOwner.size === 1 ? [...byOwner.values()][0] : null;
}

describe('evidentWorkload against the plain filter', () => {
  it('gives the same workload on random namespaces (names and labels shared, variants in several files, Jobs)', () => {
    let seed = 5;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rnd = (n: number): number => Math.floor(random() * n);
    const kinds = [
      { kind: 'Deployment', group: 'apps' },
      { kind: 'StatefulSet', group: 'apps' },
      { kind: 'Job', group: 'batch' },
    ];
    const names = ['web', 'api', 'db', 'cache', 'worker', 'web-v2'];
    let compared = 0;
    let found = 0;
    for (let round = 0; round < 8; round++) {
      const resources: Resource[] = [];
      for (let i = 0; i < 40 + rnd(80); i++) {
        const ns = `ns${rnd(2)}`;
        const { kind, group } = kinds[rnd(kinds.length)];
        const name = names[rnd(names.length)] + (rnd(2) === 0 ? '' : `-${rnd(4)}`);
        const labels = Object.fromEntries([...NAME_LABELS, 'tier'].filter(() => rnd(4) === 0).map((k) => [k, names[rnd(names.length)]]));
        const template = { metadata: { labels }, spec: { containers: [{ name: 'c' }] } };
        resources.push(testResource({ group, kind, name, namespace: ns, file: `f${rnd(3)}.yaml`, docIndex: i, spec: kind === 'Job' ? { template } : { selector: { matchLabels: labels }, template } }));
      }
      const index = new ResourceIndex(resources);
      for (const ns of ['ns0', 'ns1', 'ns2']) {
        for (const base of names) {
          for (const name of [base, `${base}-${rnd(4)}`]) {
            expect(evidentWorkload(index, ns, name), `${ns} ${name}`).toBe(plain(index, ns, name));
            compared++;
            if (plain(index, ns, name) !== null) found++;
          }
        }
      }
    }
    expect(compared).toBe(8 * 3 * 12);
    expect(found).toBeGreaterThan(20);
    expect(found).toBeLessThan(compared - 20);
  });
});
