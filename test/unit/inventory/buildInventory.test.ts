import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../server/src/core/engine/finding';
import { buildInventory, UNRESOLVED_CONSUMER_KEY } from '../../../server/src/core/inventory/buildInventory';
import { classifyUrl, combineTransport, environmentOf, isLoopbackHost } from '../../../server/src/core/inventory/transport';
import type { InventoryCallSiteInput, ProvidedApi } from '../../../server/src/core/inventory/types';
import type { Range } from '../../../server/src/core/model/lineIndex';
import { lintFiles, TEST_FOLDER } from '../helpers/lint';

/** Lints in-memory files and builds their inventory (with the given call sites). */
function inventoryOf(files: Record<string, string> | string, options: { only?: string[]; callSites?: InventoryCallSiteInput[] } = {}) {
  const outcome = lintFiles(files, { only: options.only ?? [] });
  const inventory = buildInventory({
    folderUri: TEST_FOLDER,
    apis: outcome.analysis.allApis(),
    findings: outcome.findings,
    suppressed: outcome.suppressed,
    callSites: options.callSites,
  });
  return { inventory, outcome };
}

function onlyApi(files: Record<string, string> | string, options: { only?: string[]; callSites?: InventoryCallSiteInput[] } = {}): ProvidedApi {
  const { inventory } = inventoryOf(files, options);
  assert.equal(inventory.providedApis.length, 1);
  return inventory.providedApis[0];
}

const range = (line: number, character = 0, length = 5): Range => ({ start: { line, character }, end: { line, character: character + length } });

function finding(ruleId: string, severity: Finding['severity'], uri: string, at: Range, suppressed?: Finding['suppressed']): Finding {
  return { ruleId, severity, message: `${ruleId} here`, uri, range: at, fingerprint: `${ruleId}@${at.start.line}`, ...(suppressed && { suppressed }) };
}

