// NetworkPolicy helpers (src/k8s/network-policy.ts): ipBlock except subsets, policyTypes defaulting,
// selector validation, and the quick fix of the selects-nothing rules.
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { runRules } from '../src/engine/run.js';
import { loadText } from '../src/load/load.js';
import { effectivePolicyTypes, exceptProblem, parseCidr, policiesSelecting, policyPodSelector, selectorProblem, type ParsedCidr } from '../src/k8s/network-policy.js';
import { ResourceIndex } from '../src/index/resource-index.js';
import { formatLabels, formatSelector, matchesSelector, stringMap, type LabelSelector } from '../src/index/labels.js';
import type { Resource } from '../src/model/types.js';
import { resolveSettings } from '../src/config/settings.js';
import { testResource } from './resources.js';

function cidr(text: string): ParsedCidr {
  const c = parseCidr(text);
  if (!('cidr' in c)) throw new Error(`${text}: ${c.problem}`);
  return c.cidr;
}

function policy(spec: Record<string, unknown>): Resource {
  return testResource({ group: 'networking.k8s.io', kind: 'NetworkPolicy', name: 'p', namespace: 'default', spec });
}

describe('ipBlock except ⊂ cidr (ValidateIPBlock)', () => {
  const cases: [string, string, string | null][] = [
    ['10.0.0.0/16', '10.0.1.0/24', null],
    ['10.0.0.0/16', '10.0.255.255/32', null],
    ['10.1.2.3/8', '10.200.0.0/16', null], // host bits in cidr are allowed
    ['010.0.0.0/8', '10.1.0.0/16', null], // leading zeros read as decimal
    ['0.0.0.0/0', '169.254.169.254/32', null],
    ['10.0.0.0/16', '10.1.0.0/24', 'it is not inside cidr'],
    ['10.0.0.0/16', '10.0.0.0/16', 'it covers all of cidr (its prefix must be longer than /16)'],
    ['10.0.0.0/16', '10.0.0.0/8', 'it is larger than cidr (its prefix must be longer than /16)'],
    ['10.0.0.0/16', '11.0.0.0/8', 'it is not inside cidr'],
    ['10.0.0.0/16', '2001:db8::/64', 'it is IPv6 but cidr is IPv4'],
    ['2001:db8::/32', '2001:db8:ffff::/48', null],
    ['2001:db8::/32', '2001:db9::/48', 'it is not inside cidr'],
    ['2001:db8::/32', '2001:db8::/32', 'it covers all of cidr (its prefix must be longer than /32)'],
    ['2001:db8::/32', '2001::/16', 'it is larger than cidr (its prefix must be longer than /32)'],
    ['::/0', 'fd00::/8', null],
  ];
  for (const [c, e, want] of cases) {
    it(`${e} in ${c}`, () => expect(exceptProblem(cidr(c), cidr(e))).toBe(want));
  }
});

describe('effective policyTypes (SetDefaults_NetworkPolicy)', () => {
  const types = (spec: Record<string, unknown>) => [...effectivePolicyTypes(policy(spec))].sort();
  it('defaults to Ingress, plus Egress only for a non-empty egress list', () => {
    expect(types({ podSelector: {} })).toEqual(['Ingress']);
    expect(types({ podSelector: {}, egress: [] })).toEqual(['Ingress']);
    expect(types({ podSelector: {}, egress: [{}] })).toEqual(['Egress', 'Ingress']);
    expect(types({ podSelector: {}, policyTypes: [], egress: [{}] })).toEqual(['Egress', 'Ingress']);
  });
  it('takes explicit policyTypes as written', () => {
    expect(types({ podSelector: {}, policyTypes: ['Egress'], ingress: [{}] })).toEqual(['Egress']);
    expect(types({ podSelector: {}, policyTypes: ['Ingress'], egress: [{}] })).toEqual(['Ingress']);
  });
});

