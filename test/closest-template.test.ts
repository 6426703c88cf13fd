// closestTemplate (src/k8s/workloads.ts) judges its candidate lists in no particular order, a template
// on two lists twice, and breaks ties by name, then file position: the same answer as the previous
// version (test/workloads-previous.ts), which sorted a set of candidates into file order first.
import { describe, expect, it } from 'vitest';
import { ResourceIndex } from '../src/index/resource-index.js';
import { closestTemplate } from '../src/k8s/workloads.js';
import type { Resource } from '../src/model/types.js';
import * as previous from './workloads-previous.js';
import { testResource } from './resources.js';

describe('closestTemplate against the previous implementation (test/workloads-previous.ts)', () => {
  it('gives the same template, differences and differing keys on random namespaces, small (read whole) and large (candidate lists)', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rnd = (n: number): number => Math.floor(random() * n);
    const keys = ['app', 'tier', 'team', 'app.kubernetes.io/name'];
    const stems = ['web', 'api', 'backend', 'payments', 'db', 'ap', 'app', 'web-frontend'];
    const value = (): string => `${stems[rnd(stems.length)]}${rnd(3) === 0 ? '' : `-${rnd(40)}`}`;
    const kinds = [
      { kind: 'Deployment', group: 'apps' },
      { kind: 'StatefulSet', group: 'apps' },
      { kind: 'DaemonSet', group: 'apps' },
    ];
    let compared = 0;
    let found = 0;
    for (let round = 0; round < 6; round++) {
      const resources: Resource[] = [];
      const size = round % 2 === 0 ? 60 + rnd(140) : 250 + rnd(500);
      for (let i = 0; i < size; i++) {
        const ns = `ns${rnd(2)}`;
        const { kind, group } = kinds[rnd(kinds.length)];
        // Some names repeat: variants of one object in several files, and one name in several kinds.
        const name = `w${rnd(size)}`;
        const labels = Object.fromEntries(keys.filter(() => rnd(3) > 0).map((k) => [k, value()]));
        resources.push(testResource({ group, kind, name, namespace: ns, file: `f${rnd(5)}.yaml`, docIndex: i, spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'c' }] } } } }));
      }
      const index = new ResourceIndex(resources);
      for (let q = 0; q < 300; q++) {
        const selector: Record<string, string> = {};
        for (const k of keys) if (rnd(2) === 0) selector[k] = rnd(4) === 0 ? value().toUpperCase() : value();
        if (rnd(10) === 0) selector['pod-template-hash'] = 'abc';
        if (rnd(10) === 0) selector['statefulset.kubernetes.io/pod-name'] = `w${rnd(size)}-0`;
        if (Object.keys(selector).length === 0) selector.app = value();
        for (const ns of ['ns0', 'ns1', null]) {
          const now = closestTemplate(index, ns, selector);
          const before = previous.closestTemplate(index, ns, selector);
          expect(now?.template, JSON.stringify({ ns, selector })).toBe(before?.template);
          expect(now?.differences).toEqual(before?.differences);
          expect(now?.differingKeys).toEqual(before?.differingKeys);
          compared++;
          if (now !== null) found++;
        }
      }
    }
    // Both paths and both answers occur: namespaces of more than 200 templates, hints found and not.
    expect(compared).toBe(6 * 300 * 3);
    expect(found).toBeGreaterThan(compared / 3);
    expect(found).toBeLessThan(compared);
  });
});
