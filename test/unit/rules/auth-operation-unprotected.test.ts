import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleFixes } from '../../../server/src/core/fixes/computeFixes';
import { setLocale } from '../../../server/src/core/l10n/messages';
import { fixTable } from '../helpers/fixTable';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-operation-unprotected';
type Version = '2.0' | '3.0' | '3.1' | '3.2';
const VERSIONS: Version[] = ['2.0', '3.0', '3.1', '3.2'];

function header(version: Version): string {
  const first = version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}.0`;
  return `${first}\ninfo: { title: Shop, version: "1" }\n`;
}

/** A document of the version with one API key scheme `key` and the given root extras and paths. */
function spec(version: Version, paths: string, root = ''): string {
  const schemes =
    version === '2.0'
      ? 'securityDefinitions:\n  key: { type: apiKey, name: X-Key, in: header }\n'
      : 'components:\n  securitySchemes:\n    key: { type: apiKey, name: X-Key, in: header }\n';
  return header(version) + schemes + root + 'paths:\n' + paths;
}

const ok = '      responses:\n        "200": { description: OK }\n';

const perVersion = (version: Version): RuleCase[] => [
  {
    name: `${version}: write methods without security are errors, read methods warnings`,
    files: spec(version, `  /orders:\n    post:\n${ok}    get:\n${ok}    delete:\n${ok}    head:\n${ok}`),
    expect: [
      { pointer: '/paths/~1orders/post', severity: 'error', message: 'POST /orders has no security requirement' },
      { pointer: '/paths/~1orders/delete', severity: 'error', message: 'DELETE /orders' },
      { pointer: '/paths/~1orders/get', severity: 'warning', message: 'GET /orders has no security requirement' },
      { pointer: '/paths/~1orders/head', severity: 'warning' },
    ],
  },
  {
    name: `${version}: an operation-level empty list and an optional requirement`,
    files: spec(
      version,
      `  /orders:\n    put:\n      security: []\n${ok}    patch:\n      security:\n        - {}\n        - key: []\n${ok}`,
      'security:\n  - key: []\n',
    ),
    expect: [
      { pointer: '/paths/~1orders/put', severity: 'error', message: 'has an empty security list ([])' },
      { pointer: '/paths/~1orders/patch', severity: 'error', message: 'contains an empty requirement {}' },
    ],
  },
  {
    name: `${version}: an empty root list is inherited`,
    files: spec(version, `  /orders:\n    options:\n${ok}`, 'security: []\n'),
    expect: [{ pointer: '/paths/~1orders/options', severity: 'warning', message: 'inherits the empty root security list' }],
  },
  {
    name: `${version}: an optional root requirement is inherited`,
    files: spec(version, `  /orders:\n    post:\n${ok}`, 'security:\n  - key: []\n  - {}\n'),
    expect: [{ pointer: '/paths/~1orders/post', message: 'the root security it inherits contains an empty requirement {}' }],
  },
  {
    name: `${version}: protected by the root or by the operation, or marked public`,
    files: spec(
      version,
      `  /orders:\n    get:\n${ok}    post:\n      security:\n        - key: []\n${ok}  /health:\n    get:\n      security: []\n      x-api-guard-public: true\n${ok}`,
      'security:\n  - key: []\n',
    ),
    expect: [],
  },
  {
    name: `${version}: x-api-guard-public only counts when it is true`,
    files: spec(version, `  /health:\n    get:\n      x-api-guard-public: "yes"\n${ok}    post:\n      x-api-guard-public: false\n${ok}`),
    expect: [{ pointer: '/paths/~1health/get' }, { pointer: '/paths/~1health/post' }],
  },
];

ruleTable(RULE, [
  ...VERSIONS.flatMap(perVersion),
  {
    name: '3.x: TRACE is a safe method (warning)',
    files: spec('3.1', `  /orders:\n    trace:\n${ok}`),
    expect: [{ pointer: '/paths/~1orders/trace', severity: 'warning', message: 'TRACE /orders' }],
  },
  {
    name: '3.2: QUERY is a warning, a custom additional operation an error',
    files: spec('3.2', `  /orders:\n    query:\n${ok}    additionalOperations:\n      LINK:\n${ok.replace(/^ {6}/gm, '        ')}`),
    expect: [
      { pointer: '/paths/~1orders/query', severity: 'warning' },
      { pointer: '/paths/~1orders/additionalOperations/LINK', severity: 'error', message: 'LINK /orders' },
    ],
  },
  {
    name: '2.0: methods 2.0 does not know are not operations',
    files: spec('2.0', `  /orders:\n    trace:\n${ok}    query:\n${ok}`),
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        openapi: '3.0.3',
        info: { title: 'Shop', version: '1' },
        components: { securitySchemes: { key: { type: 'apiKey', name: 'X-Key', in: 'header' } } },
        paths: { '/orders': { post: { security: [], responses: { '201': { description: 'Created' } } }, get: { security: [{ key: [] }], responses: {} } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1orders/post', severity: 'error', message: 'empty security list', line: 17 }],
  },
  {
    name: 'multi-file: the finding is placed in the referenced path item',
    files: {
      'api.yaml': spec('3.1', '  /orders:\n    $ref: "./paths/orders.yaml"\n'),
      'paths/orders.yaml': `post:\n  security: []\n  responses:\n    "201": { description: Created }\nget:\n  security:\n    - key: []\n  responses:\n    "200": { description: OK }\n`,
    },
    expect: [{ pointer: '/post', file: 'paths/orders.yaml', line: 0, message: 'POST /orders' }],
  },
  {
    name: 'multi-file (2.0): a path item in another file inherits the root list',
    files: {
      'swagger.yaml': spec('2.0', '  /orders:\n    $ref: "orders.yaml"\n', 'security: []\n'),
      'orders.yaml': `delete:\n  responses:\n    "204": { description: Deleted }\n`,
    },
    expect: [{ pointer: '/delete', file: 'orders.yaml', message: 'inherits the empty root security list' }],
  },
  {
    name: 'suppressed by a comment above the method and by x-api-guard-ignore',
    files: spec(
      '3.0',
      `  /orders:\n    # api-guard-ignore auth-operation-unprotected -- load balancer probe\n    get:\n${ok}    post:\n      x-api-guard-ignore: [auth-operation-unprotected]\n${ok}    delete:\n${ok}`,
    ),
    expect: [{ pointer: '/paths/~1orders/delete' }],
    suppressed: [{ pointer: '/paths/~1orders/get' }, { pointer: '/paths/~1orders/post' }],
  },
  {
    name: 'suppressed for a whole path item',
    files: spec('2.0', `  /public:\n    x-api-guard-ignore: auth-operation-unprotected\n    get:\n${ok}    post:\n${ok}`),
    expect: [],
    suppressed: [{ pointer: '/paths/~1public/get' }, { pointer: '/paths/~1public/post' }],
  },
  {
    name: 'a configured severity replaces the per-method default',
    files: spec('3.1', `  /orders:\n    get:\n${ok}    post:\n${ok}`),
    settings: { rules: { [RULE]: 'info' } },
    expect: [
      { pointer: '/paths/~1orders/get', severity: 'info' },
      { pointer: '/paths/~1orders/post', severity: 'info' },
    ],
  },
]);

