import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildInventory, UNRESOLVED_CONSUMER_KEY as SERVER_UNRESOLVED_KEY } from '../../../server/src/core/inventory/buildInventory';
import type { Finding } from '../../../server/src/core/engine/finding';
import type { Inventory, InventoryCallSiteInput } from '../../../server/src/core/inventory/types';
import { DIAGNOSTIC_SOURCE as SERVER_DIAGNOSTIC_SOURCE } from '../../../server/src/lsp/findingToDiagnostic';
import { buildInventoryTree, DIAGNOSTIC_SOURCE, UNRESOLVED_CONSUMER_KEY, type InventoryTreeOptions } from '../../../client/src/views/inventoryModel';
import { bundleLocalizer } from '../../../client/src/views/localizer';
import type { ViewNode } from '../../../client/src/views/viewNode';
import { lintFiles, TEST_FOLDER } from '../helpers/lint';

const english = bundleLocalizer();
const german = bundleLocalizer(JSON.parse(readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.de.json'), 'utf8')) as Record<string, string>);

/** A shop API: two tags, an operation under both, one without a tag, an unprotected one, an http server. */
const SHOP = `openapi: 3.1.0
info:
  title: Shop
  version: "2.1"
  description: Orders and stock.
servers:
  - url: https://api.shop.example/v2
  - url: http://legacy.shop.example/v2
    description: Legacy environment
security:
  - bearerAuth: []
tags:
  - name: orders
  - name: stock
paths:
  /orders:
    get:
      operationId: listOrders
      summary: List orders
      description: Lists orders.
      tags: [orders]
      responses:
        "200": { description: OK }
        "401": { description: No token }
    post:
      operationId: createOrder
      summary: Create an order
      tags: [orders, stock]
      security: []
      responses:
        "201": { description: Created }
  /health:
    get:
      operationId: health
      summary: Health
      x-api-guard-public: true
      security: []
      responses:
        "200": { description: OK }
        "400": { description: Bad }
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
      bearerFormat: JWT
    partnerKey:
      type: apiKey
      in: query
      name: key
`;

const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 30 } });

function callFinding(uri: string, line: number): Finding {
  return { ruleId: 'code-http-url', severity: 'error', message: 'The call uses http://', uri, range: range(line), fingerprint: `call-${line}` };
}

/** The rules whose findings the tests reason about; the others would only add noise to the counts. */
const RULES = ['auth-operation-unprotected', 'tls-http-server', 'auth-apikey-in-url'];

/** Lints the shop API and builds its inventory with call sites of every match kind. */
function shopInventory(): Inventory {
  const outcome = lintFiles({ 'shop.yaml': SHOP }, { only: RULES });
  const apiId = outcome.uri('shop.yaml');
  const code = `${TEST_FOLDER}/src/client.ts`;
  const site = (line: number, match: InventoryCallSiteInput['match'], url: string, findings: Finding[] = []): InventoryCallSiteInput => ({
    uri: code,
    range: range(line),
    language: 'typescript',
    library: 'fetch',
    method: match.operation?.method ?? 'get',
    urlTemplate: url,
    ...(url.startsWith('http') && { resolvedUrl: url }),
    match,
    findings,
  });
  const callSites: InventoryCallSiteInput[] = [
    site(3, { kind: 'matched', apiId, operation: { method: 'get', path: '/orders' } }, 'https://api.shop.example/v2/orders'),
    site(4, { kind: 'matched', apiId, operation: { method: 'get', path: '/orders' } }, 'https://api.shop.example/v2/orders'),
    site(5, { kind: 'path-not-documented', apiId }, 'https://api.shop.example/v2/refunds'),
    site(6, { kind: 'external' }, 'http://tracking.parcel.example/track', [callFinding(code, 6)]),
    site(7, { kind: 'unresolved' }, '{base}/ping'),
  ];
  return buildInventory({ folderUri: TEST_FOLDER, apis: outcome.analysis.allApis(), findings: outcome.findings, suppressed: outcome.suppressed, callSites });
}

function build(inventories: Inventory[], options: Partial<InventoryTreeOptions> = {}, l10n = english) {
  return buildInventoryTree(inventories, { groupBy: 'tag', onlyProblems: false, ...options }, l10n);
}

