// The measuring program of `npm run bench:code` (see bench/code.mjs), bundled from the project's
// sources like dist/cli.js and run in a fresh process per measurement. It prints one JSON line with
// the figures of its mode: `cold <folder>` or `edit <folder> <edits>`. It lives in a TypeScript file
// of its own so that `tsc` checks it against the server's current interfaces; bench/code.mjs bundles
// its text against another checkout's sources for `--baseline`, so it still runs on builds that lack
// newer parts (`CodeScan`).
import { readFileSync } from 'node:fs';
import { lintFolder } from '../server/src/node/lintFolder';
import * as lintCodeModule from '../server/src/node/lintCode';
import { loadFolderSettings } from '../server/src/node/loadFolderSettings';
import { pathToUri, uriToPath } from '../server/src/node/uri';
import { ensureTreeSitterConfigured } from '../server/src/node/treeSitterSetup';
import { CodeFolderAnalysis } from '../server/src/core/code/codeFolderAnalysis';
import { extractCode } from '../server/src/core/code/extractCode';
import { LineIndex } from '../server/src/core/model/lineIndex';
import { CodeDocuments, CodeSession } from '../server/src/lsp/codeSession';

const [mode, folder, editsArg] = process.argv.slice(2) as [string, string, string | undefined];
if (folder === undefined) throw new Error('usage: codeDriver cold|edit <folder> [edits]');

function pathOf(uri: string): string {
  const path = uriToPath(uri);
  if (path === undefined) throw new Error(`not a file: ${uri}`);
  return path;
}

async function scan() {
  const startCpu = process.cpuUsage();
  const started = performance.now();
  const { settings } = loadFolderSettings(folder);
  let fileErrors = 0;
  const onFileError = () => fileErrors++;
  // As the CLI does: the code files are extracted while discovery goes on, where the checkout can
  // (a CodeScan); older checkouts discover first and then scan.
  const codeScan = lintCodeModule.CodeScan === undefined ? undefined : new lintCodeModule.CodeScan(pathToUri(folder), settings, { onFileError });
  const lint = await lintFolder(folder, settings, codeScan === undefined ? {} : { onCodeFile: (uri) => codeScan.offer(uri) });
  const discovered = performance.now();
  const code = codeScan === undefined
    ? await lintCodeModule.lintCode(pathToUri(folder), lint.files.code, settings, lint.analysis.allApis(), { onFileError })
    : await codeScan.finish(lint.files.code, lint.analysis.allApis());
  const finished = performance.now();
  const cpu = process.cpuUsage(startCpu);
  return { settings, lint, code, started, discovered, finished, cpu, fileErrors };
}

async function cold() {
  const { lint, code, started, discovered, finished, cpu, fileErrors } = await scan();
  let callSites = 0;
  let matched = 0;
  let bytes = 0;
  for (const uri of code.analysis.uris()) {
    const result = code.analysis.result(uri);
    if (result === undefined) continue;
    callSites += result.callSites.length;
    matched += result.matches.filter((match) => match.outcome === 'matched').length;
  }
  for (const uri of lint.files.code) bytes += Buffer.byteLength(readFileSync(pathOf(uri)));
  const byRule: Record<string, number> = {};
  for (const finding of code.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  return {
    codeFiles: lint.files.code.length,
    analysed: code.filesAnalysed,
    bytes,
    apis: lint.analysis.allApis().length,
    discoveryMs: discovered - started,
    totalMs: finished - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    callSites,
    matched,
    findings: code.findings.length,
    suppressed: code.suppressed.length,
    byRule,
    fileErrors,
    workersUsed: code.workersUsed,
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

async function edit() {
  const edits = Number(editsArg);
  const { settings } = loadFolderSettings(folder);
  const lint = await lintFolder(folder, settings);
  ensureTreeSitterConfigured();
  // The largest analysed file of at most 512 kB: a large file, but one a person may still edit.
  let chosen: { uri: string; text: string } | undefined;
  for (const uri of lint.files.code) {
    const text = readFileSync(pathOf(uri), 'utf8');
    if (text.length > 512 * 1024 || (chosen !== undefined && text.length <= chosen.text.length)) continue;
    const probe = new CodeFolderAnalysis({ folderUri: pathToUri(folder), settings });
    if (probe.accepts(uri, text)) chosen = { uri, text };
  }
  if (chosen === undefined) throw new Error(`no analysed code file of at most 512 kB in ${folder}`);
  const { uri, text } = chosen;
  // The server's objects for an open document: its TextDocuments configuration (which records
  // each change for the syntax tree) and the folder's code session, run one slice at a time.
  const documents = new CodeDocuments();
  const session = new CodeSession();
  session.configure({ folderUri: pathToUri(folder), settings });
  let document = documents.configuration.create(uri, 'javascript', 1, text);
  // `apis` for this checkout; `folderAnalysis` for older ones (to compare against), which matched
  // the code against the folder's own APIs only.
  const host = {
    documents,
    openDocument: (open: string) => (open === uri ? document : undefined),
    apis: lint.analysis.allApis(),
    folderAnalysis: lint.analysis,
    shouldStop: () => false,
    sliceMilliseconds: 60_000,
    maxFileSizeBytes: settings.maxFileSizeMB * 1024 * 1024,
    onFileError: (_uri: string, error: unknown) => {
      throw error;
    },
  };
  const openStarted = performance.now();
  session.documentChanged(uri);
  await session.runSlice(host);
  const first = session.result(uri);
  if (first === undefined) throw new Error(`no results for ${uri}`);
  const openMs = performance.now() - openStarted;
  // Deterministic edit positions: a space typed at the start of a line, then deleted again.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lineCount = new LineIndex(text).positionAt(text.length).line + 1;
  const times: number[] = [];
  let line = 0;
  for (let index = 0; index < edits; index++) {
    const inserting = index % 2 === 0;
    if (inserting) line = Math.floor(random() * lineCount);
    const change = inserting
      ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }
      : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' };
    const started = performance.now();
    document = documents.configuration.update(document, [change], index + 2);
    session.documentChanged(uri);
    await session.runSlice(host);
    const result = session.result(uri);
    times.push(performance.now() - started);
    if (result === undefined || result.extraction.text !== document.getText() || result.callSites.length !== first.callSites.length) throw new Error('an edit of whitespace changed the call sites');
  }
  // What the edits left must be what extracting the final text from scratch gives.
  const fresh = await extractCode({ uri, text: document.getText() });
  if (JSON.stringify(fresh) !== JSON.stringify(session.result(uri)?.extraction)) throw new Error('the edited extraction differs from a fresh one');
  const sorted = [...times].sort((a, b) => a - b);
  return {
    file: pathOf(uri).slice(folder.length + 1),
    fileBytes: Buffer.byteLength(document.getText()),
    lines: lineCount,
    callSites: first.callSites.length,
    findings: first.findings.length,
    openMs,
    edits,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted[sorted.length - 1],
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

(mode === 'cold' ? cold() : edit()).then((result) => process.stdout.write(JSON.stringify(result) + '\n'));
