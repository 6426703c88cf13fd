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
 * TurboFan inlines callees into a function it optimizes until their bytecode adds up to this much
 * (V8 11's default: 920). The time TurboFan takes grows with what it inlines, and a lint's hot
 * functions (line readers, rule checks, selector hints) are compiled once for a run of a second or
 * two: a third of the default made the CPU of the hostile slice's selector cases 7-8% less (README,
 * "Benchmark"), the 10k corpora within noise.
 */
export const BATCH_INLINING_BUDGET = 300;

/** The V8 flags kubewire tunes for a batch command, with V8 11's defaults (the flags the build made its code caches under). */
const TUNED: readonly { name: string; batch: number; v8Default: number }[] = [
  { name: 'interrupt-budget', batch: BATCH_INTERRUPT_BUDGET, v8Default: 67_584 },
  { name: 'max-inlined-bytecode-size-cumulative', batch: BATCH_INLINING_BUDGET, v8Default: 920 },
];

/** Whether the user gave V8 the flag `name` (with `-` or `_` between words) on the command line. */
function userSets(execArgv: readonly string[], name: string): boolean {
  const pattern = new RegExp(`^--${name.replace(/-/g, '[-_]')}(=|$)`);
  return execArgv.some((a) => pattern.test(a));
}

/**
 * The V8 flags a command sets for itself (one string), or null: only the batch commands (not the
 * language server, which runs for hours), only on V8 11 (Node 20, where they were measured; later
 * V8s tier up through Maglev first and keep their defaults), and never a flag the user gave.
 */
export function batchV8Flag(command: string | undefined, execArgv: readonly string[], v8Version: string): string | null {
  if (command === 'lsp') return null;
  if (!/^11\./.test(v8Version)) return null;
  const flags = TUNED.filter((f) => !userSets(execArgv, f.name)).map((f) => `--${f.name}=${f.batch}`);
  return flags.length > 0 ? flags.join(' ') : null;
}

/** The flags kubewire set for this process (worker threads: their parent's), or null where V8 keeps its own. */
let applied: string | null = null;

/** Sets batchV8Flag for `command` in this process, before the command's code first runs. */
export function tuneV8For(command: string | undefined): void {
  const flag = batchV8Flag(command, process.execArgv, process.versions.v8);
  if (!flag) return;
  v8.setFlagsFromString(flag);
  applied = flag;
}

/** The flags kubewire set for this process, for its worker threads (V8's flags are the process's). */
export function appliedV8Flags(): string | null {
  return applied;
}

/** In a worker thread: the flags its parent set (they are already in force; this records them). */
export function noteV8Flags(flags: string | null | undefined): void {
  applied = typeof flags === 'string' ? flags : null;
}

/** V8 11's own values of the flags in `flags` (`--name=value …`). */
function defaultsOf(flags: string): string {
  return flags
    .split(' ')
    .map((f) => {
      const name = f.slice(2, f.indexOf('='));
      return `--${name}=${TUNED.find((t) => t.name === name)!.v8Default}`;
    })
    .join(' ');
}

/**
 * Runs `compile` under V8 11's own values of the tuned flags. V8 accepts a code cache only under the
 * flags it was made with (it hashes every flag not at its default), and the build makes the code
 * caches under V8's defaults: with the batch flags in force, V8 rejected them and compiled 2 MB of
 * validators on every run (30-40 ms). The flags are set back right after; functions read them when
 * they run or are optimized, not when they are compiled to bytecode.
 */
export function withV8DefaultBudget<T>(compile: () => T): T {
  if (applied === null) return compile();
  const flags = applied;
  v8.setFlagsFromString(defaultsOf(flags));
  try {
    return compile();
  } finally {
    v8.setFlagsFromString(flags);
  }
}
