/**
 * RE2 patterns (what Kubernetes CEL's `matches`, `find` and `findAll` take) as JavaScript RegExps:
 * the syntax both share is passed through; RE2's own forms are translated (leading `(?flags)`,
 * `(?P<name>`, `\A`, `\z`, `[[:class:]]`, `\pL`). Compiled patterns are cached.
 */

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/** The RegExp for an RE2 pattern; throws an Error naming the pattern when it is not one. */
export function re2(pattern: string, global = false): RegExp {
  const key = global ? `g${pattern}` : ` ${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = translate(pattern, global);
    if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

function translate(pattern: string, global: boolean): RegExp {
  let flags = global ? 'g' : '';
  let body = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    if (lead[1].includes('U')) throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: the U flag is not supported`);
    for (const f of new Set(lead[1])) flags += f;
    body = body.slice(lead[0].length);
  }
  let unicode = false;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      const n = body[i + 1];
      if (n === 'A') out += '^';
      else if (n === 'z') out += '$(?![\\s\\S])';
      else if ((n === 'p' || n === 'P') && body[i + 2] !== '{') {
        out += `\\${n}{${body[i + 2]}}`;
        unicode = true;
        i++;
      } else if (n === 'p' || n === 'P') {
        out += `\\${n}`;
        unicode = true;
      } else out += `\\${n}`;
      i++;
    } else if (c === '(' && body.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (c === '[' && body.startsWith('[:', i)) {
      const end = body.indexOf(':]', i + 2);
      const name = end > 0 ? body.slice(i + 2, end) : '';
      const negated = name.startsWith('^');
      const cls = POSIX[negated ? name.slice(1) : name];
      if (cls === undefined || negated) out += c;
      else {
        out += cls;
        i = end + 1;
      }
    } else out += c;
  }
  try {
    // With `u` only where a Unicode class needs it: RE2 allows escaping any punctuation, `u` does not.
    return new RegExp(out, unicode ? `${flags}u` : flags);
  } catch (err) {
    throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`, { cause: err });
  }
}
