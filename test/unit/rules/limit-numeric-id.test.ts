import { ruleTable } from '../helpers/ruleTable';

const path3 = (version: string, name: string, schema: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /orders/{${name}}:
    get:
      parameters:
        - { name: ${name}, in: path, required: true, schema: ${schema} }
      responses:
        "200": { description: OK }
`;

const at = '/paths/~1orders~1{orderId}/get/parameters/0/name';

ruleTable('limit-numeric-id', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: an integer order id`,
    files: path3(version, 'orderId', '{ type: integer, format: int64 }'),
    expect: [{ pointer: at, message: 'Path parameter "orderId" is an integer id', severity: 'info' as const, line: 6 }],
  })),
  ...['id', 'ID', 'userId', 'userID', 'user_id', 'order-id'].map((name) => ({
    name: `the name ${name} says id`,
    files: path3('3.1.0', name, '{ type: integer }'),
    expect: [{ message: `"${name}"` }],
  })),
  ...['paid', 'uuid', 'identity', 'slug'].map((name) => ({ name: `the name ${name} does not`, files: path3('3.1.0', name, '{ type: integer }'), expect: [] })),
  { name: 'a uuid id is fine', files: path3('3.0.3', 'orderId', '{ type: string, format: uuid }'), expect: [] },
  { name: '3.1 nullable integer', files: path3('3.1.0', 'orderId', '{ type: [integer, "null"] }'), expect: [{ pointer: at }] },
  {
    name: 'query parameters are not path ids',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      parameters:\n        - { name: customerId, in: query, schema: { type: integer } }\n      responses:\n        "200": { description: OK }\n',
    expect: [],
  },
  {
    name: 'Swagger 2.0',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{id}:\n    get:\n      parameters:\n        - { name: id, in: path, required: true, type: integer }\n      responses:\n        "200": { description: OK }\n',
    expect: [{ pointer: '/paths/~1orders~1{id}/get/parameters/0/name' }],
  },
  {
    name: 'a path-level parameter shared by two operations is reported once',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{id}:\n    parameters:\n      - { name: id, in: path, required: true, schema: { type: integer } }\n    get:\n      responses:\n        "200": { description: OK }\n    delete:\n      responses:\n        "204": { description: Gone }\n',
    expect: [{ pointer: '/paths/~1orders~1{id}/parameters/0/name' }],
  },
  {
    name: 'a parameter defined in components, with its schema through $ref',
    files: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{orderId}:\n    get:\n      parameters:\n        - $ref: "#/components/parameters/OrderId"\n      responses:\n        "200": { description: OK }\ncomponents:\n  parameters:\n    OrderId: { name: orderId, in: path, required: true, schema: { $ref: "#/components/schemas/Serial" } }\n  schemas:\n    Serial: { type: integer }\n',
    expect: [{ pointer: '/components/parameters/OrderId/name' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/a/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: {} } } } }, null, 2),
    expect: [{ pointer: '/paths/~1a~1{id}/get/parameters/0/name', line: 11 }],
  },
  {
    name: 'a parameter in another file',
    files: {
      'api.yaml': 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{orderId}:\n    get:\n      parameters:\n        - $ref: "./parameters.yaml#/orderId"\n      responses:\n        "200": { description: OK }\n',
      'parameters.yaml': 'orderId:\n  name: orderId\n  in: path\n  required: true\n  schema: { type: integer }\n',
    },
    expect: [{ file: 'parameters.yaml', pointer: '/orderId/name', line: 1 }],
  },
  {
    name: 'suppressed by a comment',
    files: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{orderId}:\n    get:\n      parameters:\n        # api-guard-ignore limit-numeric-id -- ownership is checked per order\n        - name: orderId\n          in: path\n          required: true\n          schema: { type: integer }\n      responses:\n        "200": { description: OK }\n',
    expect: [],
    suppressed: [{ pointer: at }],
  },
]);
