import { readFileSync } from 'node:fs';
import type { FileReader } from '../core/workspace/documentStore';
import { uriToPath } from './uri';

/**
 * The engine's file reader over the real file system. It reads `file:` URIs only: remote refs are
 * never fetched (the ref policy decides what may be asked for, and this reader cannot reach the
 * network in any case). Any error — a missing file, a directory, no permission, a file too large
 * to become a string — answers undefined, which the engine reports as an unresolved reference.
 */
export function createNodeFileReader(): FileReader {
  return {
    read(uri: string): string | undefined {
      const path = uriToPath(uri);
      if (path === undefined) return undefined;
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}
