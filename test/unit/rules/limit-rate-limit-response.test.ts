import { ruleTable } from '../helpers/ruleTable';

const op3 = (version: string, responses: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /orders:
    get:
      responses:
${responses}`;

const ok = '        "200": { description: OK }\n';
const tooMany = '        "429": { description: Too many requests }\n';

ruleTable('limit-rate-limit-response', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: no 429`,
    files: op3(version, ok),
    expect: [{ pointer: '/paths/~1orders/get', message: 'GET /orders documents no 429 (Too Many Requests) response', severity: 'info' as const, line: 4, data: { method: 'get', path: '/orders' } }],
  })),
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({ name: `OAS ${version}: 429 documented`, files: op3(version, ok + tooMany), expect: [] })),
  {
    name: 'Swagger 2.0: no 429',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      responses:\n        "201": { description: Created }\n',
    expect: [{ pointer: '/paths/~1orders/post', data: { method: 'post', path: '/orders' } }],
  },
  {
    name: 'Swagger 2.0: 429 through a shared response',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      responses:\n        "201": { description: Created }\n        "429": { $ref: "#/responses/TooMany" }\nresponses:\n  TooMany: { description: Slow down }\n',
    expect: [],
  },
  {
    name: 'a 4XX range does not say the operation is rate-limited',
    files: op3('3.1.0', ok + '        4XX: { description: Client error }\n'),
    expect: [{ pointer: '/paths/~1orders/get' }],
  },
  {
    name: 'an operation without responses',
    files: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    delete: {}\n',
    expect: [{ pointer: '/paths/~1orders/delete', message: 'DELETE /orders', data: { method: 'delete', path: '/orders' } }],
  },
  {
    name: '3.2 additional operations',
    files: 'openapi: 3.2.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /cache:\n    additionalOperations:\n      PURGE:\n        responses:\n          "204": { description: Purged }\n',
    expect: [{ pointer: '/paths/~1cache/additionalOperations/PURGE', message: 'PURGE /cache', data: { method: 'purge', path: '/cache' } }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'OK' } } }, put: { responses: { '429': { description: 'Slow down' } } } } } }, null, 2),
    expect: [{ pointer: '/paths/~1a/get', line: 8 }],
  },
  {
    name: 'a path item in another file: the finding is in that file',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    $ref: "./paths/orders.yaml"\n',
      'paths/orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'paths/orders.yaml', pointer: '/get', line: 0, data: { method: 'get', path: '/orders' } }],
  },
  {
    name: 'suppressed on the operation',
    files: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /health:\n    get:\n      x-api-guard-ignore: [limit-rate-limit-response]\n      responses:\n        "200": { description: OK }\n',
    expect: [],
    suppressed: [{ pointer: '/paths/~1health/get' }],
  },
  {
    name: 'suppressed by a comment',
    files: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /health:\n    # api-guard-ignore limit-rate-limit-response -- internal health check\n    get:\n      responses:\n        "200": { description: OK }\n',
    expect: [],
    suppressed: [{ pointer: '/paths/~1health/get' }],
  },
]);
