// Worker thread of the loader (parallel.ts): runs the per-file loop (loadPaths) on its share of the
// files and the analyzer tasks on each file, then posts everything back as plain values in one message.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPaths } from './load.js';
import type { AnalyzerTask, WorkerOutput } from './parallel.js';
import { noteV8Flags } from '../engine/v8-tuning.js';

const { files, cwd, tasks, v8Flags } = workerData as { files: string[]; cwd: string; tasks: AnalyzerTask[]; v8Flags: string | null };
// The V8 flags the parent set (src/engine/v8-tuning.ts): the validators' code caches load under V8's own.
noteV8Flags(v8Flags);
const analyzers: ((file: unknown, options: unknown) => unknown)[] = [];
for (const t of tasks) analyzers.push(((await import(t.module)) as { analyze: (file: unknown, options: unknown) => unknown }).analyze);

const analyses: unknown[][] = [];
const loaded = loadPaths(files, cwd, (file) => analyses.push(analyzers.map((analyze, i) => analyze(file, tasks[i].options))));
const out: WorkerOutput = { ...loaded, analyses };
parentPort!.postMessage(out);
