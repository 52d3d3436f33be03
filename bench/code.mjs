// `npm run bench:code`: the code scanning throughput and the re-analysis latency of one edited file.
//
// Input: a workspace of about 10,000 real JavaScript/TypeScript source files taken from pinned
// npm packages (HTTP clients and SDKs, so that call sites exist, plus large generated TypeScript
// code bases), fetched with `npm pack` into bench/.cache/code-input and extracted into a plain
// folder (never a `node_modules` folder, which the analysis skips), plus a small OpenAPI document
// whose servers are hosts the SDKs call, so that matching runs and finds both documented and
// undocumented operations.
//
// Measured through the code path the CLI uses (settings, discovery, spec analysis, then
// `lintCode`), bundled with esbuild like dist/cli.js, each run in a fresh process:
//   cold   discovery + parse + extraction + matching + rules of the whole workspace:
//          files/s, MB/s, wall and CPU time, peak RSS, call sites and findings (the "discovery +
//          specs" time is when discovery and the spec analysis end; the extraction may already
//          run on worker threads by then);
//   edit   the language server's path for one open document: 50 one-character edits of a large
//          file, each timed from the change notification's arrival (the server's TextDocuments
//          update, which records the change for the syntax tree) to the file's new results, through
//          the same CodeSession slice the server runs: incremental re-parse, extraction of the
//          touched statements (or of the whole file where that is needed), matching and rules.
//          p50/p95/max milliseconds per edit.
//
// Options: --runs N (cold runs, default 3), --edits N (default 50), --workers N (passed to the
// scan as API_GUARD_CODE_WORKERS when given), --cpu-prof (writes .cpuprofile files of the runs to
// bench/.cache/code-bench/profiles), --baseline DIR (another checkout of the project, with its
// node_modules, to compare against: its driver is bundled from its sources, and its runs alternate
// with this checkout's, cold and edit, so that both see the same load; medians of both are printed),
// --input-only (fetch and extract the input, print its size and stop: CI does this so that the
// unit test that reads the whole input runs).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchArgs } from './usage.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'bench', '.cache');
const inputDir = join(cache, 'code-input');
const tarballDir = join(inputDir, 'tarballs');
const workspace = join(inputDir, 'workspace');
const benchDir = join(cache, 'code-bench');

/**
 * The input, pinned. `skip` lists folders of a package that are not its source: aws-sdk's
 * `dist/` holds browser bundles of `lib/` and `clients/` (one of them 12 MB), which a project
 * would not commit next to the sources they are built from.
 */
const PACKAGES = [
  { name: 'aws-sdk', version: '2.1692.0', skip: ['dist'] },
  { name: '@aws-sdk/client-ec2', version: '3.701.0' },
  { name: '@aws-sdk/client-s3', version: '3.700.0' },
  { name: '@azure/arm-network', version: '33.5.0' },
  { name: '@azure/arm-compute', version: '22.3.0' },
  { name: 'rxjs', version: '7.8.1' },
  { name: 'openai', version: '4.104.0' },
  { name: 'stripe', version: '17.7.0' },
  { name: 'undici', version: '6.21.0' },
  { name: 'axios', version: '1.7.9' },
  { name: 'got', version: '14.4.5' },
  { name: 'gaxios', version: '6.7.1' },
  { name: 'googleapis-common', version: '7.2.0' },
  { name: '@octokit/plugin-rest-endpoint-methods', version: '13.2.6' },
];

/** Hosts the SDKs above call, with a few of their operations documented and others left out. */
const OPENAPI = `openapi: 3.0.3
info:
  title: Benchmark APIs
  version: 1.0.0
servers:
  - url: https://api.openai.com/v1
  - url: https://api.stripe.com
  - url: https://api.github.com
security:
  - bearer: []
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
paths:
  /chat/completions:
    post:
      operationId: createChatCompletion
      responses:
        '200':
          description: OK
  /models:
    get:
      operationId: listModels
      responses:
        '200':
          description: OK
  /v1/customers:
    get:
      operationId: listCustomers
      responses:
        '200':
          description: OK
  /repos/{owner}/{repo}:
    get:
      operationId: getRepository
      parameters:
        - { name: owner, in: path, required: true, schema: { type: string } }
        - { name: repo, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: OK
`;

