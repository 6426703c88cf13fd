import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatMessage } from '../src/engine/run.js';
import { checkFixture } from '../src/testing/fixtures.js';

/**
 * Messages are one line a terminal can show (CONTRIBUTING.md, "Messages"): rendered with placeholder
 * values of typical length they stay within MAX_RENDERED characters, and no placeholder carries prose.
 */
const MAX_RENDERED = 160;

/** Typical rendered values; a placeholder not listed renders as TYPICAL_DEFAULT. */
const TYPICAL: Record<string, string> = {
  ingress: 'Ingress shop/web',
  port: 'port 80 (http)',
  selector: '{app: web, tier: api}',
  templates: 'Deployment web',
  template: 'Deployment web',
  namespace: 'shop',
  otherNamespace: 'default',
  kind: 'HTTPRoute',
  apiVersion: 'networking.k8s.io/v1beta1',
  path: 'spec.ports[0].port',
  field: 'spec.ingress[0].ports[0]',
  host: 'api.example.com',
  fqdn: 'api.shop.svc.cluster.local',
};
const TYPICAL_DEFAULT = 'web-frontend';

/** Placeholders that were filled with sentence fragments; each variant is its own messageId now. */
const PROSE_PLACEHOLDERS = ['hint', 'note', 'changes', 'expanded', 'ingressNote', 'implicit', 'used'];

const templates = rules.flatMap((r) => Object.entries(r.meta.messages).map(([id, text]) => ({ rule: r.meta, id, text })));

describe('rule messages', () => {
  it.each(templates.map((t) => [`${t.rule.id} ${t.id}`, t] as const))('%s fits one line', (_, t) => {
    const data = Object.fromEntries([...t.text.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, TYPICAL[name] ?? TYPICAL_DEFAULT]));
    const rendered = formatMessage(t.rule, t.id, data);
    expect(rendered, rendered).not.toContain('\n');
    expect(rendered.length, rendered).toBeLessThanOrEqual(MAX_RENDERED);
  });

  it('no template has a prose placeholder or a "?" stand-in', () => {
    const bad = templates.filter((t) => PROSE_PLACEHOLDERS.some((p) => t.text.includes(`{${p}}`)) || /\s\?(\s|$|[,;:)])/.test(t.text));
    expect(bad.map((t) => `${t.rule.id} ${t.id}: ${t.text}`)).toEqual([]);
  });

  it('no finding of any fixture carries a "?" stand-in for a missing value', () => {
    const bad: string[] = [];
    let messages = 0;
    for (const rule of rules) {
      const dir = path.join(__dirname, '..', 'rules', rule.meta.id, 'fixtures');
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
        for (const finding of checkFixture(rule, readFileSync(path.join(dir, f)), f).actual) {
          messages++;
          const texts = [finding.message, ...(finding.related ?? []).map((r) => r.message)];
          for (const t of texts) if (/(^|\s)\?(\s|$|[,;:)/])/.test(t)) bad.push(`${rule.meta.id} ${f}: ${t}`);
        }
      }
    }
    expect(messages).toBeGreaterThan(200);
    expect(bad).toEqual([]);
  });

  it('the limit is not vacuous: a long template fails it', () => {
    const meta = { ...templates[0].rule, messages: { long: `${'x'.repeat(150)} {name}` } };
    expect(formatMessage(meta, 'long', { name: TYPICAL_DEFAULT }).length).toBeGreaterThan(MAX_RENDERED);
  });
});
