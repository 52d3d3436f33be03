// The extension-host suites under @vscode/test-electron, for machines with a desktop VS Code:
//   VSCODE_EXECUTABLE=/usr/share/code/code node test/e2e/electron.mjs
// @vscode/test-electron cannot download VS Code here (no network but the package registries), so
// this runner only uses a local executable and CI runs the same suites in code-server instead
// (test/e2e/run.mjs). Ends with `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildHostSuites, HOST_SUITES, prepareWorkspace } from './lib/hostSuites.mjs';
import { repoRoot } from './lib/paths.mjs';

const executable = process.env.VSCODE_EXECUTABLE;
if (executable === undefined || !existsSync(executable)) {
  console.error('Set VSCODE_EXECUTABLE to the path of a local VS Code executable (for example /usr/share/code/code).');
  console.error('0 passed, 1 failed');
  process.exit(2);
}

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const suitePaths = await buildHostSuites();

let passed = 0;
let failed = 0;
for (const suite of HOST_SUITES) {
  const workspace = prepareWorkspace(suite.workspace);
  const profile = mkdtempSync(join(tmpdir(), 'api-guard-e2e-vscode-'));
  const resultFile = join(profile, 'result.json');
  mkdirSync(join(profile, 'data/User'), { recursive: true });
  writeFileSync(join(profile, 'data/User/settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false }));
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suitePaths[suite.name],
      extensionTestsEnv: { API_GUARD_E2E_RESULT_FILE: resultFile },
      launchArgs: [
        workspace.openPath,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(profile, 'data')}`,
        `--extensions-dir=${join(profile, 'extensions')}`,
      ],
    });
  } catch (error) {
    // A failed test makes VS Code exit non-zero; the counts come from the result file below.
    if (!existsSync(resultFile)) console.error(`The ${suite.name} suite did not run: ${error.message ?? error}`);
  }
  if (existsSync(resultFile)) {
    const summary = JSON.parse(readFileSync(resultFile, 'utf8'));
    passed += summary.passed;
    failed += summary.failed;
  } else {
    failed += 1;
  }
  rmSync(profile, { recursive: true, force: true });
  rmSync(workspace.root, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
