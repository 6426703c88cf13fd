/** Rows of the distance table, reused by every call (grown as needed). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
/** A cell no path of interest goes through (outside the band). */
const FAR = 0x3fffffff;

/**
 * Levenshtein distance (insert, delete, substitute; a swap of neighbours counts once: the optimal
 * string alignment distance) when it is at most `max`, else a value over `max`. A word `a` of at
 * most 32 ASCII characters (names, label values) is compared bit-parallel (`bitDistance`); any
 * other cell by cell within `max` of the diagonal (`bandDistance`).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  if (m === 0) return n;
  if (m <= 32 && usePattern(a)) {
    const d = bitDistance(m, b, peq[HASH]);
    return d > max ? max + 1 : d;
  }
  return bandDistance(a, b, max);
}

/**
 * Per character code below 128, the positions of the current pattern (`pattern`) holding it, as bits.
 * Kept from call to call: a question asks about one word against many names.
 */
const peq = new Int32Array(128);
let pattern = '';

/** Makes `a` (at most 32 characters) the pattern of `peq`; false when it holds a character outside ASCII. */
function usePattern(a: string): boolean {
  if (a === pattern) return true;
  for (let i = 0; i < pattern.length; i++) peq[pattern.charCodeAt(i)] = 0;
  pattern = '';
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c >= 128) {
      for (let k = 0; k < i; k++) peq[a.charCodeAt(k)] = 0;
      return false;
    }
    peq[c] |= 1 << i;
  }
  pattern = a;
  return true;
}

/** The code of `#`: the character that stands for "any digit, or `#`" in a name's shape (NameIndex). */
const HASH = 0x23;

/**
 * The optimal-string-alignment distance between the pattern of `peq` (`m` ≤ 32 characters) and `b`,
 * one column of the table per character of `b` in a few bit operations (Hyyrö 2003, "A bit-vector
 * algorithm for computing Levenshtein and Damerau edit distances": Myers' bit-parallel Levenshtein
 * with transpositions). Exact; `bandDistance` computes the same table cell by cell. A `#` of `b`
 * matches the pattern's positions in `hashMatches`: `peq[HASH]` for the text as written; the
 * positions of every digit and `#` for a name's shape (NameIndex), whose distance is then the least
 * of the distances of every name of that shape (the algorithm only reads which positions a character
 * matches, and a cell of the table is the least over the paths through it: matching more never costs
 * more).
 */
function bitDistance(m: number, b: string, hashMatches: number): number {
  let vp = -1;
  let vn = 0;
  let d0 = 0;
  let pmOld = 0;
  let dist = m;
  const top = 1 << (m - 1);
  for (let j = 0; j < b.length; j++) {
    const c = b.charCodeAt(j);
    const pm = c === HASH ? hashMatches : c < 128 ? peq[c] : 0;
    const tr = ((~d0 & pm) << 1) & pmOld;
    d0 = ((((pm & vp) + vp) | 0) ^ vp) | pm | vn | tr;
    let hp = vn | ~(d0 | vp);
    let hn = d0 & vp;
    if ((hp & top) !== 0) dist++;
    else if ((hn & top) !== 0) dist--;
    hp = (hp << 1) | 1;
    hn = hn << 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    pmOld = pm;
  }
  return dist;
}

/**
 * editDistance cell by cell, or a value over `max` as soon as it must exceed `max` (two consecutive
 * rows over it, each cell counted with the insertions or deletions still needed to reach the end).
 * Only the cells within `max` of the diagonal are computed (a path that leaves that band costs more
 * than `max`), so a bounded question costs the length of the word times the bound, not the product
 * of the lengths.
 */
