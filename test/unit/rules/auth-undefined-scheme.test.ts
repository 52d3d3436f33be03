import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleFixes } from '../../../server/src/core/fixes/computeFixes';
import { fixTable } from '../helpers/fixTable';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-undefined-scheme';
type Version = '2.0' | '3.0' | '3.1' | '3.2';
const VERSIONS: Version[] = ['2.0', '3.0', '3.1', '3.2'];

/** A document with the schemes `bearerAuth` (3.x: http bearer; 2.0: apiKey) and `oauth`. */
function spec(version: Version, paths: string | undefined, root = ''): string {
  const head = version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}.0`;
  const schemes =
    version === '2.0'
      ? 'securityDefinitions:\n  bearerAuth: { type: apiKey, name: Authorization, in: header }\n  oauth: { type: oauth2, flow: application, tokenUrl: "https://a.example.com/t", scopes: { read: Read } }\n'
      : 'components:\n  securitySchemes:\n    bearerAuth: { type: http, scheme: bearer }\n    oauth:\n      type: oauth2\n      flows:\n        clientCredentials: { tokenUrl: "https://a.example.com/t", scopes: { read: Read } }\n';
  return `${head}\ninfo: { title: Shop, version: "1" }\n${schemes}${root}${paths === undefined ? 'paths: {}\n' : `paths:\n${paths}`}`;
}

const ok = '      responses:\n        "200": { description: OK }\n';

const perVersion = (version: Version): RuleCase[] => [
  {
    name: `${version}: a typo in the root list and an unknown name in an operation`,
    files: spec(version, `  /orders:\n    get:\n${ok}    post:\n      security:\n        - jwt: []\n${ok}`, 'security:\n  - bearerAuht: []\n'),
    expect: [
      { pointer: '/security/0/bearerAuht', message: 'names "bearerAuht", which is not a defined security scheme; did you mean "bearerAuth"?' },
      { pointer: '/paths/~1orders/post/security/0/jwt', message: '"jwt", which is not a defined security scheme' },
    ],
  },
  {
    name: `${version}: defined names in root, operation and alternative requirements`,
    files: spec(version, `  /orders:\n    post:\n      security:\n        - oauth: [read]\n        - bearerAuth: []\n        - {}\n${ok}`, 'security:\n  - bearerAuth: []\n    oauth: [read]\n'),
    expect: [],
  },
];

ruleTable(RULE, [
  ...VERSIONS.flatMap(perVersion),
  {
    name: 'a root list that many operations inherit is reported once',
    files: spec('3.1', `  /a:\n    get:\n${ok}  /b:\n    get:\n${ok}`, 'security:\n  - apiKey: []\n'),
    expect: [{ pointer: '/security/0/apiKey', line: 10 }],
  },
  {
    name: 'a root list is checked even without operations',
    files: spec('3.0', undefined, 'security:\n  - Oauth: []\n'),
    expect: [{ pointer: '/security/0/Oauth', message: 'did you mean "oauth"?' }],
  },
  {
    name: 'no scheme defined at all: every name is undefined (no suggestion)',
    files: 'swagger: "2.0"\ninfo: { title: x, version: "1" }\nsecurity:\n  - key: []\npaths: {}\n',
    expect: [{ pointer: '/security/0/key', message: 'names "key", which is not a defined security scheme' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        openapi: '3.1.0',
        info: { title: 'x', version: '1' },
        components: { securitySchemes: { api_key: { type: 'apiKey', name: 'X-Key', in: 'header' } } },
        paths: { '/a': { get: { security: [{ apiKey: [] }], responses: {} } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1a/get/security/0/apiKey', message: 'did you mean "api_key"?' }],
  },
  {
    name: 'multi-file: an operation in another file names an undefined scheme',
    files: {
      'api.yaml': spec('3.2', '  /orders:\n    $ref: "paths.yaml#/orders"\n'),
      'paths.yaml': 'orders:\n  get:\n    security:\n      - basic: []\n    responses:\n      "200": { description: OK }\n',
    },
    expect: [{ pointer: '/orders/get/security/0/basic', file: 'paths.yaml', line: 3 }],
  },
  {
    name: 'multi-file: a scheme defined through $ref counts as defined',
    files: {
      'api.yaml': 'openapi: 3.0.3\ninfo: { title: x, version: "1" }\nsecurity:\n  - key: []\ncomponents:\n  securitySchemes:\n    key:\n      $ref: "schemes.yaml#/key"\npaths: {}\n',
      'schemes.yaml': 'key: { type: apiKey, name: X-Key, in: header }\n',
    },
    expect: [],
  },
  {
    name: 'an unresolvable securitySchemes container keeps the rule quiet',
    files: 'openapi: 3.1.0\ninfo: { title: x, version: "1" }\nsecurity:\n  - key: []\ncomponents:\n  securitySchemes:\n    $ref: "missing.yaml"\npaths: {}\n',
    expect: [],
  },
  {
    name: 'suppressed by a trailing comment and by x-api-guard-ignore on the operation',
    files: spec(
      '2.0',
      `  /orders:\n    get:\n      security:\n        - legacy: []  # api-guard-ignore auth-undefined-scheme -- gateway adds it\n${ok}    post:\n      x-api-guard-ignore: [auth-undefined-scheme]\n      security:\n        - legacy: []\n${ok}`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1orders/get/security/0/legacy' }, { pointer: '/paths/~1orders/post/security/0/legacy' }],
  },
]);

