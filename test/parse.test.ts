// The parser and the position index: values as sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) reads them,
// positions from one js-yaml pass, and the same answers from the `yaml` package's tree.
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/load/load.js';
import { MAX_DEPTH, mayHaveAliases, parseYamlText } from '../src/load/parse.js';
import { PositionResolver } from '../src/load/positions.js';

const value = (text: string) => parseYamlText(text).documents.map((d) => d.value);

describe('YAML 1.1 values (the js-yaml 4 schema)', () => {
  it('reads every boolean spelling go-yaml v2 knows, and only those', () => {
    const t = ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'];
    const f = ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'];
    const odd = ['yEs', 'oN', 'tRUE', 'nO', 'Yes!', 'yess'];
    const text = [...t, ...f, ...odd].map((k, i) => `k${i}: ${k}`).join('\n');
    expect(Object.values(value(text)[0] as object)).toEqual([...t.map(() => true), ...f.map(() => false), ...odd]);
  });

  it('reads numbers as go-yaml v2 does: Go integer syntax after removing `_`, then yamlStyleFloat', () => {
    const text =
      'a: 0755\nb: 0x1F\nc: 0b101\nd: 1_000\ne: 0o17\nf: -0x10\ng: 1.5\nh: .inf\ni: -.Inf\nj: .NaN\nk: 1e3\nl: 1.0e+3\nm: 08\nz: 0\no: +12\np: .5\nq: -0\n' +
      'r: 9223372036854775807\ns: 18446744073709551615\nt: 0x1FFFFFFFFFFFFFFFF\nu: 1:30\nv: 1e400\nw: 12abc\nx: 0x\nxx: 1__0\n';
    const v = value(text)[0] as Record<string, unknown>;
    expect(v).toEqual({
      a: 493, b: 31, c: 5, d: 1000, e: 15, f: -16, g: 1.5, h: Infinity, i: -Infinity, j: NaN, k: 1000, l: 1000, m: 8, z: 0, o: 12, p: 0.5, q: 0,
      r: 2 ** 63, s: 2 ** 64, t: '0x1FFFFFFFFFFFFFFFF', u: '1:30', v: '1e400', w: '12abc', x: '0x', xx: 10,
    });
    expect(Object.is(v.q, -0)).toBe(false);
  });

  it('reads null spellings, merge keys, and keeps timestamps and unknown-looking scalars as strings', () => {
    expect(value('a: ~\nb: null\nc: NULL\nd:\ne: 2024-01-31\nf: 2001-12-14t21:59:43.10-05:00\ng: { <<: { x: 1 }, z: 2 }\n')[0]).toEqual({
      a: null,
      b: null,
      c: null,
      d: null,
      e: '2024-01-31',
      f: '2001-12-14t21:59:43.10-05:00',
      g: { x: 1, z: 2 },
    });
  });

  it('knows no !!binary, !!set or !!timestamp: such values stay strings and mappings', () => {
    expect(value('a: !!binary aGk=\nb: !!timestamp 2024-01-31\nc: !!set { x }\n')[0]).toEqual({ a: 'aGk=', b: '2024-01-31', c: { x: null } });
  });

  it('reads a stream of comments as no document, and `---` as an empty one', () => {
    expect(parseYamlText('# only a comment\n\n').documents).toEqual([]);
    expect(parseYamlText('---\n').documents).toEqual([{ index: 0, value: null }]);
    expect(parseYamlText('a: 1\n---\n# trailing\n').documents).toEqual([
      { index: 0, value: { a: 1 } },
      { index: 1, value: null },
    ]);
  });
});

describe('what kubectl apply accepts parses', () => {
  it('quoted scalars whose continuation lines are less indented than their key (go-yaml v2 does not check them)', () => {
    // As in a real Job manifest (microservices-demo's grafana dashboard import) and CRD descriptions.
    const text = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: import',
      'spec:',
      '  template:',
      '    metadata:',
      '      annotations:',
      "        pod.beta.kubernetes.io/init-containers: '[",
      '  {"name": "wait", "image": "busybox"}',
      "]'",
      '    spec:',
      '      containers:',
      '        - description: "one two',
      '      three"',
      '          name: c',
      '',
    ].join('\n');
    const parsed = parseYamlText(text);
    expect(parsed.problems).toEqual([]);
    const job = parsed.documents[0].value as { spec: { template: { metadata: { annotations: Record<string, string> }; spec: { containers: { name: string; description: string }[] } } } };
    expect(job.spec.template.metadata.annotations['pod.beta.kubernetes.io/init-containers']).toBe('[ {"name": "wait", "image": "busybox"} ]');
    expect(job.spec.template.spec.containers[0]).toEqual({ description: 'one two three', name: 'c' });
    // And positions resolve after such a scalar.
    expect(new PositionResolver(text).locate(0, '/spec/template/spec/containers/0/name')).toMatchObject({ line: 16, column: 17 });
  });
});

