import { describe, expect, it } from 'vitest';
import { closest, NameIndex } from '../src/text/closest.js';

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
});