describe(`${RULE} data and related locations`, () => {
  it('names the defined schemes, the reason and the inherited root list', () => {
    const { findings } = lintFiles(spec('3.1', `  /orders:\n    post:\n${ok}`, 'security:\n  - {}\n'), { only: [RULE] });
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.deepEqual(finding.data, { method: 'post', path: '/orders', schemes: ['key'], reason: 'optional', securitySource: 'root', version: '3.1' });
    assert.deepEqual(
      finding.related?.map((item) => [item.range.start.line, item.message]),
      [
        [5, 'The operation inherits this root security list'],
        [6, 'This empty requirement makes authentication optional'],
      ],
    );
  });

  it('has no related location when the operation has no security at all', () => {
    const { findings } = lintFiles(spec('2.0', `  /orders:\n    get:\n${ok}`), { only: [RULE] });
    assert.equal(findings[0].related, undefined);
    assert.equal(findings[0].data?.reason, 'missing');
    assert.equal(findings[0].data?.securitySource, 'none');
  });
});

const created = '      responses:\n        "201": { description: Created }\n';

fixTable(RULE, [
  {
    name: '3.1 block YAML: one scheme, the requirement goes after the descriptive keys',
    files: spec('3.1', `  /orders:\n    post:\n      summary: Create an order\n${created}`),
    offered: ['Require "key"', 'Mark as intentionally public'],
    after: spec('3.1', `  /orders:\n    post:\n      summary: Create an order\n      security:\n        - key: []\n${created}`),
  },
  {
    name: '3.0 flow style operation',
    files: spec('3.0', '  /orders:\n    post: {operationId: createOrder, responses: {"201": {description: Created}}}\n'),
    after: spec('3.0', '  /orders:\n    post: {operationId: createOrder, security: [ { key: [] } ], responses: {"201": {description: Created}}}\n'),
  },
  {
    name: '2.0 JSON with CRLF line endings',
    files: '{\r\n  "swagger": "2.0",\r\n  "info": {"title": "Shop", "version": "1"},\r\n  "securityDefinitions": {"key": {"type": "apiKey", "name": "X-Key", "in": "header"}},\r\n  "paths": {\r\n    "/orders": {\r\n      "delete": {\r\n        "responses": {"204": {"description": "Deleted"}}\r\n      }\r\n    }\r\n  }\r\n}\r\n',
    after: '{\r\n  "swagger": "2.0",\r\n  "info": {"title": "Shop", "version": "1"},\r\n  "securityDefinitions": {"key": {"type": "apiKey", "name": "X-Key", "in": "header"}},\r\n  "paths": {\r\n    "/orders": {\r\n      "delete": {\r\n        "responses": {"204": {"description": "Deleted"}},\r\n        "security": [\r\n          {\r\n            "key": []\r\n          }\r\n        ]\r\n      }\r\n    }\r\n  }\r\n}\r\n',
  },
  {
    name: '3.1 YAML with CRLF: an own empty list gets the requirement instead of a second key',
    files: spec('3.1', `  /orders:\n    put:\n      security: []\n${created}`).replace(/\n/g, '\r\n'),
    after: spec('3.1', `  /orders:\n    put:\n      security: [{ key: [] }]\n${created}`).replace(/\n/g, '\r\n'),
  },
  {
    name: '2.0: an optional requirement {} becomes the requirement',
    files: spec('2.0', `  /orders:\n    patch:\n      security:\n        - {}\n${created}`),
    after: spec('2.0', `  /orders:\n    patch:\n      security:\n        - key: []\n${created}`),
  },
  {
    name: '3.2: {} is removed when the list already names the scheme',
    files: spec('3.2', `  /orders:\n    patch:\n      security: [{key: []}, {}]\n${created}`),
    after: spec('3.2', `  /orders:\n    patch:\n      security: [{key: []}]\n${created}`),
  },
  {
    name: 'an inherited empty root list: the operation gets its own list, the root stays',
    files: spec('3.0', `  /orders:\n    post:\n${created}`, 'security: []\n'),
    after: spec('3.0', `  /orders:\n    post:\n${created}      security:\n        - key: []\n`, 'security: []\n'),
  },
  {
    name: 'multi-file: the requirement is written into the fragment that holds the operation',
    files: {
      'api.yaml': spec('3.1', '  /orders:\n    $ref: "./paths/orders.yaml"\n'),
      'paths/orders.yaml': 'post:\n  operationId: createOrder\n  responses:\n    "201": { description: Created }\n',
    },
    after: { 'paths/orders.yaml': 'post:\n  operationId: createOrder\n  security:\n    - key: []\n  responses:\n    "201": { description: Created }\n' },
  },
  {
    name: 'several schemes: one action per scheme, none preferred; the chosen one is written',
    files: spec(
      '3.1',
      `  /orders:\n    post:\n${created}`,
    ).replace(
      '    key: { type: apiKey, name: X-Key, in: header }\n',
      '    key: { type: apiKey, name: X-Key, in: header }\n    bearer: { type: http, scheme: bearer }\n    oauth:\n      type: oauth2\n      flows: { clientCredentials: { tokenUrl: "https://auth.shop.test/token", scopes: { write: Write } } }\n',
    ),
    offered: ['Require "key"', 'Require "bearer"', 'Require "oauth" for this operation (then add the scopes it needs)', 'Mark as intentionally public'],
    title: 'Require "bearer"',
    after: spec('3.1', `  /orders:\n    post:\n${created}      security:\n        - bearer: []\n`).replace(
      '    key: { type: apiKey, name: X-Key, in: header }\n',
      '    key: { type: apiKey, name: X-Key, in: header }\n    bearer: { type: http, scheme: bearer }\n    oauth:\n      type: oauth2\n      flows: { clientCredentials: { tokenUrl: "https://auth.shop.test/token", scopes: { write: Write } } }\n',
    ),
  },
  {
    name: 'mark as intentionally public',
    files: spec('3.1', `  /health:\n    get:\n      tags: [ops]\n${ok}`),
    title: 'Mark as intentionally public',
    after: spec('3.1', `  /health:\n    get:\n      tags: [ops]\n      x-api-guard-public: true\n${ok}`),
  },
  {
    name: 'mark as intentionally public replaces a marker that is not true',
    files: spec('2.0', `  /health:\n    get:\n      x-api-guard-public: "yes"\n${ok}`),
    title: 'Mark as intentionally public',
    after: spec('2.0', `  /health:\n    get:\n      x-api-guard-public: true\n${ok}`),
  },
]);

