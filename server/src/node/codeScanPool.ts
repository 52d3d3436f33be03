import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
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
 * Extracts many code files on worker threads. Replies are handed to `onReply` on the main thread
 * as they come, in no particular order. Resolves once every file has a reply; a worker that dies
 * rejects the run, and the caller redoes the files that got no reply on the main thread.
 */
export class CodeScanPool {
  private constructor(private readonly workers: Worker[]) {}

  /** Starts `count` workers; undefined when there is no worker script to start. */
  static start(count: number, data: Omit<CodeScanWorkerData, 'runtime'>): CodeScanPool | undefined {
    const script = workerScript();
    if (script === undefined || count < 1) return undefined;
    const workerData: CodeScanWorkerData = { ...data, runtime: compileTreeSitterRuntime() };
    const workers: Worker[] = [];
    // The TypeScript source runs only where the sources do (tests, scripts): through tsx's
    // require hook, which a worker must install itself before it loads the script.
    const source = script.endsWith('.ts');
    const entry = source ? `require('tsx/cjs');\nrequire(${JSON.stringify(script)});` : script;
    const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
    for (let index = 0; index < count; index++) workers.push(new Worker(entry, { workerData, eval: source, resourceLimits }));
    return new CodeScanPool(workers);
  }

  run(uris: readonly string[], onReply: (uri: string, reply: CodeScanReply) => void, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let next = 0;
      let pending = 0;
      let settled = false;
      const finish = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        for (const worker of this.workers) worker.removeAllListeners();
        if (error === undefined) resolve();
        else reject(error);
      };
      const send = (worker: Worker): void => {
        if (settled) return;
        if (signal?.aborted) {
          finish(signal.reason);
          return;
        }
        if (next < uris.length) {
          const request: CodeScanRequest = { id: next, uri: uris[next] };
          next++;
          pending++;
          worker.postMessage(request);
        } else if (pending === 0) finish();
      };
      for (const worker of this.workers) {
        worker.on('message', (reply: CodeScanReply) => {
          pending--;
          try {
            onReply(uris[reply.id], reply);
          } catch (error) {
            finish(error);
            return;
          }
          send(worker);
        });
        worker.on('error', (error) => finish(error));
        worker.on('exit', (code) => finish(new Error(`A code scan worker stopped (exit code ${code})`)));
      }
      for (let round = 0; round < IN_FLIGHT_PER_WORKER; round++) for (const worker of this.workers) send(worker);
      if (uris.length === 0) finish();
    });
  }

  /** Stops the workers (their wasm heaps and parsers go with them). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
