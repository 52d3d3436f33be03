// `npm run bench`: API Guard against its peers on the large specs of the shared corpus.
// Installs the peers (pinned) into bench/.cache outside the project's dependencies, runs each
// tool several times in alternation on each spec, and prints median wall time, peak RSS and
// finding counts, plus one ratio line per spec. Only ratios measured side by side in one run
// count: the machine is shared and noisy.
//
// Options: --runs N (default 3; Spectral runs once unless --spectral-runs), --spectral-runs N,
// --no-spectral, --no-redocly, --timeout S (per run, default 900), --spec NAME (repeatable).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './usage.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
const cache = join(root, 'bench', '.cache');
const peersDir = join(cache, 'peers');

const PEERS = { '@stoplight/spectral-cli': '6.16.3', '@stoplight/spectral-owasp-ruleset': '2.0.1', '@redocly/cli': '2.77.0' };
const DEFAULT_SPECS = [
  'specs/stripe-spec3-2023.yaml',
  'specs/stripe-spec3-2022.json',
  'specs/openai.yaml',
  'specs/pagerduty-rest.json',
  'multi/digitalocean',
  'specs/kubernetes.json',
  'specs/github-api.json',
];

const values = benchArgs(import.meta.url, {
    runs: { type: 'string', default: '3' },
    'spectral-runs': { type: 'string', default: '1' },
    'no-spectral': { type: 'boolean', default: false },
    'no-redocly': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '900' },
    spec: { type: 'string', multiple: true },
  });

