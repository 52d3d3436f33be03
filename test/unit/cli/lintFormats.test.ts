import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { allRuleMeta } from '../../../server/src/core/rules/registry';
import { pathToUri } from '../../../server/src/node/uri';
import { cli, SHOP_API, workspace } from './cliHarness';
import { SARIF_STRUCTURE } from './sarifStructure';

const ONLY = ['--rule', 'auth-no-security-scheme', '--rule', 'spec-parse-error'];

describe('lint output formats', () => {
  const ws = workspace({
    'api/shop.yaml': SHOP_API,
    'api/broken.yaml': 'openapi: 3.1.0\npaths: {\n',
    'other.json': JSON.stringify({ swagger: '2.0', info: { title: 'Legacy', version: '1' }, paths: { '/a': { get: { responses: { 200: { description: 'OK' } } } } } }, null, 2),
    'api/ignored.yaml': '# api-guard-ignore-file auth-no-security-scheme -- internal mock server\n' + SHOP_API,
  });
  after(() => ws.remove());

  it('prints the JSON shape exactly, with 0-based positions and paths relative to the current folder', async () => {
    const { code, stdout } = await cli(ws.path, ['lint', '--format', 'json', ...ONLY]);
    assert.equal(code, 1);
    const output = JSON.parse(stdout);
    assert.deepEqual(Object.keys(output), ['findings', 'summary']);
    for (const finding of output.findings) {
      assert.deepEqual(Object.keys(finding), ['ruleId', 'severity', 'message', 'file', 'range', 'pointer']);
      assert.deepEqual(Object.keys(finding.range), ['start', 'end']);
      assert.deepEqual(Object.keys(finding.range.start), ['line', 'character']);
    }
    assert.deepEqual(
      output.findings.map((finding: { ruleId: string; file: string; range: { start: { line: number } }; pointer: string | null }) => [
        finding.ruleId,
        finding.file,
        finding.range.start.line,
        finding.pointer,
      ]),
      [
        ['spec-parse-error', 'api/broken.yaml', 2, null],
        ['auth-no-security-scheme', 'api/shop.yaml', 0, '/openapi'],
        ['auth-no-security-scheme', 'other.json', 1, '/swagger'],
      ],
    );
    const shop = output.findings[1];
    assert.deepEqual(shop.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
    assert.equal(shop.severity, 'error');
    assert.match(shop.message, /2 operation/);
    assert.deepEqual(output.summary.bySeverity, { error: 3, warning: 0, info: 0, hint: 0 });
    assert.equal(output.summary.total, 3);
    assert.equal(output.summary.suppressed, 1);
    assert.equal(output.summary.failed, true);
    assert.deepEqual(output.summary.byRule, { 'auth-no-security-scheme': 2, 'spec-parse-error': 1 });
  });

  it('prints valid SARIF 2.1.0 with rules, regions, fingerprints and in-source suppressions', async () => {
    const { code, stdout } = await cli(ws.path, ['lint', '--format', 'sarif', ...ONLY]);
    assert.equal(code, 1);
    const sarif: { runs: any[] } = JSON.parse(stdout);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(SARIF_STRUCTURE);
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'API Guard');
    assert.deepEqual(
      run.tool.driver.rules.map((rule: { id: string }) => rule.id),
      allRuleMeta().map((meta) => meta.id),
    );
    const rule = run.tool.driver.rules.find((candidate: { id: string }) => candidate.id === 'auth-no-security-scheme');
    assert.equal(rule.helpUri, 'https://github.com/api-guard/api-guard/blob/main/docs/rules/auth-no-security-scheme.md');
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.ok(rule.properties.tags.includes('OWASP-API2:2023'));
    assert.ok(rule.properties.tags.includes('security'));
    assert.equal(rule.shortDescription.text, allRuleMeta().find((meta) => meta.id === 'auth-no-security-scheme')!.title);
    assert.equal(run.originalUriBaseIds.SRCROOT.uri, pathToUri(ws.path) + '/');
    const shop = run.results.find((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      result.locations[0].physicalLocation.artifactLocation.uri === 'api/shop.yaml',
    );
    assert.equal(shop.ruleId, 'auth-no-security-scheme');
    assert.equal(run.tool.driver.rules[shop.ruleIndex].id, 'auth-no-security-scheme');
    assert.equal(shop.level, 'error');
    assert.deepEqual(shop.locations[0].physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 8 });
    assert.equal(shop.locations[0].physicalLocation.artifactLocation.uriBaseId, 'SRCROOT');
    assert.match(shop.partialFingerprints['apiGuard/v1'], /^[0-9a-f]{14}$/);
    const suppressed = run.results.filter((result: { suppressions?: unknown[] }) => result.suppressions !== undefined);
    assert.equal(suppressed.length, 1);
    assert.deepEqual(suppressed[0].suppressions, [{ kind: 'inSource', justification: 'internal mock server' }]);
    assert.equal(suppressed[0].locations[0].physicalLocation.artifactLocation.uri, 'api/ignored.yaml');
  });

  it('prints Markdown with a summary table and findings grouped by file', async () => {
    const { code, stdout } = await cli(ws.path, ['lint', '--format', 'markdown', ...ONLY]);
    assert.equal(code, 1);
    assert.match(stdout, /^# API Guard report\n/);
    assert.match(stdout, /\| error \| 3 \|\n\| warning \| 0 \|/);
    const sections = stdout.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(sections, ['## `api/broken.yaml`', '## `api/shop.yaml`', '## `other.json`']);
    assert.match(stdout, /\| 1:1 \| error \| \[auth-no-security-scheme\]\(https:\/\/github\.com\/api-guard\/api-guard\/blob\/main\/docs\/rules\/auth-no-security-scheme\.md\) \| The API has 2 operation/);
  });

  it('prints one text line per finding and a summary, without colours when not a terminal', async () => {
    const { code, stdout } = await cli(ws.path, ['lint', ...ONLY]);
    assert.equal(code, 1);
    const lines = stdout.split('\n');
    assert.match(lines[0], /^api\/broken\.yaml:3:1 {2}error {2}YAML syntax error: .* {2}spec-parse-error$/);
    assert.equal(lines[1], 'api/shop.yaml:1:1  error  The API has 2 operation(s) but defines no security scheme  auth-no-security-scheme');
    assert.match(stdout, /3 problem\(s\) in 3 file\(s\): 3 error\.\n1 suppressed in the source\.\n$/);
    assert.doesNotMatch(stdout, /\u001b\[/);
  });

  it('colours text on a terminal unless --no-color or NO_COLOR says otherwise', async () => {
    assert.match((await cli(ws.path, ['lint', ...ONLY], { tty: true })).stdout, /\u001b\[31merror/);
    assert.doesNotMatch((await cli(ws.path, ['lint', '--no-color', ...ONLY], { tty: true })).stdout, /\u001b\[/);
    assert.doesNotMatch((await cli(ws.path, ['lint', ...ONLY], { tty: true, env: { NO_COLOR: '1' } })).stdout, /\u001b\[/);
  });

  it('hides findings below warning in text by default and says how many', async () => {
    ws.write('.api-guard.yaml', 'rules:\n  auth-no-security-scheme: info\n');
    try {
      const text = await cli(ws.path, ['lint', '--rule', 'auth-no-security-scheme']);
      assert.equal(text.code, 0);
      assert.match(text.stdout, /No problems found in \d+ file\(s\)\.\n2 finding\(s\) below warning not shown \(--min-severity hint shows them\)\./);
      const json = JSON.parse((await cli(ws.path, ['lint', '--format', 'json', '--rule', 'auth-no-security-scheme'])).stdout);
      assert.equal(json.findings.length, 2);
      assert.ok(json.findings.every((finding: { severity: string }) => finding.severity === 'info'));
      const limited = JSON.parse((await cli(ws.path, ['lint', '--format', 'json', '--min-severity', 'warning', '--rule', 'auth-no-security-scheme'])).stdout);
      assert.equal(limited.findings.length, 0);
      assert.equal(limited.summary.hidden, 2);
      const all = await cli(ws.path, ['lint', '--min-severity', 'hint', '--rule', 'auth-no-security-scheme']);
      assert.match(all.stdout, /api\/shop\.yaml:1:1 {2}info {2}/);
    } finally {
      ws.write('.api-guard.yaml', '');
    }
  });

  it('prints only the findings with --quiet', async () => {
    const { stdout } = await cli(ws.path, ['lint', '--quiet', ...ONLY]);
    assert.equal(stdout.trimEnd().split('\n').length, 3);
    assert.doesNotMatch(stdout, /problem/);
  });

  it('writes the report to --output and prints German with --lang de', async () => {
    const { code, stdout, stderr } = await cli(ws.path, ['lint', '--format', 'json', '--output', 'reports/lint.json', ...ONLY]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /Report written to reports\/lint\.json/);
    const german = await cli(ws.path, ['lint', '--lang', 'de', ...ONLY]);
    assert.match(german.stdout, /api\/shop\.yaml:1:1 {2}Fehler {2}Die API hat 2 Operation\(en\), definiert aber kein Sicherheitsschema/);
    const fromEnvironment = await cli(ws.path, ['lint', ...ONLY], { env: { LANG: 'de_CH.UTF-8' } });
    assert.match(fromEnvironment.stdout, /3 Problem\(e\) in 3 Datei\(en\): 3 Fehler\./);
  });
});
