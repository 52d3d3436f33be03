import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const header = (version: string) => (version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`);

const doc = (version: string, operations: string) => `${header(version)}
info: { title: Shop, version: "1" }
paths:
${operations}`;

const perVersion: RuleCase[] = ['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `${version}: only error responses`,
  files: doc(
    version,
    `  /orders:
    post:
      responses:
        "400": { description: Invalid }
        "500": { description: Failure }
    get:
      responses:
        "200": { description: OK }
    delete:
      responses:
        "302": { description: Moved }
`,
  ),
  expect: [
    {
      pointer: '/paths/~1orders/post/responses',
      severity: 'warning' as const,
      message: 'POST /orders documents no success response',
      line: 5,
      data: { method: 'post', path: '/orders' },
    },
  ],
}));

ruleTable('doc-response-success', [
  ...perVersion,
  {
    name: 'ranges and default count as success',
    files: doc(
      '3.1.0',
      '  /a:\n    get:\n      responses:\n        2XX: { description: OK }\n  /b:\n    get:\n      responses:\n        default: { description: Any }\n  /c:\n    get:\n      responses:\n        3XX: { description: Redirect }\n',
    ),
    expect: [],
  },
  {
    name: 'no responses at all (allowed since 3.1, still undocumented)',
    files: doc('3.1.0', '  /orders:\n    get:\n      summary: List orders\n'),
    expect: [{ pointer: '/paths/~1orders/get', message: 'documents no responses at all' }],
  },
  {
    name: 'responses through $ref in another file',
    files: {
      'api.yaml': doc('3.0.3', '  /orders:\n    get:\n      responses:\n        $ref: "./responses.yaml#/listResponses"\n'),
      'responses.yaml': 'listResponses:\n  "404": { description: Not found }\n',
    },
    expect: [{ file: 'api.yaml', pointer: '/paths/~1orders/get/responses' }],
  },
  {
    name: 'multi-file: the finding is in the path item file',
    files: {
      'api.yaml': doc('2.0', '  /orders:\n    $ref: "./orders.yaml"\n'),
      'orders.yaml': 'get:\n  responses:\n    "401": { description: Unauthorised }\n',
    },
    expect: [{ file: 'orders.yaml', pointer: '/get/responses', line: 1 }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: { 404: { description: 'x' } } } } } }, null, 2),
    expect: [{ pointer: '/paths/~1orders/get/responses', line: 9 }],
  },
  {
    name: 'suppressed',
    files: doc(
      '3.0.3',
      `  /fire:
    post:
      # api-guard-ignore doc-response-success -- fire-and-forget endpoint
      responses:
        "400": { description: Invalid }
  /other:
    post:
      x-api-guard-ignore: [doc-response-success]
      responses:
        "400": { description: Invalid }
`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1fire/post/responses' }, { pointer: '/paths/~1other/post/responses' }],
  },
]);
