// `npm test`: every test layer that can run here, in order, stopping at the first failure.
// Type-check, build, unit tests (core, rules, docs staleness, corpus), protocol tests against the
// bundled server, and the end-to-end suites: always in CI (CI=true, where `.ci/run` has run
// `bash test/e2e/setup.sh`; a missing setup fails the run), locally once that setup has been run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const stages = [
  ['type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['build', process.execPath, ['esbuild.mjs']],
  ['unit tests', process.execPath, ['scripts/run-node-tests.mjs', 'test/unit']],
];
if (existsSync('test/lsp')) stages.push(['protocol tests', process.execPath, ['scripts/run-node-tests.mjs', 'test/lsp']]);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const e2eReady = existsSync('.cache/e2e/ready');
if (inCi && !e2eReady) {
  console.error('CI runs the end-to-end tests, but their setup is missing (.cache/e2e/ready): run `bash test/e2e/setup.sh` first, as .ci/run does.');
  process.exit(1);
}
if (inCi || e2eReady) {
  stages.push(['end-to-end tests', process.execPath, ['test/e2e/run.mjs']]);
} else {
  console.log('Skipping end-to-end tests: run `bash test/e2e/setup.sh` once to install code-server and Chromium.');
}

for (const [name, command, args] of stages) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  console.log(`=== ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s) ===`);
}