describe('label selector validation (ValidateLabelSelector)', () => {
  it('accepts the four operators with the right values', () => {
    expect(
      selectorProblem({
        matchExpressions: [
          { key: 'a', operator: 'In', values: ['x'] },
          { key: 'b', operator: 'NotIn', values: ['y'] },
          { key: 'c', operator: 'Exists' },
          { key: 'd', operator: 'DoesNotExist', values: [] },
        ],
      }),
    ).toBeNull();
  });
  it('points at the offending expression', () => {
    expect(selectorProblem({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toEqual({
      message: 'matchExpressions[0] (a In) needs at least one value',
      path: ['matchExpressions', 0],
    });
    expect(selectorProblem({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })?.path).toEqual(['matchExpressions', 0, 'values']);
    expect(selectorProblem({ matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] })?.path).toEqual(['matchExpressions', 0, 'operator']);
  });
});

describe('selects-nothing quick fix', () => {
  const rule = rules.find((r) => r.meta.id === 'network-policy-selects-nothing')!;
  const lint = (text: string) =>
    runRules({
      files: [loadText(text, 'np.yaml')],
      rules: [rule],
      settings: resolveSettings(null, process.cwd()),
      cwd: process.cwd(),
    }).findings;
  const deployment = (labels: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: ${labels} }
  template:
    metadata: { labels: ${labels} }
    spec: { containers: [{ name: web, image: nginx }] }
`;
  const policyWith = (labels: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web }
spec:
  podSelector:
    matchLabels: ${labels}
`;

  it('replaces the one differing value with the closest template\'s', () => {
    const [f] = lint(policyWith('{ app: webb, tier: front }') + deployment('{ app: web, tier: front }'));
    expect(f?.fix).toMatchObject({ text: 'web', range: { line: 6 } });
  });
  it('quotes a value that YAML would not read as a string', () => {
    const [f] = lint(policyWith('{ app: web, enabled: "false" }') + deployment('{ app: web, enabled: "true" }'));
    expect(f?.fix?.text).toBe('"true"');
  });
  it('offers no fix when several values differ', () => {
    const [f] = lint(policyWith('{ app: webb, tier: back }') + deployment('{ app: web, tier: front }'));
    expect(f?.messageId).toBe('closest');
    expect(f?.fix).toBeUndefined();
  });
});

describe('policiesSelecting (templates matched through the groups filed under their labels)', () => {
  it('gives, for every template, exactly the policies whose podSelector matches it, in input order', () => {
    // A seeded generator: selectors of matchLabels, matchExpressions, both or neither, over few keys and values.
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor(seed / 65536) % n);
    const keys = ['app', 'tier', 'team', 'version'];
    const vals = ['a', 'b', 'c'];
    const labelsOf = (): Record<string, string> => Object.fromEntries(keys.filter(() => rnd(3) > 0).map((k) => [k, vals[rnd(3)]]));
    const ops = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Bogus'];
    const selectorOf = (): Record<string, unknown> => {
      const sel: Record<string, unknown> = {};
      if (rnd(3) > 0) sel.matchLabels = Object.fromEntries(keys.filter(() => rnd(4) === 0).map((k) => [k, vals[rnd(3)]]));
      if (rnd(3) === 0) sel.matchExpressions = [{ key: keys[rnd(4)], operator: ops[rnd(5)], values: [vals[rnd(3)], vals[rnd(3)]] }];
      return sel;
    };
    const resources: Resource[] = [];
    for (let i = 0; i < 300; i++) {
      const ns = `ns${rnd(2)}`;
      if (rnd(2) === 0) {
        const p = policy({ podSelector: selectorOf() });
        resources.push({ ...p, name: `p${i}`, namespace: ns, key: `networking.k8s.io/NetworkPolicy/${ns}/p${i}` });
      } else {
        const labels = labelsOf();
        resources.push(testResource({ group: 'apps', kind: 'Deployment', name: `d${i}`, namespace: ns, docIndex: i, spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'c' }] } } } }));
      }
    }
    const index = new ResourceIndex(resources);
    const policies = resources.filter((r) => r.kind === 'NetworkPolicy');
    let selecting = 0;
    for (const t of index.allTemplates()) {
      const expected = policies.filter((p) => p.namespace === t.namespace && matchesSelector(policyPodSelector(p), t.labels));
      expect(policiesSelecting(index, t).map((p) => p.name)).toEqual(expected.map((p) => p.name));
      selecting += expected.length;
    }
    expect(index.allTemplates().length).toBeGreaterThan(100);
    // The generator makes every shape: templates selected by none, one and several groups.
    expect(selecting).toBeGreaterThan(100);
  });
});

describe('label texts in messages (src/index/labels.ts)', () => {
  // The texts as the first version made them (lists of pairs joined), against which the loops are checked.
  const reference = {
    labels: (l: Record<string, string>) => Object.entries(l).map(([k, v]) => `${k}=${v}`).join(','),
    selector(sel: LabelSelector) {
      const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
      for (const e of sel.matchExpressions ?? []) {
        if (e.operator === 'Exists') parts.push(e.key);
        else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
        else parts.push(`${e.key} ${e.operator.toLowerCase() === 'notin' ? 'notin' : 'in'} (${(e.values ?? []).join(',')})`);
      }
      return parts.join(',');
    },
  };
  const selectors: LabelSelector[] = [
    {},
    { matchLabels: {} },
    { matchLabels: { app: 'web' } },
    { matchLabels: { app: 'web', tier: 'front', '': 'x', '2': 'numeric key first' } },
    { matchExpressions: [{ key: '', operator: 'Exists' }, { key: 'b', operator: 'DoesNotExist' }] },
    { matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: '', operator: 'Exists' }] },
    { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev', 'qa'] }, { key: 'x', operator: 'In', values: [] }] },
    { matchLabels: { '': '' }, matchExpressions: [{ key: '', operator: 'Exists' }] },
  ];
  it('formatLabels and formatSelector write what the joined lists wrote', () => {
    for (const sel of selectors) {
      expect(formatSelector(sel)).toBe(reference.selector(sel));
      expect(formatLabels(sel.matchLabels ?? {})).toBe(reference.labels(sel.matchLabels ?? {}));
    }
  });
  it('stringMap keeps strings, numbers and booleans as strings, in key order', () => {
    const read = stringMap({ b: 'x', a: 1, '10': true, '2': null, c: ['no'], d: { no: 1 } });
    expect(read).toEqual({ '10': 'true', b: 'x', a: '1' });
    expect(Object.keys(read)).toEqual(['10', 'b', 'a']);
    expect(stringMap('text')).toEqual({});
  });
});