describe(`${RULE} quick fix choices`, () => {
  const proposalsFor = (files: string, pointer: string) => {
    const outcome = lintFiles(files, { only: [RULE] });
    const finding = outcome.findings.find((candidate) => candidate.pointer === pointer);
    assert.ok(finding, `finding at ${pointer}`);
    return ruleFixes(outcome.analysis, finding);
  };

  it('is preferred and safe only with a single non-OAuth2 scheme; marking public never is', () => {
    const single = proposalsFor(spec('3.1', `  /orders:\n    post:\n${created}`), '/paths/~1orders/post');
    assert.deepEqual(single.map((p) => [p.title, p.isPreferred === true, p.safe === true]), [
      ['Require "key" for this operation', true, true],
      ['Mark as intentionally public (x-api-guard-public: true)', false, false],
    ]);
    const oauthOnly = proposalsFor(
      'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows: { clientCredentials: { tokenUrl: "https://auth.shop.test/token", scopes: {} } }\npaths:\n  /orders:\n    post:\n' + created,
      '/paths/~1orders/post',
    );
    assert.deepEqual(oauthOnly.map((p) => [p.isPreferred === true, p.safe === true]), [[true, false], [false, false]]);
  });

  it('does not offer a scheme that would make an admin operation share the credentials of ordinary ones', () => {
    const files = spec('3.0', `  /orders:\n    get:\n      security:\n        - key: []\n${ok}  /admin/users:\n    delete:\n${created}`).replace(
      '    key: { type: apiKey, name: X-Key, in: header }\n',
      '    key: { type: apiKey, name: X-Key, in: header }\n    adminKey: { type: apiKey, name: X-Admin-Key, in: header }\n',
    );
    const titles = proposalsFor(files, '/paths/~1admin~1users/delete').map((p) => p.title);
    assert.deepEqual(titles, ['Require "adminKey" for this operation', 'Mark as intentionally public (x-api-guard-public: true)']);
  });

  it('never lets "fix all" pick the credential of an admin operation', () => {
    const proposals = proposalsFor(spec('3.1', `  /admin/users:\n    delete:\n${created}`), '/paths/~1admin~1users/delete');
    assert.deepEqual(proposals.map((p) => [p.title, p.isPreferred === true, p.safe === true]), [
      ['Require "key" for this operation', true, false],
      ['Mark as intentionally public (x-api-guard-public: true)', false, false],
    ]);
  });

  it('offers only the marker when the API defines no scheme', () => {
    const titles = proposalsFor('openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n' + ok, '/paths/~1orders/get').map((p) => p.title);
    assert.deepEqual(titles, ['Mark as intentionally public (x-api-guard-public: true)']);
  });

  it('titles are German in a German session', () => {
    setLocale('de');
    try {
      const titles = proposalsFor(spec('3.1', `  /orders:\n    post:\n${created}`), '/paths/~1orders/post').map((p) => p.title);
      assert.deepEqual(titles, ['Für diese Operation "key" verlangen', 'Als bewusst öffentlich markieren (x-api-guard-public: true)']);
    } finally {
      setLocale('en');
    }
  });
});
