import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Inventory } from '../../../server/src/core/inventory/types';
import { cli, workspace } from './cliHarness';

const REPO = resolve(__dirname, '..', '..', '..');

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  range: { start: { line: number; character: number } };
}

async function lintJson(cwd: string, args: string[]): Promise<{ code: number; findings: JsonFinding[]; summary: { filesAnalysed: number } }> {
  const outcome = await cli(cwd, ['lint', ...args, '--format', 'json']);
  assert.equal(outcome.stderr, '', 'nothing on standard error');
  const parsed = JSON.parse(outcome.stdout) as { findings: JsonFinding[]; summary: { filesAnalysed: number } };
  return { code: outcome.code, ...parsed };
}

function codeFindings(findings: readonly JsonFinding[]): string[] {
  return findings.filter((finding) => finding.ruleId.startsWith('code-')).map((finding) => `${finding.file}:${finding.range.start.line + 1} ${finding.ruleId}`);
}

describe('the CLI on code files', () => {
  it('lint reports the planted code gaps of examples/shop, and --no-code drops them', async () => {
    const withCode = await lintJson(REPO, ['examples/shop']);
    assert.equal(withCode.code, 1);
    assert.deepEqual(codeFindings(withCode.findings), [
      'examples/shop/src/checkout.ts:14 code-hardcoded-secret',
      'examples/shop/src/checkout.ts:45 code-undocumented-operation',
      'examples/shop/src/checkout.ts:53 code-undocumented-operation',
      'examples/shop/src/checkout.ts:70 code-http-url',
      'examples/shop/src/warehouse_sync.py:10 code-credentials-in-url',
      'examples/shop/src/warehouse_sync.py:21 code-tls-disabled',
      'examples/shop/src/warehouse_sync.py:32 code-auth-missing',
    ]);
    const withoutCode = await lintJson(REPO, ['examples/shop', '--no-code']);
    assert.deepEqual(codeFindings(withoutCode.findings), []);
    assert.equal(withCode.summary.filesAnalysed - withoutCode.summary.filesAnalysed, 3, 'the three source files count as analysed');
    // The spec findings are the same either way.
    assert.deepEqual(
      withCode.findings.filter((finding) => !finding.ruleId.startsWith('code-')),
      withoutCode.findings,
    );
  });

  it('text and SARIF output carry code findings with their region and the related operation', async () => {
    const text = await cli(REPO, ['lint', 'examples/shop/src/checkout.ts', 'examples/shop/api']);
    assert.match(text.stdout, /examples\/shop\/src\/checkout\.ts:70:32 {2}error {4}The request to "http:\/\/tracking\.parcel-partner\.example\/api\/track\?code=\{\*\}" uses http:\/\//);
    const sarifRun = await cli(REPO, ['lint', 'examples/shop', '--format', 'sarif']);
    const sarif = JSON.parse(sarifRun.stdout) as {
      runs: { originalUriBaseIds: Record<string, { uri: string }>; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[] }[];
    };
    const results = sarif.runs[0].results;
    const tls = results.find((result) => result.ruleId === 'code-tls-disabled')!;
    assert.deepEqual(tls.locations[0].physicalLocation.artifactLocation.uri, 'examples/shop/src/warehouse_sync.py');
    assert.deepEqual(tls.locations[0].physicalLocation.region, { startLine: 21, startColumn: 9, endLine: 21, endColumn: 21 });
    const auth = results.find((result) => result.ruleId === 'code-auth-missing')!;
    assert.equal(auth.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri, 'examples/shop/api/inventory/swagger.json', 'the operation the call reaches');
  });

  it('inventory lists the consumed APIs: call sites by host and by operation, with their findings; --no-code leaves them out', async () => {
    const outcome = await cli(REPO, ['inventory', 'examples/shop']);
    const inventory = JSON.parse(outcome.stdout) as Inventory;
    assert.deepEqual(
      inventory.consumedApis.map((consumer) => [consumer.key, consumer.transport, consumer.callSiteCount]),
      [
        ['http://tracking.parcel-partner.example', 'unencrypted', 1],
        ['https://api.shop.example', 'encrypted', 5],
        ['https://notify.example.com', 'encrypted', 1],
        ['https://payments.shop.example', 'encrypted', 1],
        ['https://warehouse.shop.example', 'encrypted', 3],
      ],
    );
    const orders = inventory.consumedApis.find((consumer) => consumer.key === 'https://api.shop.example')!;
    assert.deepEqual(
      orders.operations.map((group) => [group.method, group.path, group.callSites.length]),
      [
        ['get', '/orders', 1],
        ['post', '/orders', 1],
        ['get', '/orders/{orderId}', 1],
      ],
    );
    assert.deepEqual(
      orders.undocumented.map((site) => [site.method, site.urlTemplate, site.findings.map((finding) => finding.ruleId)]),
      [
        ['post', '/orders/{*}/refund', ['code-undocumented-operation']],
        ['patch', '/orders/{*}', ['code-undocumented-operation']],
      ],
    );
    const warehouse = inventory.consumedApis.find((consumer) => consumer.key === 'https://warehouse.shop.example')!;
    const stock = warehouse.operations.find((group) => group.path === '/stock')!;
    assert.deepEqual(stock.callSites[0].findings.map((finding) => finding.ruleId).sort(), ['code-auth-missing', 'code-credentials-in-url']);
    assert.equal(inventory.summary.callSites, 11);
    assert.equal(inventory.summary.undocumentedCalls, 2);
    const listOrders = inventory.providedApis.find((api) => api.rootFile === 'api/orders/openapi.yaml')!.operations.find((operation) => operation.operationId === 'listOrders')!;
    assert.equal(listOrders.callSiteCount, 1, 'the provided operation counts its callers');

    const noCode = JSON.parse((await cli(REPO, ['inventory', 'examples/shop', '--no-code'])).stdout) as Inventory;
    assert.deepEqual(noCode.consumedApis, []);
  });

  describe('checklist evidence', () => {
    const ws = workspace({
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Feed, version: "1", description: Feed }\nservers:\n  - url: https://feed.example.com\npaths: {}\n',
      'sync.py': 'import requests\n\nrequests.get("https://feed.example.com/items", verify=False, timeout=5)\n',
    });
    after(() => ws.remove());

    it('counts code findings as evidence of their steps', async () => {
      const report = JSON.parse((await cli(ws.path, ['checklist', '--format', 'json'])).stdout) as { steps: { id: string; automatic: { findings: { ruleId: string }[] } }[] };
      const transport = report.steps.find((step) => step.id === '3.1')!;
      assert.ok(transport.automatic.findings.some((finding) => finding.ruleId === 'code-tls-disabled'), JSON.stringify(transport.automatic.findings));
      const withoutCode = JSON.parse((await cli(ws.path, ['checklist', '--format', 'json', '--no-code'])).stdout) as typeof report;
      assert.ok(!withoutCode.steps.find((step) => step.id === '3.1')!.automatic.findings.some((finding) => finding.ruleId === 'code-tls-disabled'));
    });
  });
});
