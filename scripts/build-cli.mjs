#!/usr/bin/env node
// Bundles the command line (src/cli/bundle.ts and everything it imports) into ONE file,
// dist/cli/kubewire.mjs, which bin/kubewire.js runs: loading one module instead of several hundred
// saves about 0.3 s of CPU on every run. Part of `npm run build` (not committed). Worker threads and
// the precompiled schema validators still load from dist/src (see distModule in
// src/engine/package-info.ts).
import path from 'node:path';
import * as esbuild from 'esbuild';
import { bundleOptions, root } from './build-action.mjs';

export const CLI_BUNDLE = path.join(root, 'dist/cli/kubewire.mjs');

await esbuild.build(bundleOptions({ entryPoints: ['src/cli/bundle.ts'], outfile: CLI_BUNDLE }));
