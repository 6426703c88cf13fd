// The engine: crashing rules, suppressions, severities, positions in tricky files, dedupe, namespaces.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../src/config/settings.js';
import { defineRule, type AnyRule, type Settings } from '../src/engine/rule.js';
import { runRules, type RuleSetting } from '../src/engine/run.js';
import { ResourceIndex } from '../src/index/resource-index.js';
import { loadText } from '../src/load/load.js';
import { resourcesOf } from '../src/model/resources.js';
import { pointer } from '../src/model/pointer.js';
import internalError from '../rules/internal-error/rule.js';
import { SERVICE as SERVICE_KIND } from '../src/model/group-kinds.js';

const settings: Settings = resolveSettings(null, process.cwd());

/** Reports the field at `at` of every Service, to test positions. */
function pointAt(at: string, target?: 'key' | 'value'): AnyRule {
  return defineRule({
    meta: {
      id: 'test-point',
      title: 'test rule',
      description: 'reports a field of every Service, for tests',
      severity: 'warning',
      category: 'wiring',
      appliesTo: [SERVICE_KIND],
      messages: { here: 'here: {name}' },
    },
    check(ctx) {
      ctx.report({ messageId: 'here', data: { name: ctx.resource.name }, at, ...(target ? { target } : {}) });
    },
  });
}

