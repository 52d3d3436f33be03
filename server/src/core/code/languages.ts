/** The languages whose call sites API Guard reads. JSX is part of the JavaScript grammar. */
export type CodeLanguage = 'javascript' | 'typescript' | 'tsx' | 'python' | 'java' | 'csharp' | 'go' | 'php';

export const CODE_LANGUAGES: readonly CodeLanguage[] = ['javascript', 'typescript', 'tsx', 'python', 'java', 'csharp', 'go', 'php'];

/** The name of each language's grammar in `@vscode/tree-sitter-wasm` (`tree-sitter-<name>.wasm`). */
const GRAMMAR_NAMES: Record<CodeLanguage, string> = {
  javascript: 'javascript',
  typescript: 'typescript',
  tsx: 'tsx',
  python: 'python',
  java: 'java',
  csharp: 'c-sharp',
  go: 'go',
  php: 'php',
};

export function grammarFileName(language: CodeLanguage): string {
  return `tree-sitter-${GRAMMAR_NAMES[language]}.wasm`;
}

/** VS Code language ids of the supported languages. */
const LANGUAGE_IDS: Record<string, CodeLanguage> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  python: 'python',
  java: 'java',
  csharp: 'csharp',
  go: 'go',
  php: 'php',
};

const EXTENSIONS: Record<string, CodeLanguage> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  py: 'python',
  java: 'java',
  cs: 'csharp',
  go: 'go',
  php: 'php',
};

/**
 * The code language of a document, from the editor's language id when there is one, else from
 * the file extension. `.ts` files use the TypeScript grammar, which rejects JSX; `.tsx` files
 * and the `typescriptreact` id use the TSX grammar.
 */
export function codeLanguageOf(uri: string, languageId?: string): CodeLanguage | undefined {
  const path = uri.split(/[?#]/)[0].toLowerCase();
  const extension = path.slice(path.lastIndexOf('.') + 1);
  if (languageId !== undefined && languageId in LANGUAGE_IDS) {
    const byId = LANGUAGE_IDS[languageId];
    // A `.tsx` file opened with the plain `typescript` id still needs the TSX grammar.
    if (byId === 'typescript' && extension === 'tsx') return 'tsx';
    return byId;
  }
  return EXTENSIONS[extension];
}

/** File extensions (without dot) of every supported language, for workspace scans. */
export const CODE_FILE_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS);
