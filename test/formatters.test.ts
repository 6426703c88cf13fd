// Golden outputs for every format on the same input, and SARIF validated against the official schema.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { LintResult } from '../src/engine/result.js';
import { defineRule } from '../src/engine/rule.js';
import { format, FORMATS } from '../src/report/index.js';
import { lintRepoPaths, repoRoot } from './helpers.js';
import { parseSarif } from './sarif.js';
import { SERVICE } from '../src/model/group-kinds.js';

/** The rules the goldens run: fixed, so that adding rules elsewhere does not churn them. */
const GOLDEN_RULES = [
  'service-selector-matches-nothing',
  'service-target-port-missing',
  'service-target-port-undeclared',
  'statefulset-service-not-headless',
  'yaml-syntax-error',
];
const UPDATE = process.env.UPDATE_GOLDEN === '1';

let result: LintResult;
beforeAll(async () => {
  result = await lintRepoPaths(['test/fixtures/golden'], {
    rules: rules.filter((r) => GOLDEN_RULES.includes(r.meta.id)),
    includeSuppressed: true,
  });
});

/** Absolute paths (stylish, SARIF's %SRCROOT%) differ per checkout: normalise them. */
function normalise(text: string): string {
  return text.split(pathToFileURL(repoRoot).href).join('file:///REPO').split(repoRoot).join('/REPO');
}