function run(files: Record<string, string>, rules: AnyRule[], ruleSettings: Record<string, RuleSetting> = {}, s: Partial<Settings> = {}) {
  return runRules({
    files: Object.entries(files).map(([name, text]) => loadText(text, name)),
    rules,
    settings: { ...settings, ...s },
    ruleSettings,
    cwd: '/',
    keepSuppressed: true,
  });
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      targetPort: http\n';

describe('crashing rules', () => {
  const boom = defineRule({
    meta: { ...pointAt('').meta, id: 'test-boom', messages: { x: 'x' } },
    check() {
      throw new Error('kaboom');
    },
  });
  it('become internal-error on the resource and the run goes on', () => {
    const r = run({ 'a.yaml': SERVICE }, [boom, pointAt('/spec'), internalError]);
    const ids = r.findings.map((f) => `${f.ruleId}:${f.line}`);
    expect(ids).toEqual(['internal-error:1', 'test-point:5']);
    expect(r.findings[0].message).toBe('Rule test-boom crashed on this resource: kaboom. Please report this bug');
  });
  it('a message with a missing placeholder is a crash too', () => {
    const bad = defineRule({
      meta: { ...pointAt('').meta, id: 'test-bad', messages: { m: 'needs {thing}' } },
      check(ctx) {
        ctx.report({ messageId: 'm', at: '' });
      },
    });
    const r = run({ 'a.yaml': SERVICE }, [bad, internalError]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['internal-error']);
    expect(r.findings[0].message).toContain('needs {thing}');
  });
});

describe('positions', () => {
  it('marks scalars by value and collections by key', () => {
    const v = run({ 'a.yaml': SERVICE }, [pointAt('/spec/ports/0/targetPort')]).findings[0];
    expect([v.line, v.column, v.endLine, v.endColumn]).toEqual([8, 19, 8, 23]);
    const k = run({ 'a.yaml': SERVICE }, [pointAt('/spec/ports')]).findings[0];
    expect([k.line, k.column, k.endColumn]).toEqual([6, 3, 8]);
    const item = run({ 'a.yaml': SERVICE }, [pointAt('/spec/ports/0')]).findings[0];
    expect([item.line, item.column, item.endColumn]).toEqual([7, 7, 15]);
    const key = run({ 'a.yaml': SERVICE }, [pointAt('/spec/ports/0/targetPort', 'key')]).findings[0];
    expect([key.line, key.column, key.endColumn]).toEqual([8, 7, 17]);
  });
  it('falls back to the nearest existing ancestor', () => {
    const f = run({ 'a.yaml': SERVICE }, [pointAt('/spec/selector/app')]).findings[0];
    expect([f.line, f.column]).toEqual([5, 1]);
  });
  it('is exact in files that start with --- or comments, and in later documents', () => {
    const text = `# header comment\n\n---\n# doc comment\n${SERVICE}---\n\n${SERVICE.replace('web', 'api')}`;
    const fs = run({ 'a.yaml': text }, [pointAt('/metadata/name')]).findings;
    expect(fs.map((f) => [f.line, f.column, f.message])).toEqual([
      [8, 9, 'here: web'],
      [18, 9, 'here: api'],
    ]);
  });
  it('is exact with CRLF line endings, a BOM, flow style and UTF-16 columns', () => {
    const crlf = '\ufeff' + SERVICE.replace(/\n/g, '\r\n');
    expect(run({ 'a.yaml': crlf }, [pointAt('/spec/ports/0/targetPort')]).findings[0].line).toBe(8);
    const flow = 'apiVersion: v1\nkind: Service\nmetadata: { name: web, labels: { note: "😀😀" , app: x } }\n';
    const f = run({ 'a.yaml': flow }, [pointAt('/metadata/labels/app')]).findings[0];
    // Columns count UTF-16 code units ("😀" is two), as LSP and SARIF do.
    const col = flow.split('\n')[2].indexOf('x }') + 1;
    expect([f.line, f.column, f.endColumn]).toEqual([3, col, col + 1]);
    expect(col).toBe('metadata: { name: web, labels: { note: "'.length + 4 + '" , app: '.length + 1);
  });
  it('locates a fix of the field a finding marks by its value once, with the same range as a fix located apart', () => {
    /** Reports a field with a fix at `fixAt`, the finding marked by `target`. */
    const withFix = (at: string, fixAt: string, target?: 'value') =>
      defineRule({
        meta: { id: 'test-fix', title: 't', description: 't', severity: 'warning', category: 'wiring', appliesTo: [SERVICE_KIND], messages: { here: 'here' } },
        check(ctx) {
          ctx.report({ messageId: 'here', at, target, fix: { at: fixAt, replace: 'x', description: 'd' } });
        },
      });
    const text = `${SERVICE}---\n${SERVICE.replace('web', 'api')}`;
    for (const at of ['/spec/ports/0/targetPort', '/spec/ports', '/metadata/name', '/spec/missing']) {
      // With target 'value' and the fix at the same field (one ask), as the fix's own ask answers it.
      const shared = run({ 'a.yaml': text }, [withFix(at, at, 'value')]).findings;
      const apart = run({ 'a.yaml': text }, [withFix(at, at)]).findings;
      expect(shared.map((f) => f.fix?.range), at).toEqual(apart.map((f) => f.fix?.range));
      for (const f of shared) expect([f.line, f.column, f.endLine, f.endColumn], at).toEqual([f.fix!.range.line, f.fix!.range.column, f.fix!.range.endLine, f.fix!.range.endColumn]);
    }
    // A fix of another field keeps its own position.
    const other = run({ 'a.yaml': SERVICE }, [withFix('/metadata/name', '/spec/ports/0/targetPort', 'value')]).findings[0];
    expect([other.line, other.fix?.range.line, other.fix?.range.column]).toEqual([4, 8, 19]);
  });
  it('resolves pointers inside List items', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: a\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: b\n`;
    const fs = run({ 'l.yaml': list }, [pointAt('/metadata/name')]).findings;
    expect(fs.map((f) => [f.line, f.column])).toEqual([
      [7, 13],
      [11, 13],
    ]);
    expect(fs[1].path).toBe('/metadata/name');
  });
});

describe('suppressions', () => {
  it('honours the annotation, disable-line and disable-next-line, and counts them', () => {
    const annotated = SERVICE.replace('  name: web\n', '  name: web\n  annotations:\n    kubewire.io/ignore: "other, test-point"\n    kubewire.io/ignore-reason: "known"\n');
    const r1 = run({ 'a.yaml': annotated }, [pointAt('/spec/ports/0/targetPort')]);
    expect(r1.findings).toEqual([]);
    expect(r1.summary.suppressed).toBe(1);
    expect(r1.suppressed[0].suppression).toEqual({ kind: 'annotation', justification: 'known' });

    const line = SERVICE.replace('targetPort: http', 'targetPort: http # kubewire-disable-line test-point -- legacy');
    expect(run({ 'a.yaml': line }, [pointAt('/spec/ports/0/targetPort')]).suppressed[0].suppression!.justification).toBe('legacy');

    const next = SERVICE.replace('      targetPort: http', '      # kubewire-disable-next-line\n      targetPort: http');
    expect(run({ 'a.yaml': next }, [pointAt('/spec/ports/0/targetPort')]).findings).toEqual([]);

    const otherRule = SERVICE.replace('targetPort: http', 'targetPort: http # kubewire-disable-line some-other-rule');
    expect(run({ 'a.yaml': otherRule }, [pointAt('/spec/ports/0/targetPort')]).findings).toHaveLength(1);
  });
});

describe('severity and options', () => {
  it('config overrides the default and report severities; off disables', () => {
    const rule = pointAt('/spec');
    expect(run({ 'a.yaml': SERVICE }, [rule]).findings[0].severity).toBe('warning');
    expect(run({ 'a.yaml': SERVICE }, [rule], { 'test-point': { severity: 'error' } }).findings[0].severity).toBe('error');
    expect(run({ 'a.yaml': SERVICE }, [rule], { 'test-point': { severity: 'off' } }).findings).toEqual([]);
    expect(run({ 'a.yaml': SERVICE }, [rule], { 'test-point': { severity: 'off' } }).rules).toEqual([]);
  });
  it('merges options over the defaults', () => {
    let seen: unknown;
    const rule = defineRule({
      meta: { ...pointAt('').meta, options: { schema: {}, defaults: { a: 1, b: 2 } } },
      check(ctx) {
        seen = ctx.options;
      },
    });
    run({ 'a.yaml': SERVICE }, [rule], { 'test-point': { options: { b: 3 } } });
    expect(seen).toEqual({ a: 1, b: 3 });
  });
});

describe('model and index', () => {
  const files = [
    loadText('apiVersion: v1\nkind: Service\nmetadata: { name: web }\n', 'a.yaml'),
    loadText('apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: default }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n', 'b.yaml'),
  ];
  it('gives objects without a namespace the default one and cluster-scoped ones none', () => {
    const rs = files.flatMap((f) => resourcesOf(f, 'default'));
    expect(rs.map((r) => r.namespace)).toEqual(['default', 'default', null]);
    expect(resourcesOf(files[0], 'shop')[0].namespace).toBe('shop');
  });
  it('counts the same object defined twice once', () => {
    const index = new ResourceIndex(files.flatMap((f) => resourcesOf(f, 'default')));
    expect(index.resources).toHaveLength(3);
    expect(index.all(SERVICE_KIND)).toHaveLength(1);
    expect(index.isDuplicate(index.resources[1])).toBe(true);
    expect(index.canonical(index.resources[1])).toBe(index.resources[0]);
  });
  it('finds an object by group, kind, namespace and name as its key (parts joined by /) does, a / in a part included', () => {
    const text = [
      'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }',
      'apiVersion: v1\nkind: Service\nmetadata: { name: b, namespace: ns/a }',
      'apiVersion: v1\nkind: Service\nmetadata: { name: a/b, namespace: ns }',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }',
    ].join('\n---\n');
    const index = new ResourceIndex(resourcesOf(loadText(text, 'a.yaml'), 'default'));
    const [web, slashed, , shop] = index.resources;
    expect(index.get(SERVICE_KIND, 'shop', 'web')).toBe(web);
    expect(index.get(SERVICE_KIND, 'shop', 'Web')).toBeUndefined();
    expect(index.get(SERVICE_KIND, 'default', 'web')).toBeUndefined();
    expect(index.get({ group: '', kind: 'Namespace' }, null, 'shop')).toBe(shop);
    expect(index.get({ group: 'apps', kind: 'Service' }, 'shop', 'web')).toBeUndefined();
    // Both identities have the key /Service/ns/a/b: the first holds it.
    expect(index.get(SERVICE_KIND, 'ns/a', 'b')).toBe(slashed);
    expect(index.get(SERVICE_KIND, 'ns', 'a/b')).toBe(slashed);
  });
  it('matches equality and set-based selectors through the label index', () => {
    const text = ['a', 'b', 'c']
      .map((n, i) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${n} }\nspec:\n  template:\n    metadata:\n      labels: { app: ${n}, tier: ${i < 2 ? 'web' : 'db'} }\n    spec:\n      containers: [{ name: c, image: x }]\n`)
      .join('---\n');
    const index = new ResourceIndex(resourcesOf(loadText(text, 'd.yaml'), 'default'));
    expect(index.templatesMatching('default', { tier: 'web' }).map((t) => t.owner.name)).toEqual(['a', 'b']);
    expect(index.templatesMatching('default', { tier: 'web', app: 'c' })).toEqual([]);
    expect(index.templatesMatching('other', { tier: 'web' })).toEqual([]);
    expect(
      index.templatesSelectedBy('default', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }).map((t) => t.owner.name),
    ).toEqual(['b', 'c']);
    expect(index.templatesSelectedBy('default', {}).map((t) => t.owner.name)).toEqual(['a', 'b', 'c']);
  });
});

