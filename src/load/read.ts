import { readFileSync, statSync } from 'node:fs';
import { startRange, type ParseProblem } from './parse.js';
import type { Range } from '../model/types.js';

/** Files above this size are reported and skipped (a manifest that large is almost surely generated data). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

type ReadResult = { text: string; problem?: undefined } | { text?: undefined; problem: ParseProblem };

/** Reads a file as UTF-8 text; binary, non-UTF-8 and oversized files become problems, unreadable ones one-line errors. */
export function readManifestFile(absPath: string, displayPath: string, knownSize?: number): ReadResult | { error: string; text?: undefined; problem?: undefined } {
  let size: number;
  try {
    size = knownSize ?? statSync(absPath).size;
  } catch (err) {
    return { error: `cannot read ${displayPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  if (size > MAX_FILE_BYTES) {
    return {
      problem: {
        kind: 'too-large',
        message: `${(size / 1024 / 1024).toFixed(1)} MiB is more than the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit`,
        range: startRange(),
      },
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(absPath);
  } catch (err) {
    return { error: `cannot read ${displayPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  return decodeText(bytes);
}

export function decodeText(bytes: Uint8Array): ReadResult {
  const head = bytes.subarray(0, 8192);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return { problem: { kind: 'encoding', message: 'UTF-16', range: startRange() } };
  }
  if (head.includes(0)) return { problem: { kind: 'binary', message: 'binary', range: firstCharacter(bytes) } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { problem: { kind: 'encoding', message: 'not UTF-8', range: firstCharacter(bytes) } };
  }
  return { text };
}

/**
 * Where a file not read as text is marked: its first character, or its start (an empty range) when
 * its first line is empty — a column past that line would be outside the file.
 */
function firstCharacter(bytes: Uint8Array): Range {
  const c = bytes[0];
  return c === undefined || c === 0x0a || c === 0x0d ? { line: 1, column: 1, endLine: 1, endColumn: 1 } : startRange();
}