describe('transport classification', () => {
  it('classifies single URLs by scheme and host', () => {
    assert.equal(classifyUrl('https://api.shop.example/v1'), 'encrypted');
    assert.equal(classifyUrl('wss://push.shop.example'), 'encrypted');
    assert.equal(classifyUrl('http://api.shop.example'), 'unencrypted');
    assert.equal(classifyUrl('ws://push.shop.example'), 'unencrypted');
    assert.equal(classifyUrl('http://localhost:8080/v1'), 'local');
    assert.equal(classifyUrl('http://127.0.0.1'), 'local');
    assert.equal(classifyUrl('http://[::1]:3000/'), 'local');
    assert.equal(classifyUrl('http://shop.localhost'), 'local');
    assert.equal(classifyUrl('/v1'), 'unknown');
    assert.equal(classifyUrl('//api.shop.example/v1'), 'unknown');
    assert.equal(classifyUrl('{scheme}://api.shop.example'), 'unknown');
    assert.equal(classifyUrl('ftp://files.shop.example'), 'unknown');
  });

  it('lets one unencrypted URL decide for a group', () => {
    assert.equal(combineTransport(['encrypted', 'unencrypted']), 'unencrypted');
    assert.equal(combineTransport(['encrypted', 'local']), 'encrypted');
    assert.equal(combineTransport(['local', 'local']), 'local');
    assert.equal(combineTransport(['encrypted', 'unknown']), 'unknown');
    assert.equal(combineTransport([]), 'unknown');
  });

  it('knows loopback hosts and nothing else', () => {
    assert.ok(isLoopbackHost('LOCALHOST'));
    assert.ok(isLoopbackHost('127.10.0.1'));
    assert.ok(!isLoopbackHost('localhost.shop.example'));
    assert.ok(!isLoopbackHost('10.0.0.1'));
  });

  it('names environments from descriptions, then from host names', () => {
    assert.equal(environmentOf('Production', 'https://api.shop.example'), 'production');
    assert.equal(environmentOf('Staging server (EU)', 'https://api.shop.example'), 'staging');
    assert.equal(environmentOf('Local development', 'http://localhost'), 'development');
    assert.equal(environmentOf(undefined, 'https://payments.staging.shop.example/v2'), 'staging');
    assert.equal(environmentOf(undefined, 'https://api.shop.example'), undefined);
    assert.equal(environmentOf('The main server', 'https://sandbox.pay.example.com'), 'sandbox');
  });

  it('classifies OAS 3.x servers, with variables expanded', () => {
    const api = onlyApi(`openapi: 3.1.0
info: { title: Shop, version: "1" }
servers:
  - url: https://api.shop.example/v1
    description: Production
  - url: http://staging.shop.example/v1
    description: Staging
  - url: http://localhost:8080
  - url: "{scheme}://api.shop.example"
    variables:
      scheme: { default: https, enum: [https, http] }
  - url: /relative
paths: {}
`);
    assert.deepEqual(
      api.servers.map((server) => [server.url, server.transport, server.environment]),
      [
        ['https://api.shop.example/v1', 'encrypted', 'production'],
        ['http://staging.shop.example/v1', 'unencrypted', 'staging'],
        ['http://localhost:8080', 'local', 'development'],
        ['{scheme}://api.shop.example', 'unencrypted', undefined],
        ['/relative', 'unknown', undefined],
      ],
    );
    assert.deepEqual(api.servers[3].expandedUrls, ['https://api.shop.example', 'http://api.shop.example']);
    assert.equal(api.servers[0].location.range.start.line, 3, 'the range is on the url value');
  });

  it('classifies Swagger 2.0 schemes', () => {
    const swagger = (schemes: string) => `swagger: "2.0"\ninfo: { title: Stock, version: "1" }\nhost: warehouse.shop.example\nbasePath: /api\n${schemes}paths: {}\n`;
    assert.equal(onlyApi(swagger('schemes: [http, https]\n')).servers[0].transport, 'unencrypted');
    assert.equal(onlyApi(swagger('schemes: [https]\n')).servers[0].transport, 'encrypted');
    assert.equal(onlyApi(swagger('')).servers[0].transport, 'unknown', 'without schemes the scheme is up to whoever serves the file');
    const server = onlyApi(swagger('schemes: [https, wss]\n')).servers[0];
    assert.deepEqual(server.expandedUrls, ['https://warehouse.shop.example/api', 'wss://warehouse.shop.example/api']);
    assert.equal(server.location.range.start.line, 2, 'the range is on host');
  });

  it('lists path- and operation-level servers once each', () => {
    const api = onlyApi(`openapi: 3.0.3
info: { title: Shop, version: "1" }
servers: [{ url: "https://api.shop.example" }]
paths:
  /files:
    servers: [{ url: "http://files.shop.example", description: Test }]
    get: { responses: { "200": { description: ok } } }
    put: { responses: { "200": { description: ok } } }
  /upload:
    post:
      servers: [{ url: "https://upload.shop.example" }]
      responses: { "200": { description: ok } }
`);
    assert.deepEqual(
      api.servers.map((server) => [server.level, server.url, server.transport]),
      [
        ['root', 'https://api.shop.example', 'encrypted'],
        ['path', 'http://files.shop.example', 'unencrypted'],
        ['operation', 'https://upload.shop.example', 'encrypted'],
      ],
    );
  });
});

