import { ruleTable } from '../helpers/ruleTable';

const on = { rules: { 'cors-origin-undefined': 'warning' as const } };

const doc3 = (version: string, responses: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /orders:
    get:
      responses:
${responses}`;

const plain = '        "200": { description: OK }\n';
const withOrigin = (name: string) => `        "200":\n          description: OK\n          headers:\n            ${name}: { schema: { type: string, enum: ["https://shop.test"] } }\n`;

ruleTable('cors-origin-undefined', [
  { name: 'off by default', files: doc3('3.1.0', plain), expect: [] },
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version} when switched on`,
    files: doc3(version, plain + '        default: { description: Error }\n'),
    settings: on,
    expect: [
      { pointer: '/paths/~1orders/get/responses/200', message: 'Response 200 documents no Access-Control-Allow-Origin header', severity: 'warning' as const, line: 6 },
      { pointer: '/paths/~1orders/get/responses/default', message: 'Response default' },
    ],
  })),
  ...['Access-Control-Allow-Origin', 'access-control-allow-origin'].map((name) => ({ name: `${name} is found`, files: doc3('3.1.0', withOrigin(name)), settings: on, expect: [] })),
  {
    name: 'the configured severity applies',
    files: doc3('3.0.3', plain),
    settings: { rules: { 'cors-origin-undefined': 'info' as const } },
    expect: [{ pointer: '/paths/~1orders/get/responses/200', severity: 'info' as const }],
  },
  {
    name: 'Swagger 2.0',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: OK\n          headers:\n            Access-Control-Allow-Origin: { type: string }\n  /b:\n    get:\n      responses:\n        "200": { description: OK }\n',
    settings: on,
    expect: [{ pointer: '/paths/~1b/get/responses/200' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'OK' } } } } } }, null, 2),
    settings: on,
    expect: [{ pointer: '/paths/~1a/get/responses/200', line: 10 }],
  },
  {
    name: 'a shared response in another file is reported once there',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { $ref: "./responses.yaml#/Ok" }\n  /b:\n    get:\n      responses:\n        "200": { $ref: "./responses.yaml#/Ok" }\n',
      'responses.yaml': 'Ok:\n  description: OK\n',
    },
    settings: on,
    expect: [{ file: 'responses.yaml', pointer: '/Ok', line: 0 }],
  },
  {
    name: 'suppressed',
    files: doc3('3.1.0', '        # api-guard-ignore cors-origin-undefined -- server-to-server only\n' + plain),
    settings: on,
    expect: [],
    suppressed: [{ pointer: '/paths/~1orders/get/responses/200' }],
  },
]);
