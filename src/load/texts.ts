import { crc32 } from 'node:zlib';
import type { LoadedFile } from '../model/resources.js';
import { readManifestFile } from './read.js';

/**
 * The texts of the files `lint` reads from disk are not kept: once a file is parsed, only its values
 * are needed, and its text again only where a finding (or a related location, a fix, a suppression
 * comment) is located, which on most runs is a few files of many. The text is dropped right after
 * parsing and read again from the file the first time `file.text` is asked for (then kept).
 *
 * Positions must come from the very text that was parsed: the text read again is used only when it is
 * the same (its length and CRC-32 are those of the parsed text). A file changed on disk during the
 * run gives `onChanged(file)` and an empty text instead (its findings then point at line 1).
 *
 * Texts not read from a file are always kept: stdin, the language server's open documents, rendered
 * output, fixtures.
 */
export function releaseText(file: LoadedFile, onChanged: (file: LoadedFile) => void): void {
  const parsed = file.text;
  if (file.absPath === '' || parsed === '') return;
  const length = parsed.length;
  const sum = crc32(parsed);
  let text: string | null = null;
  Object.defineProperty(file, 'text', {
    configurable: true,
    enumerable: true,
    get(): string {
      if (text === null) {
        const again = reread(file);
        if (again !== null && again.length === length && crc32(again) === sum) text = again;
        else {
          text = '';
          onChanged(file);
        }
      }
      return text;
    },
    set(value: string) {
      text = value;
    },
  });
}

/** The file's text as the loader reads it (src/load/load.ts: UTF-8, without a byte order mark), or null. */
function reread(file: LoadedFile): string | null {
  const read = readManifestFile(file.absPath, file.path);
  if (read.text === undefined) return null;
  return stripBom(read.text);
}

export function stripBom(raw: string): string {
  return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}
