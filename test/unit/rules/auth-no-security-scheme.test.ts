import { fixTable } from '../helpers/fixTable';
import { ruleTable } from '../helpers/ruleTable';

const ops3 = (version: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /orders:
    get:
      responses:
        "200": { description: OK }
`;

ruleTable('auth-no-security-scheme', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version} without schemes`,
    files: ops3(version),
    expect: [{ pointer: '/openapi', message: '1 operation(s) but defines no security scheme', severity: 'error' as const }],
  })),
  {
    name: 'Swagger 2.0 without securityDefinitions',
    files: `swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n`,
    expect: [{ pointer: '/swagger' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: {} } }, '/b': { post: { responses: {} } } } }, null, 2),
    expect: [{ pointer: '/openapi', message: '2 operation(s)', line: 1 }],
  },
  {
    name: 'a scheme is defined (3.x)',
    files: ops3('3.1.0') + 'components:\n  securitySchemes:\n    bearer: { type: http, scheme: bearer }\n',
    expect: [],
  },
  {
    name: 'a scheme is defined in a referenced file',
    files: {
      'api.yaml': ops3('3.0.3') + 'components:\n  securitySchemes:\n    bearer:\n      $ref: "./schemes.yaml#/bearer"\n',
      'schemes.yaml': 'bearer:\n  type: http\n  scheme: bearer\n',
    },
    expect: [],
  },
  {
    name: 'a scheme is defined (2.0)',
    files: `swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nsecurityDefinitions:\n  key: { type: apiKey, name: X-Key, in: header }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n`,
    expect: [],
  },
  { name: 'no operations', files: 'openapi: 3.1.0\ninfo: { title: x, version: "1" }\npaths: {}\n', expect: [] },
  {
    name: 'suppressed by x-api-guard-ignore at the root',
    files: ops3('3.1.0') + 'x-api-guard-ignore: [auth-no-security-scheme]\n',
    expect: [],
    suppressed: [{ pointer: '/openapi' }],
  },
  {
    name: 'suppressed by a comment above',
    files: '# api-guard-ignore auth-no-security-scheme -- internal prototype\n' + ops3('3.1.0'),
    expect: [],
    suppressed: [{ pointer: '/openapi' }],
  },
  {
    name: 'switched off in settings',
    files: ops3('3.1.0'),
    settings: { rules: { 'auth-no-security-scheme': 'off' } },
    expect: [],
  },
]);

fixTable('auth-no-security-scheme', [
  {
    name: 'OAS 3.1 YAML without components',
    files: 'openapi: 3.1.0\ninfo:\n  title: Shop\n  version: "1"\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n',
    after: 'openapi: 3.1.0\ninfo:\n  title: Shop\n  version: "1"\nsecurity:\n  - bearerAuth: []\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\ncomponents:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n',
  },
  {
    name: 'OAS 3.0 with components but no securitySchemes, root security kept',
    files: 'openapi: 3.0.3\ninfo: {title: Shop, version: "1"}\nsecurity: []\npaths:\n  /a:\n    get:\n      responses: {}\ncomponents:\n    schemas: {}\n',
    after: 'openapi: 3.0.3\ninfo: {title: Shop, version: "1"}\nsecurity: []\npaths:\n  /a:\n    get:\n      responses: {}\ncomponents:\n    schemas: {}\n    securitySchemes:\n      bearerAuth:\n        type: http\n        scheme: bearer\n        bearerFormat: JWT\n',
  },
  {
    name: 'Swagger 2.0 JSON',
    files: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "paths": {"/a": {"get": {"responses": {}}}}\n}\n',
    after: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "security": [\n    {\n      "bearerAuth": []\n    }\n  ],\n  "paths": {"/a": {"get": {"responses": {}}}},\n  "securityDefinitions": {\n    "bearerAuth": {\n      "type": "apiKey",\n      "name": "Authorization",\n      "in": "header",\n      "description": "JWT bearer token: \\"Bearer <token>\\""\n    }\n  }\n}\n',
  },
]);
