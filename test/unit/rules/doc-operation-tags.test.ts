import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const header = (version: string) => (version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`);

const doc = (version: string, operations: string) => `${header(version)}
info: { title: Shop, version: "1" }
paths:
${operations}`;

const perVersion: RuleCase[] = ['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `${version}: untagged and empty-tagged operations`,
  files: doc(
    version,
    `  /orders:
    get:
      responses:
        "200": { description: OK }
    post:
      tags: []
      responses:
        "201": { description: Created }
    delete:
      tags: [orders]
      responses:
        "204": { description: Deleted }
`,
  ),
  expect: [
    { pointer: '/paths/~1orders/get', severity: 'info' as const, message: 'GET /orders has no tags', line: 4, data: { method: 'get', path: '/orders' } },
    { pointer: '/paths/~1orders/post', message: 'POST /orders has no tags' },
  ],
}));

ruleTable('doc-operation-tags', [
  ...perVersion,
  {
    name: 'tagged operations',
    files: doc('3.1.0', '  /orders:\n    get:\n      tags: [orders]\n      responses: { "200": { description: OK } }\n'),
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: {} } } } }, null, 2),
    expect: [{ pointer: '/paths/~1orders/get', line: 8 }],
  },
  {
    name: 'multi-file: finding in the path item file',
    files: {
      'api.yaml': doc('2.0', '  /orders:\n    $ref: "./orders.yaml"\n'),
      'orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'orders.yaml', pointer: '/get', line: 0 }],
  },
  {
    name: 'suppressed',
    files: doc(
      '3.0.3',
      `  /health:
    get: # api-guard-ignore doc-operation-tags -- internal health check
      responses: { "200": { description: OK } }
  /metrics:
    x-api-guard-ignore: [doc-operation-tags]
    get:
      responses: { "200": { description: OK } }
`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1health/get' }, { pointer: '/paths/~1metrics/get' }],
  },
]);