describe('a lone carriage return is a line break (YAML 1.2, as js-yaml reads it)', () => {
  it('reads the same values with the `yaml` package (files with aliases or duplicate keys) as with js-yaml', () => {
    // Found by the fuzzer (seed 22 with --from and --fix): a file cut after a \r, with a duplicate key
    // (so read by the `yaml` package), gave the kind "NetworkPolicy\r" and a range past its line.
    const cut = 'apiVersion: networking.k8s.io/v1\r\napiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r';
    expect(value(cut)).toEqual([{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }]);
    expect(value('a: &x 1\rb: *x\rc: d\r')).toEqual([{ a: 1, b: 1, c: 'd' }]);
    expect(value('a: 1\rb: 2\r')).toEqual([{ a: 1, b: 2 }]);
    const text = 'a: &x 1\rb: *x\rc: d\r';
    const r = new PositionResolver(text).locate(0, '/c', 'value');
    expect(text.slice(r.column - 1, r.endColumn - 1)).toBe('d');
  });
});

describe('anchor and alias pre-check', () => {
  it('sends files with an anchor and a later alias to the `yaml` package', () => {
    expect(mayHaveAliases('a: &x 1\nb: *x\n')).toBe(true);
    expect(mayHaveAliases('a: [&x 1, *x]\n')).toBe(true);
    expect(mayHaveAliases('a: *x\nb: &x 1\n')).toBe(false);
    expect(mayHaveAliases('a: &x 1\n')).toBe(false);
  });

  it('does not take shell `&&` for an anchor', () => {
    expect(mayHaveAliases('command: ["sh", "-c", "a && b"]\nargs: [*.txt]\n')).toBe(false);
    expect(mayHaveAliases('c: a && b\nd: ls *.txt\n')).toBe(false);
    // … unless the text aliases an anchor named "&".
    expect(mayHaveAliases('c: && b\nd: *&\n')).toBe(true);
  });

  it('does not take a glob for the alias of an anchor the text defines', () => {
    expect(mayHaveAliases('metadata: &meta { name: a }\ncommand: ["sh", "-c", "rm -f *.tmp && ls *meta"]\n')).toBe(false);
    expect(mayHaveAliases('metadata: &meta { name: a }\nother: *meta\n')).toBe(true);
  });

  it('is linear: many anchors and no alias take no time', () => {
    const text = 'x: &a 1\n'.repeat(20000) + 'command: a && b\n'.repeat(20000);
    const t0 = performance.now();
    expect(mayHaveAliases(text)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('positions from one js-yaml pass', () => {
  const at = (text: string, p: string, target?: 'auto' | 'key' | 'value', doc = 0) => {
    const r = new PositionResolver(text).locate(doc, p, target);
    return [r.line, r.column, r.endLine, r.endColumn];
  };

  it('finds values inside flow mappings that are list items', () => {
    const text = 'spec:\n  m:\n    - { key: app, operator: In, values: [web] }\n';
    expect(at(text, '/spec/m/0/operator')).toEqual([3, 29, 3, 31]);
    expect(at(text, '/spec/m/0/values/0')).toEqual([3, 42, 3, 45]);
    expect(at(text, '/spec/m/0', 'value')).toEqual([3, 7, 3, 48]);
  });

  it('marks block scalars in lists from the indicator, and a list of them as a whole', () => {
    const text = 'command:\n- sh\n- |\n  echo a\n  echo b\nnext: 1\n';
    expect(at(text, '/command/1')).toEqual([3, 3, 5, 9]);
    expect(at(text, '/command', 'value')).toEqual([2, 1, 6, 1]);
  });

  it('matches plain keys by the value they read as (`on:` is the key "true")', () => {
    expect(at('on: x\n"on": y\n', '/true')).toEqual([1, 5, 1, 6]);
    expect(at('on: x\n"on": y\n', '/on')).toEqual([2, 7, 2, 8]);
  });

  it('marks aliases, and stops at them on the way down', () => {
    const text = 'a: &x { b: 1 }\nc: *x\nd:\n  - *x\n';
    expect(at(text, '/c')).toEqual([2, 4, 2, 6]);
    expect(at(text, '/d/0')).toEqual([4, 5, 4, 7]);
    expect(at(text, '/c/b')).toEqual([2, 1, 2, 2]);
  });

  it('counts a byte order mark in the text', () => {
    expect(at('\ufeffa: 1\nb: 2\n', '/b')).toEqual([2, 4, 2, 5]);
    expect(at('\ufeffa: 1\n', '/a')).toEqual([1, 5, 1, 6]);
  });

  it('gives the same ranges as the `yaml` tree on a file with every node style', () => {
    const text =
      'a: plain value  # comment\nb: "dq"\nc: \'sq\'\nd: |-\n  lit\ne: >\n  folded\n  text\n\nf: [1, "two", {x: y}]\ng:\n  - &n name: v\n    k: 2\n  - !!str 3\nh:\ni: { }\nj: multi\n  line\n';
    const broken = text + '---\nbad: [\n';
    const fast = new PositionResolver(text);
    const slow = new PositionResolver(broken);
    const pointers = ['', '/a', '/b', '/c', '/d', '/e', '/f', '/f/2', '/f/2/x', '/g', '/g/0', '/g/0/name', '/g/0/k', '/g/1', '/h', '/i', '/j', '/zz', '/g/7'];
    for (const p of pointers) for (const t of ['auto', 'key', 'value'] as const) expect(fast.locate(0, p, t), `${p} ${t}`).toEqual(slow.locate(0, p, t));
  });

  it('indexes only the documents asked about, cut at `---` lines, and agrees with the whole-file index', () => {
    const docs = ['# head\n', '---\na: 1\nb: |\n  x\n  --- not a marker\n', '--- # c\nc: [1, 2]\n', '---\n', '---\nd: { e: f }\n'];
    const text = docs.join('');
    // `...` and directives make the cut unsafe: the whole file is indexed (the same answers).
    const whole = text + '...\n';
    for (const [doc, p] of [[0, '/a'], [0, '/b'], [1, '/c/1'], [1, '/c'], [3, '/d/e'], [3, '/d'], [5, '/x']] as const) {
      for (const t of ['auto', 'key', 'value'] as const) expect(at(text, p, t, doc), `${doc} ${p} ${t}`).toEqual(at(whole, p, t, doc));
    }
    expect(at(text, '/c/1', 'auto', 1)).toEqual([8, 8, 8, 9]);
    expect(at(text, '/d/e', 'auto', 3)).toEqual([11, 9, 11, 10]);
    expect(at('%YAML 1.1\n---\na: 1\n---\nb: 2\n', '/b', 'auto', 1)).toEqual([5, 4, 5, 5]);
    expect(at('a: 1\n---\nb: 2\n', '/b', 'auto', 1)).toEqual([3, 4, 3, 5]);
  });

  it('resolves the documents of a loaded file by the index the parser gave them', () => {
    const f = loadText('# c\n---\na: 1\n---\nb: 2\n', 'x.yaml');
    expect(f.documents.map((d) => d.index)).toEqual([0, 1]);
    expect(at('# c\n---\na: 1\n---\nb: 2\n', '/b', 'auto', 1)).toEqual([5, 4, 5, 5]);
  });
});

describe('nesting depth', () => {
  it('deeper than the limit is one problem naming it, never an engine message', () => {
    for (const text of [`a: ${'['.repeat(10000)}${']'.repeat(10000)}\n`, `a: ${'['.repeat(10000)}\n`, `a: ${'{a: '.repeat(5000)}\n`, `x: 1\nb: &x 1\nc: *x\nd: ${'['.repeat(3000)}\n`]) {
      const parsed = parseYamlText(text);
      expect(parsed.documents).toEqual([]);
      expect(parsed.problems).toHaveLength(1);
      expect(parsed.problems[0].message).toContain(`nesting deeper than ${MAX_DEPTH} levels`);
    }
  });

  it('up to the limit is read', () => {
    const parsed = parseYamlText(`a: ${'['.repeat(MAX_DEPTH - 2)}${']'.repeat(MAX_DEPTH - 2)}\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toHaveLength(1);
  });
});

describe('what a parse keeps', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-rather-long-name\ndata:\n  key: a value longer than thirteen characters';
  it('without a string table: the values as js-yaml makes them, and the text as the copy they come from', () => {
    const parsed = parseYamlText(text);
    expect(parsed.text).toBe(text);
    expect(parsed.documents.map((d) => d.value)).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a-rather-long-name' }, data: { key: 'a value longer than thirteen characters' } }]);
    // Nothing to keep from an empty file, a file the slower parser reads, or one js-yaml cannot read.
    expect(parseYamlText('').text).toBeUndefined();
    expect(parseYamlText('a: &x 1\nb: *x\n').text).toBeUndefined();
    expect(parseYamlText('a: [\n').text).toBeUndefined();
  });
  it('with a string table: compact values, shared strings, and no text to keep', () => {
    const strings = new Map<string, string>();
    const a = parseYamlText(text, strings);
    const b = parseYamlText(text.replace('a-rather', 'another'), strings);
    expect(a.text).toBeUndefined();
    expect(strings.get('v1')).toBe('v1');
    expect((b.documents[0].value as { metadata: { name: string } }).metadata.name).toBe('another-long-name');
    expect(a.documents[0].value).toEqual(parseYamlText(text).documents[0].value);
  });
  it('a loaded file keeps the same text either way', () => {
    expect(loadText(`${text}\n`, 'a.yaml').text).toBe(`${text}\n`);
    expect(loadText(`\uFEFF${text}`, 'a.yaml').text).toBe(text);
  });
});
