import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/load/load.js';
import { positionViolations } from '../src/testing/positions.js';
import { lintRepoPaths, repoRoot } from './helpers.js';
import { lint } from '../src/index.js';

/** The position property (src/testing/positions.ts) over every fixture and example, every rule on. */
describe('positions', () => {
  const folders = ['rules', 'test/fixtures', 'examples'];

  for (const folder of folders) {
    it(`every finding of ${folder} lies inside its file, on the key or value its pointer names`, async () => {
      const result = await lintRepoPaths([folder], { completeness: 'complete' });
      expect(result.findings.length).toBeGreaterThan(0);
      expect(positionViolations(result)).toEqual([]);
    });
  }

  it('every rule folder has fixtures (the property covers them)', () => {
    const withFixtures = readdirSync(path.join(repoRoot, 'rules'), { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(withFixtures.length).toBeGreaterThan(50);
  });

  it('a token spanning a line break does not shift later positions (syntax error, then findings in a later document)', async () => {
    const text = ['- host: " ""', '  x: "a', '  b"', '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: s', 'spec:', '  ports:', '  - port: "http"', ''].join('\n');
    const result = await lint({ files: [loadText(text, 'f.yaml')], config: { file: null, dir: repoRoot, rules: {} } });
    const schema = result.findings.find((f) => f.ruleId === 'schema-invalid');
    expect(schema).toMatchObject({ line: 11, column: 11 });
    expect(positionViolations(result)).toEqual([]);
  });

  it('a syntax error at the end of the file ends there, not a column past it', async () => {
    for (const text of ['a: [1, 2', 'a: [1, 2\n\n', 'a: "abc\n']) {
      const result = await lint({ files: [loadText(text, 'f.yaml')], config: { file: null, dir: repoRoot, rules: {} } });
      const f = result.findings.find((x) => x.ruleId === 'yaml-syntax-error');
      expect(f, text).toBeDefined();
      expect(positionViolations(result), text).toEqual([]);
    }
  });
});
