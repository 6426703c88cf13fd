#!/usr/bin/env node
// Bundles the GitHub Action into dist/action/, which is committed: the runner executes the
// repository as it is, without npm install. Three entry points share their code through chunks:
// index.js (src/action/index.ts, what action.yml runs) and the modules worker threads load,
// load-worker.js (the parallel loader) and analyze.js (schema validation in the loader's threads),
// which distModule finds beside the bundle (KUBEWIRE_WORKERS_BESIDE). `--check` exits 1 when the
// committed files differ from a fresh build. Deterministic: same sources and dependency versions give
// the same bytes (chunk names are content hashes).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ACTION_DIR = path.join(root, 'dist/action');
export const ACTION_BUNDLE = path.join(ACTION_DIR, 'index.js');

/**
 * Modules a bundle loads on first use instead of at start-up: most runs (`--version`, a lint of a few
 * files without anchors, syntax errors, globs, CRDs or a config file) never touch them, and compiling
 * and initialising them cost ~45 ms of CPU on every start (`node --cpu-prof` of a one-file lint).
 * Each import of one of them from kubewire's sources resolves to a stand-in module
 * (lazyModulePlugin) whose exports call through to the real module, which is `require`d the first
 * time one of them is called, constructed or read. Only functions and classes are exported this way:
 * importing any other value of these modules (a constant, an object) fails the build, as a stand-in
 * could not give it without loading the module. With `vendor`, each npm package of the list is its
 * own CommonJS file beside the chunks (vendor-<name>.cjs, vendorFiles), so a run that does not use it
 * does not even read it; without (the one-file standalone bundle), it stays inside the bundle.
 */
export const LAZY_MODULES = ['yaml', 'ajv', 'fast-glob', 'node:net', 'node:child_process'];

const LAZY_NAMESPACE = 'kubewire-lazy';
/**
 * The stand-in of a value got on first use (`get()`): a Proxy keeps `new`, statics (visit.BREAK),
 * instanceof and `this` as the real value has them.
 */
const LAZY_PROXY =
  'const lazy = (get) => new Proxy(function () {}, { apply: (_t, self, args) => Reflect.apply(get(), self, args), construct: (_t, args) => Reflect.construct(get(), args), get: (_t, key) => get()[key], has: (_t, key) => key in get() });';
const vendorFile = (pkg) => `vendor-${pkg.replace(/[^A-Za-z0-9.-]/g, '_')}.cjs`;

/** See LAZY_MODULES. */
export function lazyModulePlugin({ vendor = false, specifiers = LAZY_MODULES } = {}) {
  const escaped = specifiers.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Every Node builtin too: the others get an eager stand-in (below).
  const filter = new RegExp(`^(?:${escaped.join('|')}|node:[a-z_/]+)$`);
  const lazySet = new Set(specifiers);
  const requireHere = createRequire(path.join(root, 'package.json'));
  return {
    name: 'kubewire-lazy-modules',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        // The stand-in's own require of the real module, and dependencies' imports, resolve as usual.
        if (args.namespace === LAZY_NAMESPACE || path.relative(root, args.importer).split(path.sep).includes('node_modules')) return undefined;
        return { path: args.path, namespace: LAZY_NAMESPACE };
      });
      // The vendored files are read at run time, beside the chunk that requires them.
      build.onResolve({ filter: /^\.\/vendor-.*\.cjs$/ }, (args) => (args.namespace === LAZY_NAMESPACE ? { path: args.path, external: true } : undefined));
      build.onLoad({ filter: /.*/, namespace: LAZY_NAMESPACE }, (args) => {
        const real = requireHere(args.path);
        if (!lazySet.has(args.path)) {
          // A builtin needed at once, taken with `require`: an ES import of a builtin makes Node build
          // its ESM facade, which reads every export, and node:fs's lazy getters then load the streams
          // modules (~5 ms). Getters (fs.promises, fs.ReadStream…) are read when used.
          const keys = Object.keys(real).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
          const getter = (k) => typeof Object.getOwnPropertyDescriptor(real, k)?.get === 'function';
          return {
            contents: [
              `const m = require(${JSON.stringify(args.path)});`,
              LAZY_PROXY,
              `export default m;`,
              ...keys.map((k) => (getter(k) ? `export const ${k} = lazy(() => m.${k});` : `export const ${k} = m.${k};`)),
            ].join('\n'),
            loader: 'js',
            resolveDir: root,
          };
        }
        const names = Object.keys(real).filter((k) => k !== 'default' && k !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(k) && typeof real[k] === 'function');
        const target = vendor && !args.path.startsWith('node:') ? `./${vendorFile(args.path)}` : args.path;
        const lines = [
          `let lib;`,
          `const load = () => (lib ??= require(${JSON.stringify(target)}));`,
          LAZY_PROXY,
          `export default lazy(() => (load().__esModule ? load().default : load()));`,
          ...names.map((n) => `export const ${n} = lazy(() => load().${n});`),
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: root };
      });
    },
  };
}

