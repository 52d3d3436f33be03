import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleFixes } from '../../../server/src/core/fixes/computeFixes';
import { fixTable } from '../helpers/fixTable';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-undefined-scope';
type Version = '2.0' | '3.0' | '3.1' | '3.2';

const ok = '      responses:\n        "200": { description: OK }\n';

/** 2.0: one `oauth` scheme (accessCode) with scopes read and write. */
function spec20(paths: string, root = ''): string {
  return [
    'swagger: "2.0"',
    'info: { title: Shop, version: "1" }',
    'securityDefinitions:',
    '  oauth:',
    '    type: oauth2',
    '    flow: accessCode',
    '    authorizationUrl: https://auth.example.com/authorize',
    '    tokenUrl: https://auth.example.com/token',
    '    scopes: { read: Read, write: Write }',
    '  oidcLike: { type: apiKey, name: X-Key, in: header }',
    root + 'paths:',
    paths,
  ].join('\n');
}

/** 3.x: `oauth` with read (authorizationCode) and write (clientCredentials), plus OIDC and a device flow. */
function spec3(version: Version, paths: string | undefined, root = ''): string {
  return [
    `openapi: ${version}.0`,
    'info: { title: Shop, version: "1" }',
    'components:',
    '  securitySchemes:',
    '    oauth:',
    '      type: oauth2',
    '      flows:',
    '        authorizationCode:',
    '          authorizationUrl: https://auth.example.com/authorize',
    '          tokenUrl: https://auth.example.com/token',
    '          scopes: { read: Read }',
    '        clientCredentials:',
    '          tokenUrl: https://auth.example.com/token',
    '          scopes: { write: Write }',
    '        deviceAuthorization:',
    '          deviceAuthorizationUrl: https://auth.example.com/device',
    '          tokenUrl: https://auth.example.com/token',
    '          scopes: { tv: Watch }',
    '    oidc: { type: openIdConnect, openIdConnectUrl: "https://auth.example.com/.well-known/openid-configuration" }',
    '    bearer: { type: http, scheme: bearer }',
    root + (paths === undefined ? 'paths: {}\n' : `paths:\n${paths}`),
  ].join('\n');
}

const per3 = (version: '3.0' | '3.1'): RuleCase[] => [
  {
    name: `${version}: scopes of all flows count; unknown scopes are flagged`,
    files: spec3(version, `  /orders:\n    post:\n      security:\n        - oauth: [read, write, delete]\n${ok}`, 'security:\n  - oauth: [admin]\n'),
    expect: [
      { pointer: '/security/0/oauth/0', message: 'Scope "admin" is not defined by OAuth2 scheme "oauth"' },
      { pointer: '/paths/~1orders/post/security/0/oauth/2', message: 'Scope "delete"' },
    ],
  },
  {
    name: `${version}: deviceAuthorization is not a flow before 3.2, so its scopes do not count`,
    files: spec3(version, `  /tv:\n    get:\n      security:\n        - oauth: [tv]\n${ok}`),
    expect: [{ pointer: '/paths/~1tv/get/security/0/oauth/0', message: '"tv"' }],
  },
];

