import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { isAnalysedCodeFile } from '../core/code/codeFiles';
import { extractCode } from '../core/code/extractCode';
import type { CodeScanReply, CodeScanRequest, CodeScanWorkerData } from './codeScanPool';
import { ensureTreeSitterConfigured } from './treeSitterSetup';
import { uriToPath } from './uri';

/**
 * A worker thread of a workspace code scan: it reads, parses and extracts the files the main
 * thread sends, one at a time, and answers with the extraction (plain data). Matching and the
 * rules stay on the main thread, which holds the APIs.
 */
const { includeTests, runtime } = workerData as CodeScanWorkerData;

async function extractFile(request: CodeScanRequest): Promise<CodeScanReply> {
  const path = uriToPath(request.uri);
  if (path === undefined) return { id: request.id, outcome: 'skipped' };
  try {
    // A synchronous read: this thread has nothing else to do meanwhile, and the promise-based
    // reads cost more in open/read/close round trips than the read itself.
    const text = readFileSync(path, 'utf8');
    if (!isAnalysedCodeFile(request.uri, includeTests, text)) return { id: request.id, outcome: 'skipped' };
    const extraction = await extractCode({ uri: request.uri, text });
    return extraction === undefined ? { id: request.id, outcome: 'skipped' } : { id: request.id, outcome: 'extracted', extraction };
  } catch (error) {
    return { id: request.id, outcome: 'failed', message: (error as Error)?.message ?? String(error) };
  }
}

if (parentPort !== null) {
  const port = parentPort;
  ensureTreeSitterConfigured(runtime);
  port.on('message', (request: CodeScanRequest) => {
    void extractFile(request).then((reply) => port.postMessage(reply));
  });
}
