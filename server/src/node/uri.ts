import { resolve, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * File paths ↔ `file:` URIs, encoded the way VS Code encodes them. The language server receives
 * URIs from the editor and also builds URIs for files it finds on disk; both must be the same
 * string for the same file, or one file would get two sets of diagnostics. Node's
 * `pathToFileURL` leaves characters such as `@`, `(`, `+` unencoded and keeps `C:` as is, while
 * VS Code percent-encodes everything except unreserved characters and lowercases drive letters.
 */

const UNRESERVED = /[A-Za-z0-9\-._~]/;
/** A segment made of unreserved characters only, which encodes to itself. */
const PLAIN_SEGMENT = /^[A-Za-z0-9\-._~]*$/;

function encodeSegment(segment: string): string {
  // Nearly every segment of a real path is plain. A workspace scan canonicalises the URI of every
  // file it finds, and the loop below took some 45 ms for 3,000 files in one step of the server's
  // event loop (15 ms warm); one test per segment takes a fraction of that.
  if (PLAIN_SEGMENT.test(segment)) return segment;
  let out = '';
  for (const char of segment) {
    if (UNRESERVED.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** The `file:` URI of a path (made absolute against the current directory first). */
export function pathToUri(path: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const absolute = win32.resolve(path);
    const unc = /^\\\\([^\\]+)\\(.*)$/.exec(absolute);
    if (unc !== null) {
      const [, host, rest] = unc;
      return `file://${host.toLowerCase()}/${rest.split('\\').map(encodeSegment).join('/')}`;
    }
    const drive = /^([a-zA-Z]):(.*)$/.exec(absolute);
    const segments = (drive === null ? absolute : drive[2]).split('\\').map(encodeSegment);
    const prefix = drive === null ? '' : `/${drive[1].toLowerCase()}%3A`;
    return `file://${prefix}${segments.join('/')}`;
  }
  const absolute = resolve(path);
  return `file://${absolute.split('/').map(encodeSegment).join('/')}`;
}

/**
 * A POSIX `file:` URI that is canonical as it stands: an absolute path of segments of unreserved
 * characters, none of them empty, `.` or `..` (which the URL parser and `resolve` would remove).
 * Nothing in it is decoded or encoded, so the way through the path gives the same string.
 */
const PLAIN_FILE_URI = /^file:\/\/(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9\-._~]+)+$/;

/** What a plain file URI has before its path. */
const FILE_SCHEME_AND_EMPTY_HOST = 'file://';

/** The file system path of a `file:` URI, or undefined for any other URI. */
export function uriToPath(uri: string): string | undefined {
  // A plain POSIX file URI is its path after `file://`. The CLI and the server read every file of
  // a multi-file spec through this, and `fileURLToPath` builds a URL object for each: some 40 ms
  // of a lint of the DigitalOcean spec's 2,900 files.
  if (process.platform !== 'win32' && PLAIN_FILE_URI.test(uri)) return uri.slice(FILE_SCHEME_AND_EMPTY_HOST.length);
  if (!uri.toLowerCase().startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A `file:` URI as VS Code would write it; other URIs are returned unchanged. */
export function canonicalFileUri(uri: string): string {
  // What a scan finds is canonical already (`pathToUri`), and a workspace scan asks this of every
  // file: decoding and encoding each one again took some 40 ms for 3,000 files in one step.
  if (process.platform !== 'win32' && PLAIN_FILE_URI.test(uri)) return uri;
  const path = uriToPath(uri);
  return path === undefined ? uri : pathToUri(path);
}
