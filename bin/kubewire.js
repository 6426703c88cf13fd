#!/usr/bin/env node
// The kubewire command. The TypeScript sources are compiled to dist/ by `npm run build` (run by npm ci /
// npm install): dist/cli/kubewire.mjs is the CLI bundle (its entry; it imports its chunks as a command
// needs them); dist/src the modules.
import nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Node >= 22.1 keeps the code it compiles on disk, so the next run skips compiling the bundle: in the
// folder NODE_COMPILE_CACHE names (Node reads it itself), else in kubewire's cache folder beside the
// downloaded schemas ($XDG_CACHE_HOME/kubewire, else ~/.cache/kubewire), never in the linted repository;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off. Node 20 has no such cache: nothing happens.
if (typeof nodeModule.enableCompileCache === 'function' && !process.env.NODE_COMPILE_CACHE) {
  try {
    nodeModule.enableCompileCache(path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'kubewire', 'node-compile-cache'));
  } catch {
    // no usable home folder: run without the cache
  }
}

// The CLI bundle through the code cache the build made for it (scripts/build-cli.mjs): when the cache
// was made from dist/cli/kubewire.cjs as it is, by this Node's V8. Else (another Node, a build without
// it, KUBEWIRE_NO_CODE_CACHE=1) the ES module bundle, whose chunks load as commands need them.
let cli = null;
if (!process.env.KUBEWIRE_NO_CODE_CACHE) {
  let cache = null;
  try {
    cache = await import('../dist/src/schema/code-cache.js');
  } catch (err) {
    if (!(err && err.code === 'ERR_MODULE_NOT_FOUND')) throw err;
  }
  if (cache) cli = cache.requireIfCached(fileURLToPath(new URL('../dist/cli/kubewire.cjs', import.meta.url)));
}
if (!cli) try {
  cli = await import('../dist/cli/kubewire.mjs');
} catch (err) {
  if (!(err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('kubewire.mjs'))) throw err;
  try {
    // Compiled without the bundle (tsc alone): the modules of dist/src.
    cli = { ...(await import('../dist/src/cli/main.js')), ...(await import('../dist/src/cli/io.js')), ...(await import('../dist/src/engine/v8-tuning.js')) };
  } catch (err2) {
    if (err2 && err2.code === 'ERR_MODULE_NOT_FOUND' && String(err2.message).includes('dist')) {
      process.stderr.write('kubewire: not built yet: run "npm run build" in the kubewire folder\n');
      process.exit(2);
    }
    throw err2;
  }
}
// V8's tier-up budget for a batch command (src/engine/v8-tuning.ts), before the command's code runs.
cli.tuneV8For(process.argv[2]);
process.exitCode = await cli.main(process.argv.slice(2), cli.processIo());