function bandDistance(a: string, b: string, max: number): number {
  const m = a.length;
  const n = b.length;
  const band = max >= n + m ? n + m : Math.floor(max);
  if (rows[0].length < n + 2) rows = [new Int32Array(n + 2), new Int32Array(n + 2), new Int32Array(n + 2)];
  let [prev2, prev, cur] = rows;
  const first = Math.min(n, band);
  for (let j = 0; j <= first; j++) prev[j] = j;
  if (first + 1 <= n) prev[first + 1] = FAR;
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    const ai = a.charCodeAt(i - 1);
    const before = i > 1 ? a.charCodeAt(i - 2) : -1;
    const lo = i - band > 1 ? i - band : 1;
    const hi = i + band < n ? i + band : n;
    cur[lo - 1] = lo === 1 ? i : FAR;
    // The least a path through this row can cost: a cell's value plus the insertions or deletions
    // still needed to reach the end's diagonal (m − i vs n − j characters left).
    const left = m - i - n;
    let rowMin = lo === 1 ? i + Math.abs(left) : FAR;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = prev[j] + 1;
      let x = cur[j - 1] + 1;
      if (x < d) d = x;
      x = prev[j - 1] + (ai === bj ? 0 : 1);
      if (x < d) d = x;
      if (j > 1 && before === bj && ai === b.charCodeAt(j - 2)) {
        x = prev2[j - 2] + 1;
        if (x < d) d = x;
      }
      cur[j] = d;
      const bound = d + (left + j < 0 ? -(left + j) : left + j);
      if (bound < rowMin) rowMin = bound;
    }
    if (hi + 1 <= n) cur[hi + 1] = FAR;
    // Every path crosses this row or the one before (a swap steps over a row): stop when both are over the bound.
    if (rowMin > max && prevMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
    prevMin = rowMin;
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

/**
 * Whether `candidate` is a plausible typo of `word`: what `closest(word, [candidate]) !== null` says,
 * without its loop (for callers that ask about one candidate at a time, many times).
 */
export function isTypoOf(word: string, candidate: string): boolean {
  if (candidate === word) return false;
  const limit = limitFor(word);
  if (Math.abs(candidate.length - word.length) > limit) return false;
  const lower = word.toLowerCase();
  const cl = candidate.toLowerCase();
  return cl === lower || editDistance(lower, cl, limit) <= limit;
}

/**
 * The groups of characters a lower-cased text uses, one bit each (groupOf each character's bin):
 * names whose masks differ in more than twice a distance's bits are further apart than that.
 */
export function typoMask(lower: string): number {
  let mask = 0;
  for (let i = 0; i < lower.length; i++) mask |= 1 << groupOf(binOf(lower.charCodeAt(i)));
  return mask;
}

/**
 * isTypoOf(word, candidate), given both lower-cased as well and the typoMask of each (for callers that
 * ask about one word or candidate many times):
 * a candidate whose mask differs in more than twice the limit's bits is not compared (each bit is a
 * group of characters one of the two lacks: at least one edit each, and an edit changes two counts
 * at most), the same answer.
 */
export function isTypoOfMasked(word: string, lower: string, mask: number, candidate: string, candidateLower: string, candidateMask: number): boolean {
  if (candidate === word) return false;
  const limit = limitFor(word);
  if (Math.abs(candidate.length - word.length) > limit) return false;
  if (bitCount(mask ^ candidateMask) > 2 * limit) return false;
  return candidateLower === lower || editDistance(lower, candidateLower, limit) <= limit;
}

interface Entry {
  name: string;
  lower: string;
  reversed: string;
}

const BINS = 37;

/** The bin of a character code of a lower-cased text: a letter's own, a digit's own, one for every other character. */
function binOf(c: number): number {
  return c >= 0x61 && c <= 0x7a ? c - 0x61 : c >= 0x30 && c <= 0x39 ? 26 + c - 0x30 : 36;
}

/** The group of a bin, a bit of typoMask: a letter's bin alone, the digits in five groups (0 and 5, 1 and 6, …), every other character in one. */
function groupOf(bin: number): number {
  return bin < 26 ? bin : bin < 36 ? 26 + ((bin - 26) % 5) : 31;
}

function bagOf(lower: string, bag = new Uint8Array(BINS)): Uint8Array {
  bag.fill(0);
  for (let i = 0; i < lower.length; i++) {
    const bin = binOf(lower.charCodeAt(i));
    if (bag[bin] < 255) bag[bin]++;
  }
  return bag;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * A set of names prepared for many "did you mean" questions (the Services of a namespace, asked by
 * every Ingress backend): lower-cased once, with their character counts, sorted by their text and by
 * their reversed text. A typo leaves the text before it or the text after it intact, so a question
 * reads the names around the word in both orders first (those sharing the longest prefix or suffix),
 * skips names of an implausible length or whose character counts differ too much, and stops after
 * MAX_READ names or MAX_DISTANCES edit distances (each cut off at the limit): N questions against N
 * names stay linear. Same answer as `closest` whenever the set holds at most MAX_DISTANCES names.
 * What a question reads of every name it skips (length, character counts, whether this question
 * read it already) lies in flat typed arrays, by the name's number.
 */
export class NameIndex {
  private static readonly MAX_READ = 64;
  private static readonly MAX_DISTANCES = 16;
  private static readonly MAX_SHAPES = 8;
  private static readonly MAX_KEPT = 4096;
  private readonly entries: Entry[] = [];
  /** Entry numbers sorted by lower-cased text, and by reversed lower-cased text. */
  private readonly byText: Int32Array;
  private readonly bySuffix: Int32Array;
  /** Per entry: the length of its name, the question that last read it. */
  private readonly lengths: Int32Array;
  private readonly stamps: Int32Array;
  /**
   * Per entry, the bins it uses (of BINS: letters, digits, one bin for every other character of the
   * lower-cased name) with their counts, `bin << 8 | count` each (in no particular order):
   * used[usedStart[i] .. usedStart[i + 1]).
   */
  private readonly usedStart: Int32Array;
  private readonly used: Uint16Array;
  /** Per entry, the groups of bins it uses, as bits (typoMask). */
  private readonly masks: Int32Array;
  /**
   * The shapes of the names (lower-cased, every digit a `#`), each once per length of name: those of
   * the names of length L are shapes[shapeStart[L] .. shapeStart[L + 1]), for L up to the longest.
   */
  private readonly shapes: string[] = [];
  private readonly shapeStart: Int32Array;
  /** Entry numbers by name. */
  private readonly ids = new Map<string, number>();
  /**
   * What `cannotAnswer` found for a word's shape (lower-cased, every digit a `#`), the one thing its
   * answer depends on beside the index: numbered words (`missing-backend-17-3`) share a few shapes.
   * By a hash of the shape (`shapeHash`, no shape text made per question), each with the lower-cased
   * words that stand for their shapes and the answers; cleared when it holds MAX_KEPT hashes.
   */
  private readonly shapeAnswers = new Map<number, { word: string; answer: boolean }[]>();
  /** The character counts of the current question (filled by each question). */
  private readonly scratch = new Uint8Array(BINS);
  private question = 0;
  // The current question (set by `closest`): the word, the number of the entry named so (or -1), the
  // word lower-cased, its typoMask and the sum of its counts (`scratch`), its limit and stamp, the best answer
  // so far and its distance, the edit distances still allowed.
  private qWord = '';
  private qSelf = -1;
  private qLower = '';
  private qMask = 0;
  private qTotal = 0;
  private qLimit = 0;
  private qStamp = 0;
  private qBest: string | null = null;
  private qBestDistance = Infinity;
  private qDistances = 0;

  constructor(names: Iterable<string>) {
    const entries = this.entries;
    for (const name of new Set(names)) {
      if (name === '') continue;
      const lower = name.toLowerCase();
      this.ids.set(name, entries.length);
      entries.push({ name, lower, reversed: reverse(lower) });
    }
    const n = entries.length;
    this.lengths = new Int32Array(n);
    this.stamps = new Int32Array(n);
    this.usedStart = new Int32Array(n + 1);
    this.masks = new Int32Array(n);
    const used: number[] = [];
    const bag = new Uint8Array(BINS);
    for (let i = 0; i < n; i++) {
      const lower = entries[i].lower;
      this.lengths[i] = entries[i].name.length;
      bagOf(lower, bag);
      this.masks[i] = typoMask(lower);
      this.usedStart[i] = used.length;
      // Each bin the name uses once, in the order its characters first use them (a question sums over them).
      for (let k = 0; k < lower.length; k++) {
        const b = binOf(lower.charCodeAt(k));
        if (bag[b] > 0) {
          used.push((b << 8) | bag[b]);
          bag[b] = 0;
        }
      }
    }
    this.usedStart[n] = used.length;
    const shapesByLength = new Map<number, Set<string>>();
    let longest = 0;
    for (const e of entries) {
      let set = shapesByLength.get(e.name.length);
      if (!set) shapesByLength.set(e.name.length, (set = new Set<string>()));
      set.add(shapeOf(e.lower));
      if (e.name.length > longest) longest = e.name.length;
    }
    this.shapeStart = new Int32Array(longest + 2);
    for (let length = 0; length <= longest; length++) {
      this.shapeStart[length] = this.shapes.length;
      for (const shape of shapesByLength.get(length) ?? []) this.shapes.push(shape);
    }
    this.shapeStart[longest + 1] = this.shapes.length;
    this.used = Uint16Array.from(used);
    const ids = Array.from({ length: n }, (_, i) => i);
    this.byText = Int32Array.from([...ids].sort((a, b) => compare(entries[a].lower, entries[b].lower) || compare(entries[a].name, entries[b].name)));
    this.bySuffix = Int32Array.from([...ids].sort((a, b) => compare(entries[a].reversed, entries[b].reversed) || compare(entries[a].name, entries[b].name)));
  }

  closest(word: string): string | null {
    if (word === '') return null;
    const limit = limitFor(word);
    const lower = word.toLowerCase();
    if (this.cannotAnswer(word.length, lower, limit)) return null;
    const bag = bagOf(lower, this.scratch);
    let total = 0;
    for (let b = 0; b < BINS; b++) total += bag[b];
    // The question, in fields of the index (no object per question).
    this.qWord = word;
    this.qSelf = this.ids.get(word) ?? -1;
    this.qLower = lower;
    this.qMask = typoMask(lower);
    this.qTotal = total;
    this.qLimit = limit;
    this.qStamp = ++this.question;
    this.qBest = null;
    this.qBestDistance = Infinity;
    this.qDistances = NameIndex.MAX_DISTANCES;
    // Four cursors, outward from where the word would sort in either order.
    const { byText, bySuffix, entries } = this;
    const n = entries.length;
    const p = lowerBoundLower(byText, entries, lower);
    const s = lowerBoundReversed(bySuffix, entries, lower);
    let read = 0;
    for (let k = 0; read < NameIndex.MAX_READ && this.qDistances > 0; k++) {
      let any = false;
      for (let c = 0; c < 4; c++) {
        const at = c === 0 ? p + k : c === 1 ? p - 1 - k : c === 2 ? s + k : s - 1 - k;
        if (at < 0 || at >= n) continue;
        any = true;
        read++;
        this.consider(c < 2 ? byText[at] : bySuffix[at]);
      }
      if (!any) break;
    }
    const best = this.qBest;
    this.qWord = this.qLower = '';
    this.qBest = null;
    return best !== null && this.qBestDistance <= limit ? best : null;
  }

  /**
   * Whether no name can be the answer to `word` (`lower` lower-cased, `limit` its limit), known from
   * the shapes of the names of a plausible length: there are none, or at most MAX_SHAPES, each
   * further from `lower` than the limit. A shape's distance (bitDistance, its `#` matching any digit
   * or `#`) is at most that of any name of that shape, so no name is within the limit: the question
   * would find nothing, whatever it read (numbered names, `backend-service-17`, share a few shapes).
   * The answer depends on the word's own shape only (a shape holds no digit, so the distance reads a
   * digit of the word only where a shape's `#` matches it, as it matches a `#`; the limit and the
   * lengths follow from the length): it is kept by that shape.
   */
  private cannotAnswer(length: number, lower: string, limit: number): boolean {
    const start = this.shapeStart;
    const lo = length - limit > 0 ? length - limit : 0;
    const hi = length + limit < start.length - 2 ? length + limit : start.length - 2;
    if (lo > hi || start[lo] === start[hi + 1]) return true;
    if (start[hi + 1] - start[lo] > NameIndex.MAX_SHAPES || lower.length !== length || lower.length > 32) return false;
    const hash = shapeHash(lower);
    let known = this.shapeAnswers.get(hash);
    if (known !== undefined) for (const k of known) if (sameShape(k.word, lower)) return k.answer;
    let answer = usePattern(lower);
    if (answer) {
      let digits = peq[HASH];
      for (let c = 0x30; c <= 0x39; c++) digits |= peq[c];
      for (let i = start[lo], end = start[hi + 1]; i < end && answer; i++) answer = bitDistance(lower.length, this.shapes[i], digits) > limit;
    }
    if (known === undefined) {
      if (this.shapeAnswers.size === NameIndex.MAX_KEPT) this.shapeAnswers.clear();
      this.shapeAnswers.set(hash, (known = []));
    }
    known.push({ word: lower, answer });
    return answer;
  }

  private consider(id: number): void {
    const stamps = this.stamps;
    if (stamps[id] === this.qStamp) return;
    stamps[id] = this.qStamp;
    const limit = this.qLimit;
    if (Math.abs(this.lengths[id] - this.qWord.length) > limit || this.qDistances <= 0) return;
    const bestDistance = this.qBestDistance;
    const cutoff = limit < bestDistance ? limit : bestDistance;
    // A group of bins used by one of the two names only adds at least 1 to the bins' difference below:
    // the groups' count is a lower bound of it, read from one number per name.
    if (bitCount(this.qMask ^ this.masks[id]) > 2 * cutoff) return;
    if (id === this.qSelf) return;
    // The bins' difference, Σ |q − e| over all bins (half of it bounds the edit distance from
    // below), read over the bins the entry uses only: the question's total, corrected where the
    // entry has characters. Names equal but for case differ by 0 and pass.
    const bag = this.scratch;
    const used = this.used;
    let diff = this.qTotal;
    for (let u = this.usedStart[id], end = this.usedStart[id + 1]; u < end; u++) {
      const packed = used[u];
      const qb = bag[packed >> 8];
      const eb = packed & 0xff;
      diff += (qb > eb ? qb - eb : eb - qb) - qb;
    }
    if (diff > 2 * cutoff) return;
    const e = this.entries[id];
    const lower = this.qLower;
    let d: number;
    if (e.lower === lower) d = 0.5;
    else {
      this.qDistances--;
      // An edit of one character changes the counts by at most 2, and by 2 only when it keeps the
      // length (a substitution): the distance is at least (diff + the lengths' difference) / 2. Over
      // the cutoff, the distance is not computed (editDistance would say cutoff + 1 too).
      const lengths = e.lower.length - lower.length;
      d = diff + (lengths < 0 ? -lengths : lengths) > 2 * cutoff ? cutoff + 1 : editDistance(lower, e.lower, cutoff);
    }
    if (d < bestDistance || (d === bestDistance && this.qBest !== null && e.name < this.qBest)) {
      this.qBest = e.name;
      this.qBestDistance = d;
    }
  }
}

/** A name's shape: lower-cased (`lower`), every digit a `#`. */
function shapeOf(lower: string): string {
  return lower.replace(/[0-9]/g, '#');
}

/** The code of a character of a shape: a digit's is the code of `#`. */
function shapeCode(c: number): number {
  return c >= 0x30 && c <= 0x39 ? HASH : c;
}

/** A 32-bit hash of shapeOf(lower), read from `lower` (FNV-1a over the shape's character codes). */
function shapeHash(lower: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < lower.length; i++) h = Math.imul(h ^ shapeCode(lower.charCodeAt(i)), 0x01000193);
  return h;
}

/** shapeOf(a) === shapeOf(b), read in place. */
function sameShape(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (shapeCode(a.charCodeAt(i)) !== shapeCode(b.charCodeAt(i))) return false;
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `s` with its UTF-16 code units in reverse order. */
function reverse(s: string): string {
  return s.split('').reverse().join('');
}

/** The first position of `list` (entry numbers sorted by lower-cased text) whose entry's text is not before `lower`. */
function lowerBoundLower(list: Int32Array, entries: readonly Entry[], lower: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[list[mid]].lower < lower) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position of `list` (entry numbers sorted by reversed text) whose entry's reversed text is not before `lower` reversed. */
function lowerBoundReversed(list: Int32Array, entries: readonly Entry[], lower: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (beforeReversed(entries[list[mid]].reversed, lower)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `reversed < reverse(lower)` (UTF-16 code units, as `<` compares), without making the reversed text. */
function beforeReversed(reversed: string, lower: string): boolean {
  const m = reversed.length;
  const n = lower.length;
  for (let i = 0; i < m && i < n; i++) {
    const a = reversed.charCodeAt(i);
    const b = lower.charCodeAt(n - 1 - i);
    if (a !== b) return a < b;
  }
  return m < n;
}
