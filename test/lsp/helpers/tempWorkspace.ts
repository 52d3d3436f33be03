import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToUri } from '../../../server/src/node/uri';

/** A workspace folder on disk for a protocol test, with helpers to name and change its files. */
export interface TempWorkspace {
  path: string;
  uri: string;
  name: string;
  /** The `file:` URI of a file given by its path relative to the folder. */
  uriOf(relativePath: string): string;
  write(relativePath: string, text: string): string;
  remove(): void;
}

/** Creates a temporary folder with the given files (relative path → text). */
export function tempWorkspace(files: Record<string, string>): TempWorkspace {
  const path = mkdtempSync(join(tmpdir(), 'api-guard-lsp-'));
  const write = (relativePath: string, text: string): string => {
    const target = join(path, relativePath);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    return pathToUri(target);
  };
  for (const [relativePath, text] of Object.entries(files)) write(relativePath, text);
  return {
    path,
    uri: pathToUri(path),
    name: basename(path),
    uriOf: (relativePath) => pathToUri(join(path, relativePath)),
    write,
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
