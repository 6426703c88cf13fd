// File discovery and bad input: never a crash, always a finding or a one-line error.
import { mkdirSync, truncateSync, writeFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from './temp.js';
import { defineRule, lint, rules as builtinRules } from '../src/index.js';
import { loadFiles, loadText } from '../src/load/load.js';
import { loadInputs } from '../src/load/parallel.js';
import { SERVICE } from '../src/model/group-kinds.js';
import type { LoadedFile } from '../src/model/resources.js';
import { PositionResolver } from '../src/load/positions.js';
import { MAX_FILE_BYTES } from '../src/load/read.js';

function tree(files: Record<string, string>): string {
  const dir = tempDir('kubewire-load-');
  for (const [name, text] of Object.entries(files)) {
    const f = path.join(dir, name);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, text);
  }
  return dir;
}

const SVC = 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 80 }] }\n';
const noConfig = (dir: string) => ({ file: null, dir, rules: {}, extra: {} });

describe('discovery', () => {
  it('walks folders for .yaml/.yml/.json, skipping .git, node_modules and .gitignore', () => {
    const dir = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/x.yaml': SVC,
      '.gitignore': 'rendered/\n*.tmp.yaml\n',
      'a.yaml': SVC,
      'b.yml': SVC,
      'c.json': '{"apiVersion":"v1","kind":"Service","metadata":{"name":"j"}}',
      'notes.txt': SVC,
      'node_modules/pkg/d.yaml': SVC,
      'rendered/e.yaml': SVC,
      'sub/f.tmp.yaml': SVC,
      'sub/.gitignore': 'local.yaml\n',
      'sub/local.yaml': SVC,
      'sub/g.yaml': SVC,
    });
    const { files, errors } = loadFiles(['.'], { cwd: dir });
    expect(errors).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(['a.yaml', 'b.yml', 'c.json', 'sub/g.yaml']);
  });
  it('applies the .gitignore files above the linted folder (up to the repository) and below it', () => {
    const dir = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'deploy/gen/\n*.local.yaml\n!keep.local.yaml\n',
      'deploy/a.yaml': SVC,
      'deploy/gen/b.yaml': SVC,
      'deploy/gen/deep/c.yaml': SVC,
      'deploy/x.local.yaml': SVC,
      'deploy/keep.local.yaml': SVC,
      'deploy/team/.gitignore': 'out\n/root-only.yaml\n',
      'deploy/team/out/d.yaml': SVC,
      'deploy/team/sub/out/e.yaml': SVC,
      'deploy/team/root-only.yaml': SVC,
      'deploy/team/sub/root-only.yaml': SVC,
      'deploy/team/sub/f.yaml': SVC,
      'other/g.yaml': SVC,
    });
    const paths = (cwd: string, input: string) => loadFiles([input], { cwd }).files.map((f) => f.path);
    const expected = ['deploy/a.yaml', 'deploy/keep.local.yaml', 'deploy/team/sub/f.yaml', 'deploy/team/sub/root-only.yaml'];
    expect(paths(dir, 'deploy')).toEqual(expected);
    // Linting a folder inside the repository applies the repository's .gitignore all the same.
    expect(paths(path.join(dir, 'deploy'), '.')).toEqual(expected.map((p) => p.slice('deploy/'.length)));
    expect(paths(path.join(dir, 'deploy/team'), '.')).toEqual(['sub/f.yaml', 'sub/root-only.yaml']);
    // Outside a repository, only the folder's own .gitignore files apply.
    const loose = tree({ '.gitignore': 'a.yaml\n', 'x/a.yaml': SVC, 'x/b.yaml': SVC });
    expect(paths(path.join(loose, 'x'), '.')).toEqual(['a.yaml', 'b.yaml']);
  });
  it('reads explicitly named files whatever their extension, and globs', () => {
    const dir = tree({ 'x/notes.txt': SVC, 'x/a.yaml': SVC, 'y/b.yaml': SVC });
    expect(loadFiles(['x/notes.txt'], { cwd: dir }).files.map((f) => f.path)).toEqual(['x/notes.txt']);
    expect(loadFiles(['*/*.yaml'], { cwd: dir }).files.map((f) => f.path)).toEqual(['x/a.yaml', 'y/b.yaml']);
  });
  it('skips vendor, testdata and fake folders unless named', () => {
    const dir = tree({
      'app/a.yaml': SVC,
      'vendor/k8s.io/api/b.yaml': SVC,
      'internal/proxy/testdata/c.yaml': SVC,
      'testdata/d.yaml': SVC,
      'testdata-notes/e.yaml': SVC,
      'controller/injector/fake/data/f.yaml': SVC,
    });
    expect(loadFiles(['.'], { cwd: dir }).files.map((f) => f.path)).toEqual(['app/a.yaml', 'testdata-notes/e.yaml']);
    // Named: linted, as ESLint lints an ignored folder named on its command line.
    expect(loadFiles(['internal/proxy/testdata'], { cwd: dir }).files.map((f) => f.path)).toEqual(['internal/proxy/testdata/c.yaml']);
    expect(loadFiles(['testdata/d.yaml'], { cwd: dir }).files.map((f) => f.path)).toEqual(['testdata/d.yaml']);
  });
  it('applies ignorePaths relative to the config folder', () => {
    const dir = tree({ 'deploy/old/a.yaml': SVC, 'app/b.yaml': SVC });
    const { files } = loadFiles(['.'], { cwd: dir, ignorePaths: ['deploy/old/**'], ignoreBase: dir });
    expect(files.map((f) => f.path)).toEqual(['app/b.yaml']);
  });
  it('reports missing paths and empty globs as one-line errors', () => {
    const dir = tree({ 'a.yaml': SVC });
    const { files, errors } = loadFiles(['a.yaml', 'missing.yaml', 'nope/*.yaml'], { cwd: dir });
    expect(files).toHaveLength(1);
    expect(errors).toEqual(['no such file or directory: missing.yaml', 'no files match the pattern "nope/*.yaml"']);
  });
  it('survives symlink loops', () => {
    const dir = tree({ 'a/x.yaml': SVC });
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'loop'));
    const { files } = loadFiles(['.'], { cwd: dir });
    expect(files.map((f) => f.path)).toEqual(['a/x.yaml']);
  });
});