describe('YAML 1.1 values', () => {
  it('reads yes/no/on/off as booleans and 0755 as octal, like sigs.k8s.io/yaml', () => {
    const f = loadText('a: yes\nb: off\nc: 0755\nd: "yes"\ne: 2024-01-31\n', 'v.yaml');
    expect(f.documents[0].value).toEqual({ a: true, b: false, c: 493, d: 'yes', e: '2024-01-31' });
    // The same through the `yaml` package path (taken for files with anchors).
    const withAnchors = loadText('x: &v on\nw: *v\ne: 2024-01-31\n', 'v.yaml');
    expect(withAnchors.documents[0].value).toEqual({ x: true, w: true, e: '2024-01-31' });
  });
});

void pointer;

describe('position resolvers agree', () => {
  it('the js-yaml event walk and the `yaml` tree give the same ranges', async () => {
    const { PositionResolver } = await import('../src/load/positions.js');
    const text =
      '# c\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: "web"\n  labels: { app: web, on: x }\nspec:\n  ports:\n    - name: http\n      port: 80\n    - port: 443\n  selector:\n  note: |\n    line one\n    line two\n---\nkind: X\n';
    const pointers = ['', '/metadata', '/metadata/name', '/metadata/labels/app', '/metadata/labels/true', '/spec/ports', '/spec/ports/0', '/spec/ports/1/port', '/spec/ports/5', '/spec/selector', '/spec/missing/deep', '/spec/note'];
    const fast = new PositionResolver(text);
    // A syntax error in another document sends the whole file to the `yaml` resolver.
    const slow = new PositionResolver(text + '---\nbad: [\n');
    for (const p of pointers) {
      for (const target of ['auto', 'key', 'value'] as const) {
        expect(fast.locate(0, p, target), `${p} ${target}`).toEqual(slow.locate(0, p, target));
      }
    }
    expect(fast.locate(1, '/kind')).toEqual(slow.locate(1, '/kind'));
  });
});