function installPeers() {
  const marker = join(peersDir, 'installed.json');
  const wanted = JSON.stringify(PEERS);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  mkdirSync(peersDir, { recursive: true });
  console.log(`Installing peers into ${peersDir} …`);
  execFileSync('npm', ['install', '--prefix', peersDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', ...Object.entries(PEERS).map(([name, version]) => `${name}@${version}`)], { stdio: 'inherit' });
  writeFileSync(join(peersDir, '.spectral.yaml'), 'extends:\n  - [spectral:oas, recommended]\n  - "@stoplight/spectral-owasp-ruleset"\n');
  writeFileSync(marker, wanted);
}

/** Root file of a corpus entry: the spec itself, or the folder's openapi root. */
function entryTarget(name) {
  const path = join(corpus, name);
  if (name.startsWith('specs/')) return { path, rootFile: path };
  for (const candidate of ['openapi.yaml', 'openapi.yml', 'openapi.json', 'spec/openapi.yaml', 'specification/DigitalOcean-public.v2.yaml', 'DigitalOcean-public.v2.yaml', 'swagger.yaml', 'petstore.yaml']) {
    if (existsSync(join(path, candidate))) return { path, rootFile: join(path, candidate) };
  }
  const found = execFileSync('grep', ['-rlE', '--include=*.yaml', '--include=*.yml', '--include=*.json', '^(openapi|swagger):', path], { encoding: 'utf8' }).trim().split('\n')[0];
  return { path, rootFile: found };
}

const tools = {
  'api-guard': (target) => ['node', [join(root, 'dist', 'cli.js'), 'lint', target.rootFile, '--format', 'json', '--fail-on', 'never', '--no-code']],
  redocly: (target) => ['node', [join(peersDir, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', target.rootFile, '--extends', 'recommended', '--format', 'json', '--max-problems', '1000000']],
  spectral: (target) => ['node', [join(peersDir, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js'), 'lint', target.rootFile, '--ruleset', join(peersDir, '.spectral.yaml'), '--format', 'json', '--quiet']],
};

function countFindings(tool, stdout) {
  try {
    const start = stdout.indexOf(tool === 'redocly' ? '{' : tool === 'spectral' ? '[' : '{');
    const json = JSON.parse(stdout.slice(start));
    if (tool === 'api-guard') return json.findings.length;
    if (tool === 'redocly') return json.problems?.length ?? json.totals?.errors + json.totals?.warnings;
    return json.length;
  } catch {
    return undefined;
  }
}

function runOnce(tool, target, timeoutSeconds) {
  const [command, args] = tools[tool](target);
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '__TIME__ %e %M', command, ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const match = /__TIME__ ([\d.]+) (\d+)/.exec(stderr);
      const rssMb = match ? Number(match[2]) / 1024 : undefined;
      const timedOut = signal === 'SIGKILL' || wall >= timeoutSeconds;
      const findings = countFindings(tool, stdout);
      const crashed = !timedOut && findings === undefined;
      resolvePromise({ wall, rssMb, findings, timedOut, crashed, code, error: crashed ? stderr.split('\n').filter((line) => !line.startsWith('__TIME__')).slice(-3).join(' ').slice(0, 160) : undefined });
    });
  });
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

async function main() {
  if (!existsSync(join(root, 'dist', 'cli.js'))) execFileSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  const useSpectral = !values['no-spectral'];
  const useRedocly = !values['no-redocly'];
  if (useSpectral || useRedocly) installPeers();
  const runs = Number(values.runs);
  const spectralRuns = Number(values['spectral-runs']);
  const timeout = Number(values.timeout);
  const specs = values.spec ?? DEFAULT_SPECS;
  const activeTools = ['api-guard', ...(useRedocly ? ['redocly'] : []), ...(useSpectral ? ['spectral'] : [])];
  const rows = [];
  const ratios = [];
  // One untimed run of each fast tool first: it fills the file cache for every tool alike and lets
  // API Guard's launcher store its compile cache, as any earlier run on the machine would have.
  const warmUp = entryTarget(specs[0]);
  for (const tool of activeTools.filter((name) => name !== 'spectral')) await runOnce(tool, warmUp, timeout);
  for (const spec of specs) {
    const target = entryTarget(spec);
    const results = Object.fromEntries(activeTools.map((tool) => [tool, []]));
    for (let round = 0; round < runs; round++) {
      for (const tool of activeTools) {
        if (tool === 'spectral' && round >= spectralRuns) continue;
        const result = await runOnce(tool, target, timeout);
        results[tool].push(result);
        process.stderr.write(`${spec} ${tool} run ${round + 1}: ${result.timedOut ? 'timeout' : result.crashed ? 'crashed' : `${result.wall.toFixed(2)} s`}\n`);
      }
    }
    const summary = {};
    for (const tool of activeTools) {
      const ok = results[tool].filter((result) => !result.timedOut && !result.crashed);
      summary[tool] = ok.length === 0
        ? { status: results[tool][0]?.timedOut ? `timeout > ${timeout} s` : `crashed: ${results[tool][0]?.error ?? ''}` }
        : { wall: median(ok.map((r) => r.wall)), rss: median(ok.map((r) => r.rssMb)), findings: ok[0].findings, runs: ok.length };
      rows.push({ spec, tool, ...summary[tool] });
    }
    const own = summary['api-guard'].wall;
    const ratio = (tool) => (summary[tool]?.wall && own ? (summary[tool].wall / own).toFixed(1) : summary[tool] ? summary[tool].status.split(':')[0].replace(/ /g, '_') : 'n/a');
    ratios.push(`ratio ${spec} redocly/api-guard=${useRedocly ? ratio('redocly') : 'n/a'} spectral/api-guard=${useSpectral ? ratio('spectral') : 'n/a'}`);
  }
  console.log('\n| spec | tool | median wall (s) | peak RSS (MB) | findings | runs |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) {
    if (row.status) console.log(`| ${row.spec} | ${row.tool} | ${row.status} | | | |`);
    else console.log(`| ${row.spec} | ${row.tool} | ${row.wall.toFixed(2)} | ${row.rss.toFixed(0)} | ${row.findings ?? '?'} | ${row.runs} |`);
  }
  console.log('');
  for (const line of ratios) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
