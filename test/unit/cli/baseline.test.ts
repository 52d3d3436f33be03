import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, SHOP_API, workspace } from './cliHarness';

const SECOND_API = SHOP_API.replace('title: Shop', 'title: Stock').replace('/orders', '/items');

interface JsonFinding {
  ruleId: string;
  file: string;
  range: { start: { line: number } };
}

describe('baselines', () => {
  const ws = workspace({ 'api/shop.yaml': SHOP_API });
  after(() => ws.remove());

  it('writes a readable baseline file', async () => {
    const { code, stdout } = await cli(ws.path, ['baseline', '--rule', 'auth-no-security-scheme'], { now: new Date('2025-03-04T09:30:00Z') });
    assert.equal(code, 0);
    assert.match(stdout, /Baseline with 1 finding\(s\) written to \.api-guard-baseline\.json/);
    const baseline = JSON.parse(readFileSync(join(ws.path, '.api-guard-baseline.json'), 'utf8'));
    assert.equal(baseline.version, 1);
    assert.equal(baseline.createdAt, '2025-03-04T09:30:00.000Z');
    assert.match(baseline.tool, /^api-guard \d+\.\d+\.\d+/);
    assert.equal(baseline.fingerprints.length, 1);
    assert.deepEqual(Object.keys(baseline.fingerprints[0]), ['fingerprint', 'ruleId', 'file']);
    assert.equal(baseline.fingerprints[0].ruleId, 'auth-no-security-scheme');
    assert.equal(baseline.fingerprints[0].file, 'api/shop.yaml');
  });

  it('round-trips: lint --baseline reports only new findings, also after unrelated edits', async () => {
    const output = join('ci', 'baseline.json');
    assert.equal((await cli(ws.path, ['baseline', '--output', output, '--quiet'])).code, 0);
    const before = JSON.parse((await cli(ws.path, ['lint', '--format', 'json'])).stdout);
    assert.ok(before.findings.length > 1);

    const clean = await cli(ws.path, ['lint', '--baseline', output, '--format', 'json', '--fail-on', 'info']);
    assert.equal(clean.code, 0);
    const cleanOutput = JSON.parse(clean.stdout);
    assert.deepEqual(cleanOutput.findings, []);
    assert.equal(cleanOutput.summary.baselined, before.findings.length);

    // Lines inserted above every finding move them, but their fingerprints stay the same.
    ws.write('api/shop.yaml', SHOP_API.replace('info:', '# A comment\n# and another\nx-owner: team-shop\ninfo:'));
    ws.write('api/stock.yaml', SECOND_API);
    const moved = await cli(ws.path, ['lint', '--baseline', output, '--format', 'json']);
    const movedFindings = JSON.parse(moved.stdout).findings as JsonFinding[];
    assert.ok(movedFindings.length > 0);
    assert.ok(movedFindings.every((finding) => finding.file === 'api/stock.yaml'), JSON.stringify(movedFindings));
    assert.equal(moved.code, 1);
    const text = await cli(ws.path, ['lint', '--baseline', output]);
    assert.match(text.stdout, new RegExp(`${before.findings.length} known from the baseline\\.`));
  });

  it('gives the same fingerprints after lines are inserted above', async () => {
    const fingerprints = async (): Promise<string[]> => {
      const sarif = JSON.parse((await cli(ws.path, ['lint', '--format', 'sarif', 'api/stock.yaml'])).stdout);
      return sarif.runs[0].results.map((result: { partialFingerprints: Record<string, string> }) => result.partialFingerprints['apiGuard/v1']).sort();
    };
    ws.write('api/stock.yaml', SECOND_API);
    const first = await fingerprints();
    ws.write('api/stock.yaml', '# Owned by the stock team\n\n' + SECOND_API.replace('paths:', 'tags:\n  - name: items\npaths:'));
    assert.deepEqual(await fingerprints(), first);
  });

  it('rejects a file that is not a baseline', async () => {
    ws.write('not-a-baseline.json', '{ "findings": [] }');
    const { code, stderr } = await cli(ws.path, ['lint', '--baseline', 'not-a-baseline.json']);
    assert.equal(code, 2);
    assert.match(stderr, /is not a valid API Guard baseline: "fingerprints" must be a list/);
    ws.write('broken-baseline.json', '{ "version": 1, ');
    assert.equal((await cli(ws.path, ['lint', '--baseline', 'broken-baseline.json'])).code, 2);
  });
});
