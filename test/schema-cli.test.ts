// The schema flags of the built CLI: --schema-location (folder layout, templates, --kubernetes-version
// in the path), --cache-dir with a local HTTP server, and usage errors.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin/kubewire.js');

const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n  colour: red\n';
const SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: { type: 'object', additionalProperties: false, properties: { size: { type: 'integer' }, color: { type: 'string' } } },
  },
});

/** Runs the CLI asynchronously (the test's HTTP server must keep answering meanwhile). */
function kubewire(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('kubewire lint schema flags', () => {
  let dir = '';
  let server: Server;
  let base = '';
  const requests: string[] = [];

  beforeAll(async () => {
    dir = tempDir('kubewire-schema-cli-');
    writeFileSync(path.join(dir, 'widget.yaml'), WIDGET);
    // kubeconform's layout under a folder: <version>-standalone-strict/<kind><suffix>.json
    mkdirSync(path.join(dir, 'schemas/v1.30.0-standalone-strict'), { recursive: true });
    writeFileSync(path.join(dir, 'schemas/v1.30.0-standalone-strict/widget-example-v1.json'), SCHEMA);
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/example.com/widget_v1.json') res.writeHead(200).end(SCHEMA);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a folder in kubeconform layout, with --kubernetes-version in the path', async () => {
    const r = await kubewire(['lint', 'widget.yaml', '-f', 'compact', '--schema-location', 'schemas', '--kubernetes-version', '1.30'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('widget.yaml:6:9: error spec.size must be an integer, got string "big" [schema-invalid]');
    expect(r.stdout).toContain('widget.yaml:7:3: error Unknown field "colour" in spec; did you mean "color"? [schema-unknown-field]');
    // Another version has no folder there: the object is not validated, and says so.
    const other = await kubewire(['lint', 'widget.yaml', '-f', 'compact', '--schema-location', 'schemas', '--kubernetes-version', '1.31'], dir);
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('v1.31.0-standalone-strict/widget-example-v1.json');
  });

  it('downloads into --cache-dir and works offline from it afterwards', async () => {
    const location = `${base}/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json`;
    const first = await kubewire(['lint', 'widget.yaml', '-f', 'compact', '--schema-location', location, '--cache-dir', 'cache'], dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('schema-unknown-field');
    expect(readdirSync(path.join(dir, 'cache')).length).toBe(1);
    const asked = requests.length;
    const second = await kubewire(['lint', 'widget.yaml', '-f', 'compact', '--schema-location', location, '--cache-dir', 'cache'], dir);
    expect(second.stdout).toBe(first.stdout);
    expect(requests.length).toBe(asked);
  });

  it('rejects a template with an unknown field (exit 2)', async () => {
    const r = await kubewire(['lint', 'widget.yaml', '--schema-location', 'x/{{.Kind}}.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown template field {{.Kind}}');
  });
});
