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

function encodeSegment(segment: string): string {
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

/** The file system path of a `file:` URI, or undefined for any other URI. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.toLowerCase().startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A `file:` URI as VS Code would write it; other URIs are returned unchanged. */
export function canonicalFileUri(uri: string): string {
  const path = uriToPath(uri);
  return path === undefined ? uri : pathToUri(path);
}
