// The fixture harness itself (kubewire/testing): marker syntax, and that every pinned detail can fail.
import { describe, expect, it } from 'vitest';
import { defineRule } from '../src/engine/rule.js';
import { pointer } from '../src/model/pointer.js';
import { checkFixture, deepFreeze, ExpectationSyntaxError, parseExpectations } from '../src/testing/fixtures.js';
import { SERVICE } from '../src/model/group-kinds.js';

/** Reports every Service with a selector, at the selector, with its name and selector size as data. */
const rule = defineRule({
  meta: {
    id: 'harness-probe',
    title: 'A rule for testing the harness',
    description: 'Reports every Service that has a selector, with its name and selector size.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: [SERVICE],
    messages: { selector: 'Service {name} selects {count} labels', empty: 'Service {name} has an empty selector' },
  },
  check(ctx) {
    const selector = (ctx.resource.value.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!selector) return;
    const count = Object.keys(selector).length;
    ctx.report({ messageId: count ? 'selector' : 'empty', data: { name: ctx.resource.name, count }, at: pointer('spec', 'selector') });
  },
});

/** Writes into the resource it was handed: the harness must make that crash. */
const mutating = defineRule({
  meta: { ...rule.meta, id: 'harness-mutator', messages: { seen: 'seen {name}' } },
  check(ctx) {
    (ctx.resource.value.metadata as Record<string, unknown>).name = 'changed';
    ctx.report({ messageId: 'seen', data: { name: ctx.resource.name }, at: '' });
  },
});

const service = (marker: string) => `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }   # expect: ${marker}
`;

describe('parseExpectations', () => {
  it('reads rule id, column, messageId and data, several per line', () => {
    const text = 'a: 1  # expect: rule-a@3 msg {"name": "web; x", "port": 80}; rule-b\n# expect-next-line: rule-c@12 other\nb: 2\n';
    const [a, b, c] = parseExpectations(text);
    const endOf = (id: string) => text.indexOf(id) + id.length;
    expect(a).toEqual({ line: 1, ruleId: 'rule-a', column: 3, messageId: 'msg', data: { name: 'web; x', port: 80 }, marker: { line: 1, ruleIdEnd: endOf('rule-a') } });
    expect(b).toEqual({ line: 1, ruleId: 'rule-b', marker: { line: 1, ruleIdEnd: endOf('rule-b') } });
    expect(c).toMatchObject({ line: 3, ruleId: 'rule-c', column: 12, messageId: 'other', marker: { line: 2 } });
    expect(parseExpectations('x: 1 # expect: rule-d {"a": "b"}\n')[0]).toMatchObject({ ruleId: 'rule-d', data: { a: 'b' } });
    expect(parseExpectations('x: 1 # expect: rule-d\r\ny: 2\r\n')[0]).toMatchObject({ line: 1, ruleId: 'rule-d', marker: { ruleIdEnd: 21 } });
  });

  it('rejects malformed markers instead of expecting less', () => {
    for (const bad of ['Rule_A', 'rule-a@x', 'rule-a@0', 'rule-a msg extra', 'rule-a {"a": 1', 'rule-a [1]', 'rule-a {"a": {"b": 1}}', 'rule-a msg {"a": true}']) {
      expect(() => parseExpectations(`a: 1 # expect: ${bad}\n`), bad).toThrow(ExpectationSyntaxError);
    }
  });
});

describe('checkFixture', () => {
  it('passes when line, column, messageId and data all match', () => {
    const r = checkFixture(rule, service('harness-probe@3 selector {"name": "web", "count": 1}'), 'f.yaml');
    expect(r.problems).toEqual([]);
    expect(r.actual[0]).toMatchObject({ line: 5, column: 3, data: { name: 'web', count: 1 } });
    expect(r.matches.map((m) => m.finding)).toEqual(r.actual);
  });

  it('data is a subset match', () => {
    expect(checkFixture(rule, service('harness-probe {"name": "web"}'), 'f.yaml').problems).toEqual([]);
  });

  it('fails on a wrong column', () => {
    expect(checkFixture(rule, service('harness-probe@4 selector'), 'f.yaml').problems).toEqual([
      'wrong: line 5:4 harness-probe selector expected, found line 5:3 harness-probe selector {"name":"web","count":1}: Service web selects 1 labels (column 3, not 4)',
    ]);
  });

  it('fails on wrong data: another value, another type, a key the rule did not give', () => {
    const problems = (data: string) => checkFixture(rule, service(`harness-probe@3 ${data}`), 'f.yaml').problems;
    expect(problems('{"name": "api"}')).toEqual([expect.stringContaining('(data name = "web", not "api")')]);
    expect(problems('{"count": "1"}')).toEqual([expect.stringContaining('(data count = 1, not "1")')]);
    expect(problems('{"port": 80}')).toEqual([expect.stringContaining('(no data port)')]);
  });

  it('fails on a wrong messageId, a wrong line, and a finding nobody expected', () => {
    expect(checkFixture(rule, service('harness-probe empty'), 'f.yaml').problems).toEqual([expect.stringContaining('(messageId selector, not empty)')]);
    const text = service('harness-probe').replace('# expect: harness-probe', '') + '# expect: harness-probe\n';
    expect(checkFixture(rule, text, 'f.yaml').problems).toEqual(['unexpected: line 5:3 harness-probe selector {"name":"web","count":1}: Service web selects 1 labels', 'missing: line 6 harness-probe']);
  });

  it('gives a pinned expectation its finding before a loose one takes it', () => {
    const two = `apiVersion: v1
kind: List
items: [{ apiVersion: v1, kind: Service, metadata: { name: a }, spec: { selector: { x: y } } }, { apiVersion: v1, kind: Service, metadata: { name: b }, spec: { selector: { x: y } } }]  # expect: harness-probe; harness-probe@73
`;
    const r = checkFixture(rule, two, 'f.yaml');
    expect(r.actual.map((f) => f.column)).toEqual([73, 161]);
    expect(r.problems).toEqual([]);
    expect(checkFixture(rule, two.replace('@73', '@74'), 'f.yaml').problems).toEqual([expect.stringMatching(/^wrong: line 3:74 .*\(column \d+, not 74\)$/)]);
  });

  it('a valid* fixture must expect nothing', () => {
    expect(checkFixture(rule, service('harness-probe'), 'valid-x.yaml').problems).toEqual(['a valid* fixture must not expect findings']);
  });

  it('deep-freezes the input: a rule that mutates it crashes into internal-error, failing the fixture', () => {
    const r = checkFixture(mutating, service('harness-mutator'), 'f.yaml');
    expect(r.actual.map((f) => f.ruleId)).toEqual(['internal-error']);
    expect(r.actual[0].message).toMatch(/read.only|frozen|Cannot assign/i);
    expect(r.problems).toContainEqual(expect.stringMatching(/^unexpected: .*internal-error/));
  });

  it('deepFreeze reaches nested arrays and objects', () => {
    const v = deepFreeze({ a: [{ b: 1 }], c: { d: 'e' } });
    expect(Object.isFrozen(v.a[0])).toBe(true);
    expect(Object.isFrozen(v.c)).toBe(true);
  });
});
