import assert from 'node:assert/strict';
import { it } from 'node:test';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const header = (version: string) => (version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`);

const doc = (version: string, operations: string) => `${header(version)}
info: { title: Shop, version: "1" }
paths:
${operations}`;

const duplicated = `  /orders:
    get:
      operationId: getOrders
      responses:
        "200": { description: OK }
  /orders/{id}:
    get:
      operationId: getOrders
      responses:
        "200": { description: OK }
    delete:
      operationId: deleteOrder
      responses:
        "204": { description: Deleted }
`;

const perVersion: RuleCase[] = ['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `${version}: two operations share an id`,
  files: doc(version, duplicated),
  expect: [
    {
      pointer: '/paths/~1orders/get/operationId',
      severity: 'error' as const,
      message: 'operationId "getOrders" of GET /orders is also used by GET /orders/{id}',
      line: 5,
      data: { operationId: 'getOrders' },
    },
    { pointer: '/paths/~1orders~1{id}/get/operationId', message: 'is also used by GET /orders', line: 10 },
  ],
}));

ruleTable('doc-operation-id-unique', [
  ...perVersion,
  {
    name: 'unique ids, and ids that differ only in case',
    files: doc(
      '3.1.0',
      '  /a:\n    get:\n      operationId: getItem\n      responses: { "200": { description: OK } }\n  /b:\n    get:\n      operationId: GetItem\n      responses: { "200": { description: OK } }\n',
    ),
    expect: [],
  },
  {
    name: 'three uses are each reported',
    files: doc(
      '3.0.3',
      '  /a:\n    get:\n      operationId: x\n      responses: {}\n    put:\n      operationId: x\n      responses: {}\n  /b:\n    post:\n      operationId: x\n      responses: {}\n',
    ),
    expect: [
      { pointer: '/paths/~1a/get/operationId', message: 'PUT /a, POST /b' },
      { pointer: '/paths/~1a/put/operationId', message: 'GET /a, POST /b' },
      { pointer: '/paths/~1b/post/operationId', message: 'GET /a, PUT /a' },
    ],
  },
  {
    name: 'webhook and callback operations count (3.1)',
    files: `openapi: 3.1.0
info: { title: Shop, version: "1" }
paths:
  /orders:
    post:
      operationId: orderShipped
      callbacks:
        shipped:
          "{$request.body#/url}":
            post:
              operationId: notify
              responses: { "200": { description: OK } }
      responses: { "201": { description: Created } }
webhooks:
  shipped:
    post:
      operationId: orderShipped
      responses: { "200": { description: OK } }
  paid:
    post:
      operationId: notify
      responses: { "200": { description: OK } }
`,
    expect: [
      { pointer: '/paths/~1orders/post/operationId' },
      { pointer: '/webhooks/shipped/post/operationId' },
      { pointer: '/paths/~1orders/post/callbacks/shipped/{$request.body#~1url}/post/operationId' },
      { pointer: '/webhooks/paid/post/operationId' },
    ],
  },
  {
    name: 'a path item shared by two paths is one operation, not a duplicate',
    files: {
      'api.yaml': doc('3.0.3', '  /orders:\n    $ref: "./orders.yaml"\n  /v1/orders:\n    $ref: "./orders.yaml"\n'),
      'orders.yaml': 'get:\n  operationId: listOrders\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [],
  },
  {
    name: 'multi-file: duplicates across files point at each other',
    files: {
      'api.yaml': doc(
        '3.1.0',
        '  /orders:\n    get:\n      operationId: listOrders\n      responses: { "200": { description: OK } }\n  /v2/orders:\n    $ref: "./v2.yaml"\n',
      ),
      'v2.yaml': 'get:\n  operationId: listOrders\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [
      { file: 'api.yaml', pointer: '/paths/~1orders/get/operationId', message: 'GET /v2/orders' },
      { file: 'v2.yaml', pointer: '/get/operationId', line: 1, message: 'GET /orders' },
    ],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        swagger: '2.0',
        info: { title: 'Shop', version: '1' },
        paths: { '/a': { get: { operationId: 'same', responses: {} } }, '/b': { get: { operationId: 'same', responses: {} } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1a/get/operationId', line: 9 }, { pointer: '/paths/~1b/get/operationId' }],
  },
  {
    name: 'suppressed by a comment and by x-api-guard-ignore',
    files: doc(
      '3.0.3',
      `  /v1/orders:
    get:
      # api-guard-ignore doc-operation-id-unique -- the v1 and v2 gateways route these separately
      operationId: listOrders
      responses: { "200": { description: OK } }
  /v2/orders:
    x-api-guard-ignore: [doc-operation-id-unique]
    get:
      operationId: listOrders
      responses: { "200": { description: OK } }
`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1v1~1orders/get/operationId' }, { pointer: '/paths/~1v2~1orders/get/operationId' }],
  },
]);

it('doc-operation-id-unique links each duplicate to the other occurrences', () => {
  const outcome = lintFiles(
    {
      'api.yaml': doc('3.1.0', '  /orders:\n    get:\n      operationId: listOrders\n      responses: {}\n  /v2/orders:\n    $ref: "./v2.yaml"\n'),
      'v2.yaml': 'get:\n  operationId: listOrders\n  responses: {}\n',
    },
    { only: ['doc-operation-id-unique'] },
  );
  const inRoot = outcome.findings.find((finding) => finding.uri.endsWith('/api.yaml'));
  assert.ok(inRoot?.related !== undefined);
  assert.equal(inRoot.related.length, 1);
  assert.equal(inRoot.related[0].uri, outcome.uri('v2.yaml'));
  assert.equal(inRoot.related[0].range.start.line, 1);
  assert.match(inRoot.related[0].message, /also used here, by GET \/v2\/orders/);
});
