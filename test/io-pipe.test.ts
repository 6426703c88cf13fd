// processIo's stdout into a pipe: writes wait for the reader instead of queueing the report in the heap.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

// dist/, which test/global-setup.ts builds from the current sources before any test.
const io = pathToFileURL(path.join(repoRoot, 'dist/src/cli/io.js')).href;

/**
 * Writes 4 MB in pieces of 1 MB to stdout (a pipe), then tells on stderr how much was still queued in
 * the process. A piece is larger than a pipe holds (64 KB on Linux): without waiting, a write can
 * never be taken whole.
 */
function writeThroughPipe(how: 'io' | 'raw') {
  const script = `
    const { processIo } = await import(${JSON.stringify(io)});
    const out = processIo();
    const piece = 'x'.repeat(1 << 20);
    for (let i = 0; i < 4; i++) ${how === 'io' ? 'out.stdout(piece)' : 'process.stdout.write(piece)'};
    process.stderr.write(String(process.stdout.writableLength));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
  return { queued: Number(r.stderr), length: r.stdout.length, code: r.status };
}

describe('processIo stdout into a pipe', () => {
  it('writes each piece before returning (nothing left queued), and all of it', () => {
    expect(writeThroughPipe('io')).toEqual({ queued: 0, length: 1 << 22, code: 0 });
  });

  it('(node alone queues what the reader has not taken: what the test above guards against)', () => {
    const raw = writeThroughPipe('raw');
    expect(raw.length).toBe(1 << 22);
    expect(raw.queued).toBeGreaterThan(0);
  });

  it('a reader that stops early (`kubewire lint | head`) ends the report quietly: no stack trace, the lint\'s exit code', async () => {
    // The built CLI, its report (SARIF: 460 KB, more than a pipe holds) read for its first bytes, then the pipe closed.
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/kubewire.js'), 'lint', 'examples', '--format', 'sarif'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString('utf8'))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(first.startsWith('{')).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
