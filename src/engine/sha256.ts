import crypto, { createHash } from 'node:crypto';

/** SHA-256 of a text, in hex: one-shot hashing (Node ≥ 20.12), else a Hash object per call (the same digest; the one-shot call costs a fraction per finding). */
export const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(algorithm: string, data: string, encoding: 'hex'): string }).hash('sha256', text, 'hex')
    : (text) => createHash('sha256').update(text).digest('hex');
