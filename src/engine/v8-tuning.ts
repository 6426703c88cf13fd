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

/** V8 11's own budget: the flags the build made its code caches under (src/schema/code-cache.ts). */
const V8_11_INTERRUPT_BUDGET = 67_584;

/** The budget kubewire set for this process (worker threads: their parent's), or null where V8 keeps its own. */
let applied: number | null = null;

/** Sets batchV8Flag for `command` in this process, before the command's code first runs. */
export function tuneV8For(command: string | undefined): void {
  const flag = batchV8Flag(command, process.execArgv, process.versions.v8);
  if (!flag) return;
  v8.setFlagsFromString(flag);
  applied = BATCH_INTERRUPT_BUDGET;
}

/** The budget kubewire set for this process, for its worker threads (V8's flags are the process's). */
export function appliedInterruptBudget(): number | null {
  return applied;
}

/** In a worker thread: the budget its parent set (the flag is already in force; this records it). */
export function noteInterruptBudget(budget: number | null | undefined): void {
  applied = typeof budget === 'number' ? budget : null;
}

/**
 * Runs `compile` under V8 11's own budget. V8 accepts a code cache only under the flags it was made
 * with (it hashes them all), and the build makes the validators' caches under V8's defaults: with
 * the raised budget in force, V8 rejected them and compiled 2 MB of validators on every run (30-40 ms).
 * The budget is set back right after; functions read it when they run, not when they are compiled.
 */
export function withV8DefaultBudget<T>(compile: () => T): T {
  if (applied === null) return compile();
  const budget = applied;
  v8.setFlagsFromString(`--interrupt-budget=${V8_11_INTERRUPT_BUDGET}`);
  try {
    return compile();
  } finally {
    v8.setFlagsFromString(`--interrupt-budget=${budget}`);
  }
}
