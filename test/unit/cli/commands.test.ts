import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, CLEAN_API, SHOP_API, workspace } from './cliHarness';

const REPO = resolve(__dirname, '..', '..', '..');

describe('help and version', () => {
  const ws = workspace({});
  after(() => ws.remove());

  it('prints help for every command', async () => {
    const main = await cli(ws.path, ['--help']);
    assert.equal(main.code, 0);
    for (const command of ['lint', 'baseline', 'inventory', 'checklist']) assert.match(main.stdout, new RegExp(`\\n  ${command} \\[paths\\.\\.\\.\\]`));
    const lint = await cli(ws.path, ['lint', '--help']);
    assert.equal(lint.code, 0);
    for (const option of ['--format', '--config', '--fail-on', '--min-severity', '--rule', '--baseline', '--lang', '--no-color', '--quiet', '--output']) {
      assert.ok(lint.stdout.includes(option), option);
    }
    assert.match(lint.stdout, /Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
    assert.match(lint.stdout, /config-invalid/);
    assert.match((await cli(ws.path, ['baseline', '-h'])).stdout, /Usage: api-guard baseline/);
    assert.match((await cli(ws.path, ['inventory', '--help'])).stdout, /--format <json\|markdown\|csv>/);
    assert.match((await cli(ws.path, ['checklist', '--help'])).stdout, /Usage: api-guard checklist/);
    assert.match((await cli(ws.path, ['help', 'lint'])).stdout, /Usage: api-guard lint/);
    assert.match((await cli(ws.path, ['lint', '--help', '--lang', 'de'])).stdout, /Aufruf: api-guard lint/);
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    assert.deepEqual(await cli(ws.path, ['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('paths', () => {
  const ws = workspace({
    'specs/shop.yaml': SHOP_API,
    'specs/clean.yaml': CLEAN_API,
    'legacy/old.yaml': SHOP_API,
    'generated/shop.yaml': SHOP_API,
    '.gitignore': 'generated/\n',
  });
  const outside = workspace({ 'elsewhere.yaml': SHOP_API });
  after(() => {
    ws.remove();
    outside.remove();
  });

  async function filesWithFindings(argv: string[], cwd = ws.path): Promise<string[]> {
    const { stdout } = await cli(cwd, ['lint', '--format', 'json', '--rule', 'auth-no-security-scheme', ...argv]);
    return [...new Set(JSON.parse(stdout).findings.map((finding: { file: string }) => finding.file) as string[])].sort();
  }

  it('lints the current folder by default, honouring .gitignore', async () => {
    assert.deepEqual(await filesWithFindings([]), ['legacy/old.yaml', 'specs/shop.yaml']);
  });

  it('lints a subfolder, single files, and ignored files named explicitly', async () => {
    assert.deepEqual(await filesWithFindings(['specs']), ['specs/shop.yaml']);
    assert.deepEqual(await filesWithFindings(['legacy/old.yaml', 'generated/shop.yaml']), ['generated/shop.yaml', 'legacy/old.yaml']);
    assert.deepEqual(await filesWithFindings(['.'], join(ws.path, 'specs')), ['shop.yaml']);
  });

  it('lints a path outside the current folder as its own root, with paths relative to the current folder', async () => {
    const files = await filesWithFindings([outside.path]);
    assert.equal(files.length, 1);
    assert.match(files[0], /^\.\.\/.*elsewhere\.yaml$/);
  });

  it('treats a subfolder with its own configuration file as its own workspace root', async () => {
    ws.write('projects/billing/api/billing.yaml', SHOP_API);
    ws.write('projects/billing/.api-guard.yaml', 'rules:\n  auth-no-security-scheme: warning\n');
    try {
      const { stdout } = await cli(ws.path, ['lint', '--format', 'json', '--rule', 'auth-no-security-scheme', 'projects/billing', 'specs/shop.yaml']);
      const findings = JSON.parse(stdout).findings as { file: string; severity: string }[];
      assert.deepEqual(
        findings.map((finding) => [finding.file, finding.severity]),
        [
          ['projects/billing/api/billing.yaml', 'warning'],
          ['specs/shop.yaml', 'error'],
        ],
      );
      const single = JSON.parse((await cli(ws.path, ['lint', '--format', 'json', '--rule', 'auth-no-security-scheme', 'projects/billing/api/billing.yaml'])).stdout);
      assert.equal(single.findings[0].severity, 'warning');
    } finally {
      ws.write('projects/billing/.api-guard.yaml', '');
    }
  });

  it('applies --config to every root', async () => {
    ws.write('team.yaml', 'rules:\n  auth-no-security-scheme: off\n');
    assert.deepEqual(await filesWithFindings(['--config', 'team.yaml', 'specs', outside.path]), []);
  });
});

describe('inventory', () => {
  const ws = workspace({ 'api/shop.yaml': SHOP_API, 'api/clean.yaml': CLEAN_API });
  after(() => ws.remove());

  it('prints the inventory as JSON, Markdown and CSV', async () => {
    const json = await cli(ws.path, ['inventory']);
    assert.equal(json.code, 0);
    const inventory = JSON.parse(json.stdout);
    assert.deepEqual(
      inventory.providedApis.map((api: { title: string }) => api.title),
      ['Clean', 'Shop'],
    );
    const shop = inventory.providedApis.find((api: { title: string }) => api.title === 'Shop');
    assert.deepEqual(
      shop.operations.map((operation: { method: string; path: string }) => `${operation.method} ${operation.path}`).sort(),
      ['get /orders', 'post /orders'],
    );
    const markdown = await cli(ws.path, ['inventory', '--format', 'markdown'], { now: new Date('2025-03-04T00:00:00Z') });
    assert.equal(markdown.code, 0);
    assert.match(markdown.stdout, /^# /);
    assert.match(markdown.stdout, /2025-03-04/);
    const csv = await cli(ws.path, ['inventory', '--format', 'csv']);
    const rows = csv.stdout.trim().split(/\r?\n/);
    assert.equal(rows.filter((row) => row.startsWith('operation,')).length, 2);
  });
});

describe('a named file that cannot be read', () => {
  it('is reported and skipped, the other files are still linted, and the run ends with exit code 2', async () => {
    const ws = workspace({ 'shop.yaml': SHOP_API });
    // A socket: it exists and is no folder, but cannot be opened as a file, even by root (whom
    // file modes do not stop, and CI runs as root).
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(ws.path, 'socket.yaml'), done));
    try {
      const run = await cli(ws.path, ['lint', 'socket.yaml', 'shop.yaml', '--format', 'json']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /Cannot read socket\.yaml \(a socket, not a regular file\); it is skipped/);
      assert.match(run.stderr, /The run is incomplete: 1 of the named files could not be read/);
      const report = JSON.parse(run.stdout) as { findings: { file: string }[] };
      assert.ok(report.findings.some((finding) => finding.file === 'shop.yaml'));
      // Without it the run is as usual.
      assert.equal((await cli(ws.path, ['lint', 'shop.yaml', '--format', 'json'])).code, 1);
    } finally {
      await new Promise((done) => server.close(done));
      ws.remove();
    }
  });
});

describe('a file found on the way that cannot be read', () => {
  it('is named in a warning, not passed over in silence', async () => {
    // A reference to a folder: it exists, and reading it fails (EISDIR), even for root.
    const ws = workspace({ 'shop.yaml': SHOP_API.replace('"200": { description: OK }', '"200": { $ref: "./responses" }'), 'responses/ok.yaml': 'description: OK\n' });
    try {
      const run = await cli(ws.path, ['lint', '--format', 'json']);
      assert.match(run.stderr, /Cannot read responses \(EISDIR\); it is skipped/);
      const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[] };
      assert.ok(report.findings.some((finding) => finding.ruleId === 'ref-unresolved'));
    } finally {
      ws.remove();
    }
  });
});

describe('a named pipe or a device', { skip: process.platform === 'win32' ? 'no named pipes or /dev/zero on Windows' : false }, () => {
  it('is skipped with a warning, as a target and behind a $ref, instead of being read for ever', () => {
    const ws = workspace({ 'shop.yaml': SHOP_API.replace('"200": { description: OK }', '"200": { $ref: "./ok.yaml" }') });
    try {
      execFileSync('mkfifo', [join(ws.path, 'ok.yaml'), join(ws.path, 'pipe.yaml')]);
      // In a process of its own with a time limit: a regression would otherwise hang the test run.
      const run = (argv: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'server', 'src', 'cli.ts'), ...argv], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, API_GUARD_DEBUG: '' } });
      const behindRef = run(['lint', join(ws.path, 'shop.yaml'), '--format', 'json']);
      assert.equal(behindRef.signal, null, 'it ended by itself');
      assert.match(behindRef.stderr, /Cannot read \S*ok\.yaml \(a named pipe, not a regular file\); it is skipped/);
      assert.ok((JSON.parse(behindRef.stdout) as { findings: { ruleId: string }[] }).findings.some((finding) => finding.ruleId === 'ref-unresolved'));
      const targets = run(['lint', join(ws.path, 'shop.yaml'), join(ws.path, 'pipe.yaml'), '/dev/zero', '--format', 'json']);
      assert.equal(targets.signal, null, 'it ended by itself');
      assert.match(targets.stderr, /Cannot read \S*pipe\.yaml \(a named pipe, not a regular file\); it is skipped/);
      assert.match(targets.stderr, /Cannot read \/dev\/zero \(a device, not a regular file\); it is skipped/);
      assert.equal(targets.status, 2, 'an incomplete run');
      const german = run(['lint', join(ws.path, 'pipe.yaml'), '--lang', 'de']);
      assert.equal(german.signal, null, 'it ended by itself');
      assert.match(german.stderr, /pipe\.yaml kann nicht gelesen werden \(eine Named Pipe, keine reguläre Datei\); die Datei wird übersprungen/);
    } finally {
      ws.remove();
    }
  });
});

