import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { CodeExtraction } from '../core/code/codeExtraction';
import { compileTreeSitterRuntime } from './treeSitterSetup';

/** What each worker is started with. */
export interface CodeScanWorkerData {
  includeTests: boolean;
  /** The tree-sitter runtime compiled by the parent (`compileTreeSitterRuntime`), shared by every worker. */
  runtime?: object;
}

/** One file for a worker to read, parse and extract. */
export interface CodeScanRequest {
  id: number;
  uri: string;
}

/** A worker's answer: the extraction, a file the analysis does not read, or why it failed. */
export type CodeScanReply =
  | { id: number; outcome: 'extracted'; extraction: CodeExtraction }
  | { id: number; outcome: 'skipped' }
  | { id: number; outcome: 'failed'; message: string };

/** Below this many files a scan stays on the main thread: starting a worker costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 64;

/** Requests in flight per worker, so that a worker never waits for the main thread between files. */
const IN_FLIGHT_PER_WORKER = 4;

/**
 * The young generation of a worker's heap. Extracting a file allocates many short-lived objects
 * (one per syntax node it looks at) that die once the file is done; with the default size they
 * are copied and promoted by a dozen scavenges per large file, which cost more than the work.
 */
const WORKER_YOUNG_GENERATION_MB = 64;

/**
 * How many worker threads a scan of `fileCount` files uses: one per core, at most four, none for
 * small scans. `API_GUARD_CODE_WORKERS` overrides the count (0 keeps the scan on the main thread).
 */
export function codeScanWorkerCount(fileCount: number): number {
  const configured = process.env.API_GUARD_CODE_WORKERS;
  if (configured !== undefined && /^\d+$/.test(configured)) return Number(configured);
  if (fileCount < MIN_FILES_FOR_WORKERS) return 0;
  return Math.min(4, Math.max(1, availableParallelism()));
}

/**
 * The worker script next to this module: `codeScanWorker.js` beside the bundle in `dist/`, or the
 * TypeScript source when the sources run through a loader (tests, scripts). Undefined when
 * neither is there; the scan then runs on the main thread.
 */
function workerScript(): string | undefined {
  for (const name of ['codeScanWorker.js', 'codeScanWorker.ts']) {
    const path = join(__dirname, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Extracts many code files on worker threads. Files are added one by one (`add`), also while the
 * caller is still finding them; replies are handed to `onReply` on the main thread as they come, in
 * no particular order. `end` resolves once every added file has a reply; a worker that dies
 * rejects it, and the caller redoes the files that got no reply on the main thread.
 */
export class CodeScanPool {
  private readonly uris: string[] = [];
  /** Workers by how many requests they have in flight. */
  private readonly inFlight = new Map<Worker, number>();
  private next = 0;
  private pending = 0;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private settle: ((failure?: { error: unknown }) => void) | undefined;

  private constructor(
    private readonly workers: Worker[],
    private readonly onReply: (uri: string, reply: CodeScanReply) => void,
    private readonly signal?: AbortSignal,
  ) {
    for (const worker of workers) {
      this.inFlight.set(worker, 0);
      worker.on('message', (reply: CodeScanReply) => {
        this.pending--;
        this.inFlight.set(worker, this.inFlight.get(worker)! - 1);
        try {
          this.onReply(this.uris[reply.id], reply);
        } catch (error) {
          this.fail(error);
          return;
        }
        this.dispatch();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`A code scan worker stopped (exit code ${code})`)));
    }
  }

  /** Starts `count` workers; undefined when there is no worker script to start. */
  static start(count: number, data: Omit<CodeScanWorkerData, 'runtime'>, onReply: (uri: string, reply: CodeScanReply) => void, signal?: AbortSignal): CodeScanPool | undefined {
    const script = workerScript();
    if (script === undefined || count < 1) return undefined;
    const workerData: CodeScanWorkerData = { ...data, runtime: compileTreeSitterRuntime() };
    const workers: Worker[] = [];
    // The TypeScript source runs only where the sources do (tests, scripts): through tsx's
    // require hook, which a worker must install itself before it loads the script.
    const source = script.endsWith('.ts');
    const entry = source ? `require('tsx/cjs');\nrequire(${JSON.stringify(script)});` : script;
    const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
    // Loaded here, not with the module: Node's worker modules take some 4 ms to load, which every run
    // of the CLI paid, also the many that scan no code (`--no-code`, a single spec, `--version`).
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    for (let index = 0; index < count; index++) {
      // Standard output carries the language server's protocol and the CLI's report: whatever a
      // worker prints (tree-sitter's runtime reports its aborts there) goes to standard error.
      const worker = new Worker(entry, { workerData, eval: source, resourceLimits, stdout: true });
      worker.stdout.pipe(process.stderr);
      workers.push(worker);
    }
    return new CodeScanPool(workers, onReply, signal);
  }

  /** Adds a file to extract. */
  add(uri: string): void {
    this.uris.push(uri);
    this.dispatch();
  }

  /** Resolves once every added file has a reply; no file may be added afterwards. */
  end(): Promise<void> {
    this.ended = true;
    return new Promise<void>((resolve, reject) => {
      this.settle = (failure) => (failure === undefined ? resolve() : reject(failure.error));
      this.dispatch();
    });
  }

  /** Every file in one go: `add` for each, then `end`. */
  run(uris: readonly string[]): Promise<void> {
    for (const uri of uris) this.add(uri);
    return this.end();
  }

  /** Sends waiting files to workers with room for them; settles `end` when all are answered. */
  private dispatch(): void {
    if (this.failure !== undefined) return this.settle?.(this.failure);
    if (this.signal?.aborted) return this.fail(this.signal.reason);
    for (const [worker, count] of this.inFlight) {
      let sent = count;
      while (sent < IN_FLIGHT_PER_WORKER && this.next < this.uris.length) {
        const request: CodeScanRequest = { id: this.next, uri: this.uris[this.next] };
        this.next++;
        this.pending++;
        sent++;
        worker.postMessage(request);
      }
      this.inFlight.set(worker, sent);
    }
    if (this.ended && this.pending === 0 && this.next === this.uris.length) this.settle?.();
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = { error };
    for (const worker of this.workers) worker.removeAllListeners();
    this.settle?.(this.failure);
  }

  /** Stops the workers (their wasm heaps and parsers go with them). */
  async close(): Promise<void> {
    for (const worker of this.workers) worker.removeAllListeners();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