describe('formatters (golden)', () => {
  for (const name of FORMATS) {
    it(`${name} matches test/golden/${name}.txt`, () => {
      const out = normalise(format(name, result, { includeSuppressed: name === 'sarif' }));
      const file = path.join(repoRoot, 'test/golden', `${name}.txt`);
      if (!existsSync(file)) {
        // On CI a missing golden is a failure: writing it would make the test pass vacuously.
        if (process.env.CI) expect.fail(`test/golden/${name}.txt is missing: run the tests locally (or with UPDATE_GOLDEN=1) and commit it`);
        writeFileSync(file, out);
      } else if (UPDATE) writeFileSync(file, out);
      expect(out).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('covers every severity, a related location, a fix and a suppression', () => {
    const severities = new Set(result.findings.map((f) => f.severity));
    expect([...severities].sort()).toEqual(['error', 'info', 'warning']);
    expect(result.findings.some((f) => f.related.length > 0)).toBe(true);
    expect(result.findings.some((f) => f.fix)).toBe(true);
    expect(result.suppressed.map((f) => f.suppression?.justification)).toEqual(['migrating labels']);
  });

  it('output is byte-identical for identical input', async () => {
    const again = await lintRepoPaths(['test/fixtures/golden'], {
      rules: rules.filter((r) => GOLDEN_RULES.includes(r.meta.id)),
      includeSuppressed: true,
    });
    for (const name of FORMATS) expect(format(name, again)).toBe(format(name, result));
  });
});

describe('stylish', () => {
  it('is ESLint stylish: header, aligned rows, summary', () => {
    const out = format('stylish', result);
    const lines = out.split('\n');
    expect(lines[0]).toBe('');
    expect(lines[1]).toBe(path.join(repoRoot, 'test/fixtures/golden/app.yaml'));
    // VS Code's $eslint-stylish pattern for a row:
    const row = /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.*)\s\s+(.*)$/;
    expect(lines[2]).toMatch(row);
    expect(lines.at(-2)).toMatch(/^✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ infos?\)$/);
  });
  it('prints nothing for a clean run and colors only when asked', () => {
    expect(format('stylish', { ...result, findings: [] })).toBe('');
    expect(format('stylish', result, { color: true })).toContain('\u001b[31merror\u001b[39m');
    expect(format('stylish', result)).not.toContain('\u001b[');
  });
});

describe('github', () => {
  it('escapes data and properties and puts col only on one-line ranges', () => {
    const out = format('github', result);
    expect(out).toMatch(/^::error file=test\/fixtures\/golden\/app.yaml,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=service-target-port-missing::/m);
    expect(out).toContain('::notice ');
    expect(out).not.toMatch(/::.*\n(?!::|$)/);
  });
});

describe('sarif', () => {
  const schemaPath = path.join(repoRoot, 'test/sarif-2.1.0.json');
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

  it('validates against the official SARIF 2.1.0 schema (with and without suppressed results)', () => {
    for (const includeSuppressed of [false, true]) {
      const log = parseSarif(format('sarif', result, { includeSuppressed }));
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('has one run, every rule that ran, consistent ruleIndex, relative URIs and full regions', () => {
    const log = parseSarif(format('sarif', result));
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...GOLDEN_RULES].sort());
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).not.toMatch(/^\//);
      expect(loc.region.startLine).toBeGreaterThan(1);
      expect(Object.keys(loc.region).sort()).toEqual(['endColumn', 'endLine', 'startColumn', 'startLine']);
      expect(r.partialFingerprints['kubewire/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const rule of run.tool.driver.rules) {
      expect(rule.help?.markdown).toContain(`rules/${rule.id}/README.md`);
      expect(rule.shortDescription?.text.length).toBeLessThanOrEqual(1024);
    }
  });

  it('emits results: [] when clean', () => {
    const log = parseSarif(format('sarif', { ...result, findings: [], suppressed: [] }));
    expect(log.runs[0].results).toEqual([]);
    expect(validate(log)).toBe(true);
  });

  describe('every result has a descriptor', () => {
    /** A user's own rule, passed to lint({ rules }): no README, no generated help. */
    const library = defineRule({
      meta: {
        id: 'acme-service-owner',
        title: 'Services name an owner',
        description: 'Every Service carries an acme.io/owner label, so that on-call knows whom to page.',
        severity: 'warning',
        category: 'wiring',
        appliesTo: [SERVICE],
        messages: { missing: 'Service {name} has no acme.io/owner label' },
      },
      check(ctx) {
        ctx.report({ messageId: 'missing', data: { name: ctx.resource.name }, at: '/metadata' });
      },
    });
    const boom = defineRule({
      meta: { ...library.meta, id: 'acme-boom', messages: { x: 'x' } },
      check() {
        throw new Error('kaboom');
      },
    });
    type Log = { runs: { tool: { driver: { rules: { id: string; help?: { markdown: string } }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
    /** Validates, and checks that every result's ruleIndex names its rule; returns the run. */
    function checked(r: LintResult, includeSuppressed = false): Log['runs'][0] {
      const log = JSON.parse(format('sarif', r, { includeSuppressed })) as Log;
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
      const run = log.runs[0];
      expect(run.results).toHaveLength(r.findings.length + (includeSuppressed ? r.suppressed.length : 0));
      for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
      return run;
    }

    it('library rules and internal-error from a rule set without it', async () => {
      const r = await lintRepoPaths(['test/fixtures/golden'], { rules: [library, boom] });
      expect(r.rules.map((m) => m.id)).toEqual(['acme-service-owner', 'acme-boom']);
      expect(r.reportedRules?.map((m) => m.id)).toEqual(['internal-error']);
      const run = checked(r);
      expect(run.tool.driver.rules.map((d) => d.id)).toEqual(['acme-boom', 'acme-service-owner', 'internal-error']);
      const ids = new Set(run.results.map((x) => x.ruleId));
      expect([...ids].sort()).toEqual(['acme-service-owner', 'internal-error']);
      // No README for a library rule: its help is its title and description.
      const help = run.tool.driver.rules.find((d) => d.id === 'acme-service-owner')!.help!.markdown;
      expect(help.startsWith(`# acme-service-owner\n\n${library.meta.title}\n\n${library.meta.description}\n\n**Severity:** warning`)).toBe(true);
    });

    it('internal-error disabled in the config still describes its results, with the README as help', async () => {
      const builtin = rules.filter((x) => x.meta.id === 'internal-error' || x.meta.id === 'service-target-port-missing');
      const r = await lintRepoPaths(['test/fixtures/golden'], {
        rules: [...builtin, boom],
        ruleOverrides: { 'internal-error': 'off' },
        includeSuppressed: true,
      });
      expect(r.rules.map((m) => m.id).sort()).toEqual(['acme-boom', 'service-target-port-missing']);
      expect(r.findings.some((f) => f.ruleId === 'internal-error')).toBe(true);
      for (const includeSuppressed of [false, true]) {
        const run = checked(r, includeSuppressed);
        const internal = run.tool.driver.rules.find((d) => d.id === 'internal-error')!;
        const readme = readFileSync(path.join(repoRoot, 'rules/internal-error/README.md'), 'utf8').trim();
        expect(internal.help!.markdown.startsWith(`${readme}\n\n**Severity:** error`)).toBe(true);
      }
    });

    it('a result whose rule the LintResult does not list gets a bare descriptor', () => {
      const run = checked({ ...result, rules: result.rules.filter((m) => m.id !== 'service-target-port-missing'), reportedRules: [] }, true);
      const ids = run.tool.driver.rules.map((d) => d.id);
      expect(ids).toEqual([...GOLDEN_RULES].sort());
      const bare = run.tool.driver.rules[ids.indexOf('service-target-port-missing')];
      expect(bare).toEqual({ id: 'service-target-port-missing', name: 'ServiceTargetPortMissing' });
      expect(run.results.some((x) => x.ruleId === 'service-target-port-missing')).toBe(true);
    });
  });
});
