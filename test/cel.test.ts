// The CEL module (src/cel): compile/evaluate API, cost limit, and the Kubernetes CEL libraries,
// each checked with the examples their documentation gives (k8s.io/apiserver/pkg/cel/library,
// cel-go ext, https://kubernetes.io/docs/reference/using-api/cel/).
import { describe, expect, it } from 'vitest';
import { compile, DEFAULT_COST_LIMIT, fromCel, toCel } from '../src/cel/index.js';

function run(expression: string, self: unknown = null): unknown {
  const c = compile(expression, { variables: ['self'] });
  if (!c.ok) throw new Error(`compile ${expression}: ${c.error}`);
  const r = c.program.evaluate({ self: toCel(self) });
  if (!r.ok) throw new Error(`evaluate ${expression}: ${r.kind}: ${r.error}`);
  return fromCel(r.value);
}

function fails(expression: string, self: unknown = null): string {
  const c = compile(expression, { variables: ['self'] });
  if (!c.ok) throw new Error(`compile ${expression}: ${c.error}`);
  const r = c.program.evaluate({ self: toCel(self) });
  if (r.ok) throw new Error(`${expression} evaluated to ${String(r.value)}`);
  return r.error;
}

/** Each expression of the table evaluates to true. */
function allTrue(table: string[]): void {
  for (const e of table) expect(run(e), e).toBe(true);
}

describe('compile and evaluate', () => {
  it('compiles once per expression and variable set, and evaluates with bound variables', () => {
    const a = compile('self.minReplicas <= self.replicas && self.replicas <= self.maxReplicas', { variables: ['self'] });
    const b = compile('self.minReplicas <= self.replicas && self.replicas <= self.maxReplicas', { variables: ['self'] });
    expect(a.ok && b.ok && a.program === b.program).toBe(true);
    if (!a.ok) return;
    expect(a.program.evaluate({ self: toCel({ minReplicas: 1, replicas: 2, maxReplicas: 3 }) })).toEqual({ ok: true, value: true });
    expect(a.program.evaluate({ self: toCel({ minReplicas: 3, replicas: 2, maxReplicas: 3 }) })).toEqual({ ok: true, value: false });
  });

  it('declares only the given variables', () => {
    const c = compile('oldSelf == self', { variables: ['self'] });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error).toMatch(/oldSelf/);
    const d = compile('object.spec.replicas > params.min', { variables: ['object', 'params'] });
    expect(d.ok).toBe(true);
    if (d.ok) expect(d.program.evaluate({ object: toCel({ spec: { replicas: 3 } }), params: toCel({ min: 2 }) })).toEqual({ ok: true, value: true });
  });

  it('reports syntax errors and unknown functions at compile time', () => {
    const syntax = compile('self.a ==', { variables: ['self'] });
    expect(syntax.ok).toBe(false);
    const unknown = compile('noSuchFunction(self)', { variables: ['self'] });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error).toMatch(/noSuchFunction/);
  });

  it('reports evaluation errors (no such key) as results, never throws', () => {
    expect(fails('self.a.b == 1', { a: {} })).toMatch(/No such key: b/);
    expect(fails('1 / (self.x - 1) > 0', { x: 1 })).toMatch(/division by zero/);
  });

  it('stops a costly evaluation at the step limit', () => {
    const c = compile('self.all(x, self.all(y, x == y || x != y))', { variables: ['self'] });
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const list = toCel(Array.from({ length: 400 }, (_, i) => i));
    const over = c.program.evaluate({ self: list });
    expect(over).toMatchObject({ ok: false, kind: 'cost' });
    expect(c.program.evaluate({ self: list }, { costLimit: 400 * 400 + 400 })).toEqual({ ok: true, value: true });
    expect(c.program.evaluate({ self: toCel([1, 2, 3]) })).toEqual({ ok: true, value: true });
    expect(DEFAULT_COST_LIMIT).toBeLessThan(400 * 400);
  });

  it('standard macros: has, all, exists, exists_one, map, filter', () => {
    const self = { list1: [1, 2], list2: [], stateCounts: { Available: 1 }, envars: [{ name: 'MY_ENV', value: 'abc' }], widgets: [{ key: 'x', foo: 5 }] };
    expect(run("'Available' in self.stateCounts", self)).toBe(true);
    expect(run('(self.list1.size() == 0) != (self.list2.size() == 0)', self)).toBe(true);
    expect(run("self.envars.filter(e, e.name == 'MY_ENV').all(e, e.value.matches('^[a-zA-Z]*$'))", self)).toBe(true);
    expect(run("self.widgets.exists(w, w.key == 'x' && w.foo < 10)", self)).toBe(true);
    expect(run('self.list1.exists_one(x, x == 2)', self)).toBe(true);
    expect(run('self.list1.map(x, x * 2)', self)).toEqual([2, 4]);
    expect(run('has(self.list1) && !has(self.missing)', self)).toBe(true);
    expect(run("type(self) == string ? self == '99%' : self == 42", '99%')).toBe(true);
    expect(run("type(self) == string ? self == '99%' : self == 42", 42)).toBe(true);
  });

  it('has() on any operand, as cel-go allows (Gateway API: has(self[0].matches))', () => {
    expect(run('has(self[0].matches)', [{ matches: [] }])).toBe(true);
    expect(run('has(self[0].matches)', [{}])).toBe(false);
    expect(run('has(self.rules[1].path)', { rules: [{}, { path: '/' }] })).toBe(true);
  });

  it('optional types', () => {
    expect(run('self.?x.orValue(3)', {})).toBe(3);
    expect(run('self.?x.orValue(3)', { x: 1 })).toBe(1);
    expect(run('optional.of(1).hasValue() && !optional.none().hasValue()')).toBe(true);
  });
});

