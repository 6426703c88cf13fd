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
    stdout: (s) => process.stdout.write(s),
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
