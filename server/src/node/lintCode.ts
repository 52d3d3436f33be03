import { readFileSync } from 'node:fs';
import { CodeFolderAnalysis } from '../core/code/codeFolderAnalysis';
import type { ApiGuardSettings } from '../core/config/settings';
import type { Finding } from '../core/engine/finding';
import type { ApiDescription } from '../core/openapi/types';
import { CodeScanPool, codeScanWorkerCount } from './codeScanPool';
import { ensureTreeSitterConfigured } from './treeSitterSetup';
import { uriToPath } from './uri';

export interface LintCodeOptions {
  signal?: AbortSignal;
  /** Only these rule ids run (CLI `--rule`). */
  only?: ReadonlySet<string>;
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** A file that could not be read or parsed (a grammar that failed to load); the others go on. */
  onFileError?: (uri: string, error: unknown) => void;
  /**
   * Worker threads that read, parse and extract the files (matching and rules stay here). By
   * default one per core for scans of many files, none for few (`codeScanWorkerCount`).
   */
  workers?: number;
  /** A worker thread failed; the files it had not answered are then analysed on this thread. */
  onWorkerError?: (error: unknown) => void;
}

export interface LintCodeResult {
  analysis: CodeFolderAnalysis;
  /** Active findings of every analysed code file, sorted by file and position. */
  findings: Finding[];
  suppressed: Finding[];
  /** Code files that were read and analysed (excluded kinds such as tests are not counted). */
  filesAnalysed: number;
  /** Worker threads that extracted files (0: all on the main thread). */
  workersUsed: number;
}

/**
 * Analyses the code files of one folder from disk against the folder's APIs, as the CLI does:
 * each file is read, parsed and extracted once (on worker threads when there are many), then
 * matched and checked on this thread. The files come from discovery (which already applied
 * `.gitignore`, the exclude globs and the test setting); the analysis still skips dependencies,
 * minified bundles and, unless asked, tests by content.
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
  let workersUsed = 0;
  if (settings.code.enabled && codeUris.length > 0) {
    const accepted = codeUris.filter((uri) => analysis.accepts(uri) && uriToPath(uri) !== undefined);
    const done = new Set<string>();
    const workerCount = Math.min(options.workers ?? codeScanWorkerCount(accepted.length), accepted.length);
    const pool = workerCount > 0 ? CodeScanPool.start(workerCount, { includeTests: settings.code.includeTests }) : undefined;
    if (pool !== undefined) {
      try {
        await pool.run(
          accepted,
          (uri, reply) => {
            done.add(uri);
            if (reply.outcome === 'extracted') {
              analysis.adoptExtraction(reply.extraction);
              filesAnalysed++;
            } else if (reply.outcome === 'failed') options.onFileError?.(uri, new Error(reply.message));
          },
          options.signal,
        );
        workersUsed = workerCount;
      } catch (error) {
        options.signal?.throwIfAborted();
        // A worker that died takes only the replies it still owed: those files are done below.
        options.onWorkerError?.(error);
      } finally {
        await pool.close();
      }
    }
    const remaining = done.size === 0 ? accepted : accepted.filter((uri) => !done.has(uri));
    if (remaining.length > 0) ensureTreeSitterConfigured();
    for (const uri of remaining) {
      options.signal?.throwIfAborted();
      try {
        // Read synchronously: each file is analysed as soon as it is read, with nothing to overlap.
        const text = readFileSync(uriToPath(uri)!, 'utf8');
        if ((await analysis.analyse(uri, text)) !== undefined) filesAnalysed++;
      } catch (error) {
        options.onFileError?.(uri, error);
      }
    }
  }
  return { analysis, findings: analysis.allFindings(), suppressed: analysis.allSuppressed(), filesAnalysed, workersUsed };
}
