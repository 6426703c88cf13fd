import { statSync } from 'node:fs';
import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { distModule } from '../engine/package-info.js';
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
  /** On fewer cores: the verdict helper computing the analyses beside this thread (see VerdictHelper). */
  helper?: VerdictHelper;
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
  // A file that cannot be looked up (-1) is looked up again when read, to report why.
  const sizes = plan.paths.map((f) => {
    try {
      return statSync(f).size;
    } catch {
      return -1;
    }
  });
  const total = sizes.reduce((a, b) => a + Math.max(b, 0), 0);
  const threads = opts.threads ?? threadCount(total);
  const workerUrl = threads > 1 && plan.paths.length > 1 ? workerModule() : null;
  const changed = opts.textChanged;
  // A small input keeps its texts: reading again the files with findings (most files, on a repository
  // without NetworkPolicies) costs more time than the few megabytes it saves.
  const keepBelow = opts.keepTextsBelow ?? keepTextsBelow();
  const release = changed && total >= keepBelow ? (file: LoadedFile) => releaseText(file, changed) : undefined;
  if (workerUrl === null) {
    const helperUrl = opts.threads === undefined && tasks.length > 0 && plan.paths.length > 1 && helperWanted(total, keepBelow) ? workerModule() : null;
    const helper = helperUrl ? new VerdictHelper(helperUrl, plan.paths, opts.cwd, tasks) : undefined;
    // Each text is released as soon as its file is parsed: the texts of the input are never all in memory.
    const known = sizes.map((n) => (n < 0 ? undefined : n));
    const loaded = loadPaths(plan.paths, opts.cwd, undefined, release, known);
    assignRoles(loaded.files, plan.roles);
    helper?.bind(loaded.files);
    return { files: [...files, ...loaded.files], errors: [...errors, ...loaded.errors], analyses, ...(helper ? { helper } : {}) };
  }

  // Contiguous parts of about total/threads bytes each.
  const parts: string[][] = [[]];
  let acc = 0;
  plan.paths.forEach((f, i) => {
    if (acc >= (total / threads) * parts.length && parts.length < threads) parts.push([]);
    parts[parts.length - 1].push(f);
    acc += sizes[i];
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

/** Below this much input, the verdict helper's start-up (a thread, its modules and validators) costs more than it saves. */
export const HELPER_MIN_BYTES = 1024 * 1024;

/**
 * Whether to start the verdict helper for an input of `bytes` (when one thread parses): KUBEWIRE_VERDICT_HELPER
 * 0 or 1 when set; never when KUBEWIRE_THREADS fixes the threads; else from 2 cores, from HELPER_MIN_BYTES
 * of input, and below `keepBelow` (the input whose texts are kept: each verdict is checked against the
 * text the main thread parsed).
 */
export function helperWanted(bytes: number, keepBelow: number, env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): boolean {
  if (env.KUBEWIRE_VERDICT_HELPER === '0' || env.KUBEWIRE_VERDICT_HELPER === '1') return env.KUBEWIRE_VERDICT_HELPER === '1' && bytes < keepBelow;
  if (env.KUBEWIRE_THREADS !== undefined && env.KUBEWIRE_THREADS !== '') return false;
  return cores >= 2 && bytes >= HELPER_MIN_BYTES && bytes < keepBelow;
}

/** A verdict of the helper: the analyses of file `i` of the plan, and the CRC-32 and documents of the text it parsed. */
export interface HelperMessage {
  i: number;
  sum: number;
  documents: number;
  analyses: unknown[];
}

/**
 * The verdict helper, on a machine with too few cores for worker threads that parse (threadCount): one
 * worker thread reads and parses the input beside the main thread and runs the analyzer tasks (schema
 * validation) on each file, in the main thread's order, posting the analyses file by file. The main
 * thread takes them when it needs one (`take`, synchronously: receiveMessageOnPort) and does the work
 * itself for a file whose analysis has not come yet, telling the helper, which then skips the files
 * behind that one (`reached`, shared memory): it never waits for the helper, and the two never do the
 * same file for long. An analysis counts only for a file whose text has the CRC-32 and the documents
 * of the main thread's (a file edited between the two reads is analysed again here). Nothing of the
 * output depends on which thread analysed a file. A helper that cannot start or fails is ignored.
 */
export class VerdictHelper {
  private readonly paths: readonly string[];
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly reached = new Int32Array(new SharedArrayBuffer(4));
  private byIndex: (LoadedFile | undefined)[] = [];
  /** 1 for each file whose analyses came. */
  private readonly received: Uint8Array;
  private readonly indexOf = new Map<string, number>();
  private ended = false;
  /** Settles when the helper's thread has exited. */
  readonly finished: Promise<void>;

  constructor(url: URL, paths: readonly string[], cwd: string, tasks: AnalyzerTask[]) {
    this.reached[0] = -1;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(url, { workerData: { files: paths, cwd, tasks, stream: { port: port2, reached: this.reached } }, transferList: [port2] });
    this.worker.on('error', () => this.stop());
    this.finished = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.unref();
    this.port.unref();
    this.paths = paths;
    this.received = new Uint8Array(paths.length);
  }

  /** The files the main thread loaded (those of the plan's paths that could be read). */
  bind(files: readonly LoadedFile[]): void {
    const at = new Map(this.paths.map((p, i) => [p, i]));
    this.byIndex = new Array<LoadedFile | undefined>(this.paths.length);
    for (const f of files) {
      const i = at.get(f.absPath);
      if (i === undefined) continue;
      this.byIndex[i] = f;
      this.indexOf.set(f.path, i);
    }
  }

  /**
   * Hands every analysis posted so far to `accept`; then, when the analysis of `file` (a report path)
   * has not come, lets the helper skip it and the files before it: the main thread analyses them itself.
   */
  take(file: string, accept: (file: LoadedFile, analyses: unknown[]) => void): void {
    if (this.ended) return;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const { i, sum, documents, analyses } = m.message as HelperMessage;
      this.received[i] = 1;
      const f = this.byIndex[i];
      if (f && f.documents.length === documents && crc32(f.text) === sum) accept(f, analyses);
    }
    const i = this.indexOf.get(file);
    if (i !== undefined && this.received[i] === 0 && i > Atomics.load(this.reached, 0)) Atomics.store(this.reached, 0, i);
  }

  /** The run is over (or the helper failed): the thread is stopped. */
  stop(): void {
    if (this.ended) return;
    this.ended = true;
    Atomics.store(this.reached, 0, this.paths.length);
    this.port.close();
    void this.worker.terminate();
  }
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
    const worker = new Worker(workerUrl, { workerData: { files, cwd, tasks } });
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