describe('the command as a process', () => {
  const ws = workspace({ 'shop.yaml': SHOP_API });
  after(() => ws.remove());

  it('sets the exit code and prints no stack trace for a usage error', () => {
    const run = (argv: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'server', 'src', 'cli.ts'), ...argv], { cwd: REPO, encoding: 'utf8', env: { ...process.env, API_GUARD_DEBUG: '' } });
    const lint = run(['lint', ws.path, '--rule', 'auth-no-security-scheme']);
    assert.equal(lint.status, 1, lint.stderr);
    assert.match(lint.stdout, /shop\.yaml:1:1 {2}error {2}/);
    const usage = run(['lint', '--format', 'yaml']);
    assert.equal(usage.status, 2);
    assert.doesNotMatch(usage.stderr, /\n\s+at /);
  });

  it('ends with the usage exit code and one message when its output cannot be written (a full disk)', { skip: existsSync('/dev/full') ? false : 'no /dev/full here' }, () => {
    const full = openSync('/dev/full', 'w');
    try {
      const lint = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'server', 'src', 'cli.ts'), 'lint', ws.path, '--format', 'json'], {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, API_GUARD_DEBUG: '' },
        stdio: ['ignore', full, 'pipe'],
      });
      assert.equal(lint.status, 2, lint.stderr);
      assert.equal(lint.stderr.match(/the output could not be written: ENOSPC/g)?.length, 1, lint.stderr);
    } finally {
      closeSync(full);
    }
  });

  it('stops quietly, with the run\'s exit code, when the reader closes the pipe early (| head)', async () => {
    // 400 unprotected operations: a report far larger than a pipe's buffer, with errors (exit 1).
    const paths = Array.from({ length: 400 }, (_, i) => `  /orders${i}:\n    get:\n      responses:\n        '200':\n          description: ok\n`).join('');
    const big = workspace({ 'big.yaml': `openapi: 3.0.3\ninfo:\n  title: Big\n  version: '1'\nservers:\n  - url: https://api.example.com\npaths:\n${paths}` });
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'server', 'src', 'cli.ts'), 'lint', big.path, '--format', 'json'], {
        cwd: REPO,
        env: { ...process.env, API_GUARD_DEBUG: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      // Like `head -c`: read the first chunk, then close the reading end.
      const first = await new Promise<string>((done) => child.stdout.once('data', (chunk: Buffer) => done(chunk.toString('utf8'))));
      child.stdout.destroy();
      const status = await new Promise<number | null>((done) => child.once('close', (code) => done(code)));
      assert.match(first, /^\{/);
      assert.equal(stderr, '');
      assert.equal(status, 1);
    } finally {
      big.remove();
    }
  });
});
