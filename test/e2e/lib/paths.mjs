// Where the end-to-end tools and outputs live. Everything generated goes under .cache/e2e/ (tools,
// bundles, temporary workspaces) or test-artifacts/e2e/ (screenshots, logs); both are ignored by git.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const cacheDir = join(repoRoot, '.cache/e2e');
export const readyMarker = join(cacheDir, 'ready');
export const codeServerVersion = '4.100.3';
export const codeServerEntry = join(cacheDir, `code-server-${codeServerVersion}/node_modules/code-server/out/node/entry.js`);
export const chromiumPath = '/usr/bin/chromium';
/** Bundled extension-host suites (CommonJS modules exporting `run()`). */
export const hostSuiteOutDir = join(cacheDir, 'out');
/** Temporary workspaces, user-data and extension folders of the current run. */
export const runsDir = join(cacheDir, 'runs');
export const artifactsDir = join(repoRoot, 'test-artifacts/e2e');
export const docsImagesDir = join(repoRoot, 'docs/images');
export const exampleWorkspace = join(repoRoot, 'examples/shop');
export const fixturesDir = join(repoRoot, 'test/e2e/fixtures');

/** What is missing for the suites to run, as sentences; empty when the setup is complete. */
export function missingTools() {
  const missing = [];
  if (!existsSync(readyMarker)) missing.push(`${readyMarker} does not exist`);
  if (!existsSync(codeServerEntry)) missing.push(`code-server ${codeServerVersion} is not installed (${codeServerEntry})`);
  if (!existsSync(chromiumPath)) missing.push(`Chromium is not installed (${chromiumPath})`);
  return missing;
}
