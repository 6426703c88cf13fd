#!/usr/bin/env node
// The entry of the standalone CLI bundle (dist/standalone/kubewire.mjs, built by
// scripts/build-standalone.mjs and committed): the whole command line and its dependencies in one
// file that runs with nothing installed. The pre-commit hooks run it from a clone of the repository
// (no npm install, no build), and the VS Code extension ships it as its language server.
import { main } from './main.js';
import { processIo } from './io.js';
import { tuneV8For } from '../engine/v8-tuning.js';

tuneV8For(process.argv[2]);
process.exitCode = await main(process.argv.slice(2), processIo());
