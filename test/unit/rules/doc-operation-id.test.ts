import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleFixes } from '../../../server/src/core/fixes/computeFixes';
import { fixTable } from '../helpers/fixTable';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const header = (version: string) => (version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`);

const doc = (version: string, operations: string) => `${header(version)}
info: { title: Shop, version: "1" }
paths:
${operations}`;

const perVersion: RuleCase[] = ['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `${version}: operations without operationId`,
  files: doc(
    version,
    `  /orders:
    get:
      responses:
        "200": { description: OK }
    post:
      operationId: createOrder
      responses:
        "201": { description: Created }
  /orders/{orderId}:
    get:
      responses:
        "200": { description: OK }
`,
  ),
  expect: [
    {
      pointer: '/paths/~1orders/get',
      severity: 'warning' as const,
      message: 'GET /orders has no operationId',
      line: 4,
      data: { method: 'get', path: '/orders', suggestedId: 'listOrders' },
    },
    { pointer: '/paths/~1orders~1{orderId}/get', data: { suggestedId: 'getOrderById' } },
  ],
}));

ruleTable('doc-operation-id', [
  ...perVersion,
  {
    name: 'suggestions avoid ids already used (also in callbacks) and each other',
    files: doc(
      '3.1.0',
      `  /orders:
    get:
      responses: { "200": { description: OK } }
    post:
      operationId: placeOrder
      callbacks:
        done:
          "{$request.body#/url}":
            post:
              operationId: listOrders
              responses: { "200": { description: OK } }
      responses: { "201": { description: Created } }
  /v2/orders:
    get:
      responses: { "200": { description: OK } }
`,
    ),
    expect: [
      { pointer: '/paths/~1orders/get', data: { suggestedId: 'listOrders2' } },
      { pointer: '/paths/~1v2~1orders/get', data: { suggestedId: 'listOrders3' } },
    ],
  },
  {
    name: 'an empty operationId counts as missing',
    files: doc('3.0.3', '  /orders:\n    delete:\n      operationId: ""\n      responses: { "204": { description: Deleted } }\n'),
    expect: [{ pointer: '/paths/~1orders/delete', data: { suggestedId: 'deleteOrders' } }],
  },
  {
    name: 'every operation has an id',
    files: doc('3.2.0', '  /orders:\n    get:\n      operationId: listOrders\n      responses: { "200": { description: OK } }\n'),
    expect: [],
  },
  {
    name: 'JSON document (2.0)',
    files: JSON.stringify({ swagger: '2.0', info: { title: 'Shop', version: '1' }, paths: { '/pets/{petId}': { get: { responses: { 200: { description: 'OK' } } } } } }, null, 2),
    expect: [{ pointer: '/paths/~1pets~1{petId}/get', line: 8, data: { suggestedId: 'getPetById' } }],
  },
  {
    name: 'multi-file: the finding is placed in the path item file',
    files: {
      'api.yaml': doc('3.1.0', '  /orders/{id}:\n    $ref: "./paths/order.yaml"\n'),
      'paths/order.yaml': 'patch:\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'paths/order.yaml', pointer: '/patch', data: { suggestedId: 'updateOrderById', path: '/orders/{id}' } }],
  },
  {
    name: 'suppressed by comments and x-api-guard-ignore',
    files: doc(
      '3.0.3',
      `  /health:
    # api-guard-ignore doc-operation-id -- no client is generated for this
    get:
      responses: { "200": { description: OK } }
  /legacy:
    x-api-guard-ignore: [doc-operation-id]
    get:
      responses: { "200": { description: OK } }
    post: # api-guard-ignore doc-operation-id -- retired next release
      responses: { "200": { description: OK } }
`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1health/get' }, { pointer: '/paths/~1legacy/get' }, { pointer: '/paths/~1legacy/post' }],
  },
]);

fixTable('doc-operation-id', [
  {
    name: 'OAS 3.0 block YAML: after the summary, numbered past an id used in a callback',
    files: doc('3.0.3', '  /orders:\n    get:\n      summary: All orders\n      responses:\n        "200": { description: OK }\n    post:\n      operationId: placeOrder\n      callbacks:\n        done:\n          "{$request.body#/url}":\n            post:\n              operationId: listOrders\n              responses: { "200": { description: OK } }\n      responses: { "201": { description: Created } }\n'),
    after: doc('3.0.3', '  /orders:\n    get:\n      summary: All orders\n      operationId: listOrders2\n      responses:\n        "200": { description: OK }\n    post:\n      operationId: placeOrder\n      callbacks:\n        done:\n          "{$request.body#/url}":\n            post:\n              operationId: listOrders\n              responses: { "200": { description: OK } }\n      responses: { "201": { description: Created } }\n'),
  },
  {
    name: 'Swagger 2.0 without descriptive keys: the id goes first',
    files: doc('2.0', '  /pets/{petId}:\n    get:\n      responses:\n        "200": { description: OK }\n'),
    after: doc('2.0', '  /pets/{petId}:\n    get:\n      operationId: getPetById\n      responses:\n        "200": { description: OK }\n'),
  },
  {
    name: 'flow YAML with CRLF',
    files: doc('3.1.0', '  /orders: {delete: {tags: [orders], responses: {"204": {description: Deleted}}}}\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'),
    after: doc('3.1.0', '  /orders: {delete: {tags: [orders], operationId: deleteOrders, responses: {"204": {description: Deleted}}}}\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'),
  },
  {
    name: 'an empty operationId is filled in',
    files: doc('3.2.0', '  /orders:\n    delete:\n      operationId: ""\n      responses: { "204": { description: Deleted } }\n'),
    after: doc('3.2.0', '  /orders:\n    delete:\n      operationId: "deleteOrders"\n      responses: { "204": { description: Deleted } }\n'),
  },
  {
    name: 'JSON',
    files: '{\n  "openapi": "3.1.0",\n  "info": {"title": "Shop", "version": "1"},\n  "paths": {\n    "/orders": {\n      "post": {\n        "summary": "Place",\n        "responses": {"201": {"description": "Created"}}\n      }\n    }\n  }\n}\n',
    after: '{\n  "openapi": "3.1.0",\n  "info": {"title": "Shop", "version": "1"},\n  "paths": {\n    "/orders": {\n      "post": {\n        "summary": "Place",\n        "operationId": "createOrder",\n        "responses": {"201": {"description": "Created"}}\n      }\n    }\n  }\n}\n',
  },
  {
    name: 'multi-file: the id is written in the path item file',
    files: {
      'api.yaml': doc('3.1.0', '  /orders/{id}:\n    $ref: "./paths/order.yaml"\n'),
      'paths/order.yaml': 'patch:\n  description: Changes an order.\n  responses:\n    "200": { description: OK }\n',
    },
    after: { 'paths/order.yaml': 'patch:\n  description: Changes an order.\n  operationId: updateOrderById\n  responses:\n    "200": { description: OK }\n' },
  },
]);

describe('doc-operation-id quick fix uniqueness', () => {
  it('checks the suggestion against the current API again', () => {
    const outcome = lintFiles(doc('3.1.0', '  /orders:\n    get:\n      responses: { "200": { description: OK } }\n    post:\n      operationId: createOrder\n      responses: { "201": { description: Created } }\n'), { only: ['doc-operation-id'] });
    const finding = outcome.findings[0];
    // A suggestion computed before another fix took the name must not be inserted as it is.
    const stale = { ...finding, data: { ...finding.data, suggestedId: 'createOrder' } };
    const [proposal] = ruleFixes(outcome.analysis, stale);
    assert.equal(proposal.edits[0].newText.trim(), 'operationId: listOrders');
  });
});
