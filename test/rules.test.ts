// Meta-tests over every rule, and every rule's fixtures with their inline expectations.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { AnyRule } from '../src/engine/rule.js';
import { checkFixture, parseExpectations, type FixtureResult } from '../src/testing/fixtures.js';

const rulesDir = path.resolve(__dirname, '../rules');
const folders = readdirSync(rulesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/**
 * Messages no fixture file can carry, each exercised by a named test instead:
 * internal-error needs a crashing rule (test/engine.test.ts), tooLarge a 16 MiB file (test/load.test.ts).
 */
const EXERCISED_ELSEWHERE: Record<string, string[]> = {
  'internal-error': ['crashed'],
  'yaml-syntax-error': ['tooLarge'],
};

/** Headings every rule README has, in this order. */
const README_HEADINGS = ['## What it flags', '## Why it matters', '## Examples', '### Invalid', '### Valid', '## How to fix'];

/** The rules a rule's findings defer to (meta.qualifies) run beside it, as in a full lint; only its own findings are compared. */
function companions(rule: AnyRule): AnyRule[] {
  return rules.filter((r) => rule.meta.qualifies?.includes(r.meta.id));
}

describe('rule registry', () => {
  it('lists every rule folder, each once, with folder name = id', () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual(folders);
  });
  it('has kebab-case ids, titles and descriptions', () => {
    for (const { meta } of rules) {
      expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(meta.title.length, meta.id).toBeGreaterThan(5);
      expect(meta.title.length, meta.id).toBeLessThanOrEqual(1024);
      expect(meta.description.length, meta.id).toBeGreaterThan(20);
      expect(meta.description.length, meta.id).toBeLessThanOrEqual(1024);
      expect(Object.keys(meta.messages).length, meta.id).toBeGreaterThan(0);
      if (meta.securitySeverity !== undefined) {
        expect(meta.securitySeverity).toBeGreaterThanOrEqual(0.1);
        expect(meta.securitySeverity).toBeLessThanOrEqual(10);
      }
    }
  });
});

for (const rule of rules) {
  const id = rule.meta.id;
  const dir = path.join(rulesDir, id);
  describe(id, () => {
    const fixtureDir = path.join(dir, 'fixtures');
    const fixtures = existsSync(fixtureDir) ? readdirSync(fixtureDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
    // Each fixture is checked once, by whichever test needs it first: every test stands alone
    // (-t, --sequence.shuffle) without running the fixtures twice.
    const results = new Map<string, { result: FixtureResult; text: string }>();
    const resultOf = (f: string) => {
      let r = results.get(f);
      if (!r) {
        const bytes = readFileSync(path.join(fixtureDir, f));
        r = { result: checkFixture(rule, bytes, `rules/${id}/fixtures/${f}`, companions(rule)), text: bytes.toString('utf8') };
        results.set(f, r);
      }
      return r;
    };

    it('has fixtures, including a valid one', () => {
      expect(fixtures.length).toBeGreaterThan(0);
      expect(fixtures.some((f) => f.startsWith('valid'))).toBe(true);
    });

    for (const f of fixtures) {
      it(`fixture ${f}`, () => {
        const { result, text } = resultOf(f);
        expect(result.problems).toEqual([]);
        if (!f.startsWith('valid')) expect(parseExpectations(text).length).toBeGreaterThan(0);
      });
    }

    it('exercises every messageId in some fixture', () => {
      const exercised = new Set(fixtures.flatMap((f) => resultOf(f).result.actual.map((a) => a.messageId)));
      const elsewhere = EXERCISED_ELSEWHERE[id] ?? [];
      expect([...new Set([...exercised, ...elsewhere])].sort()).toEqual(Object.keys(rule.meta.messages).sort());
    });

    it('pins the column of at least one finding in its fixtures', () => {
      const expected = fixtures.flatMap((f) => resultOf(f).result.expected.filter((e) => e.ruleId === id));
      if (expected.length === 0) return; // no fixture expects a finding of this rule: nothing to pin
      expect(
        expected.some((e) => e.column !== undefined),
        `${id}: pin a column (# expect: ${id}@<column>), or run node scripts/pin-fixture-columns.mjs`,
      ).toBe(true);
    });

    it('has a README with the standard sections whose examples tell the truth', () => {
      const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
      expect(readme.startsWith(`# ${id}\n`)).toBe(true);
      let at = 0;
      for (const h of README_HEADINGS) {
        const i = readme.indexOf(`\n${h}\n`, at);
        expect(i, `${id} README lacks "${h}" (in order)`).toBeGreaterThan(-1);
        at = i;
      }
      if (rule.meta.options) expect(readme).toContain('\n## Options\n');
      if (!rule.check) return; // file-level and engine rules: examples are about text, checked by fixtures
      const invalid = firstYamlBlock(readme, '### Invalid');
      const valid = firstYamlBlock(readme, '### Valid');
      expect(invalid, 'Invalid example').not.toBeNull();
      expect(valid, 'Valid example').not.toBeNull();
      const bad = checkFixture(rule, invalid!, `README-invalid.yaml`, companions(rule));
      expect(bad.actual.filter((x) => x.ruleId === id).length, `${id}: the Invalid example must produce a finding`).toBeGreaterThan(0);
      const good = checkFixture(rule, valid!, `README-valid.yaml`, companions(rule));
      expect(good.actual.filter((x) => x.ruleId === id), `${id}: the Valid example must produce nothing`).toEqual([]);
    });
  });
}

function firstYamlBlock(readme: string, heading: string): string | null {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) return null;
  const m = /```ya?ml\n([\s\S]*?)```/.exec(readme.slice(start));
  return m ? m[1] : null;
}
