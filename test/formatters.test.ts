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
import { linksOf, sarifViolations } from './sarif-checks.js';
import { tempDir } from './temp.js';
import { mkdirSync } from 'node:fs';
import { lint } from '../src/index.js';
import { TOOL } from '../src/engine/tool.js';
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
      expect(sarifViolations(log), 'SARIF Multitool-equivalent checks (test/sarif-checks.ts)').toEqual([]);
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
      expect(r.partialFingerprints['kubewire/v2']).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const rule of run.tool.driver.rules) {
      expect(rule.help?.markdown).toContain(`${TOOL.repository}/blob/v${TOOL.version}/rules/${rule.id}/README.md`);
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
      expect(sarifViolations(log)).toEqual([]);
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

  describe('for GitHub code scanning', () => {
    /** The same sample in several folders, as in Istio's samples/: same rule, same message, same object, different files. */
    function samples(dir: string, shift = ''): void {
      for (const name of ['bookinfo', 'httpbin', 'sleep']) {
        mkdirSync(path.join(dir, 'samples', name), { recursive: true });
        writeFileSync(
          path.join(dir, 'samples', name, 'app.yaml'),
          `${shift}apiVersion: v1
kind: Service
metadata: { name: web, namespace: demo }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: htp }, { name: admin, port: 81, targetPort: admn }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: demo }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web, ports: [{ name: http, containerPort: 8080 }] }] }
`,
        );
      }
      // Two findings of one rule about the same text (no object) in one file.
      writeFileSync(path.join(dir, 'samples', 'dupes.yaml'), `${shift}apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata:\n  k: "1"\n  k: "2"\n  k: "3"\n`);
    }
    async function sarifOf(dir: string) {
      const r = await lint({ paths: ['samples'], cwd: dir, config: { file: null, dir, rules: {} }, rules });
      const log = parseSarif(format('sarif', r));
      expect(validate(log)).toBe(true);
      expect(sarifViolations(log)).toEqual([]);
      return log.runs[0].results;
    }
    const key = (x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }, shift = 0) =>
      `${x.ruleId} ${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine - shift}:${x.locations[0].physicalLocation.region.startColumn}`;

    it('partialFingerprints differ for different results (the same sample in several folders), and survive reruns and line moves', async () => {
      const dir = tempDir('kubewire-sarif-');
      samples(dir);
      const results = await sarifOf(dir);
      const same = results.filter((x) => x.ruleId === 'service-target-port-missing');
      expect(same.length).toBeGreaterThanOrEqual(3);
      expect(new Set(same.map((x) => x.locations[0].physicalLocation.artifactLocation.uri)).size).toBe(3);
      const prints = results.map((x) => x.partialFingerprints['kubewire/v2']);
      expect(new Set(prints).size).toBe(results.length);
      expect(results.filter((x) => x.ruleId === 'yaml-duplicate-key')).toHaveLength(2);
      // A second run: the same fingerprints.
      expect((await sarifOf(dir)).map((x) => x.partialFingerprints['kubewire/v2'])).toEqual(prints);
      // Every file two lines longer at the top: every result moves, no fingerprint changes.
      const moved = tempDir('kubewire-sarif-');
      samples(moved, '# moved\n# down\n');
      const after = await sarifOf(moved);
      const before = new Map(results.map((x) => [key(x), x.partialFingerprints['kubewire/v2']]));
      expect(after).toHaveLength(results.length);
      for (const x of after) expect(x.partialFingerprints['kubewire/v2'], key(x, 2)).toBe(before.get(key(x, 2)));
    });

    it('rule help links point at the docs of the released version, absolute', () => {
      const all = { ...result, rules: rules.map((r) => r.meta), findings: [], suppressed: [] };
      const log = JSON.parse(format('sarif', all)) as { runs: { tool: { driver: { rules: { id: string; helpUri: string; help: { markdown: string; text: string } }[] } } }[] };
      const tag = `${TOOL.repository}/blob/v${TOOL.version}/`;
      expect(tag).toBe(`https://github.com/kubewire/kubewire/blob/v${TOOL.version}/`);
      for (const d of log.runs[0].tool.driver.rules) {
        expect(d.helpUri).toBe(`${tag}rules/${d.id}/README.md`);
        // Every link target in the markdown is absolute (no ../other-rule/README.md, no bare #anchor).
        for (const m of d.help.markdown.matchAll(/\]\(([^)\s]+)/g)) expect(m[1], `${d.id}: ${m[1]}`).toMatch(/^https:\/\//);
        expect(d.help.markdown).not.toContain('/blob/main/');
      }
      // The READMEs do have relative links, which now resolve against the README's own URL at the tag.
      const ingress = log.runs[0].tool.driver.rules.find((d) => /\]\(https:\/\/github\.com\/kubewire\/kubewire\/blob\/v[^/]+\/rules\/input-not-rendered\/README\.md\)/.test(d.help.markdown));
      expect(ingress, 'a rule README linking ../input-not-rendered/README.md').toBeDefined();
    });

    it('related locations are referenced from the message as [text](id); literal brackets are escaped', () => {
      const log = parseSarif(format('sarif', result));
      const withRelated = (log.runs[0].results as unknown as { message: { text: string }; relatedLocations?: { id: number; message: { text: string } }[] }[]).filter(
        (x) => x.relatedLocations?.length,
      );
      expect(withRelated.length).toBeGreaterThan(0);
      for (const x of withRelated) {
        expect(linksOf(x.message.text).sort()).toEqual(x.relatedLocations!.map((l) => l.id).sort());
        for (const l of x.relatedLocations!) expect(x.message.text).toContain(`[${l.message.text}](${l.id})`);
      }
      const hand = { ...result, findings: [{ ...result.findings[0], message: 'ports [80, 81] of a\\[b]', related: [] }], suppressed: [] };
      const text = (parseSarif(format('sarif', hand)).runs[0].results[0] as unknown as { message: { text: string } }).message.text;
      expect(text).toBe('ports \\[80, 81\\] of a\\\\\\[b\\]');
      expect(linksOf(text)).toEqual([]);
    });

    it('security-severity only on security rules whose results are errors or warnings, never on infos', async () => {
      const all = { ...result, rules: rules.map((r) => r.meta), findings: [], suppressed: [] };
      type Desc = { id: string; properties?: { tags: string[]; 'security-severity'?: string } };
      const descriptors = (JSON.parse(format('sarif', all)) as { runs: { tool: { driver: { rules: Desc[] } } }[] }).runs[0].tool.driver.rules;
      const secure = descriptors.filter((d) => d.properties?.['security-severity'] !== undefined).map((d) => d.id);
      const expected = rules.filter((r) => r.meta.securitySeverity !== undefined && r.meta.severity !== 'info').map((r) => r.meta.id).sort();
      expect(secure.sort()).toEqual(expected);
      expect(secure).not.toContain('network-policy-missing');
      for (const d of descriptors) expect(d.properties?.tags.includes('security') ?? false, d.id).toBe(secure.includes(d.id));
      // An info rule raised to warning by the config reports security alerts; left at info, none.
      const dir = tempDir('kubewire-sarif-');
      writeFileSync(path.join(dir, 'lb.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: { name: lb, namespace: shop }\nspec: { type: LoadBalancer, ports: [{ port: 80 }] }\n');
      const run = async (level?: 'warning') => {
        const r = await lint({ paths: ['.'], cwd: dir, config: { file: null, dir, rules: level ? { 'service-load-balancer-unrestricted': { severity: level } } : {} }, rules });
        const log = JSON.parse(format('sarif', r)) as { runs: { tool: { driver: { rules: Desc[] } }; results: { ruleId: string }[] }[] };
        expect(log.runs[0].results.map((x) => x.ruleId)).toContain('service-load-balancer-unrestricted');
        return log.runs[0].tool.driver.rules.find((d) => d.id === 'service-load-balancer-unrestricted')!.properties!['security-severity'];
      };
      expect(await run()).toBeUndefined();
      expect(await run('warning')).toBe('6.5');
    });
  });
});