describe('bad input becomes findings', () => {
  it('binary, non-UTF-8, empty, oversized and Helm files', async () => {
    const dir = tree({ 'empty.yaml': '', 'ok.yaml': SVC });
    writeFileSync(path.join(dir, 'bin.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]));
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('name: caf\xe9\n', 'latin1'));
    writeFileSync(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a: 1', 'utf16le')]));
    writeFileSync(path.join(dir, 'chart.yaml'), 'metadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "x" . | nindent 4 }}\n');
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, MAX_FILE_BYTES + 1);
    const result = await lint({ paths: ['.'], cwd: dir, config: noConfig(dir) });
    expect(result.errors).toEqual([]);
    // The Helm template is not broken YAML: input-not-rendered's info, not a syntax error.
    expect(result.findings.filter((f) => f.ruleId === 'yaml-syntax-error' || f.ruleId === 'input-not-rendered').map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.messageId}`)).toEqual([
      'big.yaml:1:1 yaml-syntax-error tooLarge',
      'bin.yaml:1:1 yaml-syntax-error binary',
      'chart.yaml:2:9 input-not-rendered helm',
      'latin1.yaml:1:1 yaml-syntax-error encoding',
      'utf16.yaml:1:1 yaml-syntax-error encoding',
    ]);
    expect(result.findings[0].message).toBe('File too large to lint (16.0 MiB is more than the 16 MiB limit); skipped');
  });
  it('marks a file not read as text at its first character, or at its start when its first line is empty', async () => {
    // Found by the fuzzer (seed 5 with --from ../shared/corpus): a NUL byte in a file starting with a
    // blank line was marked 1:1-1:2, a column past the empty first line.
    const dir = tree({});
    writeFileSync(path.join(dir, 'blank-first.yaml'), Buffer.from('\napiVersion: v1\0\n'));
    writeFileSync(path.join(dir, 'crlf-first.yaml'), Buffer.from('\r\nname: caf\xe9\n', 'latin1'));
    writeFileSync(path.join(dir, 'bin.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]));
    const result = await lint({ paths: ['.'], cwd: dir, config: noConfig(dir) });
    expect(result.findings.map((f) => `${f.file} ${f.messageId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`)).toEqual([
      'bin.yaml binary 1:1-1:2',
      'blank-first.yaml binary 1:1-1:1',
      'crlf-first.yaml encoding 1:1-1:1',
    ]);
  });
  it('writes no Node warning for a template whose keys parse as collections', () => {
    // `{{ template "x" . }}: v` is a flow mapping as a key; the alias sends the file to the `yaml` package.
    const text = 'a: &x 1\nb: *x\n{{ template "x.fullname" . }}: v\n';
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation((w: string | Error) => void warnings.push(String(w)));
    try {
      loadText(text, 't.yaml');
      new PositionResolver(text).locate(0, '/metadata/name');
    } finally {
      emit.mockRestore();
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
  it('reads stdin, named by --stdin-filename', async () => {
    const result = await lint({ paths: ['-'], stdin: 'a: [1\n', stdinFilename: 'manifests/in.yaml', cwd: '/tmp', config: noConfig('/tmp') });
    expect(result.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['manifests/in.yaml yaml-syntax-error']);
  });
});

describe('texts read again (src/load/texts.ts)', () => {
  it('drops the texts of the files read and reads them again, the same, when asked', async () => {
    const bom = `\ufeff${SVC}`;
    const dir = tree({ 'a.yaml': SVC, 'b.yaml': bom, 'c.yaml': `# ü, 日本\n${SVC}` });
    const changed: LoadedFile[] = [];
    const { files } = await loadInputs(['.'], { cwd: dir, threads: 1, keepTextsBelow: 0, textChanged: (f) => changed.push(f) });
    expect(files.map((f) => [f.path, f.text])).toEqual([
      ['a.yaml', SVC],
      ['b.yaml', SVC],
      ['c.yaml', `# ü, 日本\n${SVC}`],
    ]);
    expect(changed).toEqual([]);
  });
  it('gives no text of a file changed on disk after it was parsed, and says so once', async () => {
    const dir = tree({ 'a.yaml': SVC, 'b.yaml': SVC });
    const changed: string[] = [];
    const { files } = await loadInputs(['.'], { cwd: dir, threads: 1, keepTextsBelow: 0, textChanged: (f) => changed.push(f.path) });
    // The same length, other bytes: the check is on the content, not the size.
    writeFileSync(path.join(dir, 'b.yaml'), SVC.replace('web', 'wex'));
    expect(files.map((f) => f.text)).toEqual([SVC, '']);
    expect(files[1].text).toBe('');
    expect(changed).toEqual(['b.yaml']);
  });
  it('keeps the texts of an input below keepTextsBelow', async () => {
    const dir = tree({ 'a.yaml': SVC });
    const changed: string[] = [];
    const { files } = await loadInputs(['.'], { cwd: dir, threads: 1, keepTextsBelow: SVC.length + 1, textChanged: (f) => changed.push(f.path) });
    writeFileSync(path.join(dir, 'a.yaml'), '');
    expect(files[0].text).toBe(SVC);
    expect(changed).toEqual([]);
  });
  it('keeps the texts without textChanged (the language server, library callers)', async () => {
    const dir = tree({ 'a.yaml': SVC });
    const { files } = await loadInputs(['.'], { cwd: dir, threads: 1 });
    writeFileSync(path.join(dir, 'a.yaml'), '');
    expect(files[0].text).toBe(SVC);
  });
  it('lint: a file changed during the run is an input error, its findings at line 1', async () => {
    const dir = tree({ 'a.yaml': SVC, 'b.yaml': SVC });
    // A rule that rewrites b.yaml while the rules run, and reports on every Service.
    const rewrite = defineRule({
      meta: { id: 'test-rewrite', title: 'test', description: 'rewrites a file during the run', severity: 'warning', category: 'wiring', appliesTo: [SERVICE], messages: { here: 'here' } },
      check(ctx) {
        if (ctx.resource.source.file === 'b.yaml') writeFileSync(path.join(dir, 'b.yaml'), `# changed\n${SVC}`);
        ctx.report({ messageId: 'here', at: '/metadata/name' });
      },
    });
    const run = () => lint({ cwd: dir, config: noConfig(dir), rules: [...builtinRules.filter((r) => r.meta.id === 'internal-error'), rewrite] });
    // A small input keeps its texts: the change does not matter, positions come from the text parsed.
    const kept = await run();
    expect(kept.findings.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(['a.yaml:3:19', 'b.yaml:3:19']);
    expect(kept.errors).toEqual([]);
    writeFileSync(path.join(dir, 'b.yaml'), SVC);
    process.env.KUBEWIRE_KEEP_TEXTS_BELOW = '0';
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run();
    } finally {
      delete process.env.KUBEWIRE_KEEP_TEXTS_BELOW;
    }
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(['a.yaml:3:19', 'b.yaml:1:1']);
    expect(result.errors).toEqual(['b.yaml changed on disk during the run: its findings are reported at line 1; lint again']);
  });
});
