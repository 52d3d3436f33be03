import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
