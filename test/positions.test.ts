import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/load/load.js';
import { LineTree, Unsupported } from '../src/load/line-tree.js';
import { Lines } from '../src/load/lines.js';
import { compareLineReader, PositionResolver } from '../src/load/positions.js';
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

  it('a syntax error at a CRLF line break neither starts nor ends between the \\r and the \\n', async () => {
    // Found by the fuzzer (seed 2026): a list item out-dented under `ports:` in a CRLF file; the error
    // at the line's end was the one character \r, its end a column past the line.
    const lf = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n- port: 80\n';
    for (const text of [lf.replace(/\n/g, '\r\n'), lf]) {
      const result = await lint({ files: [loadText(text, 'f.yaml')], config: { file: null, dir: repoRoot, rules: {} } });
      const f = result.findings.find((x) => x.ruleId === 'yaml-syntax-error');
      expect(f, JSON.stringify(text)).toMatchObject({ line: 6, column: 9, endLine: 7, endColumn: 1 });
      expect(positionViolations(result), JSON.stringify(text)).toEqual([]);
    }
  });

  it('the line reader resolves every pointer of every fixture and example exactly as js-yaml\'s events do', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e.name)) files.push(p);
      }
    };
    for (const folder of ['rules', 'test/fixtures', 'examples']) walk(path.join(repoRoot, folder));
    let documents = 0;
    let read = 0;
    const mismatches: string[] = [];
    for (const f of files) {
      const r = compareLineReader(readFileSync(f, 'utf8'));
      documents += r.documents;
      read += r.read;
      mismatches.push(...r.mismatches.map((m) => `${path.relative(repoRoot, f)}: ${m}`));
    }
    expect(mismatches).toEqual([]);
    // The fast path is the common one: nearly every document is read by it.
    expect(read).toBeGreaterThan(documents * 0.9);
  });

  it('the line reader reads a block only when a walk goes into it; what it cannot read there goes to js-yaml', () => {
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: web',
      '  annotations:',
      '    note: "a note that goes on',
      '      over two lines"',
      'spec:',
      '  selector: {app: web}',
      '  ports:',
      '    - port: 80',
      '      targetPort: http',
      '',
    ].join('\n');
    // The multi-line quoted scalar is beyond the line reader, but only under metadata/annotations.
    expect(compareLineReader(text)).toEqual({ documents: 1, read: 1, mismatches: [] });
    const r = new PositionResolver(text);
    expect(r.locate(0, '/spec/ports/0/targetPort', 'value')).toEqual({ line: 12, column: 19, endLine: 12, endColumn: 23 });
    expect(r.locate(0, '/metadata/annotations/note', 'value')).toEqual({ line: 6, column: 11, endLine: 7, endColumn: 22 });
    expect(r.locate(0, '/metadata/name', 'value')).toEqual({ line: 4, column: 9, endLine: 4, endColumn: 12 });
    expect(r.locate(0, '/metadata/annotations', 'value')).toEqual({ line: 6, column: 5, endLine: 7, endColumn: 22 });
  });

  it('the line reader reads a flow collection after a key only when a walk needs it; what it cannot read there goes to js-yaml', () => {
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: web',
      '  labels: { app: !!str web, tier: [a, b, ] }  # beyond the line reader: a tag, a trailing comma',
      'spec:',
      '  selector: { app: web, "tier": front }',
      '  ports: [{ port: 80, targetPort: http }]',
      '',
    ].join('\n');
    expect(compareLineReader(text)).toEqual({ documents: 1, read: 1, mismatches: [] });
    const tree = new LineTree(text, 0, text, new Lines(text));
    const js = new PositionResolver(text);
    // Made and walked past without reading metadata.labels; its key is answered from its line alone.
    for (const [p, target] of [
      ['/spec/ports/0/targetPort', 'value'],
      ['/spec/selector/tier', 'auto'],
      ['/spec/selector', 'value'],
      ['/metadata/labels', 'auto'],
      ['/metadata/labels', 'key'],
    ] as const) {
      expect(tree.locatePointer(p, target)).toEqual(js.locate(0, p, target));
    }
    expect(tree.locatePointer('/spec/selector', 'value')).toEqual({ line: 7, column: 13, endLine: 7, endColumn: 40 });
    // Its value, or a walk into it, is read then: here it goes to js-yaml.
    expect(() => tree.locatePointer('/metadata/labels', 'value')).toThrow(Unsupported);
    expect(() => tree.locatePointer('/metadata/labels/app', 'auto')).toThrow(Unsupported);
    expect(js.locate(0, '/metadata/labels/app', 'auto')).toEqual({ line: 5, column: 24, endLine: 5, endColumn: 27 });
  });

  it("a key's range reads no more of the block below it than its first line (which tells a collection)", () => {
    const text = [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: web',
      'spec:',
      '  podSelector:',
      '    matchLabels: &labels',
      '      app: web',
      '  ingress:',
      '    - from:',
      '        - podSelector:',
      '            matchLabels: *labels',
      '        - podSelector:',
      '            { matchLabels: { app: db } }',
      '',
    ].join('\n');
    expect(compareLineReader(text)).toEqual({ documents: 1, read: 1, mismatches: [] });
    const tree = new LineTree(text, 0, text, new Lines(text));
    const js = new PositionResolver(text);
    // The anchor is beyond the line reader, but the keys above it are not: it answers them unread.
    for (const [p, target] of [['/spec/podSelector', 'auto'], ['/spec/podSelector', 'key'], ['/spec/ingress/0/from/0/podSelector', 'auto']] as const) {
      expect(tree.locatePointer(p, target)).toEqual(js.locate(0, p, target));
    }
    expect(tree.locatePointer('/spec/podSelector', 'auto')).toEqual({ line: 6, column: 3, endLine: 6, endColumn: 14 });
    // A value's range, or a block whose first line is no key or `-`, is read: here it goes to js-yaml.
    expect(() => tree.locatePointer('/spec/podSelector', 'value')).toThrow(Unsupported);
    expect(() => tree.locatePointer('/spec/ingress/0/from/0/podSelector/matchLabels', 'auto')).toThrow(Unsupported);
    expect(tree.locatePointer('/spec/ingress/0/from/1/podSelector', 'auto')).toEqual(js.locate(0, '/spec/ingress/0/from/1/podSelector', 'auto'));
  });
});
