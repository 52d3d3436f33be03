import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary folder filled with the given files (relative path → text); removed by `remove()`. */
export function tempFolder(files: Record<string, string>): { path: string; file(relativePath: string): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'api-guard-'));
  for (const [relativePath, text] of Object.entries(files)) {
    const target = join(path, relativePath);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return {
    path,
    file: (relativePath) => join(path, relativePath),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
