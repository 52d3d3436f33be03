import { fixTable } from '../helpers/fixTable';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const header = (version: string) => (version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`);

const doc = (version: string, operations: string) => `${header(version)}
info: { title: Shop, version: "1" }
paths:
${operations}`;

const undescribed = `  /orders:
    get:
      responses:
        "200": { description: OK }
    post:
      summary: Create order
      responses:
        "201": { description: Created }
  /orders/{orderId}:
    delete:
      description: Cancels the order.
      responses:
        "204": { description: Deleted }
    get:
      responses:
        "200": { description: OK }
`;

const perVersion: RuleCase[] = ['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `${version}: operations without summary and description`,
  files: doc(version, undescribed),
  expect: [
    {
      pointer: '/paths/~1orders/get',
      severity: 'warning' as const,
      message: 'GET /orders has neither a summary nor a description',
      line: 4,
      data: { method: 'get', path: '/orders', suggestedSummary: 'List orders' },
    },
    { pointer: '/paths/~1orders~1{orderId}/get', data: { method: 'get', path: '/orders/{orderId}', suggestedSummary: 'Get order by id' } },
  ],
}));

ruleTable('doc-operation-description', [
  ...perVersion,
  {
    name: 'suggested summaries for delete, create and nested collections',
    files: doc(
      '3.1.0',
      `  /orders:
    post:
      responses: { "201": { description: Created } }
  /orders/{id}:
    delete:
      responses: { "204": { description: Deleted } }
  /users/{userId}/orders:
    get:
      responses: { "200": { description: OK } }
  /orders/{id}/cancel:
    post:
      responses: { "200": { description: OK } }
`,
    ),
    expect: [
      { pointer: '/paths/~1orders/post', data: { suggestedSummary: 'Create order' } },
      { pointer: '/paths/~1orders~1{id}/delete', data: { suggestedSummary: 'Delete order by id' } },
      { pointer: '/paths/~1users~1{userId}~1orders/get', data: { suggestedSummary: 'List orders of user' } },
      { pointer: '/paths/~1orders~1{id}~1cancel/post', data: { suggestedSummary: 'Cancel order' } },
    ],
  },
  {
    name: 'blank summary and description count as missing',
    files: doc('3.0.3', '  /orders:\n    get:\n      summary: "  "\n      description: ""\n      responses: { "200": { description: OK } }\n'),
    expect: [{ pointer: '/paths/~1orders/get' }],
  },
  {
    name: 'OAS 3.2 additionalOperations',
    files: doc('3.2.0', '  /files/{id}:\n    additionalOperations:\n      COPY:\n        responses: { "201": { description: Copied } }\n'),
    expect: [{ pointer: '/paths/~1files~1{id}/additionalOperations/COPY', data: { method: 'copy', suggestedSummary: 'Copy file by id' } }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: { 200: { description: 'OK' } } } } } }, null, 2),
    expect: [{ pointer: '/paths/~1orders/get', line: 8 }],
  },
  {
    name: 'multi-file: the finding is placed in the path item file, once for two paths sharing it',
    files: {
      'api.yaml': doc('3.0.3', '  /orders:\n    $ref: "./orders.yaml"\n  /v2/orders:\n    $ref: "./orders.yaml"\n'),
      'orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'orders.yaml', pointer: '/get', line: 0, data: { path: '/orders' } }],
  },
  {
    name: 'suppressed by a comment above and by x-api-guard-ignore on the path item',
    files: doc(
      '3.1.0',
      `  /health:
    # api-guard-ignore doc-operation-description -- self-explanatory health check
    get:
      responses: { "200": { description: OK } }
  /ping:
    x-api-guard-ignore: [doc-operation-description]
    get:
      responses: { "200": { description: OK } }
  /status:
    get: # api-guard-ignore doc-operation-description -- documented in the ops guide
      responses: { "200": { description: OK } }
`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1health/get' }, { pointer: '/paths/~1ping/get' }, { pointer: '/paths/~1status/get' }],
  },
]);

fixTable('doc-operation-description', [
  {
    name: 'OAS 3.1 block YAML: the summary goes first, above the comment that belongs to the next key',
    files: doc('3.1.0', '  /orders:\n    get:\n      # api-guard-ignore doc-error-responses -- read-only list\n      responses:\n        "200": { description: OK }\n'),
    after: doc('3.1.0', '  /orders:\n    get:\n      summary: "List orders (TODO: review)"\n      # api-guard-ignore doc-error-responses -- read-only list\n      responses:\n        "200": { description: OK }\n'),
  },
  {
    name: 'Swagger 2.0: after the tags',
    files: doc('2.0', '  /orders/{orderId}:\n    delete:\n      tags: [orders]\n      responses:\n        "204": { description: Deleted }\n'),
    after: doc('2.0', '  /orders/{orderId}:\n    delete:\n      tags: [orders]\n      summary: "Delete order by id (TODO: review)"\n      responses:\n        "204": { description: Deleted }\n'),
  },
  {
    name: 'flow YAML operation',
    files: doc('3.0.3', '  /orders: { post: { responses: { "201": { description: Created } } } }\n'),
    after: doc('3.0.3', '  /orders: { post: { summary: "Create order (TODO: review)", responses: { "201": { description: Created } } } }\n'),
  },
  {
    name: 'an empty summary gets the suggestion',
    files: doc('3.2.0', '  /orders:\n    get:\n      summary:\n      responses:\n        "200": { description: OK }\n'),
    after: doc('3.2.0', '  /orders:\n    get:\n      summary: "List orders (TODO: review)"\n      responses:\n        "200": { description: OK }\n'),
  },
  {
    name: 'JSON with CRLF',
    files: '{\r\n  "openapi": "3.0.3",\r\n  "info": {"title": "Shop", "version": "1"},\r\n  "paths": {\r\n    "/users/{userId}/orders": {\r\n      "get": {\r\n        "responses": {"200": {"description": "OK"}}\r\n      }\r\n    }\r\n  }\r\n}\r\n',
    after: '{\r\n  "openapi": "3.0.3",\r\n  "info": {"title": "Shop", "version": "1"},\r\n  "paths": {\r\n    "/users/{userId}/orders": {\r\n      "get": {\r\n        "summary": "List orders of user (TODO: review)",\r\n        "responses": {"200": {"description": "OK"}}\r\n      }\r\n    }\r\n  }\r\n}\r\n',
  },
  {
    name: 'multi-file: the operation in a fragment gets its summary there',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    $ref: "./paths/orders.yaml"\n',
      'paths/orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n',
    },
    after: { 'paths/orders.yaml': 'get:\n  summary: "List orders (TODO: review)"\n  responses:\n    "200": { description: OK }\n' },
  },
]);
