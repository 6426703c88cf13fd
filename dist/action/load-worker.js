import { createRequire as __kubewireCreateRequire } from 'node:module';
const require = __kubewireCreateRequire(import.meta.url);
import {
  loadPaths,
  parentPort,
  workerData
} from "./chunk-ACQ2F44S.js";
import {
  noteV8Flags
} from "./chunk-UNQRMSN5.js";
import "./chunk-T5CYQYMC.js";

// src/load/load-worker.ts
var { files, cwd, tasks, v8Flags } = workerData;
noteV8Flags(v8Flags);
var analyzers = [];
for (const t of tasks) analyzers.push((await import(t.module)).analyze);
var analyses = [];
var loaded = loadPaths(files, cwd, (file) => analyses.push(analyzers.map((analyze, i) => analyze(file, tasks[i].options))));
var out = { ...loaded, analyses };
parentPort.postMessage(out);
