// `fs.promises` is loaded on first use (see `discoverFiles.ts`).
import { promises as files } from 'node:fs';
import { join } from 'node:path';
import type { TreeSitterFiles } from './treeSitter';

/**
 * The one place where the engine's wasm files are read from disk. The bundle passes
 * `grammarFilesIn(__dirname, path.join(__dirname, 'grammars'))`; the tests pass the
 * `node_modules` folders of web-tree-sitter and @vscode/tree-sitter-wasm.
 */
export function grammarFilesIn(runtimeFolder: string, grammarFolder: string): TreeSitterFiles {
  return {
    locateRuntime: (fileName) => join(runtimeFolder, fileName),
    readGrammar: async (fileName) => new Uint8Array(await files.readFile(join(grammarFolder, fileName))),
  };
}