const values = benchArgs(import.meta.url, {
    runs: { type: 'string', default: '3' },
    edits: { type: 'string', default: '50' },
    workers: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    baseline: { type: 'string' },
    'input-only': { type: 'boolean', default: false },
  });

const CODE_EXTENSIONS = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;

/** Fetches the pinned packages (once) and extracts their sources into the plain workspace folder. */
function prepareInput() {
  const marker = join(workspace, '.bench-input.json');
  const wanted = JSON.stringify({ PACKAGES, OPENAPI });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(tarballDir, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  for (const pkg of PACKAGES) {
    const spec = `${pkg.name}@${pkg.version}`;
    const tarball = join(tarballDir, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`);
    if (!existsSync(tarball)) {
      console.log(`Fetching ${spec} …`);
      execFileSync('npm', ['pack', spec, '--pack-destination', tarballDir, '--silent', '--ignore-scripts'], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    // `scoped/name` becomes the folder `scoped-name`: the workspace must hold plain folders only.
    const target = join(workspace, pkg.name.replace(/^@/, '').replace('/', '-'));
    const unpacked = join(inputDir, 'unpack');
    rmSync(unpacked, { recursive: true, force: true });
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', unpacked]);
    renameSync(join(unpacked, 'package'), target);
    for (const folder of pkg.skip ?? []) rmSync(join(target, folder), { recursive: true, force: true });
    removeNonCode(target);
  }
  writeFileSync(join(workspace, 'openapi.yaml'), OPENAPI);
  writeFileSync(marker, wanted);
}

/**
 * Keeps only the source files: source maps, JSON service models and READMEs are no code, and the
 * JSON files would make the run measure the OpenAPI candidate check instead of the code scan.
 */
function removeNonCode(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removeNonCode(path);
    else if (!CODE_EXTENSIONS.test(entry.name)) rmSync(path, { force: true });
  }
}

/** Source files and bytes of the workspace by extension (what the scan is offered). */
function describeInput() {
  let files = 0;
  let bytes = 0;
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (CODE_EXTENSIONS.test(entry.name)) {
        files++;
        bytes += statSync(path).size;
      }
    }
  };
  walk(workspace);
  return { files, bytes };
}


async function bundleDriver(sourceRoot, outDir) {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'driver.cjs');
  // The same options, aliases and run-time files as esbuild.mjs gives dist/cli.js, and the scan's
  // worker script next to the driver, where lintCode looks for it.
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    // An older checkout has no CodeScan; the driver then takes the other path.
    logOverride: { 'import-is-undefined': 'silent' },
    absWorkingDir: sourceRoot,
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  };
  // This checkout's driver, resolved against the sources of the build to measure.
  const driver = readFileSync(join(root, 'bench', 'codeDriver.ts'), 'utf8');
  await esbuild.build({ ...common, stdin: { contents: driver, resolveDir: join(sourceRoot, 'bench'), loader: 'ts', sourcefile: 'codeDriver.ts' }, outfile });
  const worker = join(sourceRoot, 'server/src/node/codeScanWorker.ts');
  // Older checkouts (to compare against) scan on the main thread only.
  if (existsSync(worker)) await esbuild.build({ ...common, entryPoints: [worker], outfile: join(outDir, 'codeScanWorker.js') });
  copyRuntimeFiles(sourceRoot, outDir);
  return outfile;
}

function copyRuntimeFiles(sourceRoot, outDir) {
  const wasmDir = join(sourceRoot, 'node_modules/@vscode/tree-sitter-wasm/wasm');
  mkdirSync(join(outDir, 'grammars'), { recursive: true });
  for (const grammar of ['javascript', 'typescript', 'tsx', 'python', 'java', 'c-sharp', 'go', 'php']) {
    cpSync(join(wasmDir, `tree-sitter-${grammar}.wasm`), join(outDir, 'grammars', `tree-sitter-${grammar}.wasm`));
  }
  cpSync(join(sourceRoot, 'node_modules/web-tree-sitter/web-tree-sitter.wasm'), join(outDir, 'web-tree-sitter.wasm'));
}

function runDriver(driver, args, label) {
  const profileArgs = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', join(benchDir, 'profiles'), '--cpu-prof-name', `${label}-${Date.now()}.cpuprofile`] : [];
  const env = { ...process.env };
  if (values.workers !== undefined) env.API_GUARD_CODE_WORKERS = values.workers;
  const child = spawnSync(process.execPath, [...profileArgs, driver, ...args], { cwd: root, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`${label} failed (${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const fixed = (value, digits = 0) => value.toFixed(digits);

prepareInput();
const input = describeInput();
console.log(`Input: ${input.files} JS/TS files, ${fixed(input.bytes / 1e6, 1)} MB in ${workspace}`);
console.log(`Packages: ${PACKAGES.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`);
if (values['input-only']) process.exit(0);
/** The builds to measure: this checkout, and the baseline's when one is given (in its own folder). */
const builds = [{ label: 'this checkout', driver: await bundleDriver(root, benchDir) }];
if (values.baseline !== undefined) {
  builds.unshift({ label: `baseline ${resolve(values.baseline)}`, driver: await bundleDriver(resolve(values.baseline), join(benchDir, 'baseline')) });
}
for (const build of builds) build.runs = [];

function describeCold(result) {
  return (
    `${result.codeFiles} code files (${result.analysed} analysed, ${fixed(result.bytes / 1e6, 1)} MB) in ${fixed(result.totalMs)} ms ` +
    `(discovery + specs ${fixed(result.discoveryMs)} ms, CPU ${fixed(result.cpuMs)} ms): ${fixed((result.codeFiles * 1000) / result.totalMs)} files/s, ` +
    `${fixed(result.bytes / 1e3 / result.totalMs, 1)} MB/s, peak RSS ${fixed(result.maxRssMB)} MB; ${result.callSites} call sites (${result.matched} matched), ` +
    `${result.findings} findings, ${result.fileErrors} file errors, ${result.workersUsed} workers`
  );
}

for (let run = 0; run < Number(values.runs); run++) {
  for (const build of builds) {
    const result = runDriver(build.driver, ['cold', workspace], 'cold');
    build.runs.push(result);
    console.log(`${builds.length > 1 ? `${build.label}: ` : ''}cold run ${run + 1}: ${describeCold(result)}`);
  }
}
for (const build of builds) {
  build.edit = runDriver(build.driver, ['edit', workspace, values.edits], 'edit');
  const edit = build.edit;
  console.log(
    `${builds.length > 1 ? `${build.label}: ` : ''}edit: ${edit.file} (${fixed(edit.fileBytes / 1e3)} kB, ${edit.lines} lines, ${edit.callSites} call sites, ${edit.findings} findings); ` +
      `open ${fixed(edit.openMs, 1)} ms; ${edit.edits} edits p50 ${fixed(edit.p50, 1)} ms, p95 ${fixed(edit.p95, 1)} ms, max ${fixed(edit.max, 1)} ms`,
  );
}
for (const build of builds) {
  const { runs, edit } = build;
  if (runs.length === 0) continue;
  const last = runs[runs.length - 1];
  const prefix = builds.length > 1 ? `${build.label}: ` : '';
  console.log(`${prefix}findings by rule: ${JSON.stringify(last.byRule)}`);
  const medianMs = median(runs.map((result) => result.totalMs));
  console.log(
    `${prefix}summary cold files/s=${fixed((last.codeFiles * 1000) / medianMs)} (median of ${runs.length}, target >= 1000) ` +
      `CPU=${fixed(median(runs.map((result) => result.cpuMs)))}ms peakRSS=${fixed(median(runs.map((result) => result.maxRssMB)))}MB edit p50=${fixed(edit.p50, 1)}ms p95=${fixed(edit.p95, 1)}ms (target <= 30)`,
  );
}
