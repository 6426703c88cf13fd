// Once per `vitest run`, before any test file: build dist/ from the current sources (tests that
// spawn bin/kubewire.js or import dist/ must never see a stale or missing build), and give the run
// a private temp folder that must be empty again at the end: a test that leaves a temp folder
// behind fails the run instead of littering the machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toolsDir } from './tools.js';

const root = path.resolve(__dirname, '..');

export default function setup(): () => void {
  if (process.env.KUBEWIRE_TEST_NO_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed before the tests:\n${build.stdout}${build.stderr}`);
  }
  const outer = process.env.TMPDIR;
  const temp = mkdtempSync(path.join(tmpdir(), 'kubewire-tests-'));
  // Test workers are started after this and inherit it: os.tmpdir() is this folder in every test.
  process.env.TMPDIR = temp;
  // kubewire looks for helm and kustomize only in the folder scripts/install-tools.sh fills, never
  // on PATH: no test runs a kubectl that happens to be installed, and results do not depend on PATH.
  const outerTools = process.env.KUBEWIRE_TOOLS_PATH;
  process.env.KUBEWIRE_TOOLS_PATH = toolsDir();
  return () => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    if (outerTools === undefined) delete process.env.KUBEWIRE_TOOLS_PATH;
    else process.env.KUBEWIRE_TOOLS_PATH = outerTools;
    const left = readdirSync(temp);
    rmSync(temp, { recursive: true, force: true });
    if (left.length > 0) {
      // Vitest only logs an error thrown here; the exit code is what fails CI.
      console.error(`\nFAIL: tests left ${left.length} temp folder(s) behind: ${left.sort().join(', ')}\n`);
      process.exitCode = 1;
    }
  };
}
