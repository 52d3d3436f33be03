import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleFixes } from '../../../server/src/core/fixes/computeFixes';
import { fixTable } from '../helpers/fixTable';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-missing-403';
type Version = '2.0' | '3.0' | '3.1' | '3.2';
const VERSIONS: Version[] = ['2.0', '3.0', '3.1', '3.2'];

/** `oauth` with scopes read and write, and an API key `key`. */
function spec(version: Version, paths: string, root = '', extra = ''): string {
  const schemes =
    version === '2.0'
      ? 'securityDefinitions:\n  oauth: { type: oauth2, flow: application, tokenUrl: "https://a.example.com/t", scopes: { read: R, write: W } }\n  key: { type: apiKey, name: X-Key, in: header }\n'
      : `components:\n  securitySchemes:\n    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: "https://a.example.com/t", scopes: { read: R, write: W } } } }\n    key: { type: apiKey, name: X-Key, in: header }\n${extra}`;
  return `${version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}.0`}\ninfo: { title: Shop, version: "1" }\n${schemes}${root}paths:\n${paths}`;
}

const responses = (...codes: string[]): string => `      responses:\n${codes.map((code) => `        ${code}: { description: x }\n`).join('')}`;

const perVersion = (version: Version): RuleCase[] => [
  {
    name: `${version}: operations requiring scopes, own or inherited, without 403`,
    files: spec(
      version,
      `  /orders:\n    get:\n${responses('"200"', '"401"')}    post:\n      security:\n        - oauth: [write]\n        - key: []\n${responses('"201"', 'default')}`,
      'security:\n  - oauth: [read]\n',
    ),
    expect: [
      { pointer: '/paths/~1orders/get', severity: 'info', message: 'GET /orders requires scopes (read) but documents no 403 response' },
      { pointer: '/paths/~1orders/post', message: 'POST /orders requires scopes (write)' },
    ],
  },
  {
    name: `${version}: a 403, no scopes, or an optional requirement`,
    files: spec(
      version,
      `  /a:\n    get:\n      security:\n        - oauth: [read]\n${responses('"200"', '403')}  /b:\n    get:\n      security:\n        - key: []\n        - oauth: []\n${responses('"200"')}  /c:\n    get:\n      security:\n        - oauth: [read]\n        - {}\n${responses('"200"')}`,
    ),
    expect: [],
  },
];

ruleTable(RULE, [
  ...VERSIONS.flatMap(perVersion),
  {
    name: '3.x: a 4XX range covers 403',
    files: spec('3.0', `  /a:\n    get:\n      security:\n        - oauth: [read]\n${responses('"200"', '"4XX"')}`),
    expect: [],
  },
  {
    name: '2.0: a 4XX key does not count',
    files: spec('2.0', `  /a:\n    get:\n      security:\n        - oauth: [read]\n${responses('"200"', '"4XX"')}`),
    expect: [{ pointer: '/paths/~1a/get' }],
  },
  {
    name: '3.1: role lists on a non-OAuth scheme are scopes too',
    files: spec('3.1', `  /a:\n    delete:\n      security:\n        - key: [admin]\n${responses('"204"')}`),
    expect: [{ pointer: '/paths/~1a/delete', message: '(admin)' }],
  },
  {
    name: '2.0 and 3.0: a list on a non-OAuth scheme is not read as scopes; an undefined scheme neither',
    files: spec('3.0', `  /a:\n    delete:\n      security:\n        - key: [admin]\n${responses('"204"')}    put:\n      security:\n        - ghost: [admin]\n${responses('"204"')}`),
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        swagger: '2.0',
        info: { title: 'x', version: '1' },
        securityDefinitions: { o: { type: 'oauth2', flow: 'application', tokenUrl: 'https://a.example.com/t', scopes: { r: 'R' } } },
        paths: { '/a': { get: { security: [{ o: ['r'] }], responses: { '200': { description: 'OK' } } } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1a/get', line: 18 }],
  },
  {
    name: 'multi-file: an operation in another file',
    files: {
      'api.yaml': spec('3.2', '  /orders:\n    $ref: "orders.yaml#/orders"\n', 'security:\n  - oauth: [read]\n'),
      'orders.yaml': 'orders:\n  get:\n    responses:\n      "200": { description: OK }\n  delete:\n    responses:\n      "204": { description: Deleted }\n      "403": { description: Not yours }\n',
    },
    expect: [{ pointer: '/orders/get', file: 'orders.yaml', line: 1 }],
  },
  {
    name: 'suppressed by a comment and by x-api-guard-ignore',
    files: spec(
      '3.1',
      `  /a:\n    # api-guard-ignore auth-missing-403 -- scopes are informational\n    get:\n${responses('"200"')}    put:\n      x-api-guard-ignore: [auth-missing-403]\n${responses('"200"')}`,
      'security:\n  - oauth: [read]\n',
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1a/get' }, { pointer: '/paths/~1a/put' }],
  },
]);

