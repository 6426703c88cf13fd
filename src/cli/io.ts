import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { LintOptions } from '../engine/lint.js';
import type { LintResult } from '../engine/result.js';

/** The process edges a command touches, injectable so tests can run commands in-process. */
export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  readStdin(): Promise<Buffer>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colors, progress). */
  isTTY: boolean;
}

/** A mistake in the command line or config: one line on stderr, exit 2. */
export class UsageError extends Error {}

export function processIo(): Io {
  return {
    stdout: (s) => {
      prepareStdout();
      // The reader stopped reading (`kubewire lint | head`): the rest of the report goes nowhere.
      if (!readerGone) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

let pipeChecked = false;
/** Whether stdout's reader has gone (EPIPE) or stdout failed: nothing more is written there. */
let readerGone = false;

/**
 * Prepares stdout at the first write: a reader that goes away (EPIPE) ends the report quietly, and
 * writes to a pipe wait for its reader (POSIX; Windows pipes already do). Node writes to a pipe asynchronously: what the reader has not taken yet is queued in the
 * process as the strings written, so a report of 124 MB piped into another program (jq, the
 * bench) was held whole in the heap until the process ended, and every garbage collection on the
 * way copied or marked it (0.1–0.2 s of CPU, peak memory +124 MB). A file or a terminal is written
 * synchronously already. The language server writes its protocol to stdout itself, not through here.
 */
function prepareStdout(): void {
  if (pipeChecked) return;
  pipeChecked = true;
  // A reader that closes the pipe early (`| head`) is no error of the run: the report stops there,
  // the exit code stays the lint's. Any other write error is one line, not node's stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      readerGone = true;
      return;
    }
    if (!readerGone) process.stderr.write(`kubewire: cannot write to stdout: ${err.code ?? err.message}\n`);
    readerGone = true;
    process.exitCode = 2;
  });
  // A private handle of node's stream (as Node itself uses it for Windows pipes): absent on files
  // and terminals, which need nothing.
  const handle = (process.stdout as unknown as { _handle?: { setBlocking?: (blocking: boolean) => number } })._handle;
  if (process.stdout.isTTY || typeof handle?.setBlocking !== 'function') return;
  handle.setBlocking(true);
}

/** The options every command that reads manifests shares. */
export const INPUT_OPTIONS = {
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  namespace: { type: 'string' },
  'stdin-filename': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** parseArgs with positionals and strict options; a mistake is a UsageError pointing at the command's help. */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  command: string,
): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>> {
  try {
    return parseArgs({ args: argv, allowPositionals: true as const, strict: true as const, options });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (see kubewire ${command} --help)`);
  }
}

/**
 * Pieces of a report are written in batches of about this many characters: under V8's large-object
 * size and malloc's mapping threshold, so that a batch and the buffer it is written from reuse
 * memory already mapped (1 MB batches were mapped, faulted in and unmapped one by one).
 */
const BATCH = 1 << 17;

/**
 * Writes a report to stdout, or to a file (folders created) for -o. A report given in pieces is
 * written as they come, in batches, so a report of many findings is never held as one string.
 */
export function writeOutput(io: Io, outputFile: string | undefined, report: string | Iterable<string>): void {
  let write: (s: string) => void = (s) => io.stdout(s);
  let fd: number | null = null;
  if (outputFile) {
    const file = path.resolve(io.cwd, outputFile);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      fd = openSync(file, 'w');
    } catch (err) {
      throw new UsageError(`cannot write ${outputFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const out = fd;
    write = (s) => {
      try {
        writeSync(out, s);
      } catch (err) {
        throw new UsageError(`cannot write ${outputFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    };
  }
  try {
    // A report given as one string is one write.
    if (typeof report === 'string') {
      write(report);
      return;
    }
    let batch = '';
    for (const piece of report) {
      // A long piece is written as it is (joined to the batch it would be copied once more).
      if (piece.length >= BATCH >> 2) {
        if (batch !== '') write(batch);
        batch = '';
        write(piece);
        continue;
      }
      batch += piece;
      if (batch.length >= BATCH) {
        write(batch);
        batch = '';
      }
    }
    if (batch !== '') write(batch);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The input options both lint and graph take (INPUT_OPTIONS), as parsed. */
export interface InputValues {
  config?: string;
  namespace?: string;
  'stdin-filename'?: string;
}

/**
 * One lint run over the command's inputs (paths, stdin, config, namespace) plus the command's own
 * options: what `kubewire lint` reports and `kubewire graph` draws from. A bad config is a usage error.
 */
export async function lintInputs(
  io: Io,
  positionals: string[],
  values: InputValues,
  options: Omit<LintOptions, 'paths' | 'cwd' | 'stdin' | 'stdinFilename' | 'configFile' | 'namespace'>,
): Promise<LintResult> {
  const paths = positionals.length ? positionals : ['.'];
  const stdin = paths.includes('-') ? await io.readStdin() : undefined;
  // Imported here, not at the top: the commands that do not lint (`--version`, `rules`, `explain`)
  // import this module too, and should not load the engine (see main.ts).
  const [{ lintWith }, { ConfigError }] = await Promise.all([import('../engine/lint.js'), import('../config/load-config.js')]);
  try {
    return await lintWith({
      ...options,
      paths,
      cwd: io.cwd,
      stdin,
      stdinFilename: values['stdin-filename'],
      configFile: values.config,
      namespace: values.namespace,
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}
