import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { grammarFilesIn } from '../core/code/grammarFiles';
import { configureTreeSitter, isTreeSitterConfigured, type TreeSitterFiles } from '../core/code/treeSitter';

const RUNTIME = 'web-tree-sitter.wasm';

/**
 * The JavaScript engine's WebAssembly API, which the project's TypeScript settings (no DOM
 * library) do not declare: only what compiling and instantiating the runtime needs.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: unknown) => object;
}

const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/**
 * Where the wasm files are: next to the running bundle (`dist/web-tree-sitter.wasm` and
 * `dist/grammars/`, which esbuild.mjs copies there), else in the `node_modules` of the nearest
 * folder above that has them (tests and scripts that run the TypeScript sources).
 */
function findTreeSitterFiles(): TreeSitterFiles | undefined {
  if (existsSync(join(__dirname, RUNTIME)) && existsSync(join(__dirname, 'grammars'))) return grammarFilesIn(__dirname, join(__dirname, 'grammars'));
  for (let folder = __dirname; ; folder = dirname(folder)) {
    const runtimeFolder = join(folder, 'node_modules', 'web-tree-sitter');
    const grammarFolder = join(folder, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
    if (existsSync(join(runtimeFolder, RUNTIME)) && existsSync(grammarFolder)) return grammarFilesIn(runtimeFolder, grammarFolder);
    if (dirname(folder) === folder) return undefined;
  }
}

/**
 * Tells the code engine where its wasm files are, once per process (see `findTreeSitterFiles`).
 * A worker thread passes the runtime its parent compiled (`compileTreeSitterRuntime`), so that the
 * threads share it. Returns false when the files are nowhere; parsing then reports a load error
 * per file and the rest of the analysis goes on.
 */
export function ensureTreeSitterConfigured(compiledRuntime?: object): boolean {
  if (isTreeSitterConfigured()) return true;
  const files = findTreeSitterFiles();
  if (files === undefined) return false;
  configureTreeSitter(
    compiledRuntime === undefined ? files : { ...files, instantiateRuntime: (imports, receive) => receive(new webAssembly.Instance(compiledRuntime, imports), compiledRuntime) },
  );
  return true;
}

let compiledRuntime: object | undefined;

/**
 * The tree-sitter runtime compiled once per process (a `WebAssembly.Module`, which worker threads
 * can be given); undefined when the file is nowhere or does not compile, and each thread then
 * compiles its own.
 */
export function compileTreeSitterRuntime(): object | undefined {
  if (compiledRuntime === undefined) {
    const files = findTreeSitterFiles();
    try {
      if (files !== undefined) compiledRuntime = new webAssembly.Module(readFileSync(files.locateRuntime(RUNTIME)));
    } catch {
      // The workers compile the runtime themselves and report what fails there.
    }
  }
  return compiledRuntime;
}
