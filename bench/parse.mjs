// Parse micro-benchmark for the YAML reader. Usage:
//   node --import tsx bench/parse.mjs [package|dispatch|both]
// `package` is the yaml-package path alone (parseYamlWithPackage, what parseYaml did before the fast
// reader), `dispatch` is parseYaml (fast reader first). Each spec (or folder) and mode is measured in
// its own child process so that the peak memory figure belongs to that input alone: one warm-up
// parse, then five timed parses; the median wall time and the median CPU time (user + system, less
// sensitive to a busy machine) are reported, with the process's peak RSS.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '../shared/corpus');
const targets = ['specs/stripe-spec3-2023.yaml', 'specs/openai.yaml', 'specs/twilio-api-v2010.yaml', 'multi/digitalocean'];

function yamlFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  const out = [];
  for (const name of readdirSync(path).sort()) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/i.test(name)) out.push(full);
  }
  return out;
}

async function child(target, mode) {
  const module = await import(join(root, 'server/src/core/model/parseYaml.ts'));
  // Before the fast path existed the module only had parseYaml, which was the package path.
  const parse = mode === 'package' ? (module.parseYamlWithPackage ?? module.parseYaml) : module.parseYaml;
  const texts = yamlFiles(join(corpus, target)).map((file) => readFileSync(file, 'utf8'));
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const runOnce = () => {
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    let errors = 0;
    for (const text of texts) errors += parse(text).errors.length;
    const cpu = process.cpuUsage(cpuStarted);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, errors };
  };
  const baselineRss = process.memoryUsage().rss;
  runOnce();
  const times = [];
  const cpuTimes = [];
  let errors = 0;
  for (let run = 0; run < 5; run++) {
    const result = runOnce();
    times.push(result.ms);
    cpuTimes.push(result.cpuMs);
    errors = result.errors;
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ target, mode, files: texts.length, bytes, median: times[2], min: times[0], max: times[4], cpu: cpuTimes[2], errors, baselineRss, peakRss }));
}

function main(which) {
  const modes = which === 'both' ? ['package', 'dispatch'] : [which];
  console.log(`${'target'.padEnd(30)} ${'mode'.padEnd(9)} ${'files'.padStart(5)} ${'MB'.padStart(5)} ${'median ms'.padStart(10)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'cpu ms'.padStart(7)} ${'peak RSS MB'.padStart(12)} errors`);
  for (const target of targets) {
    for (const mode of modes) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', target, mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (result.status !== 0) {
        console.log(`${target} ${mode}: failed\n${result.stderr}`);
        continue;
      }
      const r = JSON.parse(result.stdout);
      console.log(
        `${target.padEnd(30)} ${mode.padEnd(9)} ${String(r.files).padStart(5)} ${(r.bytes / 1048576).toFixed(1).padStart(5)} ${r.median.toFixed(0).padStart(10)} ${r.min.toFixed(0).padStart(7)} ${r.max.toFixed(0).padStart(7)} ${r.cpu.toFixed(0).padStart(7)} ${(r.peakRss / 1048576).toFixed(0).padStart(12)} ${r.errors}`,
      );
    }
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else main(process.argv[2] ?? 'both');