describe('effective security of operations', () => {
  const spec = `openapi: 3.1.0
info: { title: Shop, version: "1" }
security: [{ bearer: [] }]
paths:
  /orders:
    get: { responses: { "200": { description: ok } } }
    post:
      security: [{ oauth: [orders:write] }, { partnerKey: [] }]
      responses: { "201": { description: ok } }
  /orders/{id}:
    delete:
      security: []
      responses: { "204": { description: ok } }
    patch:
      security: [{}, { bearer: [] }]
      responses: { "200": { description: ok } }
  /health:
    get:
      x-api-guard-public: true
      security: []
      responses: { "200": { description: ok } }
  /both:
    put:
      security: [{ bearer: [], partnerKey: [] }]
      responses: { "200": { description: ok } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer, bearerFormat: JWT }
    partnerKey: { type: apiKey, in: query, name: api_key }
    oauth:
      type: oauth2
      flows:
        implicit:
          authorizationUrl: https://login.shop.example/authorize
          scopes: { "orders:read": read, "orders:write": write }
    cert: { type: mutualTLS }
`;

  it('derives required / optional / none with the source of the requirement', () => {
    const api = onlyApi(spec);
    const byKey = new Map(api.operations.map((operation) => [`${operation.method} ${operation.path}`, operation.security]));
    assert.deepEqual(byKey.get('get /orders'), {
      state: 'required',
      schemes: ['bearer'],
      alternatives: [['bearer']],
      scopes: [],
      source: 'root',
      intentionallyPublic: false,
    });
    assert.deepEqual(byKey.get('post /orders'), {
      state: 'required',
      schemes: ['oauth', 'partnerKey'],
      alternatives: [['oauth'], ['partnerKey']],
      scopes: ['orders:write'],
      source: 'operation',
      intentionallyPublic: false,
    });
    assert.equal(byKey.get('delete /orders/{id}')?.state, 'none');
    assert.equal(byKey.get('delete /orders/{id}')?.source, 'operation');
    assert.equal(byKey.get('patch /orders/{id}')?.state, 'optional');
    assert.deepEqual(byKey.get('patch /orders/{id}')?.alternatives, [[], ['bearer']]);
    assert.equal(byKey.get('get /health')?.intentionallyPublic, true);
    assert.deepEqual(byKey.get('put /both')?.alternatives, [['bearer', 'partnerKey']]);
  });

  it('reports no authentication when neither the operation nor the root says anything', () => {
    const api = onlyApi('openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths:\n  /a:\n    get: { responses: { "200": { description: ok } } }\n');
    assert.deepEqual(api.operations[0].security, { state: 'none', schemes: [], alternatives: [], scopes: [], source: 'none', intentionallyPublic: false });
  });

  it('describes schemes with where the credential travels and how many operations use them', () => {
    const api = onlyApi(spec);
    const schemes = new Map(api.securitySchemes.map((scheme) => [scheme.name, scheme]));
    assert.deepEqual(
      { ...schemes.get('bearer'), location: undefined },
      {
        name: 'bearer',
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        credentialLocation: 'header',
        flows: [],
        operationCount: 3,
        findingCounts: { error: 0, warning: 0, info: 0, hint: 0 },
        location: undefined,
      },
    );
    assert.equal(schemes.get('partnerKey')?.credentialLocation, 'query');
    assert.equal(schemes.get('partnerKey')?.parameterName, 'api_key');
    assert.equal(schemes.get('partnerKey')?.operationCount, 2);
    assert.equal(schemes.get('oauth')?.credentialLocation, 'redirect', 'an implicit-only scheme hands the token over in the redirect');
    assert.deepEqual(schemes.get('oauth')?.flows, [{ type: 'implicit', scopes: ['orders:read', 'orders:write'] }]);
    assert.equal(schemes.get('cert')?.credentialLocation, 'tls');
    assert.equal(schemes.get('cert')?.operationCount, 0);
    assert.equal(schemes.get('bearer')?.location.range.start.line, 27, 'the range is on the scheme name');
  });

  it('reads Swagger 2.0 security definitions', () => {
    const api = onlyApi({
      'swagger.json': JSON.stringify(
        {
          swagger: '2.0',
          info: { title: 'Stock', version: '1' },
          securityDefinitions: {
            basicAuth: { type: 'basic' },
            key: { type: 'apiKey', in: 'header', name: 'X-Key' },
            oauth: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://a', tokenUrl: 'https://t', scopes: { read: 'r' } },
            pwd: { type: 'oauth2', flow: 'password', tokenUrl: 'https://t', scopes: {} },
          },
          security: [{ basicAuth: [] }],
          paths: { '/stock': { get: { responses: { 200: { description: 'ok' } } } } },
        },
        null,
        2,
      ),
    });
    const schemes = new Map(api.securitySchemes.map((scheme) => [scheme.name, scheme]));
    assert.equal(schemes.get('basicAuth')?.scheme, 'basic');
    assert.equal(schemes.get('basicAuth')?.credentialLocation, 'header');
    assert.equal(schemes.get('key')?.credentialLocation, 'header');
    assert.deepEqual(schemes.get('oauth')?.flows, [{ type: 'accessCode', scopes: ['read'] }]);
    assert.equal(schemes.get('oauth')?.credentialLocation, 'header');
    assert.equal(schemes.get('pwd')?.credentialLocation, 'body');
    assert.equal(api.operations[0].security.state, 'required');
  });
});

