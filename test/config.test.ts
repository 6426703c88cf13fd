// .kubewire.yaml: discovery upward, validation with one clear error naming file, line and allowed values.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';
import { rules } from '../rules/index.js';
import { ConfigError, findConfigFile, loadConfig, parseConfig } from '../src/config/load-config.js';
import { buildConfigSchema } from '../src/config/schema.js';
import { readFileSync } from 'node:fs';
import { repoRoot } from './helpers.js';

const parse = (text: string) => parseConfig(text, '/repo/.kubewire.yaml', '/repo', rules);
const errorOf = (text: string) => {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('config', () => {
  it('is found in the working directory or above', () => {
    const dir = tempDir('kubewire-config-');
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    writeFileSync(path.join(dir, '.kubewire.yml'), 'namespace: shop\n');
    expect(findConfigFile(path.join(dir, 'a/b'))).toBe(path.join(dir, '.kubewire.yml'));
    const c = loadConfig({ cwd: path.join(dir, 'a/b'), rules });
    expect(c.namespace).toBe('shop');
    expect(c.dir).toBe(dir);
  });
  it('reads every key', () => {
    const c = parse(
      'namespace: shop\nkubernetesVersion: "1.30"\ncompleteness: complete\nignorePaths: ["vendor/**"]\nrules:\n  service-without-selector: off\n  service-target-port-missing: { severity: warning }\n',
    );
    expect(c).toMatchObject({
      namespace: 'shop',
      kubernetesVersion: '1.30',
      completeness: 'complete',
      ignorePaths: ['vendor/**'],
      rules: { 'service-without-selector': { severity: 'off' }, 'service-target-port-missing': { severity: 'warning' } },
    });
  });
  it('names file, line and the allowed values for mistakes', () => {
    expect(errorOf('namespace: shop\nnamespaces: x\n')).toBe(
      `.kubewire.yaml:2:1: unknown key "namespaces"; did you mean "namespace"? (allowed: ${Object.keys(
        (buildConfigSchema(rules) as { properties: object }).properties,
      ).join(', ')})`,
    );
    expect(errorOf('rules:\n  service-selector-matches-nothin: off\n')).toBe(
      '.kubewire.yaml:2:3: unknown rule "service-selector-matches-nothin"; did you mean "service-selector-matches-nothing"? (see kubewire rules)',
    );
    expect(errorOf('rules:\n  service-without-selector: warn\n')).toBe(
      '.kubewire.yaml:2:29: rules.service-without-selector must be one of: off, error, warning, info',
    );
    expect(errorOf('completeness: full\n')).toBe('.kubewire.yaml:1:15: completeness must be one of: auto, complete');
    expect(errorOf('kubernetesVersion: 1.30\n')).toMatch(/^\.kubewire\.yaml:1:20: kubernetesVersion must be a string/);
    expect(errorOf('namespace: [a\n')).toMatch(/^\.kubewire\.yaml:2:1: /);
  });
  it('the committed schemas/config.schema.json is current', () => {
    const committed: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/config.schema.json'), 'utf8'));
    expect(committed).toEqual(buildConfigSchema(rules));
  });
});

describe('render settings', () => {
  it('per-chart release name, namespace and values (relative to the chart folder), commands split on spaces, the time bound', async () => {
    const { resolveRenderSettings } = await import('../src/config/settings.js');
    const config = parse(
      'render:\n  kustomize: kubectl kustomize\n  timeoutSeconds: 5\n  charts:\n    charts/web:\n      releaseName: shop\n      namespace: store\n      values: [values-prod.yaml]\n',
    );
    const s = resolveRenderSettings(config, {}, { PATH: '/usr/bin', KUBEWIRE_TOOLS_PATH: '/opt/tools' });
    expect(s.enabled).toBe(true);
    expect(s.kustomize).toEqual(['kubectl', 'kustomize']);
    expect(s.helm).toBeNull();
    expect(s.timeoutMs).toBe(5000);
    expect(s.toolsPath).toBe('/opt/tools');
    expect(s.charts.get('/repo/charts/web')).toEqual({ releaseName: 'shop', namespace: 'store', values: ['/repo/charts/web/values-prod.yaml'] });
    expect(resolveRenderSettings(config, { enabled: false }, {}).enabled).toBe(false);
  });

  it('a mistake in render is a config error naming the key', () => {
    expect(() => parse('render:\n  charts:\n    charts/web:\n      release: shop\n')).toThrow(/unknown key "release"/);
  });
});
