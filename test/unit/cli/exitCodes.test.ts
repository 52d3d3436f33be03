import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/runCli';
import { cli, SHOP_API, workspace } from './cliHarness';

const RULE = ['--rule', 'auth-no-security-scheme'];

describe('lint exit codes', () => {
  const ws = workspace({ 'shop.yaml': SHOP_API });
  after(() => ws.remove());

  /** Runs lint with the one finding of auth-no-security-scheme configured to a severity. */
  async function exitWith(severity: string, failOn?: string): Promise<number> {
    ws.write('.api-guard.yaml', `rules:\n  auth-no-security-scheme: ${severity}\n`);
    return (await cli(ws.path, ['lint', ...RULE, ...(failOn === undefined ? [] : ['--fail-on', failOn])])).code;
  }

  it('fails on errors by default, and not on warnings', async () => {
    assert.equal(await exitWith('error'), 1);
    assert.equal(await exitWith('warning'), 0);
  });

  it('follows --fail-on', async () => {
    assert.equal(await exitWith('warning', 'warning'), 1);
    assert.equal(await exitWith('info', 'warning'), 0);
    assert.equal(await exitWith('info', 'info'), 1);
    assert.equal(await exitWith('hint', 'info'), 0);
    assert.equal(await exitWith('error', 'never'), 0);
  });

  it('counts findings that --min-severity hides', async () => {
    ws.write('.api-guard.yaml', 'rules:\n  auth-no-security-scheme: info\n');
    const { code, stdout } = await cli(ws.path, ['lint', ...RULE, '--fail-on', 'info', '--min-severity', 'error']);
    assert.equal(code, 1);
    assert.match(stdout, /1 finding\(s\) below error not shown/);
  });

  it('is 0 when a rule is switched off', async () => {
    assert.equal(await exitWith('off'), 0);
  });

  it('reports problems of the configuration file as config-invalid findings and applies the rest', async () => {
    ws.write('.api-guard.yaml', 'rules:\n  auth-no-security-scheme: warning\n  auth-no-security-schme: off\nmaxFileSizeMB: lots\n');
    const { code, stdout } = await cli(ws.path, ['lint', '--format', 'json', '--rule', 'auth-no-security-scheme', '--rule', 'config-invalid']);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout).findings as { ruleId: string; severity: string; file: string; range: { start: { line: number } }; message: string }[];
    const configFindings = findings.filter((finding) => finding.ruleId === 'config-invalid');
    assert.deepEqual(
      configFindings.map((finding) => [finding.file, finding.range.start.line]),
      [
        ['.api-guard.yaml', 2],
        ['.api-guard.yaml', 3],
      ],
    );
    assert.match(configFindings[0].message, /Did you mean "auth-no-security-scheme"/);
    assert.deepEqual(
      findings.filter((finding) => finding.ruleId === 'auth-no-security-scheme').map((finding) => finding.severity),
      ['warning'],
    );
    const lenient = await cli(ws.path, ['lint', '--rule', 'auth-no-security-scheme', '--rule', 'config-invalid', '--fail-on', 'never']);
    assert.equal(lenient.code, 0);
    ws.write('.api-guard.yaml', '');
  });

  it('exits with 2 and a clear message on usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [['lint', '--format', 'xml'], /"xml" is not a valid value for --format; use one of: text, json, sarif, markdown/],
      [['lint', '--fail-on'], /Option --fail-on needs a value/],
      [['lint', '--frobnicate'], /Unknown option --frobnicate/],
      [['lint', '--rule', 'auth-no-security-schme'], /Unknown rule "auth-no-security-schme" \(did you mean "auth-no-security-scheme"\?\)/],
      [['lint', 'does-not-exist'], /Path not found: does-not-exist/],
      [['lint', '--config', 'missing.yaml'], /Cannot read the configuration file .*missing\.yaml \(ENOENT\)/],
      [['lint', '--baseline', 'missing.json'], /Cannot read the baseline file .*missing\.json \(ENOENT\)/],
      [['lnt'], /Unknown command "lnt" \(did you mean "lint"\?\)/],
      [['--nope'], /Unknown option --nope/],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await cli(ws.path, argv);
      assert.equal(code, 2, argv.join(' '));
      assert.equal(stdout, '', argv.join(' '));
      assert.match(stderr, message, argv.join(' '));
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('prints the main help to standard error and exits with 2 without a command', async () => {
    const { code, stderr } = await cli(ws.path, []);
    assert.equal(code, 2);
    assert.match(stderr, /Usage: api-guard <command>/);
  });

  it('turns an internal error into a message, with the stack only when API_GUARD_DEBUG=1', async () => {
    const failingIo = (env: Record<string, string>) => {
      let stderr = '';
      return {
        io: {
          cwd: ws.path,
          env,
          stdout: {
            write: () => {
              throw new Error('disk full');
            },
          },
          stderr: { write: (text: string) => (stderr += text) },
        },
        stderr: () => stderr,
      };
    };
    const quiet = failingIo({});
    assert.equal(await runCli(['lint', ...RULE], quiet.io), 2);
    assert.match(quiet.stderr(), /^api-guard: Internal error: disk full\. Set API_GUARD_DEBUG=1/);
    assert.doesNotMatch(quiet.stderr(), /\n\s+at /);
    const debug = failingIo({ API_GUARD_DEBUG: '1' });
    assert.equal(await runCli(['lint', ...RULE], debug.io), 2);
    assert.match(debug.stderr(), /Error: disk full\n\s+at /);
  });
});

describe('lint on files that cannot be analysed', () => {
  const ws = workspace({
    'good.yaml': SHOP_API,
    'broken.yaml': 'openapi: 3.0.0\ninfo: [unclosed\n',
    'binary.json': '\u0000\u0001\u0002garbage{{{',
    'empty.yaml': '',
  });
  after(() => ws.remove());

  it('never crashes on broken, binary, dangling or folder-shaped files', async () => {
    symlinkSync(join(ws.path, 'nowhere.yaml'), join(ws.path, 'dangling.yaml'));
    mkdirSync(join(ws.path, 'folder.yaml'));
    writeFileSync(join(ws.path, 'folder.yaml', 'inner.txt'), 'x');
    const { code, stdout, stderr } = await cli(ws.path, ['lint', '--format', 'json']);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    const files = new Set(JSON.parse(stdout).findings.map((finding: { file: string }) => finding.file));
    assert.ok(files.has('good.yaml'));
    assert.ok(files.has('broken.yaml'));
  });
});