ruleTable(RULE, [
  {
    name: '2.0: the scheme-level scopes are the defined ones',
    files: spec20(`  /orders:\n    get:\n      security:\n        - oauth: [read, admin]\n${ok}`, 'security:\n  - oauth: [write]\n'),
    expect: [{ pointer: '/paths/~1orders/get/security/0/oauth/1', message: 'Scope "admin" is not defined by OAuth2 scheme "oauth"' }],
  },
  {
    name: '2.0: scopes on a non-OAuth2 scheme are not checked',
    files: spec20(`  /orders:\n    get:\n      security:\n        - oidcLike: [anything]\n${ok}`),
    expect: [],
  },
  ...per3('3.0'),
  ...per3('3.1'),
  {
    name: '3.2: deviceAuthorization scopes count',
    files: spec3('3.2', `  /tv:\n    get:\n      security:\n        - oauth: [tv, read]\n        - oauth: [radio]\n${ok}`),
    expect: [{ pointer: '/paths/~1tv/get/security/1/oauth/0', message: '"radio"' }],
  },
  {
    name: '3.x: OpenID Connect scopes and 3.1 role lists of other schemes are not checked',
    files: spec3('3.1', `  /me:\n    get:\n      security:\n        - oidc: [openid, profile]\n        - bearer: [role:admin]\n${ok}`),
    expect: [],
  },
  {
    name: 'an undefined scheme is left to auth-undefined-scheme',
    files: spec3('3.0', `  /me:\n    get:\n      security:\n        - oauth2: [anything]\n${ok}`),
    expect: [],
  },
  {
    name: 'a scheme without readable flows keeps the rule quiet',
    files: 'openapi: 3.1.0\ninfo: { title: x, version: "1" }\ncomponents:\n  securitySchemes:\n    oauth: { type: oauth2 }\nsecurity:\n  - oauth: [read]\npaths: {}\n',
    expect: [],
  },
  {
    name: 'a flow with an empty scope map defines no scope',
    files: 'openapi: 3.1.0\ninfo: { title: x, version: "1" }\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        clientCredentials: { tokenUrl: "https://a.example.com/t", scopes: {} }\nsecurity:\n  - oauth: [read]\npaths: {}\n',
    expect: [{ pointer: '/security/0/oauth/0' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        swagger: '2.0',
        info: { title: 'x', version: '1' },
        securityDefinitions: { oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://a.example.com/t', scopes: { read: 'Read' } } },
        security: [{ oauth: ['read', 'write'] }],
        paths: {},
      },
      null,
      2,
    ),
    expect: [{ pointer: '/security/0/oauth/1', message: '"write"', line: 20 }],
  },
  {
    name: 'multi-file: scheme and operation live in other files',
    files: {
      'api.yaml': 'openapi: 3.0.3\ninfo: { title: x, version: "1" }\ncomponents:\n  securitySchemes:\n    oauth:\n      $ref: "auth.yaml#/oauth"\npaths:\n  /orders:\n    $ref: "orders.yaml"\n',
      'auth.yaml': 'oauth:\n  type: oauth2\n  flows:\n    clientCredentials:\n      tokenUrl: https://a.example.com/t\n      scopes:\n        orders:read: Read orders\n',
      'orders.yaml': 'get:\n  security:\n    - oauth: ["orders:read", "orders:write"]\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ pointer: '/get/security/0/oauth/1', file: 'orders.yaml', line: 2 }],
  },
  {
    name: 'suppressed by a comment and by x-api-guard-ignore',
    files: spec3(
      '3.1',
      `  /a:\n    get:\n      security:\n        # api-guard-ignore auth-undefined-scope -- provider scope\n        - oauth: [legacy]\n${ok}  /b:\n    get:\n      x-api-guard-ignore: [auth-undefined-scope]\n      security:\n        - oauth: [legacy]\n${ok}`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1a/get/security/0/oauth/0' }, { pointer: '/paths/~1b/get/security/0/oauth/0' }],
  },
]);

describe(`${RULE} data and related locations`, () => {
  it('names the scheme, the scope and the flows, and links to the scheme', () => {
    const { findings } = lintFiles(spec3('3.2', undefined, 'security:\n  - oauth: [admin]\n'), { only: [RULE] });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].data, { scheme: 'oauth', scope: 'admin', flows: ['clientCredentials', 'authorizationCode', 'deviceAuthorization'], version: '3.2' });
    assert.deepEqual(findings[0].related?.map((item) => [item.range.start.line, item.message]), [[4, 'The scopes of "oauth" are defined here']]);
  });

  it('links to the scheme in the file that defines it', () => {
    const outcome = lintFiles(
      {
        'api.yaml': 'swagger: "2.0"\ninfo: { title: x, version: "1" }\nsecurityDefinitions:\n  oauth:\n    $ref: "auth.yaml"\nsecurity:\n  - oauth: [write]\npaths: {}\n',
        'auth.yaml': 'type: oauth2\nflow: application\ntokenUrl: https://a.example.com/t\nscopes: { read: Read }\n',
      },
      { only: [RULE] },
    );
    assert.equal(outcome.findings.length, 1);
    assert.deepEqual(outcome.findings[0].data?.flows, ['application']);
    assert.equal(outcome.findings[0].related?.[0].uri, outcome.uri('auth.yaml'));
  });
});

/** 3.x with one authorizationCode flow whose scopes are a block map. */
const singleFlow = (version: Version, scopes: string, security: string) =>
  `openapi: ${version}.0\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://auth.example.com/authorize\n          tokenUrl: https://auth.example.com/token\n          scopes:\n${scopes}security:\n${security}paths: {}\n`;

fixTable(RULE, [
  {
    name: '3.1 block YAML, one flow: the scope is added to its map',
    files: singleFlow('3.1', '            read: Read orders\n', '  - oauth: [read, "orders:write"]\n'),
    offered: ['Define scope "orders:write" in "oauth"'],
    after: singleFlow('3.1', '            read: Read orders\n            orders:write: "TODO: describe"\n', '  - oauth: [read, "orders:write"]\n'),
  },
  {
    name: '3.0 block YAML with CRLF line endings',
    files: singleFlow('3.0', '            read: Read orders\n', '  - oauth: [admin]\n').replace(/\n/g, '\r\n'),
    after: singleFlow('3.0', '            read: Read orders\n            admin: "TODO: describe"\n', '  - oauth: [admin]\n').replace(/\n/g, '\r\n'),
  },
  {
    name: '2.0 flow-style scopes map',
    files: spec20(`  /orders:\n    delete:\n      security:\n        - oauth: [delete]\n${ok}`),
    after: spec20(`  /orders:\n    delete:\n      security:\n        - oauth: [delete]\n${ok}`).replace('scopes: { read: Read, write: Write }', 'scopes: { read: Read, write: Write, delete: "TODO: describe" }'),
  },
  {
    name: '3.x with several flows: one action per flow, the chosen flow gets the scope',
    files: spec3('3.1', undefined, 'security:\n  - oauth: [admin]\n'),
    offered: ['Define scope "admin" in the authorizationCode flow of "oauth"', 'Define scope "admin" in the clientCredentials flow of "oauth"'],
    title: 'in the clientCredentials flow',
    after: spec3('3.1', undefined, 'security:\n  - oauth: [admin]\n').replace('scopes: { write: Write }', 'scopes: { write: Write, admin: "TODO: describe" }'),
  },
  {
    name: '3.2 JSON',
    files: '{\n  "openapi": "3.2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "components": {\n    "securitySchemes": {\n      "oauth": {\n        "type": "oauth2",\n        "flows": {\n          "clientCredentials": {\n            "tokenUrl": "https://auth.example.com/token",\n            "scopes": {\n              "read": "Read"\n            }\n          }\n        }\n      }\n    }\n  },\n  "security": [{"oauth": ["write"]}],\n  "paths": {}\n}\n',
    after: '{\n  "openapi": "3.2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "components": {\n    "securitySchemes": {\n      "oauth": {\n        "type": "oauth2",\n        "flows": {\n          "clientCredentials": {\n            "tokenUrl": "https://auth.example.com/token",\n            "scopes": {\n              "read": "Read",\n              "write": "TODO: describe"\n            }\n          }\n        }\n      }\n    }\n  },\n  "security": [{"oauth": ["write"]}],\n  "paths": {}\n}\n',
  },
  {
    name: 'multi-file: the scope is defined in the file that holds the scheme',
    files: {
      'api.yaml': 'swagger: "2.0"\ninfo: { title: x, version: "1" }\nsecurityDefinitions:\n  oauth:\n    $ref: "auth.yaml"\nsecurity:\n  - oauth: [write]\npaths: {}\n',
      'auth.yaml': 'type: oauth2\nflow: application\ntokenUrl: https://a.example.com/t\nscopes:\n  read: Read\n',
    },
    after: { 'auth.yaml': 'type: oauth2\nflow: application\ntokenUrl: https://a.example.com/t\nscopes:\n  read: Read\n  write: "TODO: describe"\n' },
  },
]);

describe(`${RULE} quick fix choices`, () => {
  it('is preferred and safe with one flow, a choice with several', () => {
    const one = lintFiles(singleFlow('3.1', '            read: Read\n', '  - oauth: [write]\n'), { only: [RULE] });
    assert.deepEqual(ruleFixes(one.analysis, one.findings[0]).map((p) => [p.isPreferred === true, p.safe === true]), [[true, true]]);
    const several = lintFiles(spec3('3.0', undefined, 'security:\n  - oauth: [admin]\n'), { only: [RULE] });
    assert.deepEqual(ruleFixes(several.analysis, several.findings[0]).map((p) => [p.isPreferred === true, p.safe === true]), [[false, false], [false, false]]);
  });

  it('offers a flow whose scopes map is shared through $ref once', () => {
    const text = singleFlow('3.1', '            read: Read\n', '  - oauth: [write]\n').replace(
      '          scopes:\n            read: Read\n',
      '          scopes: { $ref: "#/components/x-scopes" }\n        clientCredentials:\n          tokenUrl: https://auth.example.com/token\n          scopes: { $ref: "#/components/x-scopes" }\n  x-scopes:\n    read: Read\n',
    );
    const outcome = lintFiles(text, { only: [RULE] });
    const proposals = ruleFixes(outcome.analysis, outcome.findings[0]);
    assert.deepEqual(proposals.map((p) => p.title), ['Define scope "write" in "oauth"']);
  });
});