describe('strings', () => {
  it('the documented examples', () => {
    allTrue([
      "'hello'.charAt(4) == 'o'",
      "'hello'.charAt(5) == ''",
      "'hello mellow'.indexOf('') == 0",
      "'hello mellow'.indexOf('ello') == 1",
      "'hello mellow'.indexOf('jello') == -1",
      "'hello mellow'.indexOf('', 2) == 2",
      "'hello mellow'.indexOf('ello', 2) == 7",
      "'hello mellow'.lastIndexOf('') == 12",
      "'hello mellow'.lastIndexOf('ello') == 7",
      "'hello mellow'.lastIndexOf('jello') == -1",
      "'hello mellow'.lastIndexOf('ello', 6) == 1",
      "'TacoCat'.lowerAscii() == 'tacocat'",
      "'TacoCÆt Xii'.lowerAscii() == 'tacocÆt xii'",
      "'TacoCat'.upperAscii() == 'TACOCAT'",
      "'hello hello'.replace('he', 'we') == 'wello wello'",
      "'hello hello'.replace('he', 'we', -1) == 'wello wello'",
      "'hello hello'.replace('he', 'we', 1) == 'wello hello'",
      "'hello hello'.replace('he', 'we', 0) == 'hello hello'",
      "'hello hello'.split(' ') == ['hello', 'hello']",
      "'hello hello hello'.split(' ', 0) == []",
      "'hello hello hello'.split(' ', 1) == ['hello hello hello']",
      "'hello hello hello'.split(' ', 2) == ['hello', 'hello hello']",
      "'hello hello hello'.split(' ', -1) == ['hello', 'hello', 'hello']",
      "'tacocat'.substring(4) == 'cat'",
      "'tacocat'.substring(0, 4) == 'taco'",
      "'  \\ttrim\\n    '.trim() == 'trim'",
      "['hello', 'mellow'].join() == 'hellomellow'",
      "['hello', 'mellow'].join(' ') == 'hello mellow'",
      "[].join('/') == ''",
      "'gums'.reverse() == 'smug'",
      "'this is a string: %s\\nand an integer: %d'.format(['str', 42]) == 'this is a string: str\\nand an integer: 42'",
      "'%.3f'.format([3.14159]) == '3.142'",
      "'%x'.format([255]) == 'ff'",
      "'%b'.format([5]) == '101'",
      'strings.quote(\'single-quote with "double quote"\') == \'"single-quote with \\\\"double quote\\\\""\'',
    ]);
  });
});

describe('lists', () => {
  it('the documented examples', () => {
    allTrue([
      '[1, 2, 3].isSorted() == true',
      "['a', 'b', 'b', 'c'].isSorted() == true",
      '[2.0, 1.0].isSorted() == false',
      '[1, 2, 3].sum() == 6',
      '[1.0, 2.0, 3.0].sum() == 6.0',
      '[1, 2, 3].min() == 1',
      '[1, 2, 3].max() == 3',
      "['d', 'a', 'c'].max() == 'd'",
      '[1, 2, 2, 3].indexOf(2) == 1',
      "['a', 'b', 'b', 'c'].lastIndexOf('b') == 2",
      '[1.0].indexOf(1.1) == -1',
      "[].indexOf('string') == -1",
    ]);
    expect(fails('[].min() == 1')).toMatch(/empty list/);
  });

  it('sets', () => {
    allTrue([
      'sets.contains([], [])',
      'sets.contains([1, 2, 3, 4], [2, 3])',
      'sets.contains([1, 2.0, 3u], [1.0, 2u, 3])',
      '!sets.contains([1, 2], [2, 3])',
      'sets.equivalent([], [])',
      'sets.equivalent([1], [1, 1])',
      'sets.equivalent([1], [1u, 1.0])',
      'sets.equivalent([1, 2, 3], [3u, 2.0, 1])',
      '!sets.equivalent([2, 1], [1])',
      'sets.intersects([1], [1])',
      'sets.intersects([1], [1.0, 2])',
      '!sets.intersects([1], [2])',
      '!sets.intersects([], [])',
    ]);
  });
});

