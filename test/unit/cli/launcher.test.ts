import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildSync } from 'esbuild';

const REPO = resolve(__dirname, '..', '..', '..');

/**
 * The launcher (dist/cli.js) and its code cache, on a stand-in for the CLI bundle: a run with
 * `analyse` calls a hundred functions that a run without it never compiles, and notes the analysis
 * as the real CLI does once it has analysed files.
 */
const STAND_IN = `
const analyse = process.argv[2] === 'analyse';
const parts = [];
${Array.from({ length: 100 }, (_, index) => `function part${index}(value) { let total = value; for (let step = 0; step < 3; step++) total = (total * 31 + ${index}) % 1000003; return total + String(value).length; }\nparts.push(part${index});`).join('\n')}
if (analyse) {
  let total = 0;
  for (const part of parts) total += part(total);
  globalThis[Symbol.for('api-guard.cli.analysed')] = true;
}
process.stdout.write(analyse ? 'analysed\\n' : 'brief\\n');
`;

/** Why the suite cannot run here: Node's own compile cache, or a temporary folder that TMPDIR does not set. */
function skipReason(): string | false {
  if (Number(process.versions.node.split('.')[0]) >= 22) return 'Node 22 and later use their own compile cache';
  if (process.platform === 'win32') return 'on Windows the temporary folder comes from TEMP, not TMPDIR';
  return false;
}

describe('CLI launcher: code cache', { skip: skipReason() }, () => {
  const root = mkdtempSync(join(tmpdir(), 'api-guard-launcher-'));
  const bundle = join(root, 'dist');
  const temporary = join(root, 'tmp');
  after(() => rmSync(root, { recursive: true, force: true }));
  buildSync({
    entryPoints: { cli: join(REPO, 'server', 'src', 'cli', 'launcher.ts') },
    outdir: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  writeFileSync(join(bundle, 'cli-main.js'), STAND_IN);
  const cacheFolder = join(temporary, 'api-guard-compile-cache');

  function run(...argv: string[]): string {
    return runWith(undefined, ...argv);
  }
  /** A run with `NODE_OPTIONS` set to `options` (undefined: not set). */
  function runWith(options: string | undefined, ...argv: string[]): string {
    return launched({ nodeOptions: options }, ...argv).stdout;
  }
  /** A successful run of the launcher, with Node's command line options, `NODE_OPTIONS` and more environment. */
  function launched(how: { execArgv?: string[]; nodeOptions?: string; env?: NodeJS.ProcessEnv }, ...argv: string[]): { stdout: string; stderr: string } {
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: temporary, NODE_DISABLE_COMPILE_CACHE: '', ...how.env };
    delete env.NODE_OPTIONS;
    if (how.nodeOptions !== undefined) env.NODE_OPTIONS = how.nodeOptions;
    const result = spawnSync(process.execPath, [...(how.execArgv ?? []), join(bundle, 'cli.js'), ...argv], { encoding: 'utf8', env });
    assert.equal(result.status, 0, result.stderr);
    return result;
  }
  function caches(): Map<string, { inode: number; size: number }> {
    return new Map(readdirSync(cacheFolder).map((name) => [name, { inode: statSync(join(cacheFolder, name)).ino, size: statSync(join(cacheFolder, name)).size }]));
  }
  function only(kind: 'brief' | 'whole'): { inode: number; size: number } {
    const files = [...caches()];
    assert.equal(files.length, 1, files.map(([name]) => name).join(', '));
    const [name, file] = files[0];
    assert.equal(name.endsWith('-brief.bin'), kind === 'brief', name);
    assert.match(name, /^[0-9a-f]{16}-[0-9a-f]{16}(-brief)?\.bin$/);
    return file;
  }

  it('keeps a run that analysed nothing apart, and replaces its cache with the first whole run', () => {
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(temporary);
    assert.equal(run('--version'), 'brief\n');
    const brief = only('brief');
    // A second brief run uses the brief cache and leaves it as it is.
    run('--help');
    assert.equal(only('brief').inode, brief.inode);
    // A run that analyses files writes a whole cache, with the code of the functions it compiled, and
    // the brief one goes.
    assert.equal(run('analyse'), 'analysed\n');
    const whole = only('whole');
    assert.ok(whole.size > brief.size, `whole ${whole.size} B, brief ${brief.size} B`);
    // Later runs of either kind use the whole cache (V8 accepted it) and never write it again.
    run('--version');
    run('analyse');
    assert.equal(only('whole').inode, whole.inode);
  });

  it('writes a whole cache at once when the first run analyses files, and a new one for a rebuilt bundle', () => {
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(temporary);
    run('analyse');
    const first = only('whole');
    run('--version');
    assert.equal(only('whole').inode, first.inode);
    // A rebuilt bundle (another size) gets its own cache, and the outdated one is removed.
    writeFileSync(join(bundle, 'cli-main.js'), STAND_IN + '\n// rebuilt\n');
    run('--version');
    only('brief');
    run('analyse');
    only('whole');
  });

  it('keeps a cache per set of V8 options, which V8 would reject under other options', () => {
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(temporary);
    run('analyse');
    const plain = only('whole');
    // With another heap limit V8 rejects the plain run's cache: this run writes one of its own …
    runWith('--max-old-space-size=4096', 'analyse');
    const names = () => [...caches().keys()].sort();
    const both = names();
    assert.equal(both.length, 2, both.join(', '));
    const withOption = [...caches()].find(([, file]) => file.inode !== plain.inode)![1];
    // … and from then on each kind of run uses its own, and neither is written again.
    run('analyse');
    runWith('--max-old-space-size=4096', 'analyse');
    run('analyse');
    assert.deepEqual(names(), both);
    assert.deepEqual(
      [...caches().values()].map((file) => file.inode).sort(),
      [plain.inode, withOption.inode].sort(),
    );
  });

  it('raises V8\'s optimisation budget before the bundle is compiled, unless the user set one', () => {
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(temporary);
    const debugRun = (...execArgv: string[]): string => {
      const result = launched({ execArgv, env: { API_GUARD_DEBUG: '1' } }, 'analyse');
      assert.equal(result.stdout, 'analysed\n');
      return result.stderr;
    };
    assert.equal(debugRun(), 'api-guard: V8 options for a short run: --interrupt-budget=270336\n');
    // The cache made under the raised budget is accepted by the next run, which sets it again.
    const whole = only('whole');
    debugRun();
    assert.equal(only('whole').inode, whole.inode);
    assert.equal(debugRun('--interrupt-budget=100000'), '');
  });

  it("removes other copies' caches written more than 30 days ago when it writes one", () => {
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(join(temporary, 'api-guard-compile-cache'), { recursive: true, mode: 0o700 });
    const old = join(cacheFolder, '0123456789abcdef-0123456789abcdef.bin');
    const recent = join(cacheFolder, 'fedcba9876543210-0123456789abcdef.bin');
    const notCache = join(cacheFolder, 'notes.txt');
    for (const path of [old, recent, notCache]) writeFileSync(path, 'x');
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    utimesSync(old, longAgo, longAgo);
    utimesSync(notCache, longAgo, longAgo);
    run('analyse');
    const names = [...caches().keys()];
    assert.ok(!names.includes('0123456789abcdef-0123456789abcdef.bin'), names.join(', '));
    assert.ok(names.includes('fedcba9876543210-0123456789abcdef.bin'), names.join(', '));
    assert.ok(names.includes('notes.txt'), names.join(', '));
    assert.equal(names.filter((name) => /^[0-9a-f]{16}-[0-9a-f]{16}\.bin$/.test(name)).length, 2, names.join(', '));
  });
});
