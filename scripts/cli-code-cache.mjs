#!/usr/bin/env node
// Writes dist/cli/kubewire.cjs.v8cache (run by scripts/build-cli.mjs, in a process of its own: V8's
// default flags, under which bin/kubewire.js loads the CLI): loads kubewire.cjs, lints examples/ with it in
// the formats people read most (stylish, json, sarif), and writes V8's code cache of the file then, with
// every function those runs compiled (src/schema/code-cache.ts, writeWarmCodeCache). Nothing is printed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { writeWarmCodeCache } = await import(path.join(root, 'dist/src/schema/code-cache.js'));

await writeWarmCodeCache(path.join(root, 'dist/cli/kubewire.cjs'), async (cli) => {
  const io = {
    stdout: () => {},
    stderr: () => {},
    readStdin: async () => Buffer.alloc(0),
    cwd: root,
    // No tool (helm, kustomize) is looked up: examples/ has plain manifests only.
    env: { ...process.env, KUBEWIRE_TOOLS_PATH: '' },
    isTTY: false,
  };
  for (const format of ['stylish', 'json', 'sarif']) {
    const code = await cli.main(['lint', 'examples', '--format', format], io);
    if (code !== 1) throw new Error(`the warm-up lint of examples/ (${format}) exited ${code}, not 1`);
  }
});