/** The vendored packages of a `vendor` build (lazyModulePlugin), as file name → text: one CommonJS bundle each. */
export async function vendorFiles(specifiers = LAZY_MODULES) {
  const files = new Map();
  for (const pkg of specifiers.filter((s) => !s.startsWith('node:'))) {
    const out = await esbuild.build({
      absWorkingDir: root,
      stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: root, sourcefile: `${pkg}.cjs` },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      charset: 'utf8',
      legalComments: 'eof',
      logLevel: 'warning',
      write: false,
      outfile: vendorFile(pkg),
    });
    files.set(vendorFile(pkg), out.outputFiles[0].text);
  }
  return files;
}

/** esbuild options for a Node ESM bundle of kubewire code; CommonJS dependencies get a real `require`. */
export function bundleOptions(overrides = {}, { vendor = false } = {}) {
  return {
    plugins: [lazyModulePlugin({ vendor })],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    charset: 'utf8',
    legalComments: 'eof',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __kubewireCreateRequire } from 'node:module';\nconst require = __kubewireCreateRequire(import.meta.url);",
    },
    ...overrides,
  };
}

/** The Action bundle as file name (relative to dist/action) → text (not written). */
export async function buildActionBundle() {
  const out = await esbuild.build(
    bundleOptions({
      entryPoints: { index: 'src/action/index.ts', 'load-worker': 'src/load/load-worker.ts', analyze: 'src/schema/analyze.ts' },
      outdir: ACTION_DIR,
      splitting: true,
      chunkNames: 'chunk-[hash]',
      define: { KUBEWIRE_WORKERS_BESIDE: 'true' },
      write: false,
    }, { vendor: true }),
  );
  const files = new Map();
  for (const f of [...out.outputFiles].sort((a, b) => (a.path < b.path ? -1 : 1))) files.set(path.relative(ACTION_DIR, f.path), f.text);
  for (const [name, text] of await vendorFiles()) files.set(name, text);
  return new Map([...files].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/** The files now in dist/action (name → text). */
export function committedActionBundle() {
  const files = new Map();
  if (!existsSync(ACTION_DIR)) return files;
  for (const name of readdirSync(ACTION_DIR).sort()) files.set(name, readFileSync(path.join(ACTION_DIR, name), 'utf8'));
  return files;
}

/** Names of the files that differ between two bundles (missing, extra or changed). */
export function bundleDiff(a, b) {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildActionBundle();
  if (process.argv.includes('--check')) {
    const stale = bundleDiff(files, committedActionBundle());
    if (stale.length > 0) {
      console.error(`dist/action is stale (${stale.join(', ')}): run npm run build:action and commit it`);
      process.exit(1);
    }
  } else {
    mkdirSync(ACTION_DIR, { recursive: true });
    for (const name of readdirSync(ACTION_DIR)) if (!files.has(name)) rmSync(path.join(ACTION_DIR, name));
    let total = 0;
    for (const [name, text] of files) {
      writeFileSync(path.join(ACTION_DIR, name), text);
      total += text.length;
    }
    console.error(`dist/action: ${files.size} files, ${(total / 1024).toFixed(0)} KiB`);
  }
}
