import { fixTable } from '../helpers/fixTable';
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

const response429 = [
  '        "429":',
  '          description: Too many requests',
  '          headers:',
  '            Retry-After:',
  '              description: Seconds to wait before the next request.',
  '              schema:',
  '                type: integer',
  '                minimum: 0',
  '                maximum: 86400',
  '',
].join('\n');

fixTable('limit-rate-limit-response', [
  {
    name: 'OAS 3.1 block YAML: after 200, before a 4XX range',
    files: op3('3.1.0', ok + '        4XX: { description: Client error }\n'),
    after: op3('3.1.0', ok + response429 + '        4XX: { description: Client error }\n'),
  },
  {
    name: 'OAS 3.0: the body the other errors share is added',
    files: op3('3.0.3', ok + '        "500":\n          description: Failure\n          content:\n            application/json: { schema: { $ref: "#/components/schemas/Error" } }\n') + 'components:\n  schemas:\n    Error: { type: object }\n',
    after:
      op3(
        '3.0.3',
        ok +
          response429 +
          '          content:\n            application/json:\n              schema:\n                $ref: "#/components/schemas/Error"\n' +
          '        "500":\n          description: Failure\n          content:\n            application/json: { schema: { $ref: "#/components/schemas/Error" } }\n',
      ) + 'components:\n  schemas:\n    Error: { type: object }\n',
  },
  {
    name: 'OAS 3.2: a reusable TooManyRequests response is referenced',
    files: op3('3.2.0', ok) + 'components:\n  responses:\n    TooManyRequests:\n      description: Slow down\n      headers:\n        Retry-After: { schema: { type: integer, minimum: 0, maximum: 60 } }\n',
    after: op3('3.2.0', ok + '        "429":\n          $ref: "#/components/responses/TooManyRequests"\n') + 'components:\n  responses:\n    TooManyRequests:\n      description: Slow down\n      headers:\n        Retry-After: { schema: { type: integer, minimum: 0, maximum: 60 } }\n',
  },
  {
    name: 'Swagger 2.0: between 201 and 500, the header typed itself',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      responses:\n        201: { description: Created }\n        500: { description: Failure }\n',
    after: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      responses:\n        201: { description: Created }\n        429:\n          description: Too many requests\n          headers:\n            Retry-After:\n              description: Seconds to wait before the next request.\n              type: integer\n              minimum: 0\n              maximum: 86400\n        500: { description: Failure }\n',
  },
  {
    name: 'flow YAML with CRLF',
    files: 'openapi: 3.1.0\r\ninfo: { title: Shop, version: "1" }\r\npaths:\r\n  /orders: {get: {responses: {"200": {description: OK}}}}\r\n',
    after: 'openapi: 3.1.0\r\ninfo: { title: Shop, version: "1" }\r\npaths:\r\n  /orders: {get: {responses: {"200": {description: OK}, "429": { description: Too many requests, headers: { Retry-After: { description: Seconds to wait before the next request., schema: { type: integer, minimum: 0, maximum: 86400 } } } }}}}\r\n',
  },
  {
    name: 'JSON',
    files: '{\n  "openapi": "3.0.3",\n  "info": {"title": "x", "version": "1"},\n  "paths": {\n    "/a": {\n      "get": {\n        "responses": {\n          "200": {"description": "OK"}\n        }\n      }\n    }\n  }\n}\n',
    after: '{\n  "openapi": "3.0.3",\n  "info": {"title": "x", "version": "1"},\n  "paths": {\n    "/a": {\n      "get": {\n        "responses": {\n          "200": {"description": "OK"},\n          "429": {\n            "description": "Too many requests",\n            "headers": {\n              "Retry-After": {\n                "description": "Seconds to wait before the next request.",\n                "schema": {\n                  "type": "integer",\n                  "minimum": 0,\n                  "maximum": 86400\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}\n',
  },
  {
    name: 'multi-file: the response is added in the path item file',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    $ref: "./paths/orders.yaml"\n',
      'paths/orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n',
    },
    after: {
      'paths/orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n    "429":\n      description: Too many requests\n      headers:\n        Retry-After:\n          description: Seconds to wait before the next request.\n          schema:\n            type: integer\n            minimum: 0\n            maximum: 86400\n',
    },
  },
  {
    name: 'an operation without responses',
    files: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    delete: {}\n',
    after: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    delete: { responses: { "429": { description: Too many requests, headers: { Retry-After: { description: Seconds to wait before the next request., schema: { type: integer, minimum: 0, maximum: 86400 } } } } } }\n',
  },
]);
