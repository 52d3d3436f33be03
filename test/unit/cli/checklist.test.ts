import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, CLEAN_API, SHOP_API, workspace } from './cliHarness';

interface StepJson {
  id: string;
  status: string;
  automatic: { details: { kind: string; state?: string; uri?: string }[] };
  confirmation?: { by: string };
}

describe('checklist command', () => {
  const ws = workspace({
    'api/shop.yaml': SHOP_API,
    'api/clean.yaml': CLEAN_API,
    '.github/workflows/ci.yml': 'jobs:\n  lint:\n    steps:\n      - run: npx api-guard lint --format sarif > api-guard.sarif\n',
    '.api-guard/checklist.json': JSON.stringify({
      version: 1,
      startDate: '2025-03-03',
      steps: { '4.2': { confirmed: { by: 'Mara Keller', at: '2025-03-05T09:00:00Z', note: 'alerts in Grafana' } }, '9.9': {} },
    }),
  });
  after(() => ws.remove());
  const now = new Date('2025-03-06T12:00:00Z');

  it('computes the steps from the analysis, the folder and the checklist file', async () => {
    const { code, stdout, stderr } = await cli(ws.path, ['checklist', '--format', 'json'], { now });
    assert.equal(code, 0);
    assert.match(stderr, /\.api-guard\/checklist\.json:1:\d+: "9\.9" is not a checklist step/);
    const report = JSON.parse(stdout) as { startDate: string; steps: StepJson[] };
    assert.equal(report.startDate, '2025-03-03');
    const step = (id: string) => report.steps.find((candidate) => candidate.id === id)!;
    assert.equal(step('1.1').status, 'open');
    assert.deepEqual(step('1.2').automatic.details, [{ kind: 'inventory-export', state: 'missing' }]);
    const ci = step('4.1').automatic.details.find((detail) => detail.kind === 'ci-invocation');
    assert.ok(ci?.uri?.endsWith('/.github/workflows/ci.yml'), JSON.stringify(ci));
    assert.equal(step('4.2').confirmation?.by, 'Mara Keller');
  });

  it('sees an exported inventory, fresh or stale', async () => {
    assert.equal((await cli(ws.path, ['inventory', '--format', 'markdown', '--output', 'api-inventory.md'])).code, 0);
    const fresh = JSON.parse((await cli(ws.path, ['checklist', '--format', 'json'], { now })).stdout) as { steps: StepJson[] };
    const detail = fresh.steps.find((candidate) => candidate.id === '1.2')!.automatic.details[0];
    assert.equal(detail.state, 'fresh');
    assert.ok(detail.uri?.endsWith('/api-inventory.md'));
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(ws.path, 'api-inventory.md'), old, old);
    const stale = JSON.parse((await cli(ws.path, ['checklist', '--format', 'json'], { now })).stdout) as { steps: StepJson[] };
    assert.equal(stale.steps.find((candidate) => candidate.id === '1.2')!.automatic.details[0].state, 'stale');
  });

  it('prints text and Markdown, in German too', async () => {
    const text = await cli(ws.path, ['checklist'], { now });
    assert.match(text.stdout, /^API security checklist: \d of 8 steps done\n/);
    assert.match(text.stdout, /4\.1 Run regular security audits/);
    const markdown = await cli(ws.path, ['checklist', '--format', 'markdown', '--lang', 'de'], { now });
    assert.match(markdown.stdout, /^# API-Sicherheitscheckliste\n/);
    assert.match(markdown.stdout, /- \[ \] \*\*1\.1\*\*/);
  });
});
