import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-admin-shared-scheme';
type Version = '2.0' | '3.0' | '3.1' | '3.2';
const VERSIONS: Version[] = ['2.0', '3.0', '3.1', '3.2'];

const ok = '      responses:\n        "200": { description: OK }\n';

/** Schemes: API keys `key` and `adminKey`, OAuth2 `oauth` with scopes read, write, admin. */
function spec(version: Version, paths: string, root = ''): string {
  const oauth20 = '{ type: oauth2, flow: application, tokenUrl: "https://a.example.com/t", scopes: { read: R, write: W, admin: A } }';
  const oauth3 = '{ type: oauth2, flows: { clientCredentials: { tokenUrl: "https://a.example.com/t", scopes: { read: R, write: W, admin: A } } } }';
  const schemes =
    version === '2.0'
      ? `securityDefinitions:\n  key: { type: apiKey, name: X-Key, in: header }\n  adminKey: { type: apiKey, name: X-Admin-Key, in: header }\n  oauth: ${oauth20}\n`
      : `components:\n  securitySchemes:\n    key: { type: apiKey, name: X-Key, in: header }\n    adminKey: { type: apiKey, name: X-Admin-Key, in: header }\n    oauth: ${oauth3}\n`;
  return `${version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}.0`}\ninfo: { title: Shop, version: "1" }\n${schemes}${root}paths:\n${paths}`;
}

const perVersion = (version: Version): RuleCase[] => [
  {
    name: `${version}: admin operations inheriting the key that ordinary operations use`,
    files: spec(version, `  /orders:\n    get:\n${ok}  /admin/users:\n    get:\n${ok}    delete:\n${ok}`, 'security:\n  - key: []\n'),
    expect: [
      { pointer: '/paths/~1admin~1users/get', severity: 'error', message: 'Admin operation GET /admin/users accepts the same credentials as non-admin operations such as GET /orders (scheme "key")' },
      { pointer: '/paths/~1admin~1users/delete', message: 'DELETE /admin/users' },
    ],
  },
  {
    name: `${version}: a separate admin scheme, or an admin scope nobody else requires`,
    files: spec(
      version,
      `  /orders:\n    get:\n      security:\n        - oauth: [read]\n        - key: []\n${ok}  /admin/users:\n    get:\n      security:\n        - adminKey: []\n${ok}    delete:\n      security:\n        - oauth: [admin]\n${ok}`,
    ),
    expect: [],
  },
  {
    name: `${version}: an OAuth2 scope that ordinary operations also require is shared`,
    files: spec(
      version,
      `  /orders:\n    post:\n      security:\n        - oauth: [read, write]\n${ok}  /admin/stats:\n    get:\n      security:\n        - oauth: [read]\n${ok}  /admin/config:\n    put:\n      security:\n        - oauth: []\n${ok}`,
    ),
    expect: [{ pointer: '/paths/~1admin~1stats/get', message: '"oauth"' }, { pointer: '/paths/~1admin~1config/put' }],
  },
];

ruleTable(RULE, [
  ...VERSIONS.flatMap(perVersion),
  {
    name: 'only a whole `admin` segment makes an admin path, in any case and position',
    files: spec(
      '3.1',
      `  /orders:\n    get:\n${ok}  /v1/Admin/{id}:\n    get:\n${ok}  /administrators:\n    get:\n${ok}  /admin-tools:\n    get:\n${ok}  /shop/admin:\n    get:\n${ok}`,
      'security:\n  - key: []\n',
    ),
    expect: [{ pointer: '/paths/~1v1~1Admin~1{id}/get' }, { pointer: '/paths/~1shop~1admin/get' }],
  },
  {
    name: 'an alternative requirement with a shared scheme is enough',
    files: spec('3.0', `  /orders:\n    get:\n${ok}  /admin:\n    post:\n      security:\n        - adminKey: []\n        - key: []\n${ok}`, 'security:\n  - key: []\n'),
    expect: [{ pointer: '/paths/~1admin/post', message: '(scheme "key")' }],
  },
  {
    name: 'unprotected admin operations and APIs without ordinary operations are left alone',
    files: spec('3.2', `  /admin/a:\n    get:\n      security: []\n${ok}  /admin/b:\n    get:\n${ok}`, 'security:\n  - key: []\n'),
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        swagger: '2.0',
        info: { title: 'x', version: '1' },
        securityDefinitions: { key: { type: 'apiKey', name: 'k', in: 'header' } },
        security: [{ key: [] }],
        paths: { '/a': { get: { responses: {} } }, '/admin': { delete: { responses: {} } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1admin/delete', line: 25 }],
  },
  {
    name: 'multi-file: the admin path item lives in another file',
    files: {
      'api.yaml': spec('3.1', `  /orders:\n    get:\n${ok}  /admin/users:\n    $ref: "admin.yaml#/users"\n`, 'security:\n  - key: []\n'),
      'admin.yaml': 'users:\n  delete:\n    responses:\n      "204": { description: Deleted }\n',
    },
    expect: [{ pointer: '/users/delete', file: 'admin.yaml', line: 1 }],
  },
  {
    name: 'suppressed by a comment and by x-api-guard-ignore on the path item',
    files: spec(
      '2.0',
      `  /orders:\n    get:\n${ok}  /admin/a:\n    # api-guard-ignore auth-admin-shared-scheme -- role check in the service\n    get:\n${ok}  /admin/b:\n    x-api-guard-ignore: [auth-admin-shared-scheme]\n    get:\n${ok}`,
      'security:\n  - key: []\n',
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1admin~1a/get' }, { pointer: '/paths/~1admin~1b/get' }],
  },
]);

describe(`${RULE} data and related locations`, () => {
  it('lists the shared schemes and the ordinary operation, and links to it and to the scheme', () => {
    const { findings } = lintFiles(spec('3.1', `  /orders:\n    get:\n${ok}  /admin:\n    delete:\n${ok}`, 'security:\n  - key: []\n'), { only: [RULE] });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].data, { method: 'delete', path: '/admin', schemes: ['key'], sharedWith: { method: 'get', path: '/orders' } });
    assert.deepEqual(
      findings[0].related?.map((item) => [item.range.start.line, item.message]),
      [
        [11, 'Non-admin operation GET /orders uses "key" too'],
        [4, 'Security scheme "key" is defined here'],
      ],
    );
  });
});
