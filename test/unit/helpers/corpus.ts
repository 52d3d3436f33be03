import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The shared corpus of real OpenAPI documents, beside the repository (`../shared/corpus`). */
export const CORPUS_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

export interface CorpusEntry {
  /** Name used in reports and snapshots: `specs/x.yaml` or `multi/<folder>`. */
  name: string;
  /** Folder that bounds the entry's refs. */
  folder: string;
  /** Files to offer as OpenAPI candidates. */
  files: string[];
  bytes: number;
}

function walk(folder: string, out: string[]): string[] {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ya?ml|json)$/i.test(name)) out.push(path);
  }
  return out;
}

export function corpusEntries(): CorpusEntry[] {
  if (!existsSync(CORPUS_DIR)) return [];
  const entries: CorpusEntry[] = [];
  const specs = join(CORPUS_DIR, 'specs');
  for (const name of readdirSync(specs).sort()) {
    const path = join(specs, name);
    entries.push({ name: `specs/${name}`, folder: specs, files: [path], bytes: statSync(path).size });
  }
  const multi = join(CORPUS_DIR, 'multi');
  for (const name of readdirSync(multi).sort()) {
    const folder = join(multi, name);
    const files = walk(folder, []);
    entries.push({ name: `multi/${name}`, folder, files, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0) });
  }
  return entries;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A FileReader over the real disk for corpus tests. */
export const diskReader = {
  read(uri: string): string | undefined {
    try {
      return readFileSync(new URL(uri), 'utf8');
    } catch {
      return undefined;
    }
  },
};
