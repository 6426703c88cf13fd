import { createRequire as __kubewireCreateRequire } from 'node:module';
const require = __kubewireCreateRequire(import.meta.url);
import {
  loadPaths,
  parentPort,
  workerData
} from "./chunk-W3DYXQGH.js";
import {
  noteInterruptBudget
} from "./chunk-B227A6YF.js";
import "./chunk-T5CYQYMC.js";

// src/load/load-worker.ts
var { files, cwd, tasks, interruptBudget } = workerData;
noteInterruptBudget(interruptBudget);
var analyzers = [];
for (const t of tasks) analyzers.push((await import(t.module)).analyze);
var analyses = [];
var loaded = loadPaths(files, cwd, (file) => analyses.push(analyzers.map((analyze, i) => analyze(file, tasks[i].options))));
var out = { ...loaded, analyses };
parentPort.postMessage(out);