describe('regex', () => {
  it('the documented examples', () => {
    allTrue([
      "'abc 123'.find('[0-9]+') == '123'",
      "'abc 123'.find('xyz') == ''",
      "'123 abc 456'.findAll('[0-9]+') == ['123', '456']",
      "'123 abc 456'.findAll('[0-9]+', 1) == ['123']",
      "'123 abc 456'.findAll('xyz') == []",
      "'hello'.matches('^h.*o$')",
      "'HELLO'.matches('(?i)^hello$')",
      "'ab12'.matches('^[[:alpha:]]+[[:digit:]]+$')",
      "'foo-bar'.matches('^(?P<a>[a-z]+)-bar\\\\z')",
    ]);
    expect(fails("'a'.matches('(')")).toMatch(/invalid regular expression/);
  });
});

describe('url', () => {
  it('the documented examples', () => {
    allTrue([
      "isURL('https://example.com:80/')",
      "isURL('/absolute-path')",
      "!isURL('../relative-path')",
      "!isURL('example.com')",
      "isURL('localhost:8080')",
      "url('/path').getScheme() == ''",
      "url('https://example.com/').getScheme() == 'https'",
      "url('https://example.com:80/').getHost() == 'example.com:80'",
      "url('https://example.com/').getHost() == 'example.com'",
      "url('https://[::1]:80/').getHost() == '[::1]:80'",
      "url('https://[::1]/').getHost() == '[::1]'",
      "url('/path').getHost() == ''",
      "url('https://example.com:80/').getHostname() == 'example.com'",
      "url('https://127.0.0.1:80/').getHostname() == '127.0.0.1'",
      "url('https://[::1]:80/').getHostname() == '::1'",
      "url('/path').getHostname() == ''",
      "url('https://example.com:80/').getPort() == '80'",
      "url('https://example.com/').getPort() == ''",
      "url('/path').getPort() == ''",
      "url('https://example.com/path').getEscapedPath() == '/path'",
      "url('https://example.com/path with spaces/').getEscapedPath() == '/path%20with%20spaces/'",
      "url('https://example.com').getEscapedPath() == ''",
      "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}",
      "url('https://example.com/path?key with spaces=value with spaces').getQuery() == {'key with spaces': ['value with spaces']}",
      "url('https://example.com/path?').getQuery() == {}",
      "url('https://example.com/path').getQuery() == {}",
    ]);
    expect(fails("url('../relative-path') == url('/x')")).toMatch(/invalid URI for request/);
    expect(fails("url('https://exa mple.com/') == url('/x')")).toMatch(/invalid character/);
  });
});

