import { isAscii } from 'node:buffer';
import { readFileSync, statSync, type Stats } from 'node:fs';
import type { FileReader } from '../core/workspace/documentStore';
import { uriToPath } from './uri';

/**
 * The text of a file's bytes, as `readFileSync(path, 'utf8')` would return it. Specs are mostly
 * plain ASCII, and for those a Latin-1 decoding gives the same string several times faster than
 * UTF-8 decoding (a few milliseconds against some forty for a 4 MB file).
 */
export function decodeFileText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * The engine's file reader over the real file system. It reads `file:` URIs only: remote refs are
 * never fetched (the ref policy decides what may be asked for, and this reader cannot reach the
 * network in any case). Any error — a missing file, a directory, no permission, a file too large
 * to become a string — answers undefined, which the engine reports as an unresolved reference.
 * `onError` hears of every failure but a missing file (which the engine reports itself), so that
 * a file that exists and cannot be read (no permission, a named pipe, a device) is not passed over
 * in silence. Only regular files are read (`specialFileKind`).
 */
/** What a path is that is not read although it exists (see `specialFileKind`). */
export type SpecialFileKind = 'named pipe' | 'device' | 'socket';

/**
 * Why a path is not read although it exists: a named pipe (reading it waits for a writer, for
 * ever if none comes), a device (`/dev/zero` never ends) or a socket. Undefined for files and
 * folders (reading a folder fails at once, with EISDIR).
 */
export function specialFileKind(stats: Stats): SpecialFileKind | undefined {
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  if (stats.isSocket()) return 'socket';
  return undefined;
}

/** The error `onError` hears of for a special file: its message in English (server logs), its `kind` for localised wording. */
export class SpecialFileError extends Error {
  constructor(readonly kind: SpecialFileKind) {
    super(`a ${kind}, not a regular file`);
  }
}

export function createNodeFileReader(onError?: (uri: string, error: NodeJS.ErrnoException) => void): FileReader {
  return {
    read(uri: string): string | undefined {
      const path = uriToPath(uri);
      if (path === undefined) return undefined;
      try {
        const special = specialFileKind(statSync(path));
        if (special !== undefined) {
          onError?.(uri, new SpecialFileError(special));
          return undefined;
        }
        return decodeFileText(readFileSync(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError?.(uri, error as NodeJS.ErrnoException);
        return undefined;
      }
    },
  };
}
