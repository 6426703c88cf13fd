// The entry of the CLI bundle (dist/cli/kubewire.mjs, built by scripts/build-cli.mjs): the whole
// command line in one module, which Node loads several times faster than the hundreds of modules of
// dist/src. bin/kubewire.js runs it.
export { main } from './main.js';
export { processIo } from './io.js';
export { tuneV8For } from '../engine/v8-tuning.js';
