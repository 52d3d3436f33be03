import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const header = (version: string) => (version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`);

const doc = (version: string, operations: string) => `${header(version)}
info: { title: Shop, version: "1" }
paths:
${operations}`;

const perVersion: RuleCase[] = ['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `${version}: an operation without client errors`,
  files: doc(
    version,
    `  /orders:
    post:
      responses:
        "201": { description: Created }
        "500": { description: Failure }
    get:
      responses:
        "200": { description: OK }
        "404": { description: Not found }
`,
  ),
  expect: [
    {
      pointer: '/paths/~1orders/post/responses',
      severity: 'warning' as const,
      message: 'POST /orders documents no 4xx response',
      line: 5,
      data: { method: 'post', path: '/orders' },
    },
  ],
}));

ruleTable('doc-error-responses', [
  ...perVersion,
  {
    name: '4XX and default count',
    files: doc(
      '3.1.0',
      '  /a:\n    get:\n      responses:\n        "200": { description: OK }\n        4XX: { description: Client error }\n  /b:\n    get:\n      responses:\n        "200": { description: OK }\n        default: { description: Error }\n',
    ),
    expect: [],
  },
  {
    name: 'no responses at all',
    files: doc('3.2.0', '  /orders:\n    get:\n      summary: List orders\n'),
    expect: [{ pointer: '/paths/~1orders/get' }],
  },
  {
    name: 'a 4xx response through $ref counts',
    files: {
      'api.yaml': doc('3.0.3', '  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n        "404":\n          $ref: "./responses.yaml#/NotFound"\n'),
      'responses.yaml': 'NotFound:\n  description: Not found\n',
    },
    expect: [],
  },
  {
    name: 'multi-file: the finding is in the path item file',
    files: {
      'api.yaml': doc('3.1.0', '  /orders:\n    $ref: "./orders.yaml"\n'),
      'orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'orders.yaml', pointer: '/get/responses', line: 1 }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ swagger: '2.0', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: { 200: { description: 'OK' } } } } } }, null, 2),
    expect: [{ pointer: '/paths/~1orders/get/responses', line: 9 }],
  },
  {
    name: 'suppressed',
    files: doc(
      '3.0.3',
      `  /static:
    get:
      responses: # api-guard-ignore doc-error-responses -- the CDN answers errors
        "200": { description: OK }
  /other:
    x-api-guard-ignore: [doc-error-responses]
    get:
      responses:
        "200": { description: OK }
`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1static/get/responses' }, { pointer: '/paths/~1other/get/responses' }],
  },
]);
