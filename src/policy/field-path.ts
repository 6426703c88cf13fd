import { pointer } from '../model/pointer.js';

/**
 * A validation's `fieldPath` (`spec.replicas`, `spec.ports[0].name`, `metadata.labels['team']`) as a
 * JSON pointer into the object; null when it does not parse (the finding then marks the object's kind).
 */
export function fieldPathToPointer(fieldPath: string): string | null {
  const tokens: (string | number)[] = [];
  let s = fieldPath.trim();
  if (s.startsWith('.')) s = s.slice(1);
  let i = 0;
  while (i < s.length) {
    if (s[i] === '[') {
      const close = s.indexOf(']', i);
      if (close < 0) return null;
      const inner = s.slice(i + 1, close).trim();
      const quoted = /^'((?:[^'\\]|\\.)*)'$|^"((?:[^"\\]|\\.)*)"$/.exec(inner);
      if (quoted) tokens.push((quoted[1] ?? quoted[2]).replace(/\\(.)/g, '$1'));
      else if (/^\d+$/.test(inner)) tokens.push(Number(inner));
      else return null;
      i = close + 1;
      if (s[i] === '.') i++;
      continue;
    }
    const m = /^[A-Za-z_$][\w$-]*/.exec(s.slice(i));
    if (!m) return null;
    tokens.push(m[0]);
    i += m[0].length;
    if (s[i] === '.') i++;
  }
  return tokens.length > 0 ? pointer(...tokens) : null;
}
