import v8 from 'node:v8';

/**
 * V8 optimizes a function with TurboFan once it has run this much bytecode (its "interrupt budget").
 * V8 11's default (67,584, Node 20) suits pages and servers that run for minutes; a lint runs for
 * seconds through hundreds of functions, and with the default TurboFan compiled about 260 of them on
 * the 10,000-document bench corpora: 1.0–1.5 s of CPU on V8's background threads, 30–40% of the
 * run's CPU. Four times the default leaves the functions that run only briefly to the interpreter and
 * baseline code: CPU −15 to −20% on the clean and dirty 10k corpora, wall time unchanged (README,
 * "Benchmark").
 */
export const BATCH_INTERRUPT_BUDGET = 300_000;

/**
 * The V8 flag a command sets for itself, or null: only the batch commands (not the language server,
 * which runs for hours), only on V8 11 (Node 20, where it was measured; later V8s tier up through
 * Maglev first and keep their defaults), and never over the user's own `--interrupt-budget`.
 */
export function batchV8Flag(command: string | undefined, execArgv: readonly string[], v8Version: string): string | null {
  if (command === 'lsp') return null;
  if (!/^11\./.test(v8Version)) return null;
  if (execArgv.some((a) => /^--interrupt[-_]budget(=|$)/.test(a))) return null;
  return `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`;
}

/** Sets batchV8Flag for `command` in this process, before the command's code first runs. */
export function tuneV8For(command: string | undefined): void {
  const flag = batchV8Flag(command, process.execArgv, process.versions.v8);
  if (flag) v8.setFlagsFromString(flag);
}
