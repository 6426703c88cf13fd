// Formatters are pure functions of the result: no file is read, no environment variable consulted,
// while formatting. Everything they print that is not in the result (rule help, the tool's version)
// is generated into the registry at build time; this file also checks that generated text is current.
import * as fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/** Set while a formatter runs: any fs call (node:fs is mocked in this file, `fs` below too) then throws. */
const guard = vi.hoisted(() => ({ on: false, calls: [] as string[] }));

function guarded<T extends object>(mod: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(mod)) {
    out[key] =
      typeof value === 'function'
        ? function (this: unknown, ...args: unknown[]) {
            if (guard.on) {
              guard.calls.push(key);
              throw new Error(`formatter called fs.${key}`);
            }
            return (value as (...a: unknown[]) => unknown).apply(this, args);
          }
        : value;
  }
  return out as T;
}

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const g = guarded(fs);
  return { ...g, default: g };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const g = guarded(fs);
  return { ...g, default: g };
});

const { rules } = await import('../rules/index.js');
const { ruleHelp } = await import('../rules/help.js');
const { TOOL } = await import('../src/engine/tool.js');
const { format, FORMATS } = await import('../src/report/index.js');
const { absoluteLinks, ruleHelpMarkdown } = await import('../src/report/rule-help.js');
const { ruleDocsUrl } = await import('../src/engine/package-info.js');
const { jobSummary } = await import('../src/action/summary.js');
const { buildGraph } = await import('../src/graph/build.js');
const { lintRepoPaths, repoRoot } = await import('./helpers.js');
type LintResult = import('../src/engine/result.js').LintResult;

/** Runs fn with fs calls and process.env reads forbidden. */
function pure<T>(fn: () => T): T {
  const env = process.env;
  const reads: string[] = [];
  process.env = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') reads.push(key);
      const value: unknown = Reflect.get(target, key);
      return value;
    },
  });
  guard.on = true;
  guard.calls = [];
  try {
    return fn();
  } finally {
    guard.on = false;
    process.env = env;
    expect(guard.calls, 'fs calls while formatting').toEqual([]);
    expect(reads, 'process.env reads while formatting').toEqual([]);
  }
}

let result: LintResult;
beforeAll(async () => {
  result = await lintRepoPaths(['test/fixtures/golden'], { includeSuppressed: true });
});

describe('formatters are pure functions of the result', () => {
  it('the guard catches a read (the test can fail)', () => {
    expect(() => pure(() => fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))).toThrow();
  });

  for (const name of FORMATS) {
    it(`${name} reads no file and no environment variable`, () => {
      const out = pure(() => format(name, result, { includeSuppressed: true, color: true }));
      expect(out.length).toBeGreaterThan(0);
    });
  }

  it('rule help and the Action job summary read nothing either', () => {
    const graph = buildGraph(result);
    for (const rule of rules) expect(pure(() => ruleHelpMarkdown(rule.meta))).toContain(`# ${rule.meta.id}`);
    expect(pure(() => jobSummary(result, { graph, failOn: 'error', failed: true }))).toContain('## kubewire');
  });
});

describe('generated registry', () => {
  it('carries every rule README as help, byte for byte (trimmed)', () => {
    const ids = rules.map((r) => r.meta.id).sort();
    expect(Object.keys(ruleHelp).sort()).toEqual(ids);
    for (const rule of rules) {
      const readme = fs.readFileSync(path.join(repoRoot, 'rules', rule.meta.id, 'README.md'), 'utf8').trim();
      expect(rule.meta.help, rule.meta.id).toBe(readme);
      const help = ruleHelpMarkdown(rule.meta);
      const remediation = rule.meta.remediation ? `**Remediation:** ${rule.meta.remediation}\n\n` : '';
      // The README with its relative links made absolute (at the release tag), then remediation and severity.
      const docs = absoluteLinks(readme, ruleDocsUrl(rule.meta.id));
      expect(help.startsWith(`${docs}\n\n${remediation}**Severity:** `), rule.meta.id).toBe(true);
      expect(docs.length === readme.length || /\]\(\.\.?\/|\]\(#/.test(readme), rule.meta.id).toBe(true);
    }
  });

  it('names the tool as package.json does', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; repository: { url: string } };
    expect(TOOL).toEqual({ name: pkg.name, version: pkg.version, repository: pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '') });
  });
});