describe(`${RULE} data`, () => {
  it('lists the scopes and how the document writes errors', () => {
    const files = spec(
      '3.0',
      `  /a:\n    get:\n      security:\n        - oauth: [read, write]\n        - oauth: [read]\n${responses('"200"')}    put:\n      responses:\n        "400": { description: Bad, content: { application/json: { schema: { type: object } } } }\n        "403": { $ref: "#/components/responses/Forbidden" }\n`,
      '',
      '  responses:\n    Forbidden: { description: Missing permission }\n',
    );
    const { findings } = lintFiles(files, { only: [RULE] });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].data, {
      method: 'get',
      path: '/a',
      scopes: ['read', 'write'],
      errorContent: true,
      hasResponses: true,
      version: '3.0',
      errorMediaType: 'application/json',
      reusableResponse: '#/components/responses/Forbidden',
    });
  });
});

const FORBIDDEN = '"Forbidden: the credentials do not grant the permission this operation requires"';
const scoped = '      security:\n        - oauth: [write]\n';

fixTable(RULE, [
  {
    name: '3.1 block YAML: inserted after the nearest lower status',
    files: spec('3.1', `  /orders:\n    post:\n${scoped}${responses('"201"', '"401"', 'default')}`),
    offered: ['Add a 403 response'],
    after: spec('3.1', `  /orders:\n    post:\n${scoped}${responses('"201"', '"401"')}        "403":\n          description: ${FORBIDDEN}\n        default: { description: x }\n`),
  },
  {
    name: '3.0 flow-style responses with plain keys',
    files: spec('3.0', `  /orders:\n    post:\n${scoped}      responses: {201: {description: Created}}\n`),
    after: spec('3.0', `  /orders:\n    post:\n${scoped}      responses: {201: {description: Created}, 403: { description: ${FORBIDDEN} }}\n`),
  },
  {
    name: '3.2: a reusable Forbidden response is referred to',
    files: spec('3.2', `  /orders:\n    post:\n${scoped}${responses('"201"')}`, '', '  responses:\n    forbidden: { description: Missing scope }\n'),
    offered: ['Add a 403 response that refers to "forbidden"'],
    after: spec('3.2', `  /orders:\n    post:\n${scoped}${responses('"201"')}        "403":\n          $ref: "#/components/responses/forbidden"\n`, '', '  responses:\n    forbidden: { description: Missing scope }\n'),
  },
  {
    name: '2.0 YAML with CRLF line endings',
    files: spec('2.0', `  /orders:\n    post:\n${scoped}${responses('"201"', '"404"')}`).replace(/\n/g, '\r\n'),
    after: spec('2.0', `  /orders:\n    post:\n${scoped}${responses('"201"')}        "403":\n          description: ${FORBIDDEN}\n        "404": { description: x }\n`).replace(/\n/g, '\r\n'),
  },
  {
    name: '3.1 JSON',
    files: '{"openapi": "3.1.0", "info": {"title": "Shop", "version": "1"}, "components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a.example.com/t", "scopes": {"write": "W"}}}}}}, "security": [{"oauth": ["write"]}], "paths": {"/orders": {"post": {"responses": {"201": {"description": "Created"}}}}}}',
    after: '{"openapi": "3.1.0", "info": {"title": "Shop", "version": "1"}, "components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a.example.com/t", "scopes": {"write": "W"}}}}}}, "security": [{"oauth": ["write"]}], "paths": {"/orders": {"post": {"responses": {"201": {"description": "Created"}, "403": {"description":"Forbidden: the credentials do not grant the permission this operation requires"}}}}}}',
  },
  {
    name: 'multi-file: the response is added to the path file, the error schema reference rebased onto it',
    files: {
      'api.yaml': spec('3.1', '  /orders:\n    $ref: "./paths/orders.yaml"\n  /items:\n    get:\n      responses:\n        "404":\n          description: Missing\n          content:\n            application/json:\n              schema: { $ref: "#/components/schemas/Error" }\n', 'security:\n  - oauth: [read]\n', '  schemas:\n    Error: { type: object }\n'),
      'paths/orders.yaml': `post:\n${scoped.replace(/^ {4}/gm, '')}  responses:\n    "201": { description: Created }\n`,
    },
    pointer: '/post',
    after: {
      'paths/orders.yaml': `post:\n${scoped.replace(/^ {4}/gm, '')}  responses:\n    "201": { description: Created }\n    "403":\n      description: ${FORBIDDEN}\n      content:\n        application/json:\n          schema:\n            $ref: ../api.yaml#/components/schemas/Error\n`,
    },
  },
]);

describe(`${RULE} quick fix choices`, () => {
  it('is preferred and safe', () => {
    const outcome = lintFiles(spec('3.1', `  /orders:\n    post:\n${scoped}${responses('"201"')}`), { only: [RULE] });
    assert.deepEqual(ruleFixes(outcome.analysis, outcome.findings[0]).map((p) => [p.title, p.isPreferred, p.safe]), [['Add a 403 response', true, true]]);
  });
});
