import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleFixes } from '../../../server/src/core/fixes/computeFixes';
import { fixTable } from '../helpers/fixTable';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-missing-401';
type Version = '2.0' | '3.0' | '3.1' | '3.2';
const VERSIONS: Version[] = ['2.0', '3.0', '3.1', '3.2'];

/** A document protected at the root by the API key scheme `key`, unless `root` says otherwise. */
function spec(version: Version, paths: string, root = 'security:\n  - key: []\n', extra = ''): string {
  const schemes =
    version === '2.0'
      ? 'securityDefinitions:\n  key: { type: apiKey, name: X-Key, in: header }\n'
      : `components:\n  securitySchemes:\n    key: { type: apiKey, name: X-Key, in: header }\n${extra}`;
  return `${version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}.0`}\ninfo: { title: Shop, version: "1" }\n${schemes}${root}paths:\n${paths}`;
}

const responses = (...codes: string[]): string => `      responses:\n${codes.map((code) => `        ${code}: { description: x }\n`).join('')}`;

const perVersion = (version: Version): RuleCase[] => [
  {
    name: `${version}: protected operations without 401, 4XX or default`,
    files: spec(version, `  /orders:\n    get:\n${responses('"200"')}    post:\n${responses('"201"', '"400"', '"403"')}`),
    expect: [
      { pointer: '/paths/~1orders/get', severity: 'warning', message: 'GET /orders requires authentication but documents no 401 response' },
      { pointer: '/paths/~1orders/post', message: 'POST /orders' },
    ],
  },
  {
    name: `${version}: 401 (quoted or not), default, or an unprotected operation`,
    files: spec(
      version,
      `  /a:\n    get:\n${responses('"200"', '"401"')}  /b:\n    get:\n${responses('"200"', '401')}  /c:\n    get:\n${responses('"200"', 'default')}  /d:\n    get:\n      security: []\n${responses('"200"')}`,
    ),
    expect: [],
  },
];

ruleTable(RULE, [
  ...VERSIONS.flatMap(perVersion),
  {
    name: '3.x: a 4XX range covers 401 (also written 4xx)',
    files: spec('3.1', `  /a:\n    get:\n${responses('"200"', '"4XX"')}  /b:\n    get:\n${responses('"200"', '"4xx"')}`),
    expect: [],
  },
  {
    name: '2.0: a 4XX key is not a 2.0 construct and does not count',
    files: spec('2.0', `  /a:\n    get:\n${responses('"200"', '"4XX"')}`),
    expect: [{ pointer: '/paths/~1a/get' }],
  },
  {
    name: '3.1: an operation without responses',
    files: spec('3.1', '  /a:\n    get:\n      operationId: getA\n'),
    expect: [{ pointer: '/paths/~1a/get' }],
  },
  {
    name: 'operation-level security protects an operation of an otherwise public API',
    files: spec('3.0', `  /a:\n    get:\n${responses('"200"')}    put:\n      security:\n        - key: []\n${responses('"200"')}`, ''),
    expect: [{ pointer: '/paths/~1a/put' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        openapi: '3.2.0',
        info: { title: 'x', version: '1' },
        security: [{ key: [] }],
        components: { securitySchemes: { key: { type: 'apiKey', name: 'k', in: 'header' } } },
        paths: { '/a': { get: { responses: { '200': { description: 'OK' } } } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1a/get', line: 22 }],
  },
  {
    name: 'multi-file: operations in another file, one with a referenced 401',
    files: {
      'api.yaml': spec('3.1', '  /orders:\n    $ref: "orders.yaml"\n', 'security:\n  - key: []\n', '  responses:\n    Unauthorized: { description: Log in first }\n'),
      'orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n    "401": { $ref: "api.yaml#/components/responses/Unauthorized" }\npost:\n  responses:\n    "201": { description: Created }\n',
    },
    expect: [{ pointer: '/post', file: 'orders.yaml', line: 4 }],
  },
  {
    name: 'suppressed by a comment above the method and by x-api-guard-ignore on a path item',
    files: spec(
      '2.0',
      `  /a:\n    # api-guard-ignore auth-missing-401 -- the gateway answers 401 for every route\n    get:\n${responses('"200"')}  /b:\n    x-api-guard-ignore: [auth-missing-401]\n    get:\n${responses('"200"')}  /c:\n    get:\n${responses('"200"')}`,
    ),
    expect: [{ pointer: '/paths/~1c/get' }],
    suppressed: [{ pointer: '/paths/~1a/get' }, { pointer: '/paths/~1b/get' }],
  },
  {
    name: 'suppressed everywhere by x-api-guard-ignore at the root',
    files: 'x-api-guard-ignore: [auth-missing-401]\n' + spec('3.0', `  /a:\n    get:\n${responses('"200"')}`),
    expect: [],
    suppressed: [{ pointer: '/paths/~1a/get' }],
  },
]);

