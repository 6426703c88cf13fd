import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: webb }
  ports: [{ port: 80 }]
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`;

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
}

/** A clone of the committed repository: what pre-commit and npm see (uncommitted work is not part of it). */
function cloneHead(): string {
  const dir = path.join(tempDir('kubewire-clone-'), 'kubewire');
  execFileSync('git', ['clone', '-q', '--no-hardlinks', root, dir]);
  return dir;
}

/** A scratch git repository with a Service in one file and the Deployment it misses in another. */
function scratchRepo(): string {
  const dir = tempDir('kubewire-hooks-');
  mkdirSync(path.join(dir, 'k8s'));
  writeFileSync(path.join(dir, 'k8s/service.yaml'), SERVICE);
  writeFileSync(path.join(dir, 'k8s/deployment.yaml'), DEPLOYMENT);
  writeFileSync(path.join(dir, 'README.md'), '# app\n');
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir });
  git('init', '-q');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'init');
  return dir;
}

describe('npm package', () => {
  it('npm pack builds the package (prepare) and the tarball installed into an empty folder runs', () => {
    const clone = cloneHead();
    // The repository's dependencies stand in for npm install (no network): prepare needs typescript.
    symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));
    const pack = run('npm', ['pack', '--pack-destination', clone], clone);
    expect(pack.status, pack.stderr).toBe(0);
    // Only the tarball name on stdout: pre-commit reads it (see .npmrc).
    expect(pack.stdout.trim()).toMatch(/^kubewire-\d+\.\d+\.\d+\.tgz$/);
    const tgz = path.join(clone, pack.stdout.trim());

    const app = tempDir('kubewire-install-');
    writeFileSync(path.join(app, 'package.json'), '{"name":"app","private":true}\n');
    const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tgz], app);
    expect(install.status, install.stderr).toBe(0);
    writeFileSync(path.join(app, 'service.yaml'), SERVICE);
    writeFileSync(path.join(app, 'deployment.yaml'), DEPLOYMENT);
    const lint = run(path.join(app, 'node_modules/.bin/kubewire'), ['lint', '--format', 'compact', 'service.yaml', 'deployment.yaml'], app);
    expect(lint.stdout).toBe(
      'service.yaml:5:20: error Service web selector app=webb matches no pods in namespace default; closest is Deployment web with app=web: app=webb (it has app=web) [service-selector-matches-nothing]\n',
    );
    expect(lint.status).toBe(1);
    // Rule docs ship inside the registry (SARIF help, kubewire explain): no README is read at run time.
    expect(existsSync(path.join(app, 'node_modules/kubewire/rules'))).toBe(false);
    const explain = run(path.join(app, 'node_modules/.bin/kubewire'), ['explain', 'service-selector-matches-nothing'], app);
    expect(explain.stdout).toContain('## What it flags');
    // The Action's toolkit is bundled into dist/action, never a dependency of the CLI.
    expect(readdirSync(path.join(app, 'node_modules'))).not.toContain('@actions');
  }, 300_000);
});

describe.skipIf(!hasPreCommit)('pre-commit hooks (the real framework)', () => {
  let clone: string;
  let home: string;
  beforeAll(() => {
    clone = cloneHead();
    home = tempDir('kubewire-pre-commit-home-');
  });

  it('kubewire-all installs from git (npm install, prepare, npm pack) and lints the whole repository', () => {
    const repo = scratchRepo();
    const r = run('pre-commit', ['try-repo', clone, 'kubewire-all', '--all-files', '--color', 'never'], repo, { PRE_COMMIT_HOME: home });
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/kubewire \(whole repository\)\.+Failed/);
    expect(out).toContain('- exit code: 1');
    expect(out).toContain(path.join(repo, 'k8s/service.yaml'));
    expect(out).toMatch(/5:20 {2}error {2}Service web selector app=webb matches no pods .* {2}service-selector-matches-nothing/);
    expect(r.status).toBe(1);
  }, 600_000);

  it('kubewire lints the staged YAML files in one process (the Service judged with its Deployment)', () => {
    const repo = scratchRepo();
    const r = run('pre-commit', ['try-repo', clone, 'kubewire', '--all-files', '--color', 'never'], repo, { PRE_COMMIT_HOME: home });
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/kubewire\.+Failed/);
    expect(out).toContain('service-selector-matches-nothing');
    // types: [yaml] — README.md is not passed.
    expect(out).not.toContain('README.md');
    expect(r.status).toBe(1);

    // Fixed, the hook passes.
    writeFileSync(path.join(repo, 'k8s/service.yaml'), SERVICE.replace('app: webb', 'app: web'));
    const ok = run('pre-commit', ['try-repo', clone, 'kubewire', '--all-files', '--color', 'never'], repo, { PRE_COMMIT_HOME: home });
    expect(ok.stdout + ok.stderr).toMatch(/kubewire\.+Passed/);
    expect(ok.status).toBe(0);
  }, 600_000);
});

if (!hasPreCommit) {
  describe('pre-commit hooks (the real framework)', () => {
    it.skip('skipped: the pre-commit command is not installed (apt-get install -y pre-commit, or pipx install pre-commit)', () => {});
  });
}
