import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { RenderSettings } from '../config/settings.js';

/** A command line to which the renderer appends its arguments: `kustomize build`, `kubectl kustomize`, `helm template`. */
export interface ToolCommand {
  /** The program (as configured, or its absolute path when looked up). */
  program: string;
  args: readonly string[];
  /** As shown in messages: `kustomize build`. */
  shown: string;
}

/** The output of a command that ran, or why it did not give one. */
export type ToolRun = { ok: true; stdout: string } | { ok: false; timedOut: boolean; message: string };

/** Output larger than this is cut and the run fails (a chart rendering that much is beyond linting). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** An executable file named `name` in one of the folders of `searchPath` (a PATH-style list), or null. */
export function findOnPath(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      continue;
    }
  }
  return null;
}

/** The command that builds a Kustomize root: the configured one, else `kustomize build`, else `kubectl kustomize`, or null. */
export function kustomizeCommand(settings: RenderSettings): ToolCommand | null {
  if (settings.kustomize) return configured(settings.kustomize);
  const kustomize = findOnPath('kustomize', settings.toolsPath);
  if (kustomize) return { program: kustomize, args: ['build'], shown: 'kustomize build' };
  const kubectl = findOnPath('kubectl', settings.toolsPath);
  if (kubectl) return { program: kubectl, args: ['kustomize'], shown: 'kubectl kustomize' };
  return null;
}

/** The command that renders a chart: the configured one, else `helm template`, or null. */
export function helmCommand(settings: RenderSettings): ToolCommand | null {
  if (settings.helm) return configured(settings.helm);
  const helm = findOnPath('helm', settings.toolsPath);
  return helm ? { program: helm, args: ['template'], shown: 'helm template' } : null;
}

function configured(words: readonly string[]): ToolCommand {
  return { program: words[0], args: words.slice(1), shown: words.join(' ') };
}

/**
 * Runs a command without a shell, bounded in time (killed at the bound) and in output. A command that
 * cannot be started, exits non-zero or times out gives its own message (stderr, else the error).
 */
export function runTool(command: ToolCommand, args: readonly string[], opts: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      command.program,
      [...command.args, ...args],
      { cwd: opts.cwd, timeout: opts.timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', env: opts.env ?? process.env, windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, stdout });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
        const timedOut = e.killed === true && e.signal === 'SIGKILL' && e.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
        const message = e.code === 'ENOENT' ? `${command.program}: command not found` : stderr.trim() || e.message;
        resolve({ ok: false, timedOut, message });
      },
    );
  });
}
