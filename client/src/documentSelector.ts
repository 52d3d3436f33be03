/** Languages whose files can be OpenAPI descriptions or the team's `.api-guard` configuration. */
export const SPEC_LANGUAGES = ['yaml', 'json', 'jsonc'] as const;

/** Languages whose HTTP client calls the code analysis understands (RULES.md section F). */
export const CODE_LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'java', 'csharp', 'go', 'php'] as const;

/**
 * Documents the server analyses. Only files on disk: the analysis resolves `$ref`s relative to a
 * workspace folder, which untitled or virtual documents do not have.
 */
export const SERVER_DOCUMENT_SELECTOR: { scheme: 'file'; language: string }[] = [...SPEC_LANGUAGES, ...CODE_LANGUAGES].map((language) => ({ scheme: 'file', language }));
