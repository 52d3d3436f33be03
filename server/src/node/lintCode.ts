import { readFile } from 'node:fs/promises';
import { CodeFolderAnalysis } from '../core/code/codeFolderAnalysis';
import type { ApiGuardSettings } from '../core/config/settings';
import type { Finding } from '../core/engine/finding';
import type { ApiDescription } from '../core/openapi/types';
import { ensureTreeSitterConfigured } from './treeSitterSetup';
import { uriToPath } from './uri';

export interface LintCodeOptions {
  signal?: AbortSignal;
  /** Only these rule ids run (CLI `--rule`). */
  only?: ReadonlySet<string>;
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** A file that could not be read or parsed (a grammar that failed to load); the others go on. */
  onFileError?: (uri: string, error: unknown) => void;
}

export interface LintCodeResult {
  analysis: CodeFolderAnalysis;
  /** Active findings of every analysed code file, sorted by file and position. */
  findings: Finding[];
  suppressed: Finding[];
  /** Code files that were read and analysed (excluded kinds such as tests are not counted). */
  filesAnalysed: number;
}

/**
 * Analyses the code files of one folder from disk against the folder's APIs, as the CLI does:
 * each file is read, parsed and extracted once, then matched and checked. The files come from
 * discovery (which already applied `.gitignore`, the exclude globs and the test setting); the
 * analysis still skips dependencies, minified bundles and, unless asked, tests by content.
 */
export async function lintCode(
  folderUri: string,
  codeUris: readonly string[],
  settings: ApiGuardSettings,
  apis: readonly ApiDescription[],
  options: LintCodeOptions = {},
): Promise<LintCodeResult> {
  const analysis = new CodeFolderAnalysis({ folderUri, settings, only: options.only, onRuleError: options.onRuleError });
  analysis.setApis(apis);
  let filesAnalysed = 0;
  if (settings.code.enabled && codeUris.length > 0) {
    ensureTreeSitterConfigured();
    for (const uri of codeUris) {
      options.signal?.throwIfAborted();
      if (!analysis.accepts(uri)) continue;
      const path = uriToPath(uri);
      if (path === undefined) continue;
      try {
        const text = await readFile(path, 'utf8');
        if ((await analysis.analyse(uri, text)) !== undefined) filesAnalysed++;
      } catch (error) {
        options.onFileError?.(uri, error);
      }
    }
  }
  return { analysis, findings: analysis.allFindings(), suppressed: analysis.allSuppressed(), filesAnalysed };
}
