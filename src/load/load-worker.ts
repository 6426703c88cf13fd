// Worker thread of the parallel loader (parallel.ts): reads and parses its share of the files and
// runs the analyzer tasks on each, then posts everything back as plain values in one message.
import { parentPort, workerData } from 'node:worker_threads';
import { loadFile } from './load.js';
import type { AnalyzerTask } from './parallel.js';

const { files, cwd, tasks } = workerData as { files: string[]; cwd: string; tasks: AnalyzerTask[] };
const analyzers: ((file: unknown, options: unknown) => unknown)[] = [];
for (const t of tasks) analyzers.push(((await import(t.module)) as { analyze: (file: unknown, options: unknown) => unknown }).analyze);

const results = files.map((abs) => {
  const file = loadFile(abs, cwd);
  if ('error' in file) return file;
  return { file, analyses: analyzers.map((analyze, i) => analyze(file, tasks[i]!.options)) };
});
parentPort!.postMessage({ results });
