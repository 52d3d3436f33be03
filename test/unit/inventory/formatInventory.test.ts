import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { buildInventory } from '../../../server/src/core/inventory/buildInventory';
import { csvField, formatInventoryCsv, formatInventoryMarkdown } from '../../../server/src/core/inventory/formatInventory';
import type { InventoryCallSiteInput } from '../../../server/src/core/inventory/types';
import { setLocale } from '../../../server/src/core/l10n/messages';
import { lintFiles, TEST_FOLDER } from '../helpers/lint';

const spec = `openapi: 3.1.0
info: { title: "Orders, \\"v1\\"", version: "1.4" }
servers:
  - url: https://api.shop.example/v1
    description: Production
  - url: http://staging.shop.example/v1
    description: Staging
security: [{ bearer: [] }]
paths:
  /orders:
    get:
      operationId: listOrders
      summary: List orders
      responses: { "200": { description: ok }, "401": { description: no } }
  /orders/{id}:
    delete:
      security: []
      responses: { "204": { description: ok } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer, bearerFormat: JWT }
    partner: { type: apiKey, in: query, name: api_key }
`;

function sampleInventory() {
  const outcome = lintFiles({ 'api/orders.yaml': spec }, { only: ['tls-http-server'] });
  const callSites: InventoryCallSiteInput[] = [
    {
      uri: `${TEST_FOLDER}/src/checkout.ts`,
      range: { start: { line: 22, character: 4 }, end: { line: 22, character: 20 } },
      language: 'typescript',
      library: 'axios',
      method: 'get',
      urlTemplate: '/orders',
      resolvedUrl: 'https://api.shop.example/v1/orders',
      match: { kind: 'matched', apiId: `${TEST_FOLDER}/api/orders.yaml`, operation: { method: 'get', path: '/orders' } },
      findings: [],
    },
    {
      uri: `${TEST_FOLDER}/src/track.ts`,
      range: { start: { line: 4, character: 2 }, end: { line: 4, character: 30 } },
      language: 'typescript',
      library: 'fetch',
      method: 'get',
      urlTemplate: 'http://tracking.example/track?code={code},{carrier}',
      match: { kind: 'external' },
      findings: [],
    },
  ];
  return buildInventory({ folderUri: TEST_FOLDER, apis: outcome.analysis.allApis(), findings: outcome.findings, suppressed: outcome.suppressed, callSites });
}

afterEach(() => setLocale('en'));

describe('inventory as Markdown', () => {
  it('has an operations table per API with auth, documentation and finding columns', () => {
    const text = formatInventoryMarkdown(sampleInventory(), { generatedAt: new Date('2026-03-02T10:00:00Z') });
    assert.match(text, /^# API inventory\n\nGenerated on 2026-03-02\./);
    assert.match(text, /### Orders, "v1" 1\.4/);
    assert.match(text, /\| Method \| Path \| Operation ID \| Authentication \| Documentation \| Findings \(E\/W\/I\/H\) \| Call sites \|/);
    assert.match(text, /\| GET \| `\/orders` \| `listOrders` \| required: bearer \| documented \| 0\/0\/0\/0 \| 1 \|/);
    assert.match(text, /\| DELETE \| `\/orders\/\{id\}` \|  \| no authentication \| undocumented \(missing: summary or description, operationId, 4xx response\) \| 0\/0\/0\/0 \| 0 \|/);
    assert.match(text, /\| `http:\/\/staging\.shop\.example\/v1` \| API \| UNENCRYPTED \| staging \|/);
    assert.match(text, /\| `partner` \| apiKey \| query `api_key` \|  \| 0 \|/);
    assert.match(text, /## Consumed APIs\n\n### http:\/\/tracking\.example\n/);
    assert.match(text, /\| GET `https:\/\/api\.shop\.example\/v1\/orders` \| `src\/checkout\.ts:23` \(axios\) \| GET `\/orders` \| 0\/0\/0\/0 \|/);
    assert.match(text, /Open findings: 1 error\./);
  });

  it('escapes table cells', () => {
    const inventory = sampleInventory();
    inventory.providedApis[0].operations[0].path = '/a|b';
    assert.match(formatInventoryMarkdown(inventory), /`\/a\\\|b`/);
  });

  it('speaks German when the locale is German', () => {
    setLocale('de');
    const text = formatInventoryMarkdown(sampleInventory());
    assert.match(text, /^# API-Inventar/);
    assert.match(text, /## Bereitgestellte APIs/);
    assert.match(text, /## Genutzte APIs/);
    assert.match(text, /\| Methode \| Pfad \|/);
    assert.match(text, /keine Authentifizierung/);
    assert.match(text, /UNVERSCHLÜSSELT/);
    assert.match(text, /Offene Befunde: 1 Fehler\./);
  });

  it('says so when there is nothing to list', () => {
    const text = formatInventoryMarkdown(buildInventory({ folderUri: TEST_FOLDER, apis: [], findings: [], suppressed: [] }));
    assert.match(text, /No OpenAPI documents were found\./);
    assert.match(text, /No API calls were found/);
  });
});

describe('inventory as CSV', () => {
  it('writes one row per operation and per call site with RFC 4180 quoting', () => {
    const csv = formatInventoryCsv(sampleInventory());
    assert.ok(csv.endsWith('\r\n'));
    const lines = csv.split('\r\n').slice(0, -1);
    assert.equal(lines.length, 1 + 2 + 2, 'header, two operations, two call sites');
    assert.equal(lines[0].split(',').length, 21);
    assert.equal(lines[1], 'operation,"Orders, ""v1""",3.1.0,api/orders.yaml,11,GET,/orders,listOrders,required,bearer,documented,,0,0,0,0,1,,,,');
    assert.match(lines[2], /^operation,"Orders, ""v1""",3\.1\.0,api\/orders\.yaml,16,DELETE,\/orders\/\{id\},,none,,undocumented,description operationId errorResponse,/);
    assert.equal(lines[4], 'call-site,"Orders, ""v1""",3.1.0,src/checkout.ts,23,GET,/orders,,,,,,0,0,0,0,,api.shop.example,https://api.shop.example/v1/orders,axios,matched');
    assert.equal(lines[3], 'call-site,,,src/track.ts,5,GET,,,,,,,0,0,0,0,,tracking.example,"http://tracking.example/track?code={code},{carrier}",fetch,external');
  });

  it('quotes exactly the fields that need it', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField(42), '42');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\r'), '"cr\r"');
  });

  it('localises the header only', () => {
    setLocale('de');
    const lines = formatInventoryCsv(sampleInventory()).split('\r\n');
    assert.match(lines[0], /^Art,API,Spezifikation,Datei,Zeile,Methode,Pfad,/);
    assert.match(lines[1], /^operation,/);
  });
});