describe('ip and cidr', () => {
  it('the documented examples', () => {
    allTrue([
      "isIP('127.0.0.1')",
      "isIP('::1')",
      "!isIP('127.0.0.256')",
      "!isIP(':::1')",
      "!isIP('127.0.0.01')",
      "!isIP('fe80::1%eth0')",
      "!isIP('::ffff:1.2.3.4')",
      "ip('127.0.0.1').family() == 4",
      "ip('::1').family() == 6",
      "ip.isCanonical('127.0.0.1')",
      "ip.isCanonical('2001:db8::abcd')",
      "!ip.isCanonical('2001:DB8::ABCD')",
      "!ip.isCanonical('2001:db8:0:0:0:0:0:abcd')",
      "ip('0.0.0.0').isUnspecified()",
      "ip('::').isUnspecified()",
      "!ip('127.0.0.1').isUnspecified()",
      "ip('127.0.0.1').isLoopback()",
      "ip('::1').isLoopback()",
      "!ip('192.168.0.1').isLoopback()",
      "ip('224.0.0.1').isLinkLocalMulticast()",
      "ip('ff02::1').isLinkLocalMulticast()",
      "!ip('224.0.1.1').isLinkLocalMulticast()",
      "ip('169.254.169.254').isLinkLocalUnicast()",
      "ip('fe80::1').isLinkLocalUnicast()",
      "!ip('192.168.0.1').isLinkLocalUnicast()",
      "ip('192.168.0.1').isGlobalUnicast()",
      "ip('2001:db8::abcd').isGlobalUnicast()",
      "!ip('255.255.255.255').isGlobalUnicast()",
      "!ip('ff00::1').isGlobalUnicast()",
      "string(ip('2001:db8:0:0:0:0:0:abcd')) == '2001:db8::abcd'",
      "ip('127.0.0.1') == ip('127.0.0.1')",
      "isCIDR('192.168.0.0/24')",
      "isCIDR('::1/128')",
      "!isCIDR('192.168.0.0/33')",
      "!isCIDR('192.168.0.0')",
      "cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))",
      "!cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))",
      "cidr('192.168.0.0/24').containsIP('192.168.0.1')",
      "cidr('2001:db8::/32').containsIP(ip('2001:db8::1'))",
      "cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/25'))",
      "cidr('192.168.0.0/24').containsCIDR('192.168.0.0/24')",
      "!cidr('192.168.0.0/24').containsCIDR('192.168.0.0/23')",
      "cidr('192.168.0.1/24').ip() == ip('192.168.0.1')",
      "cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')",
      "cidr('2001:db8::1/32').masked() == cidr('2001:db8::/32')",
      "cidr('192.168.0.0/16').prefixLength() == 16",
      "string(cidr('192.168.0.0/24')) == '192.168.0.0/24'",
    ]);
    expect(fails("ip('127.0.0.256').family() == 4")).toMatch(/parse error/);
  });
});

describe('quantity', () => {
  it('the documented examples', () => {
    allTrue([
      "isQuantity('1.3G')",
      "!isQuantity('1.3Gi ')",
      "!isQuantity('1.3Gib')",
      "quantity('50000000G').isInteger()",
      "!quantity('50.5m').isInteger()",
      "quantity('50k').asInteger() == 50000",
      "quantity('1Mi').asInteger() == 1048576",
      "quantity('50k').asApproximateFloat() == 50000.0",
      "quantity('50k').sign() == 1",
      "quantity('-50k').sign() == -1",
      "quantity('0').sign() == 0",
      "quantity('50k').add(quantity('20k')) == quantity('70k')",
      "quantity('50k').add(20) == quantity('50020')",
      "quantity('50k').sub(quantity('20k')) == quantity('30k')",
      "quantity('50k').sub(20) == quantity('49980')",
      "quantity('200M').compareTo(quantity('0.2G')) == 0",
      "quantity('50M').compareTo(quantity('50Mi')) == -1",
      "quantity('50Mi').compareTo(quantity('50M')) == 1",
      "quantity('50M').isLessThan(quantity('50Mi'))",
      "quantity('100M').isGreaterThan(quantity('50Mi'))",
      "quantity('1e3') == quantity('1k')",
      "quantity('0.5Ki') == quantity('512')",
      "quantity('1n').isLessThan(quantity('1u'))",
    ]);
    expect(fails("quantity('50.5m').asInteger() == 0")).toMatch(/cannot convert/);
    expect(fails("quantity('1.3Gib').sign() == 1")).toMatch(/quantities must match/);
  });
});

describe('format', () => {
  it('the documented examples', () => {
    allTrue([
      "!format.dns1123Label().validate('my-label-name').hasValue()",
      "format.dns1123Label().validate('MY-LABEL').hasValue()",
      "format.named('dns1123Label').hasValue()",
      "!format.named('no-such-format').hasValue()",
      "format.named('dns1123Subdomain').value().validate('apiextensions.k8s.io') == optional.none()",
      "!format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue()",
      "format.dns1035Label().validate('1abc').hasValue()",
      "!format.qualifiedName().validate('example.com/name').hasValue()",
      "format.qualifiedName().validate('-name').hasValue()",
      "!format.dns1123LabelPrefix().validate('my-name-').hasValue()",
      "!format.labelValue().validate('').hasValue()",
      "!format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()",
      "!format.date().validate('2024-01-31').hasValue()",
      "format.date().validate('2024-13-31').hasValue()",
      "!format.datetime().validate('2024-01-31T10:00:00Z').hasValue()",
      "!format.byte().validate('aGVsbG8=').hasValue()",
      "!format.uri().validate('https://example.com').hasValue()",
      "format.dns1123Label().validate('a'.replace('a', 'A')).value().size() == 1",
    ]);
  });

  it('an optional is never equal to null (cel-go)', () => {
    expect(run("format.dns1123Label().validate('name') == null")).toBe(false);
  });
});
