import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FixReport } from '../../../server/src/cli/fixCommand';
import { unifiedDiff } from '../../../server/src/cli/unifiedDiff';
import { cli, workspace } from './cliHarness';

/** An API with one bearer scheme that no operation requires, a plain-http server and an operation without responses documented for errors. */
const FIXABLE_API = [
  'openapi: 3.1.0',
  'info: { title: Shop, version: "1" }',
  '# The production server.',
  'servers:',
  '  - url: http://api.example.com',
  'components:',
  '  securitySchemes:',
  '    bearer: { type: http, scheme: bearer }',
  'paths:',
  '  /orders:',
  '    post:',
  '      responses:',
  '        "200": { description: OK }',
  '',
].join('\n');

function parseReport(stdout: string): FixReport {
  return JSON.parse(stdout) as FixReport;
}

describe('api-guard fix', () => {
  it('applies the safe fixes, reports them per file, and a second run changes nothing', async () => {
    const folder = workspace({ 'openapi.yaml': FIXABLE_API });
    try {
      const before = await cli(folder.path, ['lint', '--format', 'json']);
      const findingsBefore = (JSON.parse(before.stdout) as { findings: unknown[] }).findings.length;
      const first = await cli(folder.path, ['fix']);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^openapi\.yaml: \d+ fix\(es\) \(.*tls-http-server.*\)$/m);
      assert.match(first.stdout, /auth-operation-unprotected/);
      assert.match(first.stdout, /^Fixed \d+ problem\(s\) in 1 file\(s\); \d+ problem\(s\) remain\.$/m);
      const fixed = readFileSync(join(folder.path, 'openapi.yaml'), 'utf8');
      assert.match(fixed, /url: https:\/\/api\.example\.com/);
      assert.match(fixed, /security:\n\s+- bearer: \[\]/);
      assert.ok(fixed.includes('# The production server.\n'), 'comments stay');
      const after = await cli(folder.path, ['lint', '--format', 'json']);
      const findingsAfter = (JSON.parse(after.stdout) as { findings: unknown[] }).findings.length;
      assert.ok(findingsAfter < findingsBefore, `fewer findings after the fix (${findingsBefore} → ${findingsAfter})`);
      const remaining = Number(/(\d+) problem\(s\) remain/.exec(first.stdout)![1]);
      assert.equal(remaining, findingsAfter, 'the remaining count is what lint reports afterwards');

      const second = await cli(folder.path, ['fix', '--format', 'json']);
      assert.equal(second.code, 0, second.stderr);
      const report = parseReport(second.stdout);
      assert.deepEqual(report.files, []);
      assert.equal(report.summary.fixesApplied, 0);
      assert.equal(readFileSync(join(folder.path, 'openapi.yaml'), 'utf8'), fixed, 'the second run writes nothing');
    } finally {
      folder.remove();
    }
  });

  it('prints with --dry-run the diff of exactly what a real run writes, and writes nothing', async () => {
    const folder = workspace({ 'openapi.yaml': FIXABLE_API });
    try {
      const dry = await cli(folder.path, ['fix', '--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.ok(dry.stdout.startsWith('--- a/openapi.yaml\n+++ b/openapi.yaml\n@@ '), dry.stdout);
      assert.match(dry.stdout, /^-  - url: http:\/\/api\.example\.com$/m);
      assert.match(dry.stdout, /^\+  - url: https:\/\/api\.example\.com$/m);
      assert.match(dry.stderr, /^openapi\.yaml: would apply \d+ fix\(es\)/m);
      assert.match(dry.stderr, /Nothing was written \(--dry-run\)/);
      assert.equal(readFileSync(join(folder.path, 'openapi.yaml'), 'utf8'), FIXABLE_API, 'a dry run writes nothing');

      const json = parseReport((await cli(folder.path, ['fix', '--dry-run', '--format', 'json'])).stdout);
      assert.equal(json.dryRun, true);
      assert.equal(json.files[0].diff, dry.stdout);

      assert.equal((await cli(folder.path, ['fix'])).code, 0);
      const written = readFileSync(join(folder.path, 'openapi.yaml'), 'utf8');
      assert.equal(unifiedDiff(FIXABLE_API, written, { fromFile: 'a/openapi.yaml', toFile: 'b/openapi.yaml' }), dry.stdout, 'the dry run showed what the real run wrote');
    } finally {
      folder.remove();
    }
  });

  it('fixes only the rules given with --rule', async () => {
    const folder = workspace({ 'openapi.yaml': FIXABLE_API });
    try {
      const result = await cli(folder.path, ['fix', '--rule', 'tls-http-server', '--format', 'json']);
      assert.equal(result.code, 0, result.stderr);
      const report = parseReport(result.stdout);
      assert.deepEqual(report.files, [{ file: 'openapi.yaml', fixes: 1, rules: ['tls-http-server'] }]);
      assert.equal(readFileSync(join(folder.path, 'openapi.yaml'), 'utf8'), FIXABLE_API.replace('http://', 'https://'));
      const unknown = await cli(folder.path, ['fix', '--rule', 'tls-http-servr']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /did you mean "tls-http-server"/);
    } finally {
      folder.remove();
    }
  });

  it('never touches a file with syntax errors, and reports it', async () => {
    const broken = FIXABLE_API.replace('"200": { description: OK }', '"200": { description: OK');
    const folder = workspace({ 'broken.yaml': broken, 'openapi.yaml': FIXABLE_API });
    try {
      const result = await cli(folder.path, ['fix']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^broken\.yaml: not changed, it has syntax errors/m);
      assert.match(result.stdout, /^openapi\.yaml: \d+ fix\(es\)/m);
      assert.equal(readFileSync(join(folder.path, 'broken.yaml'), 'utf8'), broken);
      assert.notEqual(readFileSync(join(folder.path, 'openapi.yaml'), 'utf8'), FIXABLE_API, 'the sound file is still fixed');
      const report = parseReport((await cli(folder.path, ['fix', '--format', 'json'])).stdout);
      assert.deepEqual(report.skipped, [{ file: 'broken.yaml', reason: 'syntax-errors' }]);
    } finally {
      folder.remove();
    }
  });

  it('keeps CRLF line endings and the byte order mark', async () => {
    const crlf = '\ufeff' + FIXABLE_API.replace(/\n/g, '\r\n');
    const folder = workspace({ 'openapi.yaml': crlf });
    try {
      const result = await cli(folder.path, ['fix']);
      assert.equal(result.code, 0, result.stderr);
      const bytes = readFileSync(join(folder.path, 'openapi.yaml'));
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM stays');
      const text = bytes.toString('utf8');
      assert.notEqual(text, crlf, 'the file was fixed');
      assert.match(text, /https:\/\/api\.example\.com/);
      assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF was written');
      assert.equal(text.split('\r\n').length - 1, text.split('\n').length - 1);
    } finally {
      folder.remove();
    }
  });

  it('fixes a finding in a fragment through the file that holds the node', async () => {
    const root = [
      'openapi: 3.0.3',
      'info: { title: Stock, version: "1" }',
      'servers:',
      '  - url: https://stock.example.com',
      'security:',
      '  - bearer: []',
      'components:',
      '  securitySchemes:',
      '    bearer: { type: http, scheme: bearer }',
      'paths:',
      '  /items:',
      '    $ref: "./paths/items.yaml"',
      '',
    ].join('\n');
    const fragment = ['get:', '  security:', '    - bearr: []', '  responses:', '    "200":', '      description: OK', ''].join('\n');
    const folder = workspace({ 'openapi.yaml': root, 'paths/items.yaml': fragment });
    try {
      const result = await cli(folder.path, ['fix', '--rule', 'auth-undefined-scheme', '--format', 'json']);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(parseReport(result.stdout).files, [{ file: 'paths/items.yaml', fixes: 1, rules: ['auth-undefined-scheme'] }]);
      assert.equal(readFileSync(join(folder.path, 'paths/items.yaml'), 'utf8'), fragment.replace('bearr', 'bearer'));
      assert.equal(readFileSync(join(folder.path, 'openapi.yaml'), 'utf8'), root);
    } finally {
      folder.remove();
    }
  });

  it('exits with 1 when findings at --fail-on remain, 0 by default, 2 on usage errors', async () => {
    const folder = workspace({ 'openapi.yaml': FIXABLE_API });
    try {
      assert.equal((await cli(folder.path, ['fix', '--dry-run', '--fail-on', 'info'])).code, 1, 'informational findings remain after the fixes');
      assert.equal((await cli(folder.path, ['fix', '--dry-run'])).code, 0);
      assert.equal((await cli(folder.path, ['fix', '--format', 'sarif'])).code, 2);
      assert.equal((await cli(folder.path, ['fix', 'missing.yaml'])).code, 2);
    } finally {
      folder.remove();
    }
  });

  it('leaves the source code out with --no-code, as lint does', async () => {
    const folder = workspace({ 'openapi.yaml': FIXABLE_API, 'src/client.ts': 'export const load = () => fetch("http://partner.example.org/v1/orders");\n' });
    try {
      const withCode = await cli(folder.path, ['fix', '--dry-run', '--format', 'json']);
      const withoutCode = await cli(folder.path, ['fix', '--dry-run', '--format', 'json', '--no-code']);
      assert.equal(withCode.code, 0, withCode.stderr);
      assert.equal(withoutCode.code, 0, withoutCode.stderr);
      const lintCode = await cli(folder.path, ['lint', '--format', 'json']);
      const codeFindings = (JSON.parse(lintCode.stdout) as { findings: { ruleId: string }[] }).findings.filter((finding) => finding.ruleId.startsWith('code-')).length;
      assert.ok(codeFindings > 0, 'the code file has findings of its own');
      const [full, specOnly] = [parseReport(withCode.stdout), parseReport(withoutCode.stdout)];
      assert.equal(full.summary.remaining - specOnly.summary.remaining, codeFindings, 'only the code findings are left out');
      assert.equal(full.summary.fixesApplied, specOnly.summary.fixesApplied, 'the spec fixes are the same');
    } finally {
      folder.remove();
    }
  });

  it('has a help text with its options and exit codes, in English and German', async () => {
    const english = await cli(process.cwd(), ['fix', '--help']);
    assert.equal(english.code, 0);
    for (const option of ['--dry-run', '--rule', '--no-code', '--format', '--fail-on', 'Exit codes']) assert.ok(english.stdout.includes(option), option);
    const german = await cli(process.cwd(), ['fix', '--help', '--lang', 'de']);
    assert.match(german.stdout, /Aufruf: api-guard fix/);
    assert.match((await cli(process.cwd(), ['--help'])).stdout, /^ {2}fix \[paths\.\.\.\]/m);
  });
});
