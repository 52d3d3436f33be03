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
