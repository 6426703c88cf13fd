// judgesTemplatedValue walks the pointer in place and, after a few reports on one object, skips the
// walk on objects without any placeholder value: it must answer as the plain walk does, report after report.
import { describe, expect, it } from 'vitest';
import { judgesTemplatedValue } from '../src/engine/placeholders.js';
import { parsePointer } from '../src/model/pointer.js';
import type { Resource } from '../src/model/types.js';

const TEMPLATED = /\{\{[^}]*\}\}|(?<![$#%{])\{[A-Z][A-Za-z0-9_]+\}(?!\})|\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}/;
const PLACEHOLDER_WORD = /(?:^|[-./:])(?:REPLACE_?ME|CHANGE_?ME|PLACEHOLDER(?:_[A-Z0-9]+)*|YOUR_[A-Z0-9_]+|[A-Z][A-Z0-9_]*_NAME)(?=$|[-./:])/;
const placeholder = (v: unknown) => typeof v === 'string' && (TEMPLATED.test(v) || PLACEHOLDER_WORD.test(v) || /^<[^<>\n]+>$/.test(v));

/** The plain walk (the rule as it was written first). */
function reference(resource: Resource, at: string, data?: Record<string, string | number>): boolean {
  if (data) for (const v of Object.values(data)) if (typeof v === 'string' && TEMPLATED.test(v)) return true;
  let node: unknown = resource.value;
  for (const key of parsePointer(at)) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (typeof node === 'object' && node !== null) node = (node as Record<string, unknown>)[key];
    else return false;
    if (node === undefined) return false;
  }
  if (placeholder(node)) return true;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  return Object.values(node).some(placeholder);
}

const resource = (value: unknown) => ({ value }) as unknown as Resource;

/** Every pointer of a value (and an absent child of each collection), with `~` and `/` keys escaped. */
function pointers(v: unknown, at = ''): string[] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((item, i) => out.push(...pointers(item, `${at}/${i}`)));
  else if (typeof v === 'object' && v !== null) for (const [k, item] of Object.entries(v)) out.push(...pointers(item, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return [...out, `${at}/absent`, `${at}/0`];
}

describe('judgesTemplatedValue', () => {
  const ports = Array.from({ length: 40 }, (_, i) => ({ name: `p-${i}`, port: i + 1 }));
  const cases = {
    plain: { metadata: { name: 'web', labels: { 'a/b': 'x', 'c~d': 'y' } }, spec: { ports } },
    deep: { metadata: { name: 'web' }, spec: { ports, rules: [{ host: 'kibana.{{ .Values.domain }}' }] } },
    word: { metadata: { name: 'web' }, spec: { ports, backend: { name: 'REPLACEME-canary' } } },
    angle: { metadata: { name: 'web', labels: { 'a/b': '<your-team>' } }, spec: { ports } },
    // More keys than the walk compares with a token before looking it up (a large map).
    large: {
      metadata: { name: 'web', labels: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i % 3 === 0 ? i : `-${i}`}`, i === 25 ? '{{ .Values.x }}' : `v${i}`])) },
      spec: { ports },
    },
  };
  for (const [name, value] of Object.entries(cases)) {
    it(`answers as the plain walk on every pointer, report after report (${name})`, () => {
      const r = resource(value);
      const all = pointers(value);
      expect(all.length).toBeGreaterThan(100);
      for (const at of [...all, ...all]) {
        expect(judgesTemplatedValue(r, at), at).toBe(reference(r, at));
        expect(judgesTemplatedValue(r, at, { name: '${HOST}' }), at).toBe(true);
      }
      expect(all.some((at) => reference(r, at))).toBe(name !== 'plain');
    });
  }

  it('answers as the plain walk on tokens no key spells (inherited names, prefixes of keys, list fields)', () => {
    const value = { metadata: { name: 'web', labels: { app: 'REPLACEME', application: 'x' } }, spec: { ports } };
    const r = resource(value);
    const tokens = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'length', 'app', 'appl', 'applicatio', 'application', 'labels', 'label', 'name', 'nam', '', '0', '01', '1e1'];
    const ats: string[] = [];
    for (const base of ['', '/metadata', '/metadata/labels', '/spec/ports', '/spec/ports/0']) for (const t of tokens) ats.push(`${base}/${t}`, `${base}/${t}/constructor`);
    for (let round = 0; round < 3; round++) for (const at of ats) expect(judgesTemplatedValue(r, at), at).toBe(reference(r, at));
  });

  it('answers on objects whose values, read in place, are too many (shared values doubling at each level) or nest too deep', () => {
    let doubling: unknown = ['x', 'y'];
    for (let i = 0; i < 40; i++) doubling = { a: doubling, b: [doubling] };
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = i % 2 === 0 ? [deep] : { k: deep };
    for (const [value, at] of [
      [{ spec: doubling }, null],
      [{ spec: doubling, z: 'REPLACEME' }, '/z'],
      [{ spec: deep }, null],
      [{ spec: [deep, { host: '{{ .Values.host }}' }] }, '/spec/1/host'],
    ] as const) {
      const r = resource(value);
      // The first reports walk their pointer; the later ones search the object once.
      for (let i = 0; i < 20; i++) expect(judgesTemplatedValue(r, '/spec/0'), String(i)).toBe(false);
      expect(judgesTemplatedValue(r, at ?? '/spec')).toBe(at !== null);
    }
  });

  it('searches an object with shared (aliased) values once each', () => {
    const shared = { a: { b: ['x', 'y'] } };
    const value: Record<string, unknown> = { spec: Array.from({ length: 30 }, () => shared) };
    const r = resource(value);
    for (let i = 0; i < 40; i++) expect(judgesTemplatedValue(r, `/spec/${i % 30}/a/b/0`)).toBe(false);
  });
});
