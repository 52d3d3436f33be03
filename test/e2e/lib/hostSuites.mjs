// The extension-host suites: bundling them into CommonJS modules that export `run()`, preparing
// their workspaces, and running them in code-server through the workbench's test payload.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { artifactsDir, exampleWorkspace, fixturesDir, hostSuiteOutDir, repoRoot } from './paths.mjs';

/** The suites, each with the workspace layout it expects. */
export const HOST_SUITES = [
  { name: 'shop', entry: 'test/e2e/host/shopSuite.ts', workspace: 'shop' },
  { name: 'multiRoot', entry: 'test/e2e/host/multiRootSuite.ts', workspace: 'multi-root' },
];

/** Bundles every suite with mocha into .cache/e2e/out/<name>Suite.js; `vscode` stays external. */
export async function buildHostSuites() {
  mkdirSync(hostSuiteOutDir, { recursive: true });
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: Object.fromEntries(HOST_SUITES.map((suite) => [`${suite.name}Suite`, suite.entry])),
    outdir: hostSuiteOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // Mocha's parallel mode resolves worker files at run time; the suites never use it.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return Object.fromEntries(HOST_SUITES.map((suite) => [suite.name, join(hostSuiteOutDir, `${suite.name}Suite.js`)]));
}

/**
 * A fresh copy of the workspace a suite edits, outside the repository (the repository's
 * .gitignore lists .cache/, and API Guard honours .gitignore). Returns the path to open: a folder
 * or a .code-workspace file.
 */
export function prepareWorkspace(layout) {
  const root = mkdtempSync(join(tmpdir(), `api-guard-e2e-${layout}-`));
  if (layout === 'shop') {
    const folder = join(root, 'shop');
    cpSync(exampleWorkspace, folder, { recursive: true });
    return { root, openPath: folder };
  }
  if (layout === 'multi-root') {
    cpSync(join(fixturesDir, 'multi-root'), root, { recursive: true });
    return { root, openPath: join(root, 'multi-root.code-workspace') };
  }
  throw new Error(`unknown workspace layout ${layout}`);
}

const LINE_PREFIX = '[e2e] ';
const RESULT_MARKER = 'suite-result ';
const UNREADY_MARKER = 'suite-unready ';

/**
 * Opens the workbench with the test payload: the extension under development is the repository
 * (its dist/ bundles), the tests are `suitePath`. Resolves with the suite's summary once the
 * workbench calls `codeAutomationExit`. Workbench log lines go to `logFile` only; the suite's own
 * lines are printed as they arrive. `unready` is set (and no test ran) when the suite found that
 * the workbench had not set up the workspace it was opened with.
 */
export async function runHostSuiteInCodeServer({ server, browserContext, suitePath, openPath, logLines, timeoutMs, onScreen }) {
  const page = await browserContext.newPage();
  let summary;
  let unready;
  let finish;
  const finished = new Promise((resolve) => {
    finish = resolve;
  });
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const text = (Array.isArray(args) ? args : [args]).map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
    logLines.push(`[${level}] ${text}`);
    for (const line of text.split('\n')) {
      if (!line.startsWith(LINE_PREFIX)) continue;
      const content = line.slice(LINE_PREFIX.length);
      if (content.startsWith(RESULT_MARKER)) summary = JSON.parse(content.slice(RESULT_MARKER.length));
      else if (content.startsWith(UNREADY_MARKER)) unready = JSON.parse(content.slice(UNREADY_MARKER.length)).reason;
      else console.log(`  ${content}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish({ code }));

  const remote = (absolutePath) => `vscode-remote://127.0.0.1:${server.port}${absolutePath}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(suitePath)],
  ];
  const target = openPath.endsWith('.code-workspace') ? `workspace=${encodeURIComponent(openPath)}` : `folder=${encodeURIComponent(openPath)}`;
  await page.goto(`${server.url}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { waitUntil: 'domcontentloaded', timeout: timeoutMs });

  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs);
  });
  const outcome = await Promise.race([finished, timeout]);
  clearTimeout(timer);
  if (outcome.timedOut || outcome.code !== 0) await onScreen(page);
  await page.close();
  return { exitCode: outcome.timedOut ? undefined : outcome.code, timedOut: outcome.timedOut === true, summary, unready };
}

/** Writes the collected workbench log of a run for the artefacts folder. */
export function writeLog(path, lines) {
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/**
 * Copies the API Guard output channel logs (the extension's and the language server's messages,
 * and the LSP trace when `apiGuard.trace.server` is on) of a finished code-server run into the
 * artefacts folder as `<prefix>-api-guard-<n>.log`, so that a red run shows what the server did.
 */
export function keepOutputLogs(userDataDir, prefix) {
  const found = [];
  const walk = (directory) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.log') && /api ?guard/i.test(path)) found.push(path);
    }
  };
  walk(join(userDataDir, 'logs'));
  found.sort().forEach((path, index) => copyFileSync(path, join(artifactsDir, `${prefix}-api-guard-${index + 1}.log`)));
  return found.length;
}