describe(`${RULE} data and related locations`, () => {
  it('gives the suggestion, the defined names, and links to the suggested scheme', () => {
    const { findings } = lintFiles(spec('3.1', undefined, 'security:\n  - OAuth: []\n'), { only: [RULE] });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].data, { name: 'OAuth', suggestion: 'oauth', defined: ['bearerAuth', 'oauth'] });
    assert.deepEqual(findings[0].related?.map((item) => [item.range.start.line, item.message]), [[5, 'Security scheme "oauth" is defined here']]);
  });

  it('omits the suggestion when no defined name is close', () => {
    const { findings } = lintFiles(spec('2.0', undefined, 'security:\n  - petstore_auth: []\n'), { only: [RULE] });
    assert.deepEqual(findings[0].data, { name: 'petstore_auth', defined: ['bearerAuth', 'oauth'] });
    assert.equal(findings[0].related, undefined);
  });
});

fixTable(RULE, [
  {
    name: '3.1 block YAML: the root requirement is renamed to the close name',
    files: spec('3.1', undefined, 'security:\n  - bearerAuht: []\n'),
    offered: ['Rename "bearerAuht" to "bearerAuth"'],
    after: spec('3.1', undefined, 'security:\n  - bearerAuth: []\n'),
  },
  {
    name: '3.0 flow style with quoted names keeps the quotes',
    files: spec('3.0', `  /orders:\n    get: {security: [{"OAuth": [read]}], responses: {"200": {description: OK}}}\n`),
    after: spec('3.0', `  /orders:\n    get: {security: [{"oauth": [read]}], responses: {"200": {description: OK}}}\n`),
  },
  {
    name: '2.0 YAML with CRLF line endings',
    files: spec('2.0', undefined, 'security:\n  - BearerAuth: []\n').replace(/\n/g, '\r\n'),
    after: spec('2.0', undefined, 'security:\n  - bearerAuth: []\n').replace(/\n/g, '\r\n'),
  },
  {
    name: '3.2 JSON',
    files: '{\n  "openapi": "3.2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},\n  "security": [{"bearerauth": []}],\n  "paths": {}\n}\n',
    after: '{\n  "openapi": "3.2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},\n  "security": [{"bearerAuth": []}],\n  "paths": {}\n}\n',
  },
  {
    name: 'multi-file: the requirement is renamed in the path file',
    files: {
      'api.yaml': spec('3.1', '  /orders:\n    $ref: "paths.yaml#/orders"\n'),
      'paths.yaml': 'orders:\n  get:\n    security:\n      - beareAuth: []\n    responses:\n      "200": { description: OK }\n',
    },
    after: { 'paths.yaml': 'orders:\n  get:\n    security:\n      - bearerAuth: []\n    responses:\n      "200": { description: OK }\n' },
  },
]);

describe(`${RULE} quick fix limits`, () => {
  const proposalsFor = (files: string) => {
    const outcome = lintFiles(files, { only: [RULE] });
    assert.equal(outcome.findings.length, 1);
    return ruleFixes(outcome.analysis, outcome.findings[0]);
  };

  it('is preferred and safe', () => {
    assert.deepEqual(proposalsFor(spec('3.1', undefined, 'security:\n  - bearerAuht: []\n')).map((p) => [p.isPreferred, p.safe]), [[true, true]]);
  });

  it('offers nothing without a close name', () => {
    assert.deepEqual(proposalsFor(spec('3.1', undefined, 'security:\n  - petstore_auth: []\n')), []);
  });

  it('offers nothing when the requirement already names the close scheme', () => {
    assert.deepEqual(proposalsFor(spec('3.1', undefined, 'security:\n  - bearerAuth: []\n    bearerAuht: []\n')), []);
  });

  it('offers nothing when the close OAuth2 scheme does not define the listed scopes', () => {
    assert.deepEqual(proposalsFor(spec('3.0', undefined, 'security:\n  - OAuth: [write]\n')), []);
  });

  it('offers nothing when the rename would give an admin operation the credentials of ordinary ones', () => {
    const paths = `  /orders:\n    get:\n      security:\n        - bearerAuth: []\n${ok}  /admin/users:\n    delete:\n      security:\n        - bearerAut: []\n${ok}`;
    assert.deepEqual(proposalsFor(spec('3.1', paths)), []);
  });
});
