import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-no-scopes';
type Version = '2.0' | '3.0' | '3.1' | '3.2';
const VERSIONS: Version[] = ['2.0', '3.0', '3.1', '3.2'];

const ok = '      responses:\n        "200": { description: OK }\n';

/** `oauth` (scopes read, write) and an API key `key`; 3.x adds OpenID Connect `oidc`. */
function spec(version: Version, paths: string, root = ''): string {
  if (version === '2.0') {
    return `swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nsecurityDefinitions:\n  oauth: { type: oauth2, flow: application, tokenUrl: "https://a.example.com/t", scopes: { read: Read, write: Write } }\n  key: { type: apiKey, name: X-Key, in: header }\n${root}paths:\n${paths}`;
  }
  return [
    `openapi: ${version}.0`,
    'info: { title: Shop, version: "1" }',
    'components:',
    '  securitySchemes:',
    '    oauth:',
    '      type: oauth2',
    '      flows:',
    '        clientCredentials: { tokenUrl: "https://a.example.com/t", scopes: { read: Read, write: Write } }',
    '    key: { type: apiKey, name: X-Key, in: header }',
    '    oidc: { type: openIdConnect, openIdConnectUrl: "https://a.example.com/.well-known/openid-configuration" }',
    `${root}paths:`,
    paths,
  ].join('\n');
}

const perVersion = (version: Version): RuleCase[] => [
  {
    name: `${version}: an operation's own OAuth2 requirement without scopes`,
    files: spec(version, `  /orders:\n    delete:\n      security:\n        - oauth: []\n${ok}    put:\n      security:\n        - key: []\n          oauth: []\n${ok}`),
    expect: [
      { pointer: '/paths/~1orders/delete/security/0/oauth', severity: 'warning', message: 'DELETE /orders is protected by OAuth2 scheme "oauth" without any scope' },
      { pointer: '/paths/~1orders/put/security/0/oauth', message: 'PUT /orders' },
    ],
  },
  {
    name: `${version}: a write operation inherits the root requirement without scopes`,
    files: spec(version, `  /orders:\n    get:\n${ok}    post:\n${ok}    patch:\n      security:\n        - oauth: [write]\n${ok}`, 'security:\n  - oauth: []\n'),
    expect: [{ pointer: '/paths/~1orders/post', message: 'POST /orders inherits OAuth2 scheme "oauth" without any scope from the root security' }],
  },
  {
    name: `${version}: scopes given, read operations, API keys and unknown schemes are fine`,
    files: spec(
      version,
      `  /orders:\n    get:\n      security:\n        - oauth: []\n${ok}    post:\n      security:\n        - oauth: [write]\n        - key: []\n${ok}    delete:\n      security:\n        - other: []\n${ok}`,
    ),
    expect: [],
  },
];

ruleTable(RULE, [
  ...VERSIONS.flatMap(perVersion),
  {
    name: '3.x: an OpenID Connect requirement without scopes is not flagged',
    files: spec('3.1', `  /orders:\n    post:\n      security:\n        - oidc: []\n${ok}`),
    expect: [],
  },
  {
    name: '3.2: a custom method counts as a write operation, QUERY does not',
    files: spec('3.2', `  /orders:\n    query:\n${ok}    additionalOperations:\n      PURGE:\n${ok.replace(/^ {6}/gm, '        ')}`, 'security:\n  - oauth: []\n'),
    expect: [{ pointer: '/paths/~1orders/additionalOperations/PURGE', message: 'PURGE /orders' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        openapi: '3.0.3',
        info: { title: 'x', version: '1' },
        components: { securitySchemes: { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a.example.com/t', scopes: {} } } } } },
        paths: { '/a': { put: { security: [{ oauth: [] }], responses: {} } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1a/put/security/0/oauth' }],
  },
  {
    name: 'multi-file: the operation lives in another file',
    files: {
      'api.yaml': spec('3.1', '  /orders:\n    $ref: "orders.yaml"\n'),
      'orders.yaml': 'post:\n  security:\n    - oauth: []\n  responses:\n    "201": { description: Created }\n',
    },
    expect: [{ pointer: '/post/security/0/oauth', file: 'orders.yaml', line: 2 }],
  },
  {
    name: 'suppressed by a comment above the method and by x-api-guard-ignore',
    files: spec(
      '2.0',
      `  /orders:\n    # api-guard-ignore auth-no-scopes -- any partner may create orders\n    post:\n${ok}    delete:\n      x-api-guard-ignore: [auth-no-scopes]\n      security:\n        - oauth: []\n${ok}`,
      'security:\n  - oauth: []\n',
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1orders/post' }, { pointer: '/paths/~1orders/delete/security/0/oauth' }],
  },
]);

describe(`${RULE} data and related locations`, () => {
  it('gives the scheme, the scopes it offers, and links to the inherited root requirement', () => {
    const { findings } = lintFiles(spec('2.0', `  /orders:\n    post:\n${ok}`, 'security:\n  - oauth: []\n'), { only: [RULE] });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].data, { method: 'post', path: '/orders', scheme: 'oauth', inherited: true, availableScopes: ['read', 'write'] });
    assert.deepEqual(findings[0].related?.map((item) => [item.range.start.line, item.message]), [[6, 'The root security requires "oauth" with an empty scope list here']]);
  });
});
