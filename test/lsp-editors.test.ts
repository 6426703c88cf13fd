import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lintWith } from '../src/engine/lint.js';
import { loadText } from '../src/load/load.js';
import { formatCompact, formatStylish } from '../src/report/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const json = <T>(p: string): T => JSON.parse(readFileSync(path.join(root, p), 'utf8')) as T;

/** A VS Code problem matcher: a regexp and the group number of each field. */
interface ProblemMatcher {
  name?: string;
  pattern: { regexp: string; [field: string]: string | number };
}

/** The parts of the extension's package.json the tests read. */
interface ExtensionManifest {
  main: string;
  activationEvents: string[];
  dependencies: Record<string, string>;
  contributes: { problemMatchers: ProblemMatcher[]; configuration: { properties: Record<string, unknown> } };
}

const TEXT = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: webb }
  ports: [{ name: http, port: 80, targetPort: http }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 8080 }] }] }
`;

async function result() {
  const file = loadText(TEXT, 'k8s/app.yaml', path.join(root, 'k8s/app.yaml'));
  return lintWith({ files: [file], cwd: root, rules });
}

/** VS Code's built-in $eslint-stylish matcher (src/vs/workbench/contrib/tasks/common/problemMatcher.ts). */
const ESLINT_STYLISH_LOCATION = /^((?:[a-zA-Z]:)*[./\\]+.*?)$/;
const ESLINT_STYLISH_ITEM = /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.+?)(?:\s\s+(.*))?$/;

describe('problem matchers for editors without the language server', () => {
  it('the shipped compact matcher (editors/ and the extension) reads every field of --format compact', async () => {
    const shipped = json<ProblemMatcher>('editors/kubewire-compact.problem-matcher.json');
    const contributed = json<ExtensionManifest>('editors/vscode/package.json').contributes.problemMatchers[0];
    expect(contributed.pattern).toEqual(shipped.pattern);
    expect(contributed.name).toBe('kubewire-compact');
    const r = await result();
    const lines = formatCompact(r).trimEnd().split('\n');
    expect(lines.length).toBe(r.findings.length);
    const re = new RegExp(shipped.pattern.regexp);
    lines.forEach((line, i) => {
      const m = re.exec(line)!;
      expect(m, line).not.toBeNull();
      const f = r.findings[i];
      expect([m[1], Number(m[2]), Number(m[3]), m[4], m[6]]).toEqual([f.file, f.line, f.column, f.severity, f.ruleId]);
      expect(m[5]).toBe(f.message);
    });
    expect(r.findings.some((f) => f.ruleId === 'service-selector-matches-nothing')).toBe(true);
  });

  it('stylish output is read by VS Code’s $eslint-stylish matcher: absolute file, then line, column, severity, message, rule', async () => {
    const r = await result();
    const out = formatStylish(r, { color: false });
    let file: string | null = null;
    const read: { file: string; line: number; column: number; severity: string; message: string; code: string }[] = [];
    for (const line of out.split('\n')) {
      const item = ESLINT_STYLISH_ITEM.exec(line);
      if (item && file) {
        read.push({ file, line: Number(item[1]), column: Number(item[2]), severity: item[3], message: item[4], code: item[5] });
        continue;
      }
      const loc = ESLINT_STYLISH_LOCATION.exec(line);
      if (loc) file = loc[1]!;
    }
    expect(read).toEqual(
      r.findings.map((f) => ({ file: path.join(root, f.file), line: f.line, column: f.column, severity: f.severity, message: f.message, code: f.ruleId })),
    );
  });
});

describe('VS Code extension (editors/vscode)', () => {
  const pkg = json<ExtensionManifest>('editors/vscode/package.json');

  it('starts the language server for YAML with the settings the server reads', () => {
    expect(pkg.activationEvents).toEqual(['onLanguage:yaml']);
    expect(pkg.dependencies).toEqual({ 'vscode-languageclient': '11.0.0' });
    const ext = readFileSync(path.join(root, 'editors/vscode', pkg.main), 'utf8');
    expect(ext).toContain("args: ['lsp', '--stdio']");
    expect(ext).toContain("documentSelector: [{ scheme: 'file', language: 'yaml' }]");
    expect(ext).toContain("configurationSection: 'kubewire'");
    // The server reads exactly these keys from the `kubewire` section (src/lsp/server.ts settingsFrom).
    const server = readFileSync(path.join(root, 'src/lsp/server.ts'), 'utf8');
    for (const key of ['configPath', 'namespace']) {
      expect(Object.keys(pkg.contributes.configuration.properties)).toContain(`kubewire.${key}`);
      expect(server).toContain(`raw.${key}`);
    }
  });
});
