import { ruleTable } from '../helpers/ruleTable';

const doc3 = (version: string, responses: string, rest = '') => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /orders:
    get:
      responses:
${responses}${rest}`;

const withHeader = (name: string) => `        "200":\n          description: OK\n          headers:\n            ${name}: { schema: { type: integer } }\n`;

ruleTable('limit-rate-limit-headers', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: 200 without rate-limit headers`,
    files: doc3(version, '        "200": { description: OK }\n        "404": { description: Missing }\n'),
    expect: [{ pointer: '/paths/~1orders/get/responses/200', message: 'Response 200 documents no rate-limit headers', severity: 'info' as const, line: 6 }],
  })),
  ...['RateLimit', 'RateLimit-Policy', 'ratelimit-remaining', 'X-RateLimit-Limit', 'x-ratelimit-reset', 'X-Rate-Limit-Limit'].map((name) => ({
    name: `header ${name} counts`,
    files: doc3('3.1.0', withHeader(name)),
    expect: [],
  })),
  {
    name: 'a header that merely mentions limits does not count',
    files: doc3('3.1.0', withHeader('X-Page-Limit')),
    expect: [{ pointer: '/paths/~1orders/get/responses/200' }],
  },
  {
    name: '429 and 2XX responses are checked too, other statuses are not',
    files: doc3('3.0.3', '        2XX: { description: OK }\n        "429": { description: Slow down }\n        "500": { description: Oops }\n        default: { description: Error }\n'),
    expect: [
      { pointer: '/paths/~1orders/get/responses/2XX', message: 'Response 2XX' },
      { pointer: '/paths/~1orders/get/responses/429', message: 'Response 429' },
    ],
  },
  {
    name: 'Swagger 2.0 response headers',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200":\n          description: OK\n          headers:\n            X-RateLimit-Limit: { type: integer }\n    post:\n      responses:\n        "201": { description: Created }\n',
    expect: [{ pointer: '/paths/~1orders/post/responses/201' }],
  },
  {
    name: 'a header through $ref counts by its name',
    files: doc3('3.1.0', '        "200":\n          description: OK\n          headers:\n            RateLimit: { $ref: "#/components/headers/RateLimit" }\n', 'components:\n  headers:\n    RateLimit: { schema: { type: string } }\n'),
    expect: [],
  },
  {
    name: 'a shared response is reported once, where it is written',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { $ref: "#/components/responses/Ok" }\n  /b:\n    get:\n      responses:\n        "201": { $ref: "#/components/responses/Ok" }\ncomponents:\n  responses:\n    Ok: { description: OK }\n',
    expect: [{ pointer: '/components/responses/Ok', message: 'Response 200, 201' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'OK' } } } } } }, null, 2),
    expect: [{ pointer: '/paths/~1a/get/responses/200', line: 10 }],
  },
  {
    name: 'a response in another file: the finding is in that file',
    files: {
      'api.yaml': doc3('3.1.0', '        "200": { $ref: "./responses.yaml#/Ok" }\n'),
      'responses.yaml': 'Ok:\n  description: OK\n',
    },
    expect: [{ file: 'responses.yaml', pointer: '/Ok', line: 0 }],
  },
  {
    name: 'suppressed by a comment',
    files: doc3('3.1.0', '        # api-guard-ignore limit-rate-limit-headers -- limits are published in the portal\n        "200": { description: OK }\n'),
    expect: [],
    suppressed: [{ pointer: '/paths/~1orders/get/responses/200' }],
  },
]);
