#!/usr/bin/env node
// The floor, the fastest parse there is: find the manifest files, read them, parse every document to
// plain values with js-yaml 4.1.0's loadAll and its default schema. Nothing else. (kubewire parses with
// js-yaml 4 too, with the YAML 1.1 types sigs.k8s.io/yaml reads: src/load/yaml11.ts.)
import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
import jsyaml from 'js-yaml-41';

const dir = process.argv[2];
let documents = 0;
for (const file of fg.sync('**/*.{yaml,yml,json}', { cwd: dir, absolute: true, ignore: ['**/.git/**', '**/node_modules/**'] })) {
  documents += jsyaml.loadAll(readFileSync(file, 'utf8')).length;
}
process.stdout.write(`${documents}\n`);
