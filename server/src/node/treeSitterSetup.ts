import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { grammarFilesIn } from '../core/code/grammarFiles';
import { configureTreeSitter, isTreeSitterConfigured } from '../core/code/treeSitter';

const RUNTIME = 'web-tree-sitter.wasm';

/**
 * Tells the code engine where its wasm files are, once per process: next to the running bundle
 * (`dist/web-tree-sitter.wasm` and `dist/grammars/`, which esbuild.mjs copies there), else in the
 * `node_modules` of the nearest folder above that has them (tests and scripts that run the
 * TypeScript sources). Returns false when neither exists; parsing then reports a load error per
 * file and the rest of the analysis goes on.
 */
export function ensureTreeSitterConfigured(): boolean {
  if (isTreeSitterConfigured()) return true;
  if (existsSync(join(__dirname, RUNTIME)) && existsSync(join(__dirname, 'grammars'))) {
    configureTreeSitter(grammarFilesIn(__dirname, join(__dirname, 'grammars')));
    return true;
  }
  for (let folder = __dirname; ; folder = dirname(folder)) {
    const runtimeFolder = join(folder, 'node_modules', 'web-tree-sitter');
    const grammarFolder = join(folder, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
    if (existsSync(join(runtimeFolder, RUNTIME)) && existsSync(grammarFolder)) {
      configureTreeSitter(grammarFilesIn(runtimeFolder, grammarFolder));
      return true;
    }
    if (dirname(folder) === folder) return false;
  }
}