function child(node: ViewNode | { children: ViewNode[] }, label: string): ViewNode {
  const found = node.children.find((candidate) => candidate.label === label);
  assert.ok(found, `no child "${label}" among ${node.children.map((candidate) => JSON.stringify(candidate.label)).join(', ')}`);
  return found;
}

const labels = (node: { children: ViewNode[] }) => node.children.map((candidate) => candidate.label);

function allNodes(nodes: readonly ViewNode[]): ViewNode[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.children)]);
}

const inventory = shopInventory();
const root = { children: build([inventory]).nodes };

describe('the inventory tree', () => {
  it('mirrors the server constants it cannot import', () => {
    assert.equal(UNRESOLVED_CONSUMER_KEY, SERVER_UNRESOLVED_KEY);
    assert.equal(DIAGNOSTIC_SOURCE, SERVER_DIAGNOSTIC_SOURCE);
  });

  it('has the provided and consumed APIs as its two sections', () => {
    assert.deepEqual(labels(root), ['Provided APIs', 'Consumed APIs']);
    const api = child(child(root, 'Provided APIs'), 'Shop');
    assert.equal(api.description?.startsWith('2.1 · shop.yaml'), true, api.description);
    assert.deepEqual(labels(api), ['Servers', 'Security schemes', 'Operations']);
    assert.deepEqual(api.location, inventory.providedApis[0].location, 'clicking the API reveals its info object');
  });

  it('marks servers by transport, with an open lock for plain http', () => {
    const servers = child(child(child(root, 'Provided APIs'), 'Shop'), 'Servers');
    assert.equal(servers.description, '2');
    const secure = child(servers, 'https://api.shop.example/v2');
    const legacy = child(servers, 'http://legacy.shop.example/v2');
    assert.deepEqual(secure.icon, { id: 'lock', color: 'testing.iconPassed' });
    assert.deepEqual(legacy.icon, { id: 'unlock', color: 'problemsWarningIcon.foreground' });
    assert.match(legacy.description ?? '', /unencrypted/);
    assert.deepEqual(legacy.location, inventory.providedApis[0].servers[1].location);
  });

  it('describes security schemes by type, where the credential travels and its use', () => {
    const schemes = child(child(child(root, 'Provided APIs'), 'Shop'), 'Security schemes');
    assert.equal(child(schemes, 'bearerAuth').description, 'http / bearer / JWT · in a header');
    assert.equal(child(schemes, 'partnerKey').description, 'apiKey · in the query string (key)');
    assert.match(child(schemes, 'bearerAuth').tooltip ?? '', /Required by 1 operation/);
  });

  it('groups operations by tag; an operation with two tags appears under both, one without under "Without tag"', () => {
    const operations = child(child(child(root, 'Provided APIs'), 'Shop'), 'Operations');
    assert.equal(operations.description, '3');
    assert.deepEqual(labels(operations), ['orders', 'stock', 'Without tag']);
    assert.deepEqual(labels(child(operations, 'orders')), ['GET /orders', 'POST /orders']);
    assert.deepEqual(labels(child(operations, 'stock')), ['POST /orders']);
    assert.deepEqual(labels(child(operations, 'Without tag')), ['GET /health']);
  });

  it('groups operations by path when toggled, labelled by method', () => {
    const byPath = { children: build([inventory], { groupBy: 'path' }).nodes };
    const operations = child(child(child(byPath, 'Provided APIs'), 'Shop'), 'Operations');
    assert.deepEqual(labels(operations), ['/orders', '/health']);
    assert.deepEqual(labels(child(operations, '/orders')), ['GET', 'POST']);
    assert.match(child(child(operations, '/orders'), 'POST').description ?? '', /^Create an order · no authentication/);
  });

  it('shows effective security, highlights "no authentication" and tells deliberate public operations apart', () => {
    const orders = child(child(child(child(root, 'Provided APIs'), 'Shop'), 'Operations'), 'orders');
    const list = child(orders, 'GET /orders');
    const create = child(orders, 'POST /orders');
    const health = child(child(child(child(child(root, 'Provided APIs'), 'Shop'), 'Operations'), 'Without tag'), 'GET /health');
    assert.match(list.description ?? '', /^bearerAuth/);
    assert.deepEqual(list.icon, { id: 'lock' });
    assert.match(create.description ?? '', /^no authentication/);
    assert.deepEqual(create.icon, { id: 'unlock', color: 'problemsErrorIcon.foreground' });
    assert.match(create.tooltip ?? '', /\*\*no authentication\*\*/);
    assert.match(health.description ?? '', /^no authentication \(public on purpose\)/);
    assert.deepEqual(health.icon, { id: 'globe' });
  });

  it('shows documentation state, finding counts and call sites of an operation', () => {
    const api = inventory.providedApis[0];
    const create = api.operations.find((operation) => operation.method === 'post')!;
    const list = api.operations.find((operation) => operation.method === 'get' && operation.path === '/orders')!;
    const orders = child(child(child(child(root, 'Provided APIs'), 'Shop'), 'Operations'), 'orders');
    const createRow = child(orders, 'POST /orders');
    assert.ok(create.findingCounts.error > 0, 'the unprotected operation has an error finding');
    assert.match(createRow.description ?? '', create.findingCounts.error === 1 ? /1 error/ : /\d+ errors/);
    assert.match(createRow.description ?? '', /partly documented/, 'POST /orders has no 4xx response');
    assert.match(createRow.tooltip ?? '', /partly documented \\\(missing: 4xx response\\\)/, 'the tooltip names the gap (Markdown-escaped)');
    assert.doesNotMatch(child(orders, 'GET /orders').description ?? '', /documented/, 'a documented operation does not say so');
    const listRow = child(orders, 'GET /orders');
    assert.equal(list.callSiteCount, 2);
    assert.match(listRow.description ?? '', /2 calls$/);
    assert.deepEqual(
      listRow.children.map((call) => call.description?.split(' · ')[0]),
      ['src/client.ts:4', 'src/client.ts:5'],
      'the matched call sites are listed under the operation, with file and line',
    );
    assert.deepEqual(listRow.location, list.location);
  });

  it('groups consumed APIs by host, with matched operations, undocumented, external and unresolved calls', () => {
    const consumed = child(root, 'Consumed APIs');
    assert.deepEqual(
      labels(consumed),
      inventory.consumedApis.map((consumer) => (consumer.key === 'unresolved' ? 'Calls with an unknown host' : consumer.key)),
      'one row per host, in the inventory’s order',
    );
    assert.deepEqual(new Set(labels(consumed)), new Set(['https://api.shop.example', 'http://tracking.parcel.example', 'Calls with an unknown host']));
    const shop = child(consumed, 'https://api.shop.example');
    assert.deepEqual(labels(shop), ['GET /orders', 'Undocumented calls']);
    assert.match(child(shop, 'GET /orders').description ?? '', /^Shop · 2 calls/);
    assert.deepEqual(labels(child(shop, 'Undocumented calls')), ['GET https://api.shop.example/v2/refunds']);
    const tracking = child(consumed, 'http://tracking.parcel.example');
    assert.deepEqual(tracking.icon, { id: 'unlock', color: 'problemsWarningIcon.foreground' });
    const external = child(tracking, 'Calls to APIs without a specification');
    const call = child(external, 'GET http://tracking.parcel.example/track');
    assert.deepEqual(call.icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
    assert.deepEqual(labels(call), ['The call uses http://'], 'a call site lists its findings');
    assert.deepEqual(call.children[0].location, { uri: `${TEST_FOLDER}/src/client.ts`, range: range(6) });
    assert.deepEqual(labels(child(child(consumed, 'Calls with an unknown host'), 'Unresolved calls')), ['GET {base}/ping']);
  });

  it('gives every row a unique id and a location or action wherever there is one to go to', () => {
    const nodes = allNodes(root.children);
    const ids = nodes.map((node) => node.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (const node of nodes) {
      if (/^(operation-(required|optional|none)|server-\w+|scheme|call-site|finding|api)$/.test(node.contextValue)) {
        assert.ok(node.location, `${node.label} reveals a location`);
      }
    }
  });

  it('counts the error findings of every folder for the badge', () => {
    const tree = build([inventory]);
    assert.equal(tree.errorCount, inventory.summary.findingCounts.error);
    assert.ok(tree.errorCount > 0);
  });
});

describe('the "only items with problems" filter', () => {
  const filtered = { children: build([inventory], { onlyProblems: true }).nodes };

  it('keeps operations and call sites with findings and the groups leading to them', () => {
    const api = child(child(filtered, 'Provided APIs'), 'Shop');
    const withProblems = inventory.providedApis[0].operations.filter((operation) => operation.findingCounts.error + operation.findingCounts.warning + operation.findingCounts.info > 0);
    const operations = child(api, 'Operations');
    assert.equal(operations.description, `${withProblems.length} of 3`);
    const shown = allNodes(operations.children).filter((node) => node.contextValue.startsWith('operation-'));
    for (const node of shown) assert.match(node.description ?? '', /error|warning|information/, `${node.label} has findings`);
    const consumed = child(filtered, 'Consumed APIs');
    assert.deepEqual(labels(consumed), ['http://tracking.parcel.example'], 'only the host whose call has a finding');
  });

  it('keeps the servers and schemes with findings on them, as the inventory counts them', () => {
    const api = child(child(filtered, 'Provided APIs'), 'Shop');
    const servers = inventory.providedApis[0].servers;
    const withFindings = servers.filter((server) => server.findingCounts.error + server.findingCounts.warning + server.findingCounts.info > 0);
    assert.deepEqual(
      withFindings.map((server) => server.url),
      ['http://legacy.shop.example/v2'],
      'the plain-HTTP server has a finding on its URL',
    );
    const shown = child(api, 'Servers');
    assert.deepEqual(labels(shown), ['http://legacy.shop.example/v2']);
    assert.equal(shown.description, `1 of ${servers.length}`);
    assert.match(shown.children[0].description ?? '', /\d+ (error|warning|information)/);
  });

  it('says why the tree is empty: no APIs at all, or nothing with problems', () => {
    const empty = buildInventory({ folderUri: TEST_FOLDER, apis: [], findings: [], suppressed: [] });
    assert.deepEqual(build([empty]), { nodes: [], emptyReason: 'no-apis', errorCount: 0 });
    const clean = lintFiles({ 'clean.yaml': 'openapi: 3.1.0\ninfo: { title: Clean, version: "1" }\npaths: {}\n' }, { only: [] });
    const cleanInventory = buildInventory({ folderUri: TEST_FOLDER, apis: clean.analysis.allApis(), findings: [], suppressed: [] });
    assert.equal(build([cleanInventory]).nodes.length, 1 + 1, 'unfiltered it shows both sections');
    assert.deepEqual(build([cleanInventory], { onlyProblems: true }), { nodes: [], emptyReason: 'no-problems', errorCount: 0 });
  });
});

describe('several workspace folders', () => {
  it('puts each folder under its own row, named after the folder', () => {
    const other = { ...inventory, folderUri: 'file:///work/second%20folder' };
    const tree = build([inventory, other]);
    assert.deepEqual(tree.nodes.map((node) => node.label), ['ws', 'second folder']);
    assert.deepEqual(tree.nodes[1].target, { folderUri: 'file:///work/second%20folder' });
    assert.equal(tree.errorCount, 2 * inventory.summary.findingCounts.error);
    const ids = allNodes(tree.nodes).map((node) => node.id);
    assert.equal(new Set(ids).size, ids.length, 'ids stay unique across folders');
  });
});

describe('labels in German', () => {
  it('words sections, security and transport in the editor language', () => {
    const tree = { children: build([inventory], {}, german).nodes };
    assert.deepEqual(labels(tree), ['Bereitgestellte APIs', 'Genutzte APIs']);
    const api = child(child(tree, 'Bereitgestellte APIs'), 'Shop');
    assert.deepEqual(labels(api), ['Server', 'Sicherheitsschemata', 'Operationen']);
    const create = child(child(child(api, 'Operationen'), 'orders'), 'POST /orders');
    assert.match(create.description ?? '', /^keine Authentifizierung · teilweise dokumentiert · \d+ Fehler/);
    assert.match(child(child(api, 'Server'), 'http://legacy.shop.example/v2').description ?? '', /unverschlüsselt/);
    assert.deepEqual(labels(child(child(api, 'Operationen'), 'Ohne Tag')), ['GET /health']);
  });
});
