// The deprecated/removed API table shared by api-version-removed and api-version-deprecated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import apiVersionRemoved from '../rules/api-version-removed/rule.js';
import { DEFAULT_KUBERNETES_VERSION } from '../src/config/defaults.js';
import { API_VERSIONS, apiStatus, compareMinor, parseMinor, TABLE_COVERS, targetVersion } from '../src/k8s/api-versions.js';
import { checkFixture } from '../src/testing/fixtures.js';

describe('API version table', () => {
  it('covers the default target release', () => {
    expect(compareMinor(DEFAULT_KUBERNETES_VERSION, TABLE_COVERS)).toBeLessThanOrEqual(0);
  });

  it('has consistent entries', () => {
    const seen = new Set<string>();
    for (const e of API_VERSIONS) {
      expect(parseMinor(e.deprecatedIn), e.apiVersion).not.toBeNull();
      if (e.removedIn !== undefined) {
        expect(compareMinor(e.deprecatedIn, e.removedIn), `${e.apiVersion} ${e.kinds.join(',')}`).toBeLessThan(0);
        expect(compareMinor(e.removedIn, TABLE_COVERS), `${e.apiVersion} ${e.kinds.join(',')}`).toBeLessThanOrEqual(0);
      }
      for (const k of e.kinds) {
        const key = `${e.apiVersion} ${k}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
      // A replacement must itself be served by every release the table covers.
      const r = e.replacement;
      if ('apiVersion' in r) {
        for (const k of r.kind ? [r.kind] : e.kinds) expect(apiStatus(r.apiVersion, k, TABLE_COVERS)?.state, `${r.apiVersion} ${k}`).not.toBe('removed');
      }
    }
  });

  it('covers the groups a Services & Networking linter meets', () => {
    const groups = new Set(API_VERSIONS.map((e) => e.apiVersion.split('/')[0]));
    for (const g of ['networking.k8s.io', 'extensions', 'apps', 'policy', 'autoscaling', 'discovery.k8s.io', 'batch',
      'rbac.authorization.k8s.io', 'storage.k8s.io', 'flowcontrol.apiserver.k8s.io', 'admissionregistration.k8s.io',
      'certificates.k8s.io', 'coordination.k8s.io']) {
      expect(groups.has(g), g).toBe(true);
    }
  });

  it('judges removal and deprecation against the target release', () => {
    expect(apiStatus('extensions/v1beta1', 'Ingress', '1.21')?.state).toBe('deprecated');
    expect(apiStatus('extensions/v1beta1', 'Ingress', '1.22')?.state).toBe('removed');
    expect(apiStatus('extensions/v1beta1', 'Ingress', '1.13')).toBeNull();
    expect(apiStatus('policy/v1beta1', 'PodDisruptionBudget', '1.24')?.state).toBe('deprecated');
    expect(apiStatus('policy/v1beta1', 'PodDisruptionBudget', '1.25')?.state).toBe('removed');
    expect(apiStatus('v1', 'Endpoints', '1.32')).toBeNull();
    expect(apiStatus('v1', 'Endpoints', '1.33')?.state).toBe('deprecated');
    expect(apiStatus('v1', 'Service', '1.34')).toBeNull();
    expect(apiStatus('networking.k8s.io/v1', 'Ingress', '1.34')).toBeNull();
  });

  it('reads target versions as written in config and flags', () => {
    expect(targetVersion('1.29')).toBe('1.29');
    expect(targetVersion('v1.24.3')).toBe('1.24');
    expect(targetVersion('1.9')).toBe('1.9');
    expect(targetVersion('latest')).toBe(DEFAULT_KUBERNETES_VERSION);
    expect(compareMinor('1.9', '1.16')).toBeLessThan(0);
  });
});

describe('api-version-removed messages and fixes', () => {
  it('says the Ingress fields change, and offers no fix', () => {
    const r = checkFixture(apiVersionRemoved, 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: { name: web }\n', 'x.yaml');
    expect(r.actual).toHaveLength(1);
    const f = r.actual[0];
    expect(f.messageId).toBe('removedChanged');
    expect(f.message).toContain('use networking.k8s.io/v1 Ingress (available since 1.19) and migrate its fields');
    expect(f.fix).toBeUndefined();
  });

  it('the READMEs list the field changes of every version the messages say to migrate', () => {
    for (const id of ['api-version-removed', 'api-version-deprecated']) {
      const readme = readFileSync(path.join(__dirname, '..', 'rules', id, 'README.md'), 'utf8').replace(/\s+/g, ' ');
      for (const e of API_VERSIONS) for (const c of e.changes) expect(readme, `${id}: ${e.apiVersion} ${c}`).toContain(c.replace(/\s+/g, ' '));
    }
  });

  it('offers the apiVersion swap as a fix when nothing else changes', () => {
    const text = 'apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole\nmetadata: { name: reader }\n';
    const r = checkFixture(apiVersionRemoved, text, 'x.yaml');
    expect(r.actual).toHaveLength(1);
    expect(r.actual[0].fix).toMatchObject({ text: 'rbac.authorization.k8s.io/v1', range: { line: 1, column: 13 } });
  });
});