describe(`${RULE} data`, () => {
  it('tells the fix how the document writes its errors (3.x)', () => {
    const files = spec(
      '3.1',
      `  /a:\n    get:\n${responses('"200"')}    post:\n      responses:\n        "400":\n          description: Bad\n          content:\n            application/problem+json: { schema: { type: object } }\n        "401": { $ref: "#/components/responses/Unauthorized" }\n`,
      'security:\n  - key: []\n',
      '  responses:\n    Unauthorized: { description: Log in first }\n',
    );
    const { findings } = lintFiles(files, { only: [RULE] });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].data, {
      method: 'get',
      path: '/a',
      errorContent: true,
      hasResponses: true,
      version: '3.1',
      errorMediaType: 'application/problem+json',
      reusableResponse: '#/components/responses/Unauthorized',
    });
  });

  it('reports errorContent false when no error response has a body (2.0 schema)', () => {
    const { findings } = lintFiles(spec('2.0', `  /a:\n    get:\n${responses('"200"', '"404"')}`), { only: [RULE] });
    assert.deepEqual(findings[0].data, { method: 'get', path: '/a', errorContent: false, hasResponses: true, version: '2.0' });
  });

  it('finds a 2.0 error body by its schema and a reusable 2.0 response', () => {
    const files =
      spec('2.0', `  /a:\n    get:\n      responses:\n        "200": { description: OK }\n        "404": { description: Missing, schema: { type: object } }\n`) +
      'responses:\n  "401": { description: Log in first }\n';
    const { findings } = lintFiles(files, { only: [RULE] });
    assert.equal(findings[0].data?.errorContent, true);
    assert.equal(findings[0].data?.reusableResponse, '#/responses/401');
  });
});

const UNAUTHORIZED = '"Unauthorized: the credentials are missing, invalid or expired"';

