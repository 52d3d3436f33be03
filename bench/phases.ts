// Per-phase timings of the engine on one spec, in one process, for performance work:
//   node --import tsx bench/phases.ts <spec-file> [--repeat N]
// It goes through the same steps as `api-guard lint` (read, parse, buildApi, every rule, findings,
// JSON output) but times each one, and each rule on its own. Structural validation is split into
// the plain value (JSON.parse for JSON, the tree walk for YAML), the validator's first call (which
// compiles it) and a second call (validation alone).
// With --repeat N the analysis is done N times on fresh parses and the last round is printed, so
// that warm (JIT-compiled) figures can be told from cold ones.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { defaultSettings } from '../server/src/core/config/settings';
import { configuredSeverity, toFinding } from '../server/src/core/engine/analyseApi';
import { compareFindings, type Finding } from '../server/src/core/engine/finding';
import { plainValueOf } from '../server/src/core/model/plainValue';
import { buildApi } from '../server/src/core/openapi/buildApi';
import { schemasOf } from '../server/src/core/openapi/schemas';
import { validateStructure } from '../server/src/core/openapi/validateStructure';
import { SPEC_RULES } from '../server/src/core/rules/registry';
import type { Report } from '../server/src/core/rules/types';
import { DocumentStore } from '../server/src/core/workspace/documentStore';
import { createNodeFileReader, decodeFileText } from '../server/src/node/nodeFileReader';
import { pathToUri } from '../server/src/node/uri';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { repeat: { type: 'string', default: '1' } } });
const specPath = resolve(positionals[0] ?? '');
const repeat = Math.max(1, Number(values.repeat));
const loaded = performance.now();

/** A label with wall and CPU milliseconds (NaN for a line of information). */
type Row = [string, number, number];

/** CPU time (user + system, all threads) in ms: on a shared, loaded machine it varies far less than wall time. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function timed<T>(rows: Row[], label: string, work: () => T): T {
  const started = performance.now();
  const cpu = cpuMs();
  const result = work();
  rows.push([label, performance.now() - started, cpuMs() - cpu]);
  return result;
}

function round(): Row[] {
  const rows: Row[] = [];
  const settings = defaultSettings();
  const folderUri = pathToUri(dirname(specPath));
  const uri = pathToUri(specPath);
  const text = timed(rows, 'read', () => decodeFileText(readFileSync(specPath)));
  const reader = createNodeFileReader();
  const store = new DocumentStore({ read: (target) => (target === uri ? text : reader.read(target)) });
  const doc = timed(rows, 'parse (+ line index)', () => store.get(uri)!);
  const api = timed(rows, 'buildApi (refs, operations)', () => buildApi(doc, store, { allowedFolders: [folderUri], allowedRemoteHosts: [] }));
  if (api === undefined) throw new Error(`${specPath} is not an OpenAPI root`);
  rows.push([`  documents ${api.documents.length}, operations ${api.operations.length}, ref sites ${api.refSites.length}`, Number.NaN, Number.NaN]);
  const value = timed(rows, 'validation: plain value', () => plainValueOf(doc));
  timed(rows, 'validation: first call (compile + validate)', () => validateStructure(api.version, value));
  timed(rows, 'validation: second call (validate only)', () => validateStructure(api.version, plainValueOf(doc)));
  timed(rows, 'schema walk (schemasOf)', () => schemasOf(api));
  const findings: Finding[] = [];
  let reportsTotal = 0;
  const findingTime = { ms: 0, cpu: 0 };
  for (const rule of SPEC_RULES) {
    if (!rule.meta.versions.includes(api.version) || configuredSeverity(rule.meta, settings) === 'off') continue;
    const reports: Report[] = [];
    timed(rows, `rule ${rule.meta.id}`, () => rule.check({ api, settings, report: (report) => reports.push(report) }));
    reportsTotal += reports.length;
    const started = performance.now();
    const cpu = cpuMs();
    for (const report of reports) {
      const finding = toFinding(rule.meta, report, settings, folderUri);
      if (finding !== undefined) findings.push(finding);
    }
    findingTime.ms += performance.now() - started;
    findingTime.cpu += cpuMs() - cpu;
  }
  rows.push([`toFinding (${reportsTotal} reports)`, findingTime.ms, findingTime.cpu]);
  timed(rows, 'sort findings', () => findings.sort(compareFindings));
  timed(rows, 'JSON output (stringify)', () => JSON.stringify({ findings }, null, 2).length);
  return rows;
}

let rows: Row[] = [];
for (let index = 0; index < repeat; index++) rows = round();
console.log(`bundle/module load until main: ${loaded.toFixed(0)} ms (tsx, not the bundle)`);
console.log('     wall ms     cpu ms  phase');
for (const [label, ms, cpu] of rows) console.log(Number.isNaN(ms) ? label : `${ms.toFixed(1).padStart(9)}  ${cpu.toFixed(1).padStart(9)}  ${label}`);
const memory = process.memoryUsage();
console.log(`heap used ${(memory.heapUsed / 1048576).toFixed(0)} MB, rss ${(memory.rss / 1048576).toFixed(0)} MB`);
