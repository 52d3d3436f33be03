import { Language, Parser, type Tree } from 'web-tree-sitter';
import { grammarFileName, type CodeLanguage } from './languages';

/**
 * Where the tree-sitter runtime and grammars come from. The adapters supply it: the bundled server
 * and CLI point at `dist/` and `dist/grammars/`, the tests at `node_modules`. Keeping file access
 * behind this interface keeps the engine free of any assumption about where it is installed.
 */
export interface TreeSitterFiles {
  /** The path or URL of a runtime file such as `web-tree-sitter.wasm` (Emscripten's `locateFile`). */
  locateRuntime(fileName: string): string;
  /** The bytes of a grammar file such as `tree-sitter-python.wasm`. */
  readGrammar(fileName: string): Promise<Uint8Array>;
  /**
   * Instantiates the runtime from a module compiled before, instead of compiling the file at
   * `locateRuntime` (Emscripten's `instantiateWasm`; `receive` takes the instance, then the
   * module). The worker threads of a scan share their parent's module this way: one copy of its
   * machine code, and what the engine optimises while one thread parses serves the others.
   */
  instantiateRuntime?(imports: unknown, receive: (instance: unknown, module: unknown) => void): void;
}

/** A grammar or the runtime could not be loaded; the message names which file. */
export class TreeSitterLoadError extends Error {
  constructor(
    message: string,
    readonly language?: CodeLanguage,
  ) {
    super(message);
    this.name = 'TreeSitterLoadError';
  }
}

let configuredFiles: TreeSitterFiles | undefined;
let runtimeReady: Promise<void> | undefined;
const languages = new Map<CodeLanguage, Promise<Language>>();
const parsers = new Map<CodeLanguage, Parser>();

/**
 * Tells the engine where its wasm files are. Call once at start-up, before the first parse. The
 * runtime itself can be initialised only once per process, so a later call affects only grammars
 * that were not loaded yet (and lets a failed grammar be retried).
 */
export function configureTreeSitter(files: TreeSitterFiles): void {
  configuredFiles = files;
  for (const [language, pending] of [...languages]) {
    pending.catch(() => languages.delete(language));
  }
}

export function isTreeSitterConfigured(): boolean {
  return configuredFiles !== undefined;
}

function requireFiles(): TreeSitterFiles {
  if (configuredFiles === undefined) throw new TreeSitterLoadError('configureTreeSitter() was not called before parsing code');
  return configuredFiles;
}

function initRuntime(): Promise<void> {
  if (runtimeReady === undefined) {
    const files = requireFiles();
    const instantiateWasm =
      files.instantiateRuntime === undefined
        ? undefined
        : (imports: unknown, receive: (instance: unknown, module: unknown) => void): Record<string, never> => {
            files.instantiateRuntime!(imports, receive);
            return {};
          };
    runtimeReady = Parser.init({ locateFile: (fileName: string) => files.locateRuntime(fileName), ...(instantiateWasm !== undefined && { instantiateWasm }) }).catch((error: unknown) => {
      runtimeReady = undefined;
      throw new TreeSitterLoadError(`The tree-sitter runtime could not be loaded: ${(error as Error).message}`);
    });
  }
  return runtimeReady;
}

/** The grammar of a language, loaded on first use and cached for the life of the process. */
export function loadCodeLanguage(language: CodeLanguage): Promise<Language> {
  let pending = languages.get(language);
  if (pending === undefined) {
    pending = (async () => {
      await initRuntime();
      const fileName = grammarFileName(language);
      try {
        return await Language.load(await requireFiles().readGrammar(fileName));
      } catch (error) {
        throw new TreeSitterLoadError(`The ${language} grammar (${fileName}) could not be loaded: ${(error as Error).message}`, language);
      }
    })();
    pending.catch(() => languages.delete(language));
    languages.set(language, pending);
  }
  return pending;
}

/** One parser per language, reused: parsing is synchronous, so a parser is never shared mid-parse. */
export async function parserFor(language: CodeLanguage): Promise<Parser> {
  const grammar = await loadCodeLanguage(language);
  let parser = parsers.get(language);
  if (parser === undefined) {
    parser = new Parser();
    parser.setLanguage(grammar);
    parsers.set(language, parser);
  }
  return parser;
}

/**
 * Parses a text; with `oldTree` (already adjusted with `tree.edit`) tree-sitter reuses the
 * unchanged parts, which makes a keystroke in a large file cheap. The caller owns the returned
 * tree and must `delete()` it when done. Tree-sitter recovers from syntax errors itself, so a
 * tree comes back for any input.
 */
export async function parseCode(language: CodeLanguage, text: string, oldTree?: Tree): Promise<Tree> {
  const parser = await parserFor(language);
  const tree = parser.parse(text, oldTree ?? null);
  if (tree === null) throw new TreeSitterLoadError(`The ${language} parser returned no tree`, language);
  return tree;
}
