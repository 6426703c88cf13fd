#!/usr/bin/env node
// vscode:prepublish (run by `vsce package`): packs the language server into the extension, so the
// VSIX works on its own. server/ gets the standalone CLI bundle (dist/standalone/kubewire.mjs, the
// committed self-contained build: scripts/build-standalone.mjs) and the schemas it reads; its
// package.json is what the bundle finds as its package root. KUBEWIRE_REPO names the kubewire
// checkout (default: two folders up).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.resolve(here, '..');
const repo = path.resolve(process.env.KUBEWIRE_REPO ?? path.join(extension, '..', '..'));
const server = path.join(extension, 'server');
const { version } = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));

rmSync(server, { recursive: true, force: true });
mkdirSync(server, { recursive: true });
cpSync(path.join(repo, 'dist', 'standalone', 'kubewire.mjs'), path.join(server, 'kubewire.mjs'));
cpSync(path.join(repo, 'schemas'), path.join(server, 'schemas'), { recursive: true });
writeFileSync(path.join(server, 'package.json'), `${JSON.stringify({ name: 'kubewire', version, private: true, type: 'module' }, null, 2)}\n`);
console.error(`packed the kubewire ${version} language server into ${path.relative(process.cwd(), server) || '.'}`);
