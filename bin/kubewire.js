#!/usr/bin/env node
// The kubewire command. The TypeScript sources are compiled to dist/ by `npm run build` (run by npm ci /
// npm install): dist/cli/kubewire.mjs is the whole CLI in one module (fast to load); dist/src the modules.
let cli;
try {
  cli = await import('../dist/cli/kubewire.mjs');
} catch (err) {
  if (!(err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('kubewire.mjs'))) throw err;
  try {
    // Compiled without the bundle (tsc alone): the modules of dist/src.
    cli = { ...(await import('../dist/src/cli/main.js')), ...(await import('../dist/src/cli/io.js')) };
  } catch (err2) {
    if (err2 && err2.code === 'ERR_MODULE_NOT_FOUND' && String(err2.message).includes('dist')) {
      process.stderr.write('kubewire: not built yet: run "npm run build" in the kubewire folder\n');
      process.exit(2);
    }
    throw err2;
  }
}
process.exitCode = await cli.main(process.argv.slice(2), cli.processIo());
