// What a run of the built CLI loads (scripts/build-cli.mjs splits it into chunks and vendor files that
// are loaded when needed, for start-up time): a lint of one small file must not compile the language
// server, CEL or the vendored yaml/ajv/fast-glob, and `--version` none of the commands. A loader hook
// (--import) records every ES module the process loads, and on exit every CommonJS module; the chunks
// are told apart by the sources esbuild names in them. No timing here (`npm run bench` and the README
// have the figures).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { repoRoot } from './helpers.js';

const CLI_DIR = path.join(repoRoot, 'dist/cli');
const bin = path.join(repoRoot, 'bin/kubewire.js');

/** The files of dist/cli whose text names a source matching `pattern` (esbuild's `// path` comments). */
function chunksWith(pattern: RegExp): string[] {
  return readdirSync(CLI_DIR).filter((f) => f.endsWith('.mjs') && pattern.test(readFileSync(path.join(CLI_DIR, f), 'utf8')));
}

let hookDir = '';

beforeAll(() => {
  hookDir = tempDir('kubewire-startup-');
  // Loader hooks run on their own thread: they report each loaded URL through a file.
  writeFileSync(
    path.join(hookDir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.KUBEWIRE_LOAD_LOG, url + '\\n');
  return next(url, context);
}
`,
  );
  writeFileSync(
    path.join(hookDir, 'register.mjs'),
    `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
register(${JSON.stringify(pathToFileURL(path.join(hookDir, 'hooks.mjs')).href)});
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(process.env.KUBEWIRE_LOAD_LOG, Object.keys(require.cache).map((f) => 'cjs ' + f + '\\n').join('')));
`,
  );
});

/**
 * Runs the built CLI with the hook; returns the names of the dist/cli files it loaded as modules
 * (kubewire.cjs, run through its code cache, is read, not loaded: it is not among them). `esm`: the ES
 * module bundle, as without a code cache (KUBEWIRE_NO_CODE_CACHE).
 */
function loadedBy(args: string[], cwd = repoRoot, esm = true): { status: number | null; files: string[]; stdout: string } {
  const log = path.join(hookDir, `log-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(hookDir, 'register.mjs')).href, bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      KUBEWIRE_LOAD_LOG: log,
      KUBEWIRE_TOOLS_PATH: process.env.KUBEWIRE_TOOLS_PATH ?? '',
      NODE_DISABLE_COMPILE_CACHE: '1',
      ...(esm ? { KUBEWIRE_NO_CODE_CACHE: '1' } : {}),
    },
  });
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (l.startsWith('cjs ') ? l.slice(4) : new URL(l).pathname))
    .filter((f) => path.dirname(path.resolve(f)) === CLI_DIR)
    .map((f) => path.basename(f));
  return { status: r.status, files: [...new Set(files)].sort(), stdout: r.stdout };
}

