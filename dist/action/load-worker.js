import { createRequire as __kubewireCreateRequire } from 'node:module';
const require = __kubewireCreateRequire(import.meta.url);
import {
  loadFile,
  loadPaths,
  node_os_default,
  parentPort,
  workerData
} from "./chunk-O4KNESSW.js";
import {
  crc32,
  readlinkSync
} from "./chunk-7OYSZYEL.js";
import "./chunk-T5CYQYMC.js";

// src/load/load-worker.ts
var { files, cwd, tasks, stream } = workerData;
var analyzers = [];
for (const t of tasks) analyzers.push((await import(t.module)).analyze);
if (stream) {
  lowerPriority();
  for (let i = Atomics.load(stream.reached, 0) + 1; i < files.length; i = Math.max(i + 1, Atomics.load(stream.reached, 0) + 1)) {
    const file = loadFile(files[i], cwd);
    if ("error" in file) continue;
    const message = { i, sum: crc32(file.text), documents: file.documents.length, analyses: analyzers.map((analyze, t) => analyze(file, tasks[t].options)) };
    stream.port.postMessage(message);
  }
  stream.port.close();
} else {
  const analyses = [];
  const loaded = loadPaths(files, cwd, (file) => analyses.push(analyzers.map((analyze, i) => analyze(file, tasks[i].options))));
  const out = { ...loaded, analyses };
  parentPort.postMessage(out);
}
function lowerPriority() {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(tid) && tid > 0) node_os_default.setPriority(tid, node_os_default.constants.priority.PRIORITY_LOW);
  } catch {
  }
}