fixTable(RULE, [
  {
    name: '3.1 block YAML: inserted between the lower and the higher status, quoted like them',
    files: spec('3.1', `  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n        "404": { description: Missing }\n`),
    offered: ['Add a 401 response'],
    after: spec('3.1', `  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n        "401":\n          description: ${UNAUTHORIZED}\n        "404": { description: Missing }\n`),
  },
  {
    name: '3.0: plain status keys stay plain; with only higher statuses it goes first, above their comments',
    files: spec('3.0', `  /orders:\n    get:\n      responses:\n        # the order is unknown\n        404: { description: Missing }\n        500: { description: Broken }\n`),
    after: spec('3.0', `  /orders:\n    get:\n      responses:\n        401:\n          description: ${UNAUTHORIZED}\n        # the order is unknown\n        404: { description: Missing }\n        500: { description: Broken }\n`),
  },
  {
    name: '3.2 flow-style responses',
    files: spec('3.2', `  /orders:\n    get: {responses: {'200': {description: OK}}}\n`),
    after: spec('3.2', `  /orders:\n    get: {responses: {'200': {description: OK}, '401': { description: ${UNAUTHORIZED} }}}\n`),
  },
  {
    name: '3.1: the media type and schema of the other error responses are reused',
    files: spec(
      '3.1',
      `  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n    post:\n      responses:\n        "201": { description: Created }\n        "400":\n          description: Bad\n          content:\n            application/problem+json:\n              schema: { $ref: "#/components/schemas/Problem" }\n        "401": { description: No }\n`,
      'security:\n  - key: []\n',
      '  schemas:\n    Problem: { type: object }\n',
    ),
    after: spec(
      '3.1',
      `  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n        "401":\n          description: ${UNAUTHORIZED}\n          content:\n            application/problem+json:\n              schema:\n                $ref: "#/components/schemas/Problem"\n    post:\n      responses:\n        "201": { description: Created }\n        "400":\n          description: Bad\n          content:\n            application/problem+json:\n              schema: { $ref: "#/components/schemas/Problem" }\n        "401": { description: No }\n`,
      'security:\n  - key: []\n',
      '  schemas:\n    Problem: { type: object }\n',
    ),
  },
  {
    name: '3.0: a reusable Unauthorized response is referred to',
    files: spec('3.0', `  /orders:\n    get:\n${responses('"200"')}`, 'security:\n  - key: []\n', '  responses:\n    Unauthorized: { description: Log in first }\n'),
    offered: ['Add a 401 response that refers to "Unauthorized"'],
    after: spec('3.0', `  /orders:\n    get:\n${responses('"200"')}        "401":\n          $ref: "#/components/responses/Unauthorized"\n`, 'security:\n  - key: []\n', '  responses:\n    Unauthorized: { description: Log in first }\n'),
  },
  {
    name: '2.0 JSON: the schema of the other errors is reused',
    files: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "securityDefinitions": {"key": {"type": "apiKey", "name": "X-Key", "in": "header"}},\n  "security": [{"key": []}],\n  "paths": {\n    "/orders": {\n      "get": {\n        "responses": {\n          "200": {"description": "OK"},\n          "404": {"description": "Missing", "schema": {"$ref": "#/definitions/Error"}}\n        }\n      }\n    }\n  },\n  "definitions": {"Error": {"type": "object"}}\n}\n',
    after: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "securityDefinitions": {"key": {"type": "apiKey", "name": "X-Key", "in": "header"}},\n  "security": [{"key": []}],\n  "paths": {\n    "/orders": {\n      "get": {\n        "responses": {\n          "200": {"description": "OK"},\n          "401": {\n            "description": "Unauthorized: the credentials are missing, invalid or expired",\n            "schema": {\n              "$ref": "#/definitions/Error"\n            }\n          },\n          "404": {"description": "Missing", "schema": {"$ref": "#/definitions/Error"}}\n        }\n      }\n    }\n  },\n  "definitions": {"Error": {"type": "object"}}\n}\n',
  },
  {
    name: '2.0 YAML with CRLF line endings',
    files: spec('2.0', `  /orders:\n    delete:\n${responses('"204"')}`).replace(/\n/g, '\r\n'),
    after: spec('2.0', `  /orders:\n    delete:\n${responses('"204"')}        "401":\n          description: ${UNAUTHORIZED}\n`).replace(/\n/g, '\r\n'),
  },
  {
    name: '3.1: an operation without responses gets them',
    files: spec('3.1', '  /orders:\n    get:\n      summary: List orders\n'),
    after: spec('3.1', `  /orders:\n    get:\n      summary: List orders\n      responses:\n        "401":\n          description: ${UNAUTHORIZED}\n`),
  },
  {
    name: 'multi-file: the response is added in the fragment, its $ref rebased onto the root file',
    files: {
      'api.yaml': spec('3.1', '  /orders:\n    $ref: "paths/orders.yaml"\n', 'security:\n  - key: []\n', '  responses:\n    Unauthorized: { description: Log in first }\n'),
      'paths/orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n',
    },
    after: { 'paths/orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n    "401":\n      $ref: ../api.yaml#/components/responses/Unauthorized\n' },
  },
]);

describe(`${RULE} quick fix choices`, () => {
  it('is preferred and safe', () => {
    const outcome = lintFiles(spec('3.1', `  /orders:\n    get:\n${responses('"200"')}`), { only: [RULE] });
    assert.deepEqual(ruleFixes(outcome.analysis, outcome.findings[0]).map((p) => [p.isPreferred, p.safe]), [[true, true]]);
  });
});