describe('start-up: what the built CLI loads', () => {
  it('the bundle has its lazy parts apart: the language server, CEL and the vendored packages', () => {
    expect(chunksWith(/\/\/ [^\n]*node_modules\/vscode-languageserver\//)).toHaveLength(1);
    expect(chunksWith(/\/\/ [^\n]*node_modules\/@marcbachmann\/cel-js\//)).toHaveLength(1);
    expect(readdirSync(CLI_DIR).filter((f) => f.startsWith('vendor-')).sort()).toEqual(['vendor-ajv.cjs', 'vendor-fast-glob.cjs', 'vendor-yaml.cjs']);
  });

  it('a lint of one small file loads neither the language server nor CEL nor yaml, ajv or fast-glob', () => {
    const r = loadedBy(['lint', 'examples/shop/namespace.yaml']);
    expect(r.status).toBe(0);
    expect(r.files).toContain('kubewire.mjs');
    expect(r.files).toEqual(expect.arrayContaining(chunksWith(/\/\/ src\/engine\/run\.ts\n/)));
    for (const lazy of [...chunksWith(/node_modules\/vscode-languageserver\//), ...chunksWith(/node_modules\/@marcbachmann\/cel-js\//)]) expect(r.files).not.toContain(lazy);
    expect(r.files.filter((f) => f.startsWith('vendor-'))).toEqual([]);
  });

  it('what the input needs is loaded: a folder (fast-glob), YAML aliases (yaml), a CRD (ajv)', () => {
    const dir = tempDir('kubewire-startup-input-');
    writeFileSync(
      path.join(dir, 'app.yaml'),
      `apiVersion: v1
kind: ConfigMap
metadata: &meta
  name: app
  namespace: shop
data:
  a: &one "1"
  b: *one
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-validations:
                - rule: "self.size > 0"
                  message: size must be positive
              properties:
                size: { type: integer }
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
  namespace: shop
spec:
  size: 0
`,
    );
    const r = loadedBy(['lint', '.', '--format', 'json'], dir);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: { message: string }[] }).findings.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringContaining('size must be positive')]));
    // (CEL may run in the schema threads, which load dist/src: its chunk is not checked here.)
    expect(r.files).toEqual(expect.arrayContaining(['vendor-ajv.cjs', 'vendor-fast-glob.cjs', 'vendor-yaml.cjs']));
    for (const lsp of chunksWith(/node_modules\/vscode-languageserver\//)) expect(r.files).not.toContain(lsp);
  });

  it('every file of the CLI is ASCII (V8 keeps a module\'s source in two bytes per character otherwise)', () => {
    const sources = readdirSync(CLI_DIR).filter((f) => !f.endsWith('.v8cache'));
    expect(sources).toContain('kubewire.cjs');
    const wide = sources.filter((f) => /[\u0080-\uffff]/.test(readFileSync(path.join(CLI_DIR, f), 'utf8')));
    expect(wide).toEqual([]);
  });
  it('--version loads none of the commands', () => {
    const r = loadedBy(['--version']);
    expect(r.status).toBe(0);
    expect(r.files).toContain('kubewire.mjs');
    for (const command of chunksWith(/\/\/ src\/engine\/run\.ts\n|\/\/ rules\/help\.ts\n/)) expect(r.files).not.toContain(command);
  });
});

describe('start-up: the CLI through its code cache (dist/cli/kubewire.cjs)', () => {
  it('the build made the cache for this Node, and V8 takes it under its default flags', () => {
    const script = `const c = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist/src/schema/code-cache.js')).href)});
      process.stdout.write(c.loadCached(${JSON.stringify(path.join(CLI_DIR, 'kubewire.cjs'))}).cache);`;
    expect(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout).toBe('used');
  });

  it('it runs in strict mode, as the ES modules do (the directive is its first statement)', () => {
    expect(readFileSync(path.join(CLI_DIR, 'kubewire.cjs'), 'utf8').startsWith('"use strict";\n')).toBe(true);
  });

  it('a lint of one small file runs from it: no ES module of the bundle and no vendored package is loaded', () => {
    const r = loadedBy(['lint', 'examples/shop/namespace.yaml'], repoRoot, false);
    expect(r.status).toBe(0);
    expect(r.files).toEqual([]);
  });

  it('reports what the ES module bundle reports, in every format', () => {
    for (const format of ['stylish', 'json', 'sarif', 'github', 'compact']) {
      const cached = loadedBy(['lint', 'examples', '--format', format], repoRoot, false);
      const modules = loadedBy(['lint', 'examples', '--format', format]);
      expect(cached.status).toBe(1);
      expect([cached.status, cached.stdout]).toEqual([modules.status, modules.stdout]);
      expect(modules.files).toContain('kubewire.mjs');
    }
  });
});

describe('lazyModulePlugin (scripts/build-action.mjs)', () => {
  const bundle = async (source: string): Promise<string> => {
    const dir = tempDir('kubewire-lazy-');
    writeFileSync(path.join(dir, 'entry.ts'), source);
    // @ts-expect-error: a build script, plain JavaScript
    const { lazyModulePlugin } = (await import('../scripts/build-action.mjs')) as { lazyModulePlugin: (o?: object) => esbuild.Plugin };
    const out = await esbuild.build({ entryPoints: [path.join(dir, 'entry.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent', plugins: [lazyModulePlugin()] });
    return out.outputFiles[0].text;
  };

  it('fails the build when a value a stand-in cannot give without loading the module is imported', async () => {
    await expect(bundle(`import { nil } from 'ajv';\nexport const x = nil;\n`)).rejects.toThrow(/No matching export[^\n]*nil/);
  });

  it('keeps new, statics and instanceof of the real module', async () => {
    const text = await bundle(
      `import { LineCounter, parseDocument, visit, Scalar } from 'yaml';\n` +
        `const lc = new LineCounter();\nconst doc = parseDocument('a: 1\\n', { lineCounter: lc });\n` +
        `let seen = 0;\nvisit(doc, { Scalar(_k, n) { seen += n instanceof Scalar ? 1 : 0; return visit.BREAK; } });\n` +
        `export const result = [lc instanceof LineCounter, lc.linePos(3).line, seen, typeof visit.BREAK];\n`,
    );
    const dir = tempDir('kubewire-lazy-run-');
    const file = path.join(dir, 'out.mjs');
    writeFileSync(file, `import { createRequire } from 'node:module';\nconst require = createRequire(${JSON.stringify(path.join(repoRoot, 'package.json'))});\n${text}`);
    const { result } = (await import(pathToFileURL(file).href)) as { result: unknown[] };
    expect(result).toEqual([true, 1, 1, 'symbol']);
  });
});