describe('fingerprints', () => {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
  const onText = defineRule({
    meta: { ...pointAt('').meta, id: 'test-text', appliesTo: [], messages: { t: 'text of {file}' } },
    checkFile(ctx) {
      ctx.report({ messageId: 't', data: { file: ctx.file.path }, range: { line: 1, column: 1, endLine: 1, endColumn: 2 } });
    },
  });

  it('are worked out when first read, the hash of rule, resource key, pointer and messageId (text findings: file and message)', () => {
    const r = run({ 'a.yaml': SERVICE, 'b.yaml': SERVICE.replace('name: web', 'name: api') }, [pointAt('/spec/ports/0/port'), onText]);
    const keys = new Map(['a.yaml', 'b.yaml'].map((p) => [p, resourcesOf(loadText(p === 'a.yaml' ? SERVICE : SERVICE.replace('name: web', 'name: api'), p), 'default')[0].key]));
    expect(r.findings).toHaveLength(4);
    for (const f of r.findings) {
      // Not computed yet: an accessor until read (nothing in a run reads it; SARIF hashes its own).
      expect(typeof Object.getOwnPropertyDescriptor(f, 'fingerprint')?.get).toBe('function');
      const expected = f.resource
        ? hash(`${f.ruleId}\u0000${keys.get(f.file)}\u0000${f.path}\u0000${f.messageId}`)
        : hash(`${f.ruleId}\u0000${f.file}\u0000${f.message}`);
      expect(f.fingerprint).toBe(expected);
      // Then a plain property, seen by spreads, JSON and Object.keys where it always was.
      expect(Object.getOwnPropertyDescriptor(f, 'fingerprint')).toEqual({ value: expected, writable: true, enumerable: true, configurable: true });
      expect({ ...f }.fingerprint).toBe(expected);
      expect((JSON.parse(JSON.stringify(f)) as { fingerprint: string }).fingerprint).toBe(expected);
      expect(Object.keys(f).slice(-2)).toEqual(['related', 'fingerprint']);
    }
    expect(new Set(r.findings.map((f) => f.fingerprint)).size).toBe(4);
  });

  it('a spread or JSON of a finding never read carries it too, and it can be set', () => {
    const [f, g] = run({ 'a.yaml': SERVICE }, [pointAt('/spec'), pointAt('/metadata')]).findings;
    const copy = { ...f };
    expect(Object.getOwnPropertyDescriptor(copy, 'fingerprint')?.value).toMatch(/^[0-9a-f]{32}$/);
    expect((JSON.parse(JSON.stringify(g)) as { fingerprint: string }).fingerprint).toMatch(/^[0-9a-f]{32}$/);
    g.fingerprint = 'mine';
    expect(g.fingerprint).toBe('mine');
    // A finding frozen before it was read still gives it, on every read.
    const [h] = run({ 'a.yaml': SERVICE }, [pointAt('/spec')]).findings;
    const [twin] = run({ 'a.yaml': SERVICE }, [pointAt('/spec')]).findings;
    Object.freeze(h);
    expect(h.fingerprint).toBe(twin.fingerprint);
    expect(h.fingerprint).toBe(twin.fingerprint);
  });
});

