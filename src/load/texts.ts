import { crc32 } from 'node:zlib';
import type { FileRole, LoadedFile } from '../model/resources.js';
import { readManifestFile } from './read.js';

/**
 * The texts of the files `lint` reads from disk are not kept: once a file is parsed, only its values
 * are needed, and its text again only where a finding (or a related location, a fix, a suppression
 * comment) is located, which on most runs is a few files of many. Right after parsing, the file is
 * replaced by one without its text, which reads it again from the file the first time `file.text` is
 * asked for (then keeps it).
 *
 * Positions must come from the very text that was parsed: the text read again is used only when it is
 * the same (its length and CRC-32 are those of the parsed text). A file changed on disk during the
 * run gives `onChanged(file)` and an empty text instead (its findings then point at line 1).
 *
 * Texts not read from a file are always kept: stdin, the language server's open documents, rendered
 * output, fixtures.
 */
export function releaseText(file: LoadedFile, onChanged: (file: LoadedFile) => void): LoadedFile {
  if (file.absPath === '' || file.text === '') return file;
  return new DiskFile(file, onChanged);
}

/** A loaded file whose text is read again when asked for (see releaseText); one small object, no closures. */
class DiskFile implements LoadedFile {
  readonly path: string;
  readonly absPath: string;
  readonly documents: LoadedFile['documents'];
  readonly problems: LoadedFile['problems'];
  role?: FileRole;
  /** The parsed text's length and CRC-32. */
  private readonly length: number;
  private readonly sum: number;
  private readonly onChanged: (file: LoadedFile) => void;
  private kept: string | null = null;

  constructor(file: LoadedFile, onChanged: (file: LoadedFile) => void) {
    this.path = file.path;
    this.absPath = file.absPath;
    this.documents = file.documents;
    this.problems = file.problems;
    if (file.role !== undefined) this.role = file.role;
    this.length = file.text.length;
    this.sum = crc32(file.text);
    this.onChanged = onChanged;
  }

  get text(): string {
    if (this.kept === null) {
      const again = reread(this);
      if (again !== null && again.length === this.length && crc32(again) === this.sum) this.kept = again;
      else {
        this.kept = '';
        this.onChanged(this);
      }
    }
    return this.kept;
  }

  set text(value: string) {
    this.kept = value;
  }
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
