import { describe, expect, it } from 'vitest';
import { closest, isTypoOf, NameIndex } from '../src/text/closest.js';

describe('closest names', () => {
  const names = ['web', 'api', 'api-server', 'backend', 'Backend-v2', 'frontend', 'payments', 'payment-gw', 'cart', 'carts', 'checkout'];

  it('NameIndex answers as closest does (small sets are read whole)', () => {
    const index = new NameIndex(names);
    for (const word of ['bakend', 'BACKEND', 'frontnd', 'paymnts', 'crt', 'api-srever', 'zzz', 'checkuot', 'web', 'webb', '']) {
      expect(index.closest(word), word).toBe(word === '' ? null : closest(word, names));
    }
  });

  it('finds the typo among many names of the same length', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `backend-service-${i}`);
    const index = new NameIndex(many);
    expect(index.closest('backend-servcie-4321')).toBe('backend-service-4321');
    expect(index.closest('completely-different-name')).toBeNull();
  });

  it('NameIndex answers as closest does on random sets of up to 16 names (what it skips unread is never the answer)', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = 'abcdeABC-_.0123xyz';
    const word = (): string => Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let set = 0; set < 200; set++) {
      const base = Array.from({ length: 1 + Math.floor(random() * 8) }, word);
      const set16 = [...base, ...base.map((w) => w.toUpperCase()).slice(0, 4), ...base.map((w) => `${w}x`).slice(0, 4)];
      const index = new NameIndex(set16);
      for (let q = 0; q < 20; q++) {
        const w = random() < 0.5 ? word() : `${set16[Math.floor(random() * set16.length)].slice(0, -1)}q`;
        expect(index.closest(w), `${w} in ${set16.join(',')}`).toBe(closest(w, set16));
      }
    }
  });

  it('isTypoOf is closest(word, [candidate]) !== null', () => {
    const words = ['web', 'Web', 'backend', 'bakend', 'BACKEND', 'a', 'ab', 'ba', 'app-1', 'ap-1', 'app-12', 'frontend-v2', 'frontend', ''];
    for (const a of words) for (const b of words) expect(isTypoOf(a, b), `${a} ${b}`).toBe(closest(a, [b]) !== null);
  });
});
