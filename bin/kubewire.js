#!/usr/bin/env node
// The kubewire command. The TypeScript sources are compiled to dist/ by `npm run build` (run by npm ci / npm install).
let cli;
try {
  cli = await import('../dist/src/cli/main.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
    process.stderr.write('kubewire: not built yet: run "npm run build" in the kubewire folder\n');
    process.exit(2);
  }
  throw err;
}
const { processIo } = await import('../dist/src/cli/io.js');
process.exitCode = await cli.main(process.argv.slice(2), processIo());
