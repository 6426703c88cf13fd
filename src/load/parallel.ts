import { statSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { distModule } from '../engine/package-info.js';
import { appliedV8Flags } from '../engine/v8-tuning.js';
import type { LoadedFile } from '../model/resources.js';
import { assignRoles, loadPaths, planInputs, type InputPlan, type LoadOptions, type LoadResult } from './load.js';
import { releaseText } from './texts.js';

/**
 * Work done on each parsed file in the thread that parsed it, so that per-document work (schema
 * validation) spreads over the cores with the parsing. `module` exports
 * `analyze(file: LoadedFile, options): unknown`; its result must be structured-cloneable.
 */
export interface AnalyzerTask {
  module: string;
  options: unknown;
}

export interface ParallelLoadResult extends LoadResult {
  /** For files parsed in a worker thread: the result of each analyzer task, in task order. */
  analyses: Map<LoadedFile, unknown[]>;
}

/** Below this much input, starting worker threads costs more than it saves. */
export const PARALLEL_MIN_BYTES = 3 * 1024 * 1024;
/** Fewer cores than this: one thread (see threadCount). */
export const MIN_CORES = 4;

/** What a worker thread posts back: its files and errors (as loadPaths returns them), and per file the analyses in task order. */
export interface WorkerOutput {
  files: LoadedFile[];
  errors: string[];
  analyses: unknown[][];
}

/**
 * The loader of `lint`: the inputs planned once (planInputs), then read and parsed on this thread, or,
 * when the input is large, spread over worker threads: the file list (in discovery order) is cut into
 * contiguous parts of about equal size, one per thread, and each worker runs the same per-file loop
 * (loadPaths) plus the analyzer tasks on its part. The result is the same either way (same files,
 * same order, same errors), plus the workers' analyses. `threads` is the total number of threads to
 * use (default: threadCount). With `textChanged`, the texts of the files read are not kept but read
 * again when asked for (src/load/texts.ts; `textChanged` is told of a file that changed meanwhile),
 * when the input holds `keepTextsBelow` bytes or more (default: keepTextsBelow()).
 */
export async function loadInputs(
  inputs: string[],
  opts: LoadOptions & { threads?: number; textChanged?: (file: LoadedFile) => void; keepTextsBelow?: number },
  tasks: AnalyzerTask[] = [],
  planned?: InputPlan,
): Promise<ParallelLoadResult> {
  const plan = planned ?? planInputs(inputs, opts);
  const files: LoadedFile[] = plan.stdin ? [plan.stdin] : [];
  const errors: string[] = [...plan.errors];
  const analyses = new Map<LoadedFile, unknown[]>();
  // A file that cannot be looked up (undefined) is looked up again when read, to report why.
  const sizes = plan.paths.map((f): number | undefined => {
    try {
      return statSync(f).size;
    } catch {
      return undefined;
    }
  });
  const total = sizes.reduce((a: number, b) => a + (b ?? 0), 0);
  const threads = opts.threads ?? threadCount(total);
  const workerUrl = threads > 1 && plan.paths.length > 1 ? workerModule() : null;
  const changed = opts.textChanged;
  // A small input keeps its texts: reading again the files with findings (most files, on a repository
  // without NetworkPolicies) costs more time than the few megabytes it saves.
  const keepBelow = opts.keepTextsBelow ?? keepTextsBelow();
  const release = changed && total >= keepBelow ? (file: LoadedFile) => releaseText(file, changed) : undefined;
  if (workerUrl === null) {
    // Each text is released as soon as its file is parsed: the texts of the input are never all in memory.
    const loaded = loadPaths(plan.paths, opts.cwd, undefined, release, sizes);
    assignRoles(loaded.files, plan.roles);
    return { files: [...files, ...loaded.files], errors: [...errors, ...loaded.errors], analyses };
  }

  // Contiguous parts of about total/threads bytes each.
  const parts: string[][] = [[]];
  let acc = 0;
  plan.paths.forEach((f, i) => {
    if (acc >= (total / threads) * parts.length && parts.length < threads) parts.push([]);
    parts[parts.length - 1].push(f);
    acc += sizes[i] ?? 0;
  });
  // Every part goes to a worker thread: the main thread, free meanwhile, would otherwise also have
  // to load the analyzers (the schema validators) and analyze its own part before the rules run.
  const workers = parts.map((part) =>
    // A worker that cannot start or dies: its part is loaded here instead, the run goes on.
    runWorker(workerUrl, part, opts.cwd, tasks).catch((): WorkerOutput => {
      const loaded = loadPaths(part, opts.cwd);
      return { files: loaded.files, errors: loaded.errors, analyses: [] };
    }),
  );
  for (const out of await Promise.all(workers)) {
    if (release) out.files = out.files.map(release);
    assignRoles(out.files, plan.roles);
    files.push(...out.files);
    errors.push(...out.errors);
    out.files.forEach((f, i) => {
      const a = out.analyses[i];
      if (a) analyses.set(f, a);
    });
  }
  return { files, errors, analyses };
}

/** Inputs smaller than this (bytes) keep their texts: 16 MiB, or KUBEWIRE_KEEP_TEXTS_BELOW. */
export function keepTextsBelow(): number {
  const env = Number(process.env.KUBEWIRE_KEEP_TEXTS_BELOW);
  return process.env.KUBEWIRE_KEEP_TEXTS_BELOW !== undefined && Number.isFinite(env) && env >= 0 ? env : 16 * 1024 * 1024;
}

/**
 * Threads for an input of `bytes`: KUBEWIRE_THREADS when set, else as measured by `npm run bench`
 * on 2 cores: one thread already keeps ~1.2 cores busy (V8's garbage collector runs beside it), and
 * worker threads add their start-up, a second copy of the parser and validators, and the copy of
 * every parsed value back to the main thread. On an otherwise idle machine 2 threads lost at 10k
 * documents (1.73 s against 1.51 s) and barely won at 50k (5.24 s against 5.33 s, with 48% more
 * memory); with other work running they lost badly (50k: 8.99 s against 6.84 s). So worker threads
 * are used from MIN_CORES cores and PARALLEL_MIN_BYTES of input; at most 4 threads.
 */
export function threadCount(bytes: number, env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const forced = Number(env.KUBEWIRE_THREADS);
  if (Number.isInteger(forced) && forced > 0) return forced;
  if (cores < MIN_CORES || bytes < PARALLEL_MIN_BYTES) return 1;
  return Math.min(4, cores);
}

/**
 * Worker threads run the compiled JavaScript of dist/src (also from the CLI bundle) or the Action
 * bundle's own load-worker.js; from TypeScript sources (tests) everything stays on one thread.
 */
function workerModule(): URL | null {
  return import.meta.url.endsWith('.ts') ? null : distModule('src/load/load-worker.js');
}

function runWorker(workerUrl: URL, files: string[], cwd: string, tasks: AnalyzerTask[]): Promise<WorkerOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: { files, cwd, tasks, v8Flags: appliedV8Flags() } });
    worker.once('message', (m: WorkerOutput) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with code ${code}`));
    });
  });
}