describe('documentation state of operations', () => {
  const api = onlyApi(`openapi: 3.0.3
info: { title: Shop, version: "1", description: The shop. }
paths:
  /complete/{id}:
    parameters:
      - { name: id, in: path, required: true, description: The id., schema: { type: string } }
    get:
      operationId: getComplete
      summary: Get one
      responses:
        "200": { description: ok }
        "404": { $ref: "#/components/responses/NotFound" }
  /bare:
    get:
      responses:
        "200": { description: ok }
  /partial:
    post:
      description: Creates a thing.
      parameters:
        - { name: q, in: query, schema: { type: string } }
      responses:
        "201": {}
    delete:
      summary: Remove
      operationId: removePartial
  /errors-only:
    get:
      summary: Fails
      operationId: failing
      responses:
        default: { description: any }
components:
  responses:
    NotFound: { description: Not there. }
`);
  const state = (method: string, path: string) => api.operations.find((operation) => operation.method === method && operation.path === path)!.documentation;

  it('is documented when nothing is missing (refs followed)', () => {
    assert.deepEqual(state('get', '/complete/{id}'), { state: 'documented', missing: [] });
  });

  it('is undocumented without summary and description', () => {
    assert.deepEqual(state('get', '/bare'), { state: 'undocumented', missing: ['description', 'operationId', 'errorResponse'] });
  });

  it('is partial when details are missing', () => {
    assert.deepEqual(state('post', '/partial'), {
      state: 'partial',
      missing: ['operationId', 'errorResponse', 'responseDescription', 'parameterDescription'],
    });
    assert.deepEqual(state('delete', '/partial'), { state: 'partial', missing: ['responses'] });
  });

  it('accepts default as success and error response', () => {
    assert.deepEqual(state('get', '/errors-only'), { state: 'documented', missing: [] });
  });

  it('records whether the API has a description', () => {
    assert.equal(api.hasDescription, true);
    assert.equal(onlyApi('openapi: 3.1.0\ninfo: { title: x, version: "1" }\npaths: {}\n').hasDescription, false);
  });
});

