import { readFileSync } from 'node:fs';
import { CodeFolderAnalysis } from '../core/code/codeFolderAnalysis';
import type { ApiGuardSettings } from '../core/config/settings';
import type { Finding } from '../core/engine/finding';
import type { ApiDescription } from '../core/openapi/types';
import type { CodeExtraction } from '../core/code/codeExtraction';
import { CodeScanPool, type CodeScanReply, codeScanWorkerCount, MIN_FILES_FOR_WORKERS } from './codeScanPool';
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
export function lintCode(folderUri: string, codeUris: readonly string[], settings: ApiGuardSettings, apis: readonly ApiDescription[], options: LintCodeOptions = {}): Promise<LintCodeResult> {
  return new CodeScan(folderUri, settings, options).finish(codeUris, apis);
}

/**
 * `lintCode` in two steps, so that the extraction can start while discovery still runs: `offer`
 * takes each code file as discovery finds it, and once there are enough for worker threads they
 * start and extract the files offered so far and from then on; `finish` takes the complete list
 * and the APIs, and matches and checks every file as `lintCode` does. The result is the same.
 */
export class CodeScan {
  private readonly analysis: CodeFolderAnalysis;
  private readonly offered: string[] = [];
  private pool: CodeScanPool | undefined;
  private workerCount = 0;
  /** Extractions that came before `finish` (matching needs the APIs), and the files answered. */
  private readonly early: CodeExtraction[] = [];
  private readonly done = new Set<string>();
  private onReply: (uri: string, reply: CodeScanReply) => void = (uri, reply) => {
    this.done.add(uri);
    if (reply.outcome === 'extracted') this.early.push(reply.extraction);
    else if (reply.outcome === 'failed') this.failures.push([uri, reply.message]);
  };
  private readonly failures: [string, string][] = [];

  constructor(
    folderUri: string,
    private readonly settings: ApiGuardSettings,
    private readonly options: LintCodeOptions = {},
  ) {
    this.analysis = new CodeFolderAnalysis({ folderUri, settings, only: options.only, onRuleError: options.onRuleError });
  }

  private accepts(uri: string): boolean {
    return this.settings.code.enabled && this.analysis.accepts(uri) && uriToPath(uri) !== undefined;
  }

  /** A code file that discovery found; it will also be in the list given to `finish`. */
  offer(uri: string): void {
    if (!this.accepts(uri)) return;
    this.offered.push(uri);
    if (this.pool !== undefined) this.pool.add(uri);
    // Worker threads pay off from so many files on, unless the caller asked for them.
    else if (this.offered.length === (this.options.workers === undefined ? MIN_FILES_FOR_WORKERS : 1)) {
      const count = this.options.workers ?? codeScanWorkerCount(this.offered.length);
      if (count > 0) this.startPool(count, this.offered);
    }
  }

  private startPool(count: number, uris: readonly string[]): void {
    this.pool = CodeScanPool.start(count, { includeTests: this.settings.code.includeTests }, (uri, reply) => this.onReply(uri, reply), this.options.signal);
    if (this.pool === undefined) return;
    this.workerCount = count;
    for (const uri of uris) this.pool.add(uri);
  }

  /** Analyses every accepted file of `codeUris` (the files offered before included) against `apis`. */
  async finish(codeUris: readonly string[], apis: readonly ApiDescription[]): Promise<LintCodeResult> {
    const { analysis, options } = this;
    analysis.setApis(apis);
    let filesAnalysed = 0;
    let workersUsed = 0;
    const accepted = codeUris.filter((uri) => this.accepts(uri));
    const wanted = new Set(accepted);
    const adopt = (uri: string, reply: CodeScanReply): void => {
      if (!wanted.has(uri)) return;
      this.done.add(uri);
      if (reply.outcome === 'extracted') {
        analysis.adoptExtraction(reply.extraction);
        filesAnalysed++;
      } else if (reply.outcome === 'failed') options.onFileError?.(uri, new Error(reply.message));
    };
    // What the workers answered so far, then the rest as it comes.
    for (const extraction of this.early.splice(0)) adopt(extraction.uri, { id: 0, outcome: 'extracted', extraction });
    for (const [uri, message] of this.failures.splice(0)) adopt(uri, { id: 0, outcome: 'failed', message });
    this.onReply = adopt;
    if (this.pool === undefined && accepted.length > 0) {
      const count = Math.min(options.workers ?? codeScanWorkerCount(accepted.length), accepted.length);
      if (count > 0) this.startPool(count, accepted);
    } else if (this.pool !== undefined) {
      const offered = new Set(this.offered);
      for (const uri of accepted) if (!offered.has(uri)) this.pool.add(uri);
    }
    const pool = this.pool;
    if (pool !== undefined) {
      try {
        await pool.end();
        workersUsed = this.workerCount;
      } catch (error) {
        options.signal?.throwIfAborted();
        // A worker that died takes only the replies it still owed: those files are done below.
        options.onWorkerError?.(error);
      } finally {
        await this.close();
      }
    }
    const remaining = accepted.filter((uri) => !this.done.has(uri));
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
    return { analysis, findings: analysis.allFindings(), suppressed: analysis.allSuppressed(), filesAnalysed, workersUsed };
  }

  /** Stops the worker threads, if any were started (`finish` does so itself; this is for a scan given up). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}
