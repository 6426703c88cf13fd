// Worker thread of the loader (parallel.ts). Two jobs:
// - a part of the input (loadInputs on 4+ cores): runs the per-file loop (loadPaths) on its share of
//   the files and the analyzer tasks on each file, then posts everything back as plain values in one message;
// - the verdict helper (`stream`, see startVerdictHelper): reads and parses the whole input beside the
//   main thread and posts only the analyses, file by file, skipping the files the main thread has
//   reached itself (`reached`, shared memory).
import { readlinkSync } from 'node:fs';
import os from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { loadFile, loadPaths } from './load.js';
import type { AnalyzerTask, HelperMessage, WorkerOutput } from './parallel.js';

const { files, cwd, tasks, stream } = workerData as { files: string[]; cwd: string; tasks: AnalyzerTask[]; stream?: { port: MessagePort; reached: Int32Array } };
const analyzers: ((file: unknown, options: unknown) => unknown)[] = [];
for (const t of tasks) analyzers.push(((await import(t.module)) as { analyze: (file: unknown, options: unknown) => unknown }).analyze);

if (stream) {
  lowerPriority();
  for (let i = Atomics.load(stream.reached, 0) + 1; i < files.length; i = Math.max(i + 1, Atomics.load(stream.reached, 0) + 1)) {
    const file = loadFile(files[i], cwd);
    if ('error' in file) continue;
    const message: HelperMessage = { i, sum: crc32(file.text), documents: file.documents.length, analyses: analyzers.map((analyze, t) => analyze(file, tasks[t].options)) };
    stream.port.postMessage(message);
  }
  stream.port.close();
} else {
  const analyses: unknown[][] = [];
  const loaded = loadPaths(files, cwd, (file) => analyses.push(analyzers.map((analyze, i) => analyze(file, tasks[i].options))));
  const out: WorkerOutput = { ...loaded, analyses };
  parentPort!.postMessage(out);
}

/**
 * The helper runs on what the other threads leave: at the lowest priority (Linux: this thread alone,
 * its id read from /proc/thread-self), so that on a busy machine it takes no time from the main thread
 * or from V8's own threads, which then simply do its files themselves. Elsewhere it runs as it is.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, os.constants.priority.PRIORITY_LOW);
  } catch {
    // no /proc (not Linux), or not allowed: the normal priority
  }
}