describe('related locations', () => {
  /** Relates every Service to the first two Services, with one list for all its findings (`shared`) or a new list each. */
  function relating(shared: boolean): AnyRule {
    let list: { resource: import('../src/model/types.js').Resource; at: string; message: string }[] | undefined;
    return defineRule({
      meta: { ...pointAt('').meta, id: 'test-relate', messages: { here: 'here: {name}' } },
      check(ctx) {
        const peers = ctx.index.all(SERVICE_KIND).slice(0, 2);
        const make = () => peers.map((p) => ({ resource: p, at: '/spec/ports/0/port', message: `peer ${p.name}` }));
        const related = shared ? (list ??= make()) : make();
        ctx.report({ messageId: 'here', data: { name: ctx.resource.name }, at: '/metadata/name', related });
      },
    });
  }
  const files = {
    'a.yaml': [0, 1, 2].map((i) => SERVICE.replace('name: web', `name: web-${i}`)).join('---\n'),
    'b.yaml': SERVICE.replace('name: web', 'name: other'),
  };
  it('are the same whether findings share one list of related reports or not; a shared list is located once', () => {
    const one = run(files, [relating(true)]).findings;
    const each = run(files, [relating(false)]).findings;
    expect(one.length).toBe(4);
    expect(JSON.parse(JSON.stringify(one))).toEqual(JSON.parse(JSON.stringify(each)));
    expect(one[0].related.map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`)).toEqual(['a.yaml:7:13 peer web-0', 'a.yaml:16:13 peer web-1']);
    expect(new Set(one.map((f) => f.related)).size).toBe(1);
    expect(new Set(each.map((f) => f.related)).size).toBe(4);
  });
});
