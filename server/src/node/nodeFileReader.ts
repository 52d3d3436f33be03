import { isAscii } from 'node:buffer';
import { closeSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
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

/** `readSteps` reads this many bytes of a file per step. */
const READ_STEP_BYTES = 262_144;

/**
 * `decodeFileTextSteps` decodes this many bytes per step: 1–6 ms of UTF-8 here. A megabyte took
 * 7–12 ms alone and up to 30 ms during a workspace scan (a text outside ASCII becomes a string of
 * two bytes per character, in fresh pages).
 */
const DECODE_STEP_BYTES = 262_144;

/**
 * `decodeFileText` in steps, for a caller that runs in slices of an event loop: decoding the 13 MB
 * GitHub spec takes some 30–90 ms in one go. The bytes are decoded a part at a time (a
 * `StringDecoder` keeps a character split between two parts whole) and the parts joined at the
 * end, which gives the same string.
 */
export function* decodeFileTextSteps(bytes: Buffer): Generator<void, string, void> {
  if (bytes.length <= DECODE_STEP_BYTES) return decodeFileText(bytes);
  const decoder = isAscii(bytes) ? undefined : new StringDecoder('utf8');
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += DECODE_STEP_BYTES) {
    const end = Math.min(bytes.length, start + DECODE_STEP_BYTES);
    parts.push(decoder === undefined ? bytes.toString('latin1', start, end) : decoder.write(bytes.subarray(start, end)));
    yield;
  }
  if (decoder !== undefined) parts.push(decoder.end());
  return parts.join('');
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

/** Files from this size on are left to `readFileSync`, which refuses them with its own error (a string cannot hold them anyway). */
const LARGEST_KNOWN_SIZE_READ = 2 ** 31 - 1;

/**
 * The bytes of a regular file whose size `stat` just gave: a `read` of a byte more than that size,
 * which comes back short where the file ends. `readFileSync` would ask for the size again (an
 * `fstat`) and go through more of Node's checks: over the DigitalOcean spec's 2,900 files, about a
 * tenth of the reading. A file that grew in between is read again whole, by `readFileSync`; a read
 * that comes back shorter than the size (a file system may) is continued.
 *
 * With `into`, a file that fits in it is read into it, and the bytes returned are a view of it,
 * good until the next read into it; a larger file gets a buffer of its own.
 */
export function readKnownSize(path: string, size: number, into?: Buffer): Buffer {
  if (size >= LARGEST_KNOWN_SIZE_READ) return readFileSync(path);
  const buffer = into !== undefined && size < into.length ? into : Buffer.allocUnsafe(size + 1);
  const descriptor = openSync(path, 'r');
  let filled: number;
  try {
    filled = readSync(descriptor, buffer, 0, size + 1, 0);
    while (filled < size) {
      const read = readSync(descriptor, buffer, filled, size + 1 - filled, filled);
      if (read === 0) break;
      filled += read;
    }
  } finally {
    closeSync(descriptor);
  }
  return filled <= size ? buffer.subarray(0, filled) : readFileSync(path);
}

/**
 * `read` reads a file smaller than this into one buffer the reader keeps, and decodes its text
 * from there, instead of into a buffer of its own: most fragments of a multi-file spec are a few
 * hundred bytes (the median of the DigitalOcean spec's 2,900 files is 452), and over them this took
 * some 14 ms off a lint of that spec. The buffer is made on the first read; only the pages that a
 * file as large as the largest read so far touches are ever written.
 */
const SHARED_READ_BYTES = 1_048_576;

export function createNodeFileReader(onError?: (uri: string, error: NodeJS.ErrnoException) => void): FileReader {
  let shared: Buffer | undefined;
  const failed = (uri: string, error: unknown): undefined => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError?.(uri, error as NodeJS.ErrnoException);
    return undefined;
  };
  /** The path and stats of what a URI names, unless it is no file URI or a special file (then `onError`). */
  const readable = (uri: string): { path: string; stats: Stats } | undefined => {
    const path = uriToPath(uri);
    if (path === undefined) return undefined;
    const stats = statSync(path);
    const special = specialFileKind(stats);
    if (special !== undefined) {
      onError?.(uri, new SpecialFileError(special));
      return undefined;
    }
    return { path, stats };
  };
  /**
   * The bytes of a regular file; undefined (and `onError`) for anything else. A file smaller than
   * `SHARED_READ_BYTES` is read into the shared buffer: its bytes are good until the next read.
   */
  const readBytesShared = (uri: string): Buffer | undefined => {
    const found = readable(uri);
    if (found === undefined) return undefined;
    if (!found.stats.isFile()) return readFileSync(found.path);
    if (found.stats.size < SHARED_READ_BYTES) shared ??= Buffer.allocUnsafe(SHARED_READ_BYTES);
    return readKnownSize(found.path, found.stats.size, shared);
  };
  /**
   * The bytes of a file as `readBytesShared` reads them, but in steps of `READ_STEP_BYTES` and into
   * a buffer of their own (they are decoded in steps too). In one go, reading the 13 MB GitHub spec
   * held the server's event loop for some 50 ms during a workspace scan, most of it the first
   * writes to the new buffer's pages. The buffer is as long as the file was when it was opened; a
   * file that grows meanwhile is read to its end as `readFileSync` reads it, one that shrinks to
   * where it ends.
   */
  function* readBytesSteps(uri: string): Generator<void, Buffer | undefined, void> {
    const found = readable(uri);
    if (found === undefined) return undefined;
    const { path, stats } = found;
    if (!stats.isFile()) return readFileSync(path);
    if (stats.size <= READ_STEP_BYTES) return readKnownSize(path, stats.size);
    const descriptor = openSync(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(stats.size);
      let filled = 0;
      while (filled < buffer.length) {
        const read = readSync(descriptor, buffer, filled, Math.min(READ_STEP_BYTES, buffer.length - filled), filled);
        if (read === 0) return buffer.subarray(0, filled);
        filled += read;
        yield;
      }
      const more: Buffer[] = [];
      for (;;) {
        const part = Buffer.allocUnsafe(READ_STEP_BYTES);
        const read = readSync(descriptor, part, 0, part.length, filled);
        if (read === 0) break;
        more.push(part.subarray(0, read));
        filled += read;
      }
      return more.length === 0 ? buffer : Buffer.concat([buffer, ...more]);
    } finally {
      closeSync(descriptor);
    }
  }
  return {
    read(uri: string): string | undefined {
      try {
        const bytes = readBytesShared(uri);
        return bytes === undefined ? undefined : decodeFileText(bytes);
      } catch (error) {
        return failed(uri, error);
      }
    },
    *readSteps(uri: string): Generator<void, string | undefined, void> {
      try {
        const bytes = yield* readBytesSteps(uri);
        if (bytes === undefined) return undefined;
        return yield* decodeFileTextSteps(bytes);
      } catch (error) {
        return failed(uri, error);
      }
    },
  };
}