describe('findings per operation and API', () => {
  const files = {
    'api.yaml': `openapi: 3.1.0
info: { title: Shop, version: "1" }
servers: [{ url: "http://api.shop.example" }]
paths:
  /orders:
    $ref: ./paths/orders.yaml
  /files:
    servers: [{ url: "http://files.shop.example" }]
    get: { responses: { "200": { description: ok } } }
    put: { responses: { "200": { description: ok } } }
`,
    'paths/orders.yaml': `get:
  servers:
    - url: http://orders.shop.example
  responses:
    "200": { description: ok }
post:
  responses:
    "201": { description: ok }
`,
  };

  it('counts a finding inside an operation for that operation, in a fragment too', () => {
    const { inventory, outcome } = inventoryOf(files, { only: ['tls-http-server'] });
    assert.equal(outcome.findings.length, 3, 'root, path-level and operation-level server');
    const api = inventory.providedApis[0];
    const counts = new Map(api.operations.map((operation) => [`${operation.method} ${operation.path}`, operation.findingCounts.error]));
    assert.deepEqual(Object.fromEntries(counts), { 'get /orders': 1, 'post /orders': 0, 'get /files': 1, 'put /files': 1 });
    assert.deepEqual(api.findingCounts, { error: 3, warning: 0, info: 0, hint: 0 });
    assert.deepEqual(inventory.summary.findingCounts, { error: 3, warning: 0, info: 0, hint: 0 });
  });

  it('counts the findings on each server’s URL, in a fragment too', () => {
    const { inventory } = inventoryOf(files, { only: ['tls-http-server'] });
    const servers = inventory.providedApis[0].servers;
    assert.equal(servers.length, 3);
    for (const server of servers) assert.deepEqual(server.findingCounts, { error: 1, warning: 0, info: 0, hint: 0 }, `${server.level} server ${server.url}`);
    const quiet = inventoryOf(files, { only: [] }).inventory.providedApis[0].servers;
    assert.ok(quiet.every((server) => server.findingCounts.error === 0), 'nothing counted without findings');
  });

  it('places operations in the file that defines them and lists every file', () => {
    const { inventory } = inventoryOf(files);
    const api = inventory.providedApis[0];
    assert.equal(api.rootFile, 'api.yaml');
    assert.deepEqual(api.files, ['api.yaml', 'paths/orders.yaml']);
    const getOrders = api.operations.find((operation) => operation.path === '/orders' && operation.method === 'get')!;
    assert.equal(getOrders.location.uri, `${TEST_FOLDER}/paths/orders.yaml`);
    assert.deepEqual(getOrders.location.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
    assert.equal(api.location.range.start.line, 1, 'the API is located at info');
  });

  it('counts suppressed findings apart', () => {
    const api = onlyApi(
      {
        'api.yaml': `openapi: 3.1.0
info: { title: Shop, version: "1" }
paths:
  /a:
    get:
      # api-guard-ignore tls-http-server -- internal test server
      servers: [{ url: "http://a.shop.example" }]
      responses: { "200": { description: ok } }
`,
      },
      { only: ['tls-http-server'] },
    );
    assert.equal(api.operations[0].findingCounts.error, 0);
    assert.equal(api.operations[0].suppressedCount, 1);
    assert.equal(api.suppressedCount, 1);
  });

  it('sorts APIs by root file and tallies the summary', () => {
    const { inventory } = inventoryOf({
      'z/api.yaml': 'openapi: 3.0.3\ninfo: { title: Z, version: "1" }\npaths:\n  /z:\n    get: { responses: { "200": { description: ok } } }\n',
      'a/api.json': JSON.stringify({ swagger: '2.0', info: { title: 'A', version: '1' }, host: 'a.example', schemes: ['http'], paths: {} }),
    });
    assert.deepEqual(
      inventory.providedApis.map((api) => api.title),
      ['A', 'Z'],
    );
    assert.equal(inventory.schemaVersion, 1);
    assert.equal(inventory.summary.apis, 2);
    assert.equal(inventory.summary.operations, 1);
    assert.equal(inventory.summary.operationsWithoutAuthentication, 1);
    assert.equal(inventory.summary.undocumentedOperations, 1);
    assert.equal(inventory.summary.servers, 1);
    assert.equal(inventory.summary.unencryptedServers, 1);
  });

  it('counts findings per checklist step', () => {
    const uri = `${TEST_FOLDER}/api.yaml`;
    const inventory = buildInventory({
      folderUri: TEST_FOLDER,
      apis: [],
      findings: [
        finding('tls-http-server', 'error', uri, range(1)),
        finding('doc-operation-id', 'warning', uri, range(2)),
        finding('limit-rate-limit-response', 'info', uri, range(3)),
        finding('tls-http-server', 'hint', uri, range(4)),
      ],
      suppressed: [],
    });
    assert.deepEqual(inventory.summary.findingsByStep, { '1.1': 1, '1.2': 0, '2.1': 1, '2.2': 0, '3.1': 1, '3.2': 0, '4.1': 0, '4.2': 1 });
  });
});

describe('consumed APIs from call sites', () => {
  const spec = `openapi: 3.1.0
info: { title: Orders, version: "1" }
servers: [{ url: "https://api.shop.example/v1" }]
security: [{ bearer: [] }]
paths:
  /orders:
    get: { operationId: listOrders, responses: { "200": { description: ok } } }
    post: { operationId: placeOrder, responses: { "201": { description: ok } } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
`;
  const apiId = `${TEST_FOLDER}/api.yaml`;
  const code = `${TEST_FOLDER}/src/checkout.ts`;
  const site = (line: number, overrides: Partial<InventoryCallSiteInput>): InventoryCallSiteInput => ({
    uri: code,
    range: range(line, 4, 10),
    language: 'typescript',
    library: 'axios',
    method: 'get',
    urlTemplate: '/orders',
    resolvedUrl: 'https://api.shop.example/v1/orders',
    match: { kind: 'matched', apiId, operation: { method: 'get', path: '/orders' } },
    findings: [],
    ...overrides,
  });
  const callSites: InventoryCallSiteInput[] = [
    site(20, {}),
    site(10, { method: 'GET' }),
    site(30, { method: 'post', match: { kind: 'matched', apiId, operation: { method: 'post', path: '/orders' } } }),
    site(40, {
      method: 'post',
      urlTemplate: '/orders/{id}/refund',
      resolvedUrl: 'https://api.shop.example/v1/orders/{id}/refund',
      match: { kind: 'path-not-documented', apiId },
      findings: [finding('code-undocumented-operation', 'warning', code, range(40))],
    }),
    site(50, {
      urlTemplate: 'http://tracking.example/track',
      resolvedUrl: undefined,
      match: { kind: 'external' },
      findings: [
        finding('code-http-url', 'error', code, range(50)),
        finding('code-unknown-api', 'info', code, range(50), { kind: 'comment', reason: 'partner API' }),
      ],
    }),
    site(60, { urlTemplate: '{baseUrl}/x', resolvedUrl: undefined, match: { kind: 'unresolved' } }),
  ];

  it('groups by host, then by matched operation, undocumented, external and unresolved', () => {
    const { inventory } = inventoryOf(spec, { callSites });
    assert.deepEqual(
      inventory.consumedApis.map((consumer) => [consumer.key, consumer.transport, consumer.callSiteCount]),
      [
        ['http://tracking.example', 'unencrypted', 1],
        ['https://api.shop.example', 'encrypted', 4],
        [UNRESOLVED_CONSUMER_KEY, 'unknown', 1],
      ],
    );
    const shop = inventory.consumedApis[1];
    assert.equal(shop.host, 'api.shop.example');
    assert.deepEqual(shop.apiIds, [apiId]);
    assert.deepEqual(
      shop.operations.map((group) => [group.method, group.path, group.callSites.map((call) => call.location.range.start.line)]),
      [
        ['get', '/orders', [10, 20]],
        ['post', '/orders', [30]],
      ],
    );
    assert.deepEqual(
      shop.undocumented.map((call) => call.urlTemplate),
      ['/orders/{id}/refund'],
    );
    assert.deepEqual(shop.findingCounts, { error: 0, warning: 1, info: 0, hint: 0 });
    const tracking = inventory.consumedApis[0];
    assert.equal(tracking.external.length, 1);
    assert.deepEqual(tracking.external[0].findingCounts, { error: 1, warning: 0, info: 0, hint: 0 }, 'suppressed findings are not counted');
    assert.deepEqual(tracking.external[0].findings.map((item) => item.ruleId), ['code-http-url']);
    assert.equal(inventory.consumedApis[2].unresolved.length, 1);
    assert.equal(inventory.summary.consumedApis, 2);
    assert.equal(inventory.summary.callSites, 6);
    assert.equal(inventory.summary.undocumentedCalls, 1);
  });

  it('counts the call sites of each operation', () => {
    const { inventory } = inventoryOf(spec, { callSites });
    const operations = inventory.providedApis[0].operations;
    assert.deepEqual(
      operations.map((operation) => [operation.method, operation.callSiteCount]),
      [
        ['get', 2],
        ['post', 1],
      ],
    );
  });

  it('is empty without call sites', () => {
    const { inventory } = inventoryOf(spec);
    assert.deepEqual(inventory.consumedApis, []);
    assert.equal(inventory.summary.callSites, 0);
  });

  it('is plain JSON', () => {
    const { inventory } = inventoryOf(spec, { callSites });
    assert.deepEqual(JSON.parse(JSON.stringify(inventory)), inventory);
  });
});
