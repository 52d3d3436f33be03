// `npm run test:e2e`: the extension in a real VS Code workbench (code-server 4.100.3) driven by
// Debian's Chromium. Requires `bash test/e2e/setup.sh` once.
//
//  1. checks that the setup has been run;
//  2. packages the extension (`npm run package`) and prints the size of the .vsix;
//  3. runs the extension-host suites (mocha with the `vscode` API, loaded through the
//     workbench's test payload) on a copy of examples/shop and on a multi-root workspace;
//  4. runs the UI suite (Playwright) against the installed .vsix, in English and in German.
//
// Ends with `N passed, N failed` and exits non-zero when anything failed. Screenshots and logs go
// to test-artifacts/e2e/. Pass --update-docs-images (or E2E_UPDATE_DOCS_IMAGES=1) to refresh the
// pictures in docs/images/ from this run; missing ones are always written. `--only host|ui` runs
// one suite.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { buildHostSuites, HOST_SUITES, keepOutputLogs, prepareWorkspace, runHostSuiteInCodeServer, writeLog } from './lib/hostSuites.mjs';
import { artifactsDir, missingTools, repoRoot, runsDir } from './lib/paths.mjs';
import { reportScreen } from './lib/screen.mjs';
import { runUiSuite } from './ui/uiSuite.mjs';

const HOST_SUITE_TIMEOUT_MS = 5 * 60_000;
/** Windows an extension-host suite may take when the workbench does not set up its workspace. */
const MAX_HOST_WINDOWS = 3;
let restartedWindows = 0;
const startedAt = Date.now();
const timings = [];
let passed = 0;
let failed = 0;

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

async function stage(name, action) {
  console.log(`\n--- ${name} ---`);
  const since = Date.now();
  try {
    return await action();
  } finally {
    timings.push(`${name}: ${seconds(since)}`);
  }
}

function finish() {
  console.log(`\nEnd-to-end timings: ${timings.join('; ')}; total ${seconds(startedAt)}`);
  if (restartedWindows > 0) console.log(`Extension-host suites started again in a new window: ${restartedWindows} (the workbench had not set up their workspace)`);
  console.log(`Screenshots and logs: ${artifactsDir}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

const missing = missingTools();
if (missing.length > 0) {
  console.error(`The end-to-end tools are not installed:\n  ${missing.join('\n  ')}\nRun \`bash test/e2e/setup.sh\` once.`);
  failed += 1;
  finish();
}

const updateDocsImages = process.argv.includes('--update-docs-images') || process.env.E2E_UPDATE_DOCS_IMAGES === '1';
// `--only host` or `--only ui` runs one of the two suites (for working on it); CI runs both.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'host' && only !== 'ui') {
  console.error(`--only takes "host" or "ui", not ${only}`);
  process.exit(2);
}
rmSync(artifactsDir, { recursive: true, force: true });
mkdirSync(artifactsDir, { recursive: true });
mkdirSync(runsDir, { recursive: true });
const runDir = mkdtempSync(join(runsDir, 'run-'));
const workspaces = [];

try {
  const vsixPath = await stage('package', () => {
    const result = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) {
      console.log(`${result.stdout}${result.stderr}`);
      throw new Error(`npm run package failed (exit ${result.status ?? result.signal})`);
    }
    const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const path = join(repoRoot, `${name}-${version}.vsix`);
    console.log(`  ${path}: ${(statSync(path).size / 1024 / 1024).toFixed(2)} MB`);
    return path;
  });

  const suitePaths = await stage('bundle extension-host suites', () => buildHostSuites());

  if (only !== 'ui') await stage('extension-host suites', async () => {
    // E2E_TRACE=messages|verbose records the LSP traffic in the API Guard output channel.
    const userSettings = process.env.E2E_TRACE ? { 'apiGuard.trace.server': process.env.E2E_TRACE } : {};
    const server = await startCodeServer({ home: join(runDir, 'host'), logPath: join(artifactsDir, 'code-server-host.log'), userSettings });
    const browser = await launchBrowser({ home: server.home });
    try {
      for (const suite of HOST_SUITES) {
        const since = Date.now();
        let outcome;
        let logLines;
        for (let window = 1; ; window += 1) {
          const workspace = prepareWorkspace(suite.workspace);
          workspaces.push(workspace.root);
          logLines = [];
          outcome = await runHostSuiteInCodeServer({
            server,
            browserContext: browser.context,
            suitePath: suitePaths[suite.name],
            openPath: workspace.openPath,
            logLines,
            timeoutMs: HOST_SUITE_TIMEOUT_MS,
            onScreen: (page) => reportScreen(page, `host-${suite.name}`),
          });
          writeLog(join(artifactsDir, `host-${suite.name}-workbench${window === 1 ? '' : `-window-${window}`}.log`), logLines);
          if (outcome.unready === undefined) break;
          // The suite ran no test: the workbench did not set up the workspace it was opened with
          // (see multiRootWorkspaceOpened). That is the workbench's start, not the extension, so a
          // new window with a fresh copy of the workspace gets the suite instead, twice at most;
          // the run says so, with the workbench's own errors and warnings of that window.
          const complaints = logLines.filter((line) => /^\[(error|warn|warning)\]/i.test(line));
          console.log(`  ↻ window ${window}: ${outcome.unready}`);
          for (const line of complaints.slice(-10)) console.log(`      ${line.slice(0, 400)}`);
          if (window === MAX_HOST_WINDOWS) break;
          console.log(`    opening the suite in a new window (${window + 1} of ${MAX_HOST_WINDOWS})`);
          restartedWindows += 1;
        }
        if (outcome.unready !== undefined) {
          failed += 1;
          console.log(`  ✘ extension-host suite ${suite.name}: the workbench was not ready in ${MAX_HOST_WINDOWS} windows`);
        } else if (outcome.summary === undefined) {
          failed += 1;
          const reason = outcome.timedOut ? `did not finish within ${HOST_SUITE_TIMEOUT_MS / 60_000} minutes` : `exited with ${outcome.exitCode} before reporting results`;
          console.log(`  ✘ extension-host suite ${suite.name} ${reason}; workbench log: test-artifacts/e2e/host-${suite.name}-workbench.log`);
          console.log(logLines.slice(-25).map((line) => `    ${line}`).join('\n'));
        } else {
          passed += outcome.summary.passed;
          failed += outcome.summary.failed;
          if (outcome.summary.failed === 0 && outcome.exitCode !== 0) {
            failed += 1;
            console.log(`  ✘ extension-host suite ${suite.name}: all tests passed but the workbench exited with ${outcome.exitCode}`);
          }
        }
        timings.push(`host ${suite.name}: ${seconds(since)}`);
      }
    } finally {
      await browser.context.close().catch(() => undefined);
      await server.stop();
      keepOutputLogs(server.userDataDir, 'host');
    }
  });

  if (only !== 'host') await stage('UI suite', async () => {
    const result = await runUiSuite({ vsixPath, runDir: join(runDir, 'ui'), updateDocsImages });
    passed += result.passed;
    failed += result.failed;
    for (const image of result.published) console.log(`  updated ${image}`);
  });
} catch (error) {
  failed += 1;
  console.error(`\nThe end-to-end run stopped: ${error.stack ?? error}`);
} finally {
  for (const workspace of workspaces) rmSync(workspace, { recursive: true, force: true });
  rmSync(runDir, { recursive: true, force: true });
}
finish();
