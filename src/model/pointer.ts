/** RFC 6901 JSON pointers. */
import { cached } from './cache.js';

export function escapeToken(token: string | number): string {
  if (typeof token === 'number') return String(token);
  // Almost every token needs no escape: skip the two replacements (pointers are built for every field a rule reads).
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeToken(token: string): string {
  if (!token.includes('~')) return token;
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function pointer(...tokens: (string | number)[]): string {
  let out = '';
  for (const t of tokens) out += '/' + escapeToken(t);
  return out;
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + pointer(...tokens);
}

/** Pointers kept once (see sharedPointer). */
const shared = new Map<string, string>();

/**
 * The one copy of a pointer that many objects hold alike (`/spec/template/spec/containers/0/ports/1`
 * is the same in every Deployment): views built for every object keep it, not a string each.
 */
export function sharedPointer(p: string): string {
  return cached(shared, p, 1 << 14, () => p);
}

export function parsePointer(p: string): string[] {
  if (p === '' || p === '/') return p === '/' ? [''] : [];
  if (!p.startsWith('/')) throw new Error(`invalid JSON pointer: ${p}`);
  const tokens = p.slice(1).split('/');
  return p.includes('~') ? tokens.map(unescapeToken) : tokens;
}

/** Pointers rendered for humans, e.g. `spec.ports[0].targetPort`. */
export function pointerToPath(p: string): string {
  let out = '';
  for (const t of parsePointer(p)) {
    if (/^\d+$/.test(t)) out += `[${t}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(t)) out += (out ? '.' : '') + t;
    else out += `[${JSON.stringify(t)}]`;
  }
  return out;
}
