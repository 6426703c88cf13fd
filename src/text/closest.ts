/**
 * Levenshtein distance (insert, delete, substitute; a swap of neighbours counts once), or `max + 1`
 * as soon as it must exceed `max` (every cell of a row is over it).
 */
function editDistance(a: string, b: string, max = Infinity): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    // A row never gets cheaper below the previous one, but a swap may reach two rows back: stop only
    // when two consecutive rows are over the bound.
    if (rowMin > max && i > 1 && Math.min(...prev) > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** The largest distance that counts as a plausible typo of `word`. */
function limitFor(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * The candidate closest to `word` ("did you mean"), when it is close enough to be a plausible typo:
 * case-insensitive equality, or an edit distance of at most a third of the length. Candidates whose
 * length already differs by more than that are skipped before anything is computed; for the names of
 * an index, asked many times, use NameIndex.
 */
export function closest(word: string, candidates: Iterable<string>): string | null {
  const limit = limitFor(word);
  const lower = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word || Math.abs(c.length - word.length) > limit) continue;
    const cl = c.toLowerCase();
    const d = cl === lower ? 0.5 : editDistance(lower, cl, Math.min(limit, bestDistance));
    if (d < bestDistance || (d === bestDistance && best !== null && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= limit ? best : null;
}

interface Entry {
  name: string;
  lower: string;
}

/**
 * A set of names prepared for many "did you mean" questions (the Services of a namespace, asked by
 * every Ingress backend): lower-cased once, grouped by length and by first and last character. A
 * question reads only the names of a plausible length, those sharing the word's first or last
 * character first, and computes at most MAX_DISTANCES edit distances (each cut off at the limit), so
 * N questions against N names stay linear. Same answer as `closest` whenever the names of a
 * plausible length number at most MAX_DISTANCES.
 */
export class NameIndex {
  private static readonly MAX_DISTANCES = 256;
  private readonly byLength = new Map<number, Entry[]>();
  private readonly byLengthFirst = new Map<string, Entry[]>();
  private readonly byLengthLast = new Map<string, Entry[]>();

  constructor(names: Iterable<string>) {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      const e = { name, lower: name.toLowerCase() };
      push(this.byLength, name.length, e);
      push(this.byLengthFirst, `${name.length}:${e.lower[0]}`, e);
      push(this.byLengthLast, `${name.length}:${e.lower[e.lower.length - 1]}`, e);
    }
  }

  closest(word: string): string | null {
    const limit = limitFor(word);
    const lower = word.toLowerCase();
    let best: string | null = null;
    let bestDistance = Infinity;
    let budget = NameIndex.MAX_DISTANCES;
    const tried = new Set<Entry>();
    const consider = (list: readonly Entry[] | undefined): boolean => {
      if (!list) return true;
      for (const e of list) {
        if (tried.has(e)) continue;
        tried.add(e);
        if (e.name === word) continue;
        if (budget-- <= 0) return false;
        const d = e.lower === lower ? 0.5 : editDistance(lower, e.lower, Math.min(limit, bestDistance));
        if (d < bestDistance || (d === bestDistance && best !== null && e.name < best)) {
          best = e.name;
          bestDistance = d;
        }
      }
      return true;
    };
    const lengths: number[] = [word.length];
    for (let k = 1; k <= limit; k++) lengths.push(word.length - k, word.length + k);
    const first = lower[0];
    const last = lower[lower.length - 1];
    search: {
      for (const len of lengths) {
        if (!consider(this.byLengthFirst.get(`${len}:${first}`))) break search;
        if (!consider(this.byLengthLast.get(`${len}:${last}`))) break search;
      }
      for (const len of lengths) if (!consider(this.byLength.get(len))) break search;
    }
    return best !== null && bestDistance <= limit ? best : null;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
