import { fixTable } from '../helpers/fixTable';
import { ruleTable } from '../helpers/ruleTable';

const doc3 = (version: string, tooMany: string, rest = '') => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /orders:
    get:
      responses:
        "200": { description: OK }
        "429":
${tooMany}${rest}`;

ruleTable('limit-retry-after', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: 429 without Retry-After`,
    files: doc3(version, '          description: Slow down\n'),
    expect: [{ pointer: '/paths/~1orders/get/responses/429', message: 'The 429 response documents no Retry-After header', severity: 'warning' as const, line: 7, data: { status: '429' } }],
  })),
  ...['Retry-After', 'retry-after', 'RETRY-AFTER'].map((name) => ({
    name: `${name} is found case-insensitively`,
    files: doc3('3.1.0', `          description: Slow down\n          headers:\n            ${name}: { schema: { type: integer } }\n`),
    expect: [],
  })),
  {
    name: 'no 429 at all is limit-rate-limit-response, not this rule',
    files: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n',
    expect: [],
  },
  {
    name: 'Swagger 2.0 with and without the header',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "429":\n          description: Slow down\n          headers:\n            Retry-After: { type: integer }\n  /b:\n    get:\n      responses:\n        "429": { description: Slow down }\n',
    expect: [{ pointer: '/paths/~1b/get/responses/429', data: { status: '429' } }],
  },
  {
    name: 'a shared 429 response is reported once, on its definition',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "429": { $ref: "#/components/responses/TooMany" }\n  /b:\n    post:\n      responses:\n        "429": { $ref: "#/components/responses/TooMany" }\ncomponents:\n  responses:\n    TooMany: { description: Slow down }\n',
    expect: [{ pointer: '/components/responses/TooMany', data: { status: '429' } }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: { '429': { description: 'Slow down' } } } } } }, null, 2),
    expect: [{ pointer: '/paths/~1a/get/responses/429', line: 10 }],
  },
  {
    name: 'a 429 response in another file',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "429": { $ref: "./common.yaml#/responses/TooMany" }\n',
      'common.yaml': 'responses:\n  TooMany:\n    description: Slow down\n',
    },
    expect: [{ file: 'common.yaml', pointer: '/responses/TooMany', line: 1 }],
  },
  {
    name: 'suppressed on the response',
    files: doc3('3.1.0', '          description: Slow down\n          x-api-guard-ignore: [limit-retry-after]\n'),
    expect: [],
    suppressed: [{ pointer: '/paths/~1orders/get/responses/429' }],
  },
]);

const header3 = (indent: string) =>
  [
    'Retry-After:',
    '  description: Seconds to wait before the next request.',
    '  schema:',
    '    type: integer',
    '    minimum: 0',
    '    maximum: 86400',
  ]
    .map((line) => indent + line + '\n')
    .join('');

fixTable('limit-retry-after', [
  {
    name: 'OAS 3.1 block YAML: headers created after the description',
    files: doc3('3.1.0', '          description: Slow down\n          content:\n            text/plain: { schema: { type: string, maxLength: 100 } }\n'),
    after: doc3('3.1.0', '          description: Slow down\n          headers:\n' + header3('            ') + '          content:\n            text/plain: { schema: { type: string, maxLength: 100 } }\n'),
  },
  {
    name: 'OAS 3.0: added to the existing headers',
    files: doc3('3.0.3', '          description: Slow down\n          headers:\n            X-RateLimit-Limit: { schema: { type: integer, minimum: 0, maximum: 1000 } }\n'),
    after: doc3('3.0.3', '          description: Slow down\n          headers:\n            X-RateLimit-Limit: { schema: { type: integer, minimum: 0, maximum: 1000 } }\n' + header3('            ')),
  },
  {
    name: 'Swagger 2.0 flow YAML: the header typed itself',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /b:\n    get:\n      responses:\n        "429": { description: Slow down }\n',
    after: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /b:\n    get:\n      responses:\n        "429": { description: Slow down, headers: { Retry-After: { description: Seconds to wait before the next request., type: integer, minimum: 0, maximum: 86400 } } }\n',
  },
  {
    name: 'a shared 429 response is fixed on its definition',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "429": { $ref: "#/components/responses/TooMany" }\ncomponents:\n  responses:\n    TooMany:\n      description: Slow down\n',
    after: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "429": { $ref: "#/components/responses/TooMany" }\ncomponents:\n  responses:\n    TooMany:\n      description: Slow down\n      headers:\n' + header3('        '),
  },
  {
    name: 'JSON with CRLF',
    files: '{\r\n  "openapi": "3.1.0",\r\n  "info": {"title": "x", "version": "1"},\r\n  "paths": {"/a": {"get": {"responses": {\r\n    "429": {\r\n      "description": "Slow down",\r\n      "headers": {}\r\n    }\r\n  }}}}\r\n}\r\n',
    after: '{\r\n  "openapi": "3.1.0",\r\n  "info": {"title": "x", "version": "1"},\r\n  "paths": {"/a": {"get": {"responses": {\r\n    "429": {\r\n      "description": "Slow down",\r\n      "headers": {\r\n        "Retry-After": {\r\n          "description": "Seconds to wait before the next request.",\r\n          "schema": {\r\n            "type": "integer",\r\n            "minimum": 0,\r\n            "maximum": 86400\r\n          }\r\n        }\r\n      }\r\n    }\r\n  }}}}\r\n}\r\n',
  },
  {
    name: 'multi-file: the referenced response in another file is edited there',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "429": { $ref: "./common.yaml#/responses/TooMany" }\n',
      'common.yaml': 'responses:\n  TooMany:\n    description: Slow down\n',
    },
    after: { 'common.yaml': 'responses:\n  TooMany:\n    description: Slow down\n    headers:\n' + header3('      ') },
  },
]);
